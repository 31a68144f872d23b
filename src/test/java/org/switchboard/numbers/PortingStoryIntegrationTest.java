package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.numbers.NumberFixtures.as;
import static org.switchboard.numbers.NumberFixtures.freshSubscriber;
import static org.switchboard.numbers.NumberFixtures.importSingles;
import static org.switchboard.numbers.NumberFixtures.operator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.numbers.InboundRoute.Target;
import org.switchboard.testing.Api.Response;
import org.switchboard.testing.Api;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;

/**
 * Porting as a story driven by the clock: two numbers are ported in for Tuesday 24 March 2038;
 * the releasing provider rejects the first request for a wrong address, the corrected request is
 * confirmed, nothing routes before the date, and on the date the numbers are active and a call to
 * the first reaches extension 101. Mails go to the customer's admin and its partner at each step.
 */
class PortingStoryIntegrationTest extends IntegrationTestBase {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A PNG's signature and a little more: what a scanner's file starts with. */
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

    @Autowired
    AccountFixtures accounts;
    @Autowired
    NumberRouting routing;
    @Autowired
    PortingCompletion porting;
    @Autowired
    RecordingPortingCarrier carrier;

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    @Test
    void twoNumbersArePortedAfterARejectionForAWrongAddressAndRouteFromThePortingDate() throws Exception {
        Response settings = operator(port).put("/api/v1/number-settings", Map.of("quarantineMonths", 6, "single",
                new BigDecimal("1.00"), "block10", new BigDecimal("5.00"), "block100", new BigDecimal("30.00"),
                "block1000", new BigDecimal("200.00"), "portingFeePerNumber", new BigDecimal("9.90")));
        assertThat(settings.status()).isEqualTo(200);
        PartnerAccount partner = accounts.verifiedPartner("Porting Partner");
        CustomerAccount customer = accounts.invitedCustomer(partner, "Huber Logistik GmbH", true);
        clock.set(berlin(2038, 3, 2, 9, 0)); // a Tuesday
        String instance = NumberFixtures.subscribe(port, customer, 5);
        Api admin = as(port, customer.email());
        assertThat(admin.post("/api/v1/instances/" + instance + "/subjects",
                Map.of("kind", "EMPLOYEE", "extension", "101", "name", "Anna Adler")).status()).isEqualTo(201);
        String first = "+4969" + freshSubscriber();
        String second = "+4969" + freshSubscriber();

        // Bad input: a date inside the 15 working days, one beyond 180 days, a number the platform holds.
        Map<String, Object> order = order(List.of(first, second), "Hauptstr. 5", "2038-03-10");
        Response early = admin.post("/api/v1/instances/" + instance + "/porting-orders", order);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.text("field")).isEqualTo("desiredDate");
        assertThat(early.text("detail")).contains("at least 15 working days ahead: 2038-03-23 or later");
        Response late = admin.post("/api/v1/instances/" + instance + "/porting-orders",
                order(List.of(first), "Hauptstr. 5", "2038-09-30"));
        assertThat(late.text("detail")).contains("at most 180 days ahead");
        String held = "+4969" + freshSubscriber();
        assertThat(importSingles(port, "Frankfurt am Main", held).status()).isEqualTo(201);
        Response ours = admin.post("/api/v1/instances/" + instance + "/porting-orders",
                order(List.of(first, held), "Hauptstr. 5", "2038-03-24"));
        assertThat(ours.status()).isEqualTo(409);
        assertThat(ours.text("detail")).contains("the platform holds").contains("nothing was saved");

        // The partner prepares the order with the customer; the assistant warns of the abbreviation.
        Response created = as(port, partner.email()).post("/api/v1/instances/" + instance + "/porting-orders",
                order(List.of(first, second), "Hauptstr. 5", "2038-03-24"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(created.json().path("warnings").toString()).contains("abbreviation (\\\"Hauptstr.\\\")");
        assertThat(routing.inbound(first)).isEmpty();

        // The form: every detail, a signature field and the seal box.
        byte[] pdf = admin.bytes("/api/v1/porting-orders/" + id + "/form");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Huber Logistik GmbH").contains("Hauptstr. 5, 60311 Frankfurt am Main")
                    .contains(PhoneNumbers.display(first)).contains(PhoneNumbers.display(second))
                    .contains("24.03.2038").contains("Company seal");
            assertThat(document.getDocumentCatalog().getAcroForm().getFields())
                    .anyMatch(f -> f instanceof PDSignatureField);
        }

        Response unsigned = admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of());
        assertThat(unsigned.status()).isEqualTo(409);
        assertThat(unsigned.text("detail")).contains("Upload the signed porting request form first");
        Response text = admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan.pdf",
                "application/pdf", "not a pdf at all".getBytes());
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.text("detail")).contains("not a PDF, PNG or JPEG");
        byte[] huge = new byte[PortingAssistant.MAX_UPLOAD_BYTES + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        Response tooLarge = admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan.jpg",
                "image/jpeg", huge);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.text("detail")).contains("larger than 5 MB");
        assertThat(admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan.png", "image/png", PNG)
                .status()).isEqualTo(200);
        Response submitted = admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
        // The carrier got the data and the signed scan.
        RecordingPortingCarrier.Forwarded toCarrier = carrier.forwardedFor(java.util.UUID.fromString(id)).get(0);
        assertThat(toCarrier.signedForm()).isEqualTo(PNG);
        assertThat(toCarrier.signedFormType()).isEqualTo("image/png");
        assertThat(toCarrier.request().street()).isEqualTo("Hauptstr. 5");
        assertThat(submitted.text("carrierReference")).isEqualTo(toCarrier.reference());
        accounts.mailTo(customer.email(), "Porting order submitted (Huber Logistik GmbH)");
        accounts.mailTo(partner.email(), "Porting order submitted (Huber Logistik GmbH)");

        // The operator sees the uploaded scan and enters the carrier's answer: the address is wrong.
        assertThat(operator(port).get("/api/v1/porting-orders").body()).contains(id);
        assertThat(operator(port).get("/api/v1/porting-orders/" + id + "/signed-form").contentType())
                .isEqualTo("image/png");
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/rejection", Map.of("code", "ADDRESS_WRONG")).status())
                .isEqualTo(403);
        Response rejected = operator(port).post("/api/v1/porting-orders/" + id + "/rejection",
                Map.of("code", "ADDRESS_WRONG", "text", "Anschrift weicht ab"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.text("whatToCorrect")).contains("exactly as on that provider's bill");
        assertThat(accounts.mailTo(customer.email(), "Porting rejected: Address wrong (Huber Logistik GmbH)").body())
                .contains("Anschrift weicht ab").contains("Enter it exactly as on that provider's bill");

        // Corrected: the form must be signed again before it goes out again.
        Response corrected = admin.put("/api/v1/porting-orders/" + id, order(List.of(first, second),
                "Hauptstraße 5", "2038-03-24"));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.text("status")).isEqualTo("REJECTED");
        assertThat(corrected.json().path("signedForm").isNull()).isTrue();
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of()).status()).isEqualTo(409);
        assertThat(admin.postFile("/api/v1/porting-orders/" + id + "/signed-form", "file", "scan2.png", "image/png", PNG)
                .status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/submission", Map.of()).text("status"))
                .isEqualTo("SUBMITTED");
        assertThat(carrier.forwardedFor(java.util.UUID.fromString(id))).hasSize(2)
                .last().satisfies(f -> assertThat(f.request().street()).isEqualTo("Hauptstraße 5"));

        Response confirmed = operator(port).post("/api/v1/porting-orders/" + id + "/confirmation",
                Map.of("portingDate", "2038-03-24"));
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        accounts.mailTo(partner.email(), "Porting confirmed for 2038-03-24 (Huber Logistik GmbH)");
        // Where the first number rings can be set ahead; nothing routes before the date.
        Response routed = admin.put("/api/v1/instances/" + instance + "/numbers/" + first + "/route",
                Map.of("target", "EXTENSION", "extensions", List.of("101")));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        clock.set(berlin(2038, 3, 23, 23, 0));
        porting.completeDue();
        assertThat(routing.inbound(first)).isEmpty();

        clock.set(berlin(2038, 3, 24, 0, 30));
        porting.completeDue(); // the hourly job may have been first: either way the order is completed once
        assertThat(admin.get("/api/v1/porting-orders/" + id).text("status")).isEqualTo("COMPLETED");
        InboundRoute route = routing.inbound(first).orElseThrow();
        assertThat(route.target()).isEqualTo(Target.EXTENSION);
        assertThat(route.extensions()).containsExactly("101");
        assertThat(route.instance().value().toString()).isEqualTo(instance);
        assertThat(routing.inbound(second).orElseThrow().target()).isEqualTo(Target.MAIN_LINE);
        accounts.mailTo(customer.email(), "Numbers ported (Huber Logistik GmbH)");
        JsonNode history = admin.get("/api/v1/porting-orders/" + id).json().path("history");
        assertThat(history.toString()).contains("DRAFT").contains("REJECTED").contains("CONFIRMED").contains("COMPLETED");

        // The porting fee, 2 x 9.90, is on the invoice of March.
        Response preview = admin.get("/api/v1/instances/" + instance + "/invoice-preview");
        assertThat(preview.body()).contains("Porting of 2 numbers").contains("19.8");

        // A completed order is not changed or cancelled any more.
        assertThat(admin.post("/api/v1/porting-orders/" + id + "/cancellation", Map.of()).status()).isEqualTo(409);
        assertThat(as(port, accounts.invitedCustomer(accounts.verifiedPartner()).email())
                .get("/api/v1/porting-orders/" + id).status()).isEqualTo(404);

        // Another order, submitted and cancelled: withdrawn at the carrier, its number free to port again.
        String third = "+4969" + freshSubscriber();
        String other = admin.post("/api/v1/instances/" + instance + "/porting-orders",
                order(List.of(third), "Hauptstraße 5", "2038-04-30")).text("id");
        admin.postFile("/api/v1/porting-orders/" + other + "/signed-form", "file", "scan.png", "image/png", PNG);
        assertThat(admin.post("/api/v1/porting-orders/" + other + "/submission", Map.of()).text("status"))
                .isEqualTo("SUBMITTED");
        assertThat(admin.post("/api/v1/porting-orders/" + other + "/cancellation", Map.of()).text("status"))
                .isEqualTo("CANCELLED");
        assertThat(carrier.withdrawn(java.util.UUID.fromString(other))).isTrue();
        accounts.mailTo(partner.email(), "Porting order cancelled (Huber Logistik GmbH)");
        assertThat(admin.post("/api/v1/instances/" + instance + "/porting-orders",
                order(List.of(third), "Hauptstraße 5", "2038-04-30")).status()).isEqualTo(201);
    }

    static Map<String, Object> order(List<String> numbers, String street, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("numbers", numbers.stream().map(n -> Map.of("number", n, "extensionDigits", 0)).toList());
        body.put("wholeContract", true);
        body.put("provider", "Deutsche Telekom");
        body.put("companyName", "Huber Logistik GmbH");
        body.put("street", street);
        body.put("postcode", "60311");
        body.put("city", "Frankfurt am Main");
        body.put("contractHolder", "Huber Logistik GmbH");
        body.put("providerCustomerNumber", "4711-0815");
        body.put("desiredDate", date);
        return body;
    }
}
