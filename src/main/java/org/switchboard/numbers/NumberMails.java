package org.switchboard.numbers;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.Links;

/** The mails of numbers: to the customer's admins and its partner's admins, sent with the caller's transaction. */
@Component
class NumberMails {

    private final CustomerDirectory customers;
    private final Outbox outbox;
    private final Links links;

    NumberMails(CustomerDirectory customers, Outbox outbox, Links links) {
        this.customers = customers;
        this.outbox = outbox;
        this.links = links;
    }

    /** A mail to the customer's admins and its partner's admins, in the caller's transaction. */
    void porting(PortingOrder order, String subject, String what) {
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

    /**
     * A step of a number porting out: to the customer's admins, its partner's admins and the
     * operator who entered it (the range as it was before the step, so still the customer's).
     */
    void portingOut(NumberRange range, CurrentUser operator, String subject, String what) {
        if (range.customerId() == null) {
            return;
        }
        Optional<Customer> customer = customers.find(range.customerId());
        Set<String> to = new LinkedHashSet<>(customers.adminEmails(range.customerId()));
        customer.map(Customer::partnerId).ifPresent(p -> to.addAll(customers.partnerAdminEmails(p)));
        to.add(operator.email());
        String link = links.to("/instances/" + range.instanceId().value() + "/numbers");
        String name = customer.map(Customer::name).orElse("");
        for (String email : to) {
            outbox.send(new OutgoingMail(email, subject + " (" + name + ")", "Hello,\n\n" + what
                    + "\n\nThe phone system's numbers: " + link + "\n\nSwitchboard numbers", List.of(link)));
        }
    }
}
