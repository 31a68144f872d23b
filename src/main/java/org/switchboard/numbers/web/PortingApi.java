package org.switchboard.numbers.web;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.PortingAssistant;
import org.switchboard.numbers.PortingAssistant.PortingInput;
import org.switchboard.numbers.PortingReview;
import org.switchboard.numbers.PortingOrder;
import org.switchboard.numbers.PortingRequest;
import org.switchboard.numbers.RejectionCode;
import org.switchboard.numbers.internal.PortingOrders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Porting", description = "Porting numbers in: the assistant, the request form, the order's life")
class PortingApi {

    record OrderView(UUID id, UUID instanceId, String status, PortingRequest request, int count, List<String> warnings,
            LocalDate portingDate, String carrierReference, String rejectionCode, String rejectionReason,
            String rejectionText, String whatToCorrect, PortingOrder.SignedForm signedForm, Instant createdAt,
            String createdBy, List<PortingOrder.Step> history) {

        static OrderView of(PortingOrder o) {
            RejectionCode code = o.rejectionCode();
            return new OrderView(o.id(), o.instanceId().value(), o.status().name(), o.request(), o.request().count(),
                    o.request().warnings(), o.portingDate(), o.carrierReference(), code == null ? null : code.name(),
                    code == null ? null : code.label(), o.rejectionText(), code == null ? null : code.explanation(),
                    o.signedForm(), o.createdAt(), o.createdBy(), o.history());
        }
    }

    record CheckView(List<String> warnings) {
    }

    record Confirmation(LocalDate portingDate) {
    }

    record Rejection(String code, String text) {
    }

    record ProviderBody(String name) {
    }

    record CodeView(String code, String label, String explanation) {
    }

    private final PortingAssistant assistant;
    private final PortingReview review;

    PortingApi(PortingAssistant assistant, PortingReview review) {
        this.assistant = assistant;
        this.review = review;
    }

    @GetMapping("/porting-providers")
    List<PortingOrders.Provider> providers() {
        return assistant.providers();
    }

    @PostMapping("/porting-providers")
    @Operation(summary = "Operator: add a releasing provider to the assistant's list")
    ResponseEntity<List<PortingOrders.Provider>> addProvider(CurrentUser user, @RequestBody ProviderBody body) {
        assistant.addProvider(user, body.name());
        return ResponseEntity.status(201).body(assistant.providers());
    }

    @GetMapping("/porting-rejection-codes")
    List<CodeView> codes() {
        return java.util.Arrays.stream(RejectionCode.values()).map(c -> new CodeView(c.name(), c.label(),
                c.explanation())).toList();
    }

    @PostMapping("/porting-checks")
    @Operation(summary = "Check the assistant's data without saving: 400 with every fault, or the warnings")
    CheckView check(@RequestBody PortingInput body) {
        return new CheckView(assistant.check(body));
    }

    @PostMapping("/instances/{id}/porting-orders")
    @Operation(summary = "Prepare a porting order {numbers: [{number, extensionDigits}], wholeContract, restCancelled,"
            + " provider, companyName, street, postcode, city, contractHolder, providerCustomerNumber, desiredDate,"
            + " atContractEnd}")
    ResponseEntity<OrderView> create(CurrentUser user, @PathVariable UUID id, @RequestBody PortingInput body) {
        PortingOrder o = assistant.create(user, new InstanceId(id), body);
        return ResponseEntity.created(URI.create("/api/v1/porting-orders/" + o.id())).body(OrderView.of(o));
    }

    @GetMapping("/instances/{id}/porting-orders")
    List<OrderView> ofInstance(CurrentUser user, @PathVariable UUID id) {
        return review.orders(user, new InstanceId(id)).stream().map(OrderView::of).toList();
    }

    @GetMapping("/porting-orders")
    @Operation(summary = "Operator: the porting queue (open orders)")
    List<OrderView> queue(CurrentUser user) {
        return review.queue(user).stream().map(OrderView::of).toList();
    }

    @GetMapping("/porting-orders/{orderId}")
    OrderView order(CurrentUser user, @PathVariable UUID orderId) {
        return OrderView.of(review.order(user, orderId));
    }

    @PutMapping("/porting-orders/{orderId}")
    @Operation(summary = "Correct a draft or rejected order (the form must be signed and uploaded again)")
    OrderView update(CurrentUser user, @PathVariable UUID orderId, @RequestBody PortingInput body) {
        return OrderView.of(assistant.update(user, orderId, body));
    }

    @GetMapping("/porting-orders/{orderId}/form")
    @Operation(summary = "The porting request form to sign and stamp (PDF)")
    ResponseEntity<byte[]> form(CurrentUser user, @PathVariable UUID orderId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"porting-request-" + orderId + ".pdf\"")
                .body(assistant.form(user, orderId));
    }

    @PostMapping(path = "/porting-orders/{orderId}/signed-form", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload the signed form (multipart field 'file': PDF, PNG or JPEG, at most 5 MB)")
    OrderView upload(CurrentUser user, @PathVariable UUID orderId, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        return OrderView.of(assistant.upload(user, orderId, file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getBytes()));
    }

    @GetMapping("/porting-orders/{orderId}/signed-form")
    ResponseEntity<byte[]> signedForm(CurrentUser user, @PathVariable UUID orderId) {
        PortingOrders.Document d = assistant.document(user, orderId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.name() + "\"").body(d.content());
    }

    @PostMapping("/porting-orders/{orderId}/submission")
    @Operation(summary = "Submit the order (with its signed form) to the carrier")
    OrderView submit(CurrentUser user, @PathVariable UUID orderId) {
        return OrderView.of(review.submit(user, orderId));
    }

    @PostMapping("/porting-orders/{orderId}/confirmation")
    @Operation(summary = "Operator, for the carrier: confirmed with {portingDate}")
    OrderView confirm(CurrentUser user, @PathVariable UUID orderId, @RequestBody Confirmation body) {
        return OrderView.of(review.confirm(user, orderId, body.portingDate()));
    }

    @PostMapping("/porting-orders/{orderId}/rejection")
    @Operation(summary = "Operator, for the carrier: rejected with {code, text}")
    OrderView reject(CurrentUser user, @PathVariable UUID orderId, @RequestBody Rejection body) {
        return OrderView.of(review.reject(user, orderId, body.code(), body.text()));
    }

    @PostMapping("/porting-orders/{orderId}/cancellation")
    OrderView cancel(CurrentUser user, @PathVariable UUID orderId) {
        return OrderView.of(review.cancel(user, orderId));
    }
}
