package org.switchboard.numbers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.numbers.PortingRequest.PortedNumbers;
import org.switchboard.numbers.documents.PortingRequestPdf;
import org.switchboard.numbers.internal.Charges;
import org.switchboard.numbers.internal.PortingOrders;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Links;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * Porting numbers in: the assistant's order (prepared by the customer admin or its partner), the
 * request form to sign, the signed scan, submission to the carrier, its answer, completion on the
 * porting date (the numbers become active on the instance and route calls), and a mail to the
 * customer's admins and its partner at each step.
 */
@Service
public class PortingManagement {

    private static final Logger log = LoggerFactory.getLogger(PortingManagement.class);

    /** The signed form may be this large at most. */
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

    /** One entry of the order: a number, with 0 (single) or 1-3 extension digits (a block from this base). */
    public record NumberInput(String number, Integer extensionDigits) {
    }

    /** The assistant's fields. */
    public record PortingInput(List<NumberInput> numbers, Boolean wholeContract, Boolean restCancelled,
            String provider, String companyName, String street, String postcode, String city, String contractHolder,
            String providerCustomerNumber, LocalDate desiredDate, Boolean atContractEnd) {
    }

    private final PortingOrders orders;
    private final Ranges ranges;
    private final Charges charges;
    private final NumberManagement numbers;
    private final InstanceManagement instances;
    private final CustomerDirectory customers;
    private final PortingCarrier carrier;
    private final Outbox outbox;
    private final Links links;
    private final Clock clock;
    private final TransactionTemplate tx;

    PortingManagement(PortingOrders orders, Ranges ranges, Charges charges, NumberManagement numbers,
            InstanceManagement instances, CustomerDirectory customers, PortingCarrier carrier, Outbox outbox,
            Links links, Clock clock, PlatformTransactionManager transactions) {
        this.orders = orders;
        this.ranges = ranges;
        this.charges = charges;
        this.numbers = numbers;
        this.instances = instances;
        this.customers = customers;
        this.carrier = carrier;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    @Transactional(readOnly = true)
    public List<PortingOrders.Provider> providers() {
        return orders.providers();
    }

    @Transactional
    public void addProvider(CurrentUser user, String name) {
        NumberManagement.requireOperator(user);
        new Validation().text("name", "Provider name", name, 200).throwIfInvalid();
        orders.addProvider(name.trim());
    }

    /** The checks of the assistant without saving: what is wrong (as an exception) and the warnings. */
    public List<String> check(PortingInput input) {
        return validated(input, today()).warnings();
    }

    @Transactional
    public PortingOrder create(CurrentUser user, InstanceId id, PortingInput input) {
        InstanceDetails details = preparing(user, id);
        if (details.instance().status() == InstanceStatus.DEACTIVATED
                || details.instance().status() == InstanceStatus.DELETED) {
            throw new RefusedException("instance", "Numbers cannot be ported to a deactivated phone system.");
        }
        PortingRequest request = validated(input, today());
        UUID orderId = UUID.randomUUID();
        Instant now = clock.instant();
        orders.insert(orderId, details.instance().customerId(), id, request, now, user.email());
        hold(orderId, details, request, now, user);
        orders.step(orderId, now, user.email(), PortingStatus.DRAFT, "prepared");
        return orders.find(orderId).orElseThrow();
    }

    /** Corrects the data of a draft or a rejected order; the form must be signed and uploaded again. */
    @Transactional
    public PortingOrder update(CurrentUser user, UUID orderId, PortingInput input) {
        PortingOrder order = locked(user, orderId, true);
        order.requireEditable();
        InstanceDetails details = instances.instance(user, order.instanceId());
        PortingRequest request = validated(input, today());
        Instant now = clock.instant();
        for (UUID range : orders.ranges(orderId)) {
            ranges.deletePorted(range);
        }
        orders.unlinkRanges(orderId);
        orders.update(orderId, request, now);
        hold(orderId, details, request, now, user);
        orders.step(orderId, now, user.email(), order.status(), "corrected; the form must be signed again");
        return orders.find(orderId).orElseThrow();
    }

    /** The order's numbers are held as PORTING_IN ranges, so no number is ported twice or handed out meanwhile. */
    private void hold(UUID orderId, InstanceDetails details, PortingRequest request, Instant now, CurrentUser user) {
        ranges.lockInventory();
        for (PortedNumbers n : request.numbers()) {
            Optional<String> clash = ranges.clash(n.base());
            if (clash.isPresent()) {
                throw new ConflictException("numbers", n.label() + ": the platform holds " + PhoneNumbers.display(clash.get())
                        + " already (on a phone system or in a porting order): nothing was saved.");
            }
            NumberRange range = new NumberRange(UUID.randomUUID(), NumberRange.Source.PORTED, n.kind(), n.base(),
                    n.extensionDigits(), PhoneNumbers.country(n.base()),
                    PhoneNumbers.areaCode(n.base() + "0".repeat(n.extensionDigits())).orElse(""), request.city(),
                    NumberState.PORTING_IN, details.instance().customerId(), details.instance().id(), null, null, null,
                    now);
            ranges.insert(range, user.email());
            orders.linkRange(orderId, range.id());
        }
    }

    private PortingRequest validated(PortingInput in, LocalDate today) {
        Validation v = new Validation();
        List<PortedNumbers> list = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (in.numbers() == null || in.numbers().isEmpty()) {
            v.reject("numbers", "List the numbers to port");
        } else if (in.numbers().size() > 100) {
            v.reject("numbers", "At most 100 entries in one order");
        } else {
            for (NumberInput n : in.numbers()) {
                int digits = n.extensionDigits() == null ? 0 : n.extensionDigits();
                if (digits < 0 || digits > 3) {
                    v.reject("numbers", "A block has 1, 2 or 3 extension digits");
                    continue;
                }
                PhoneNumbers.Checked base = PhoneNumbers.checkGeographic(n.number(), "DE");
                if (!base.ok()) {
                    v.reject("numbers", base.problem());
                    continue;
                }
                if (digits > 0) {
                    PhoneNumbers.Checked last = PhoneNumbers.checkGeographic(base.e164() + "9".repeat(digits), "DE");
                    if (!last.ok()) {
                        v.reject("numbers", "Block " + PhoneNumbers.display(base.e164()) + ": " + last.problem());
                        continue;
                    }
                }
                if (!seen.add(base.e164())) {
                    v.reject("numbers", PhoneNumbers.display(base.e164()) + " is listed twice");
                    continue;
                }
                list.add(new PortedNumbers(base.e164(), digits));
            }
        }
        boolean whole = Boolean.TRUE.equals(in.wholeContract());
        boolean restCancelled = Boolean.TRUE.equals(in.restCancelled());
        v.check(whole || restCancelled, "restCancelled", "Either these are all numbers of the contract, or confirm that"
                + " the contract's other numbers are cancelled with the porting");
        v.text("provider", "Releasing provider", in.provider(), 200);
        v.text("companyName", "Company name", in.companyName(), 200);
        v.text("street", "Street and number", in.street(), 200);
        v.text("postcode", "Postcode", in.postcode(), 10);
        v.text("city", "City", in.city(), 100);
        v.text("contractHolder", "Contract holder", in.contractHolder(), 200);
        v.optionalText("providerCustomerNumber", "Customer number", in.providerCustomerNumber(), 50);
        if (in.postcode() != null && !in.postcode().isBlank() && !in.postcode().trim().matches("[0-9]{5}")) {
            v.reject("postcode", "A German postcode has 5 digits");
        }
        boolean atEnd = Boolean.TRUE.equals(in.atContractEnd());
        String dateProblem = PortingCalendar.problem(in.desiredDate(), today, atEnd);
        if (dateProblem != null) {
            v.reject("desiredDate", dateProblem);
        }
        v.throwIfInvalid();
        return new PortingRequest(list, whole, restCancelled && !whole, in.provider().trim(), in.companyName().trim(),
                in.street().trim(), in.postcode().trim(), in.city().trim(), in.contractHolder().trim(),
                Validation.trimToNull(in.providerCustomerNumber()), in.desiredDate(), atEnd);
    }

    // ---- the form and the signed scan ----------------------------------------------------------

    @Transactional(readOnly = true)
    public byte[] form(CurrentUser user, UUID orderId) {
        PortingOrder order = visible(user, orderId);
        String name = customers.find(order.customerId()).map(Customer::name).orElse("");
        return PortingRequestPdf.render(order, name);
    }

    /** Keeps the signed scan with the order: a PDF, PNG or JPEG (by its content, not its name) of at most 5 MB. */
    @Transactional
    public PortingOrder upload(CurrentUser user, UUID orderId, String filename, byte[] content) {
        PortingOrder order = locked(user, orderId, true);
        order.requireEditable();
        if (content == null || content.length == 0) {
            throw new InvalidInputException("document", "Choose the signed form to upload");
        }
        if (content.length > MAX_UPLOAD_BYTES) {
            throw new InvalidInputException("document", "The file is larger than 5 MB: scan it at a lower resolution");
        }
        String type = SignedForms.typeOf(content);
        if (type == null) {
            throw new InvalidInputException("document", "The file is not a PDF, PNG or JPEG image");
        }
        String name = filename == null || filename.isBlank() ? "signed-form" : filename.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 200) {
            name = name.substring(name.length() - 200);
        }
        Instant now = clock.instant();
        orders.attach(orderId, name, type, content, now);
        orders.step(orderId, now, user.email(), order.status(), "signed form uploaded (" + name + ")");
        return orders.find(orderId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public PortingOrders.Document document(CurrentUser user, UUID orderId) {
        visible(user, orderId);
        return orders.document(orderId).orElseThrow(() -> new NotFoundException("No signed form was uploaded yet."));
    }

    // ---- the order's life ----------------------------------------------------------------------

    @Transactional
    public PortingOrder submit(CurrentUser user, UUID orderId) {
        PortingOrder order = locked(user, orderId, true);
        order.requireSubmittable();
        String dateProblem = PortingCalendar.problem(order.request().desiredDate(), today(),
                order.request().atContractEnd());
        if (dateProblem != null) {
            throw new InvalidInputException("desiredDate", dateProblem + ": correct the date, sign and upload again");
        }
        PortingOrders.Document signed = orders.document(orderId).orElseThrow();
        String reference = carrier.forward(orderId, order.request(), signed.content(), signed.contentType());
        Instant now = clock.instant();
        boolean again = order.status() == PortingStatus.REJECTED;
        orders.submitted(orderId, reference, now);
        orders.step(orderId, now, user.email(), PortingStatus.SUBMITTED, (again ? "submitted again" : "submitted")
                + ", carrier reference " + reference);
        PortingOrder submitted = orders.find(orderId).orElseThrow();
        tell(submitted, "Porting order submitted", "the porting order for " + submitted.numbersLabel()
                + " from " + submitted.request().provider() + " was " + (again ? "submitted again" : "submitted")
                + ". The releasing provider answers within a few working days; we tell you its answer.");
        return submitted;
    }

    /** The carrier's answer: the releasing provider agreed to port on {@code portingDate}. */
    @Transactional
    public PortingOrder confirm(CurrentUser user, UUID orderId, LocalDate portingDate) {
        NumberManagement.requireOperator(user);
        PortingOrder order = orders.lock(orderId).orElseThrow(() -> notFound(orderId));
        order.requireSubmitted();
        if (portingDate == null || portingDate.isBefore(today())) {
            throw new InvalidInputException("portingDate", "The porting date is required and may not be in the past");
        }
        Instant now = clock.instant();
        orders.confirmed(orderId, portingDate, now);
        orders.step(orderId, now, user.email(), PortingStatus.CONFIRMED, "porting date " + portingDate);
        PortingOrder confirmed = orders.find(orderId).orElseThrow();
        tell(confirmed, "Porting confirmed for " + portingDate, "the releasing provider "
                + confirmed.request().provider() + " confirmed the porting of " + confirmed.numbersLabel() + " on "
                + portingDate + ". From that day calls to these numbers reach your phone system; set where they "
                + "ring on the numbers page now.");
        return confirmed;
    }

    /** The carrier's answer: refused with the releasing provider's reason. */
    @Transactional
    public PortingOrder reject(CurrentUser user, UUID orderId, String code, String text) {
        NumberManagement.requireOperator(user);
        PortingOrder order = orders.lock(orderId).orElseThrow(() -> notFound(orderId));
        RejectionCode reason;
        try {
            reason = RejectionCode.valueOf(code == null ? "" : code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("code", "Reason must be one of " + java.util.Arrays.toString(RejectionCode.values()));
        }
        String note = Validation.trimToNull(text);
        Validation v = new Validation().optionalText("text", "Text", note, 1000);
        v.check(reason != RejectionCode.OTHER || note != null, "text", "Give the provider's reason in words");
        v.throwIfInvalid();
        order.requireSubmitted();
        Instant now = clock.instant();
        orders.rejected(orderId, reason, note, now);
        orders.step(orderId, now, user.email(), PortingStatus.REJECTED, reason.label() + (note == null ? "" : ": " + note));
        PortingOrder rejected = orders.find(orderId).orElseThrow();
        tell(rejected, "Porting rejected: " + reason.label(), "the releasing provider " + rejected.request().provider()
                + " rejected the porting of " + rejected.numbersLabel() + ".\n\nReason: " + reason.label()
                + (note == null ? "" : " (" + note + ")") + "\n\nWhat to do: " + reason.explanation()
                + "\n\nCorrect the order in the porting assistant, sign the new form and submit it again.");
        return rejected;
    }

    @Transactional
    public PortingOrder cancel(CurrentUser user, UUID orderId) {
        PortingOrder order = locked(user, orderId, true);
        order.requireCancellable();
        for (UUID range : orders.ranges(orderId)) {
            ranges.deletePorted(range);
        }
        orders.unlinkRanges(orderId);
        if (order.status() == PortingStatus.SUBMITTED || order.status() == PortingStatus.CONFIRMED) {
            carrier.withdraw(orderId, order.carrierReference());
        }
        Instant now = clock.instant();
        orders.setStatus(orderId, PortingStatus.CANCELLED, now);
        orders.step(orderId, now, user.email(), PortingStatus.CANCELLED, "cancelled");
        PortingOrder cancelled = orders.find(orderId).orElseThrow();
        tell(cancelled, "Porting order cancelled", "the porting order for " + order.numbersLabel() + " was cancelled by "
                + user.email() + ". The numbers stay with " + order.request().provider() + ".");
        return cancelled;
    }

    /**
     * Completes the confirmed orders whose porting date has come: their numbers become active on
     * the instance (and route calls), numbers beyond the included ones start to cost, the porting
     * fee is charged. Any node may run it: each order is claimed with {@code SKIP LOCKED}.
     */
    @Scheduled(cron = "${switchboard.numbers.porting-cron:0 5 * * * *}", zone = "${switchboard.time-zone:Europe/Berlin}")
    public int completeDue() {
        int done = 0;
        while (true) {
            Integer batch = tx.execute(s -> {
                List<UUID> due = orders.claimDue(today(), 20);
                due.forEach(this::complete);
                return due.size();
            });
            if (batch == null || batch == 0) {
                return done;
            }
            done += batch;
        }
    }

    private void complete(UUID orderId) {
        PortingOrder order = orders.find(orderId).orElseThrow();
        if (!order.dueOn(today())) {
            return;
        }
        Instant now = clock.instant();
        for (UUID range : orders.ranges(orderId)) {
            ranges.activatePorted(range, now);
        }
        orders.setStatus(orderId, PortingStatus.COMPLETED, now);
        orders.step(orderId, now, "system", PortingStatus.COMPLETED, "ported on " + order.portingDate());
        Money fee = ranges.prices().portingFeePerNumber();
        int count = order.request().count();
        if (fee.greaterThanZero()) {
            charges.addFee(order.customerId(), order.instanceId(), "Porting of " + count + " number"
                    + (count == 1 ? "" : "s") + " (" + order.numbersLabel() + ")", fee.times(count), now);
        }
        numbers.recharge(order.instanceId(), now);
        log.info("Porting order {} completed: {} numbers active", orderId, count);
        tell(order, "Numbers ported", "the numbers " + order.numbersLabel() + " were ported from "
                + order.request().provider() + " today and are active on your phone system: calls to them reach it now.");
    }

    // ---- reading -------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public PortingOrder order(CurrentUser user, UUID orderId) {
        return visible(user, orderId);
    }

    @Transactional(readOnly = true)
    public List<PortingOrder> orders(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return orders.ofInstance(id);
    }

    /** Operators: the open orders, oldest change first. */
    @Transactional(readOnly = true)
    public List<PortingOrder> queue(CurrentUser user) {
        NumberManagement.requireOperator(user);
        return orders.byStatus(List.of("SUBMITTED", "CONFIRMED", "REJECTED", "DRAFT"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private InstanceDetails preparing(CurrentUser user, InstanceId id) {
        InstanceDetails details = instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isPartner() && !user.isOperator()) {
            throw new ForbiddenException("Only the customer's admins and its partner prepare porting orders.");
        }
        return details;
    }

    private PortingOrder visible(CurrentUser user, UUID orderId) {
        PortingOrder order = orders.find(orderId).orElseThrow(() -> notFound(orderId));
        try {
            instances.instance(user, order.instanceId());
        } catch (NotFoundException e) {
            throw notFound(orderId);
        }
        return order;
    }

    private PortingOrder locked(CurrentUser user, UUID orderId, boolean preparing) {
        PortingOrder seen = visible(user, orderId);
        if (preparing) {
            preparing(user, seen.instanceId());
        }
        return orders.lock(orderId).orElseThrow(() -> notFound(orderId));
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("There is no porting order " + id);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A mail to the customer's admins and its partner's admins, in the caller's transaction. */
    private void tell(PortingOrder order, String subject, String what) {
        Optional<Customer> customer = customers.find(order.customerId());
        Set<String> to = new LinkedHashSet<>(customers.adminEmails(order.customerId()));
        customer.map(Customer::partnerId).ifPresent(p -> to.addAll(customers.partnerAdminEmails(p)));
        String link = links.to("/numbers/porting/" + order.id());
        String name = customer.map(Customer::name).orElse("");
        for (String email : to) {
            outbox.send(new OutgoingMail(email, subject + " (" + name + ")", "Hello,\n\n" + what + "\n\nThe order: "
                    + link + "\n\nSwitchboard numbers", List.of(link)));
        }
    }
}
