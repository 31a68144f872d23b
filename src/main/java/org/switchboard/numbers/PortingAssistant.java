package org.switchboard.numbers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.numbers.PortingRequest.PortedNumbers;
import org.switchboard.numbers.documents.PortingRequestPdf;
import org.switchboard.numbers.internal.PortingOrders;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * The porting assistant: the order's data (prepared by the customer admin or its partner),
 * checked with its warnings, its numbers held at once, corrections, the request form to sign and
 * the signed scan.
 */
@Service
public class PortingAssistant {

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
    private final PortingAccess access;
    private final InstanceManagement instances;
    private final CustomerDirectory customers;
    private final Clock clock;
    private final TrunkStore trunks;

    PortingAssistant(PortingOrders orders, Ranges ranges, PortingAccess access, InstanceManagement instances,
            CustomerDirectory customers, Clock clock, TrunkStore trunks) {
        this.trunks = trunks;
        this.orders = orders;
        this.ranges = ranges;
        this.access = access;
        this.instances = instances;
        this.customers = customers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<PortingOrders.Provider> providers() {
        return orders.providers();
    }

    @Transactional
    public void addProvider(CurrentUser user, String name) {
        NumberInventory.requireOperator(user);
        new Validation().text("name", "Provider name", name, 200).throwIfInvalid();
        orders.addProvider(name.trim());
    }

    /** The checks of the assistant without saving: what is wrong (as an exception) and the warnings. */
    public List<String> check(PortingInput input) {
        return validated(input, today()).warnings();
    }

    @Transactional
    public PortingOrder create(CurrentUser user, InstanceId id, PortingInput input) {
        InstanceDetails details = access.preparing(user, id);
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
        PortingOrder order = access.locked(user, orderId, true);
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

    /**
     * The order's numbers are held as PORTING_IN ranges, so no number is ported twice or handed out
     * meanwhile; a number another customer's trunk carries is refused.
     */
    private void hold(UUID orderId, InstanceDetails details, PortingRequest request, Instant now, CurrentUser user) {
        ranges.lockInventory();
        for (PortedNumbers n : request.numbers()) {
            Optional<String> clash = ranges.clash(n.base());
            if (clash.isPresent()) {
                throw new ConflictException("numbers", n.label() + ": the platform holds " + PhoneNumbers.display(clash.get())
                        + " already (on a phone system or in a porting order): nothing was saved.");
            }
            // the instance's own trunk may carry the number until it is ported (then it leaves the trunk);
            // another customer's trunk may not
            Optional<TrunkStore.Carried> carried = trunks.clash(n.base());
            if (carried.isPresent() && !carried.get().instance().equals(details.instance().id())) {
                throw new ConflictException("numbers", n.label() + ": " + PhoneNumbers.display(carried.get().e164())
                        + " is carried by another customer's own trunk: nothing was saved.");
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
        PortingOrder order = access.visible(user, orderId);
        String name = customers.find(order.customerId()).map(Customer::name).orElse("");
        return PortingRequestPdf.render(order, name);
    }

    /** Keeps the signed scan with the order: a PDF, PNG or JPEG (by its content, not its name) of at most 5 MB. */
    @Transactional
    public PortingOrder upload(CurrentUser user, UUID orderId, String filename, byte[] content) {
        PortingOrder order = access.locked(user, orderId, true);
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
        access.visible(user, orderId);
        return orders.document(orderId).orElseThrow(() -> new NotFoundException("No signed form was uploaded yet."));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
