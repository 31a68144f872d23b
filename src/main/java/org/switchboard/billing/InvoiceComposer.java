package org.switchboard.billing;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.Invoice.BillTo;
import org.switchboard.instances.InstanceId;

/**
 * Composes what an invoice says, for the run, the preview of the open month and the invoices to
 * partners alike: a customer's lines of a month (from its subscription timelines and rated airtime,
 * by {@link InvoicePolicy}), the lines a CSP partner buys for its customers, to whom a document is
 * addressed (bill-to as it is now), its VAT treatment, and the draft with its kind and totals. It
 * writes nothing: the run claims, stores, numbers and publishes.
 */
@Component
public class InvoiceComposer {

    /** Whom a document is addressed to and the VAT treatment that follows from the address and VAT ID. */
    public record Recipient(BillTo billTo, VatPolicy.Treatment treatment) {

        static Recipient of(String name, org.switchboard.accounts.Address address, String vatId) {
            return new Recipient(new BillTo(name, address.street(), address.postcode(), address.city(),
                    address.country(), vatId), VatPolicy.treatment(address.country(), vatId));
        }
    }

    private final CustomerDirectory customers;
    private final NumberLines numberLines;
    private final BillingCalendar calendar;

    InvoiceComposer(CustomerDirectory customers, NumberLines numberLines, Clock clock) {
        this.customers = customers;
        this.numberLines = numberLines;
        this.calendar = new BillingCalendar(clock.getZone());
    }

    /**
     * Each customer's lines of {@code month}: per customer, the lines of its instances' timelines
     * and of their airtime, then its number lines (numbers beyond the included ones, porting fees).
     * Customers without any line are left out; the order is the given one.
     */
    public Map<UUID, List<InvoiceLine>> customerLines(YearMonth month, Collection<UUID> ofCustomers,
            Map<UUID, List<SubscriptionTimeline>> timelines, List<AirtimeSummary> airtime) {
        Map<InstanceId, List<AirtimeSummary>> byInstance = airtime.stream()
                .collect(Collectors.groupingBy(AirtimeSummary::instanceId));
        Map<UUID, List<InvoiceLine>> numbers = numberLines.of(month, List.copyOf(ofCustomers));
        Map<UUID, List<InvoiceLine>> lines = new LinkedHashMap<>();
        for (UUID customer : ofCustomers) {
            List<InvoiceLine> own = NumberLines.with(lines(month, timelines.getOrDefault(customer, List.of()), byInstance),
                    numbers.get(customer));
            if (!own.isEmpty()) {
                lines.put(customer, own);
            }
        }
        return lines;
    }

    /** One instance's lines of the open month for the preview, its number lines included. */
    public List<InvoiceLine> previewLines(YearMonth month, CustomerId customer, InstanceId instance,
            List<SubscriptionTimeline> timelines, Map<InstanceId, List<AirtimeSummary>> airtimeByInstance) {
        List<InvoiceLine> numbers = numberLines.of(month, List.of(customer.value()))
                .getOrDefault(customer.value(), List.of()).stream().filter(l -> instance.equals(l.instanceId())).toList();
        return NumberLines.with(lines(month, timelines, airtimeByInstance), numbers);
    }

    /** The lines of some instances (one customer's) of {@code month}, with the airtime of those instances. */
    public List<InvoiceLine> lines(YearMonth month, List<SubscriptionTimeline> timelines,
            Map<InstanceId, List<AirtimeSummary>> airtimeByInstance) {
        List<AirtimeSummary> own = timelines.stream()
                .flatMap(t -> airtimeByInstance.getOrDefault(t.instanceId(), List.of()).stream()).toList();
        return InvoicePolicy.compose(month, calendar, timelines, own);
    }

    /**
     * What a CSP partner (or, with {@code buyer} null, a partner with charges only) is invoiced:
     * its customers' lines at wholesale, labelled with the customer's name, then its charges.
     */
    public List<PartnerInvoicePolicy.PartnerLine> partnerLines(WholesaleTermsProvider.WholesaleBuyer buyer,
            Map<UUID, List<InvoiceLine>> retailByCustomer, List<PartnerChargeProvider.PartnerCharge> charges) {
        List<PartnerInvoicePolicy.CustomerLines> bought = new ArrayList<>();
        if (buyer != null) {
            retailByCustomer.forEach((customer, retail) -> {
                CustomerId id = new CustomerId(customer);
                bought.add(new PartnerInvoicePolicy.CustomerLines(id, customerName(id), retail));
            });
        }
        return PartnerInvoicePolicy.compose(buyer, bought, charges);
    }

    /** A customer's lines as its CSP partner buys them (the preview shows these to the partner). */
    public List<InvoiceLine> wholesale(WholesaleTermsProvider.WholesaleBuyer buyer, Customer customer,
            List<InvoiceLine> retail) {
        return PartnerInvoicePolicy.wholesale(buyer,
                new PartnerInvoicePolicy.CustomerLines(customer.id(), customer.name(), retail));
    }

    public Recipient recipient(Customer customer) {
        return Recipient.of(customer.name(), customer.billingAddress(), customer.vatId());
    }

    public Recipient recipient(Partner partner) {
        return Recipient.of(partner.name(), partner.address(), partner.vatId());
    }

    /** The draft of a customer's invoice of {@code month}, addressed as the customer is now. */
    public Invoice customerDraft(CustomerId customerId, YearMonth month, List<InvoiceLine> lines) {
        Customer customer = customers.find(customerId).orElseThrow();
        return draft(customerId, customer.partnerId(), month, recipient(customer), lines);
    }

    /**
     * The drafts of many customers' invoices of {@code month} (a batch of the run), addressed as
     * they are now, the customers read in one query; by customer id, in the order of {@code lines}.
     */
    public Map<UUID, Invoice> customerDrafts(YearMonth month, Map<UUID, List<InvoiceLine>> lines) {
        Map<CustomerId, Customer> found = customers.findAll(lines.keySet().stream().map(CustomerId::new).toList());
        Map<UUID, Invoice> drafts = new LinkedHashMap<>();
        lines.forEach((id, own) -> {
            Customer customer = found.get(new CustomerId(id));
            if (customer == null) {
                throw new IllegalStateException("The customer " + id + " of the run is not known.");
            }
            drafts.put(id, draft(customer.id(), customer.partnerId(), month, recipient(customer), own));
        });
        return drafts;
    }

    /** The draft of a partner's invoice of {@code month}; it pays by bank transfer. */
    public Invoice partnerDraft(PartnerId partnerId, YearMonth month, List<InvoiceLine> lines) {
        Partner partner = customers.partner(partnerId).orElseThrow();
        return draft(null, partnerId, month, recipient(partner), lines);
    }

    /** A month with a negative net gives a credit note instead of an invoice. */
    static Invoice draft(CustomerId customerId, PartnerId partnerId, YearMonth month, Recipient to,
            List<InvoiceLine> lines) {
        InvoiceTotals totals = InvoiceTotals.of(lines, to.treatment());
        Invoice.Kind kind = totals.net().amount().signum() < 0 ? Invoice.Kind.CREDIT_NOTE : Invoice.Kind.INVOICE;
        return new Invoice(UUID.randomUUID(), customerId, partnerId, month, kind, null, null, null, to.billTo(), lines,
                totals);
    }

    private String customerName(CustomerId id) {
        return customers.find(id).map(Customer::name).orElse("");
    }
}
