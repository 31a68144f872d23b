package org.switchboard.instances.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceSales;
import org.switchboard.instances.SubscriptionAmendment;
import org.switchboard.instances.SubscriptionAmendment.ChangeOutcome;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/** Instances on pages: the customer's list and detail with its actions; partners and operators look on. */
@WebPage
class InstancePages {

    /** What the new-instance form holds; {@code trial} is "true" or "false". */
    record NewInstanceForm(String name, String subdomain, String country, String trial, String plan,
            String concurrentUsers, String iban, String accountHolder, Boolean mandateAccepted) {

        static NewInstanceForm empty() {
            return new NewInstanceForm("", "", "DE", "true", "basic", "5", "", "", false);
        }

        CreateInstance command() {
            boolean isTrial = !"false".equals(trial);
            return new CreateInstance(name, subdomain, country, isTrial, plan,
                    isTrial ? null : parseOptionalCount(concurrentUsers), iban, accountHolder,
                    Boolean.TRUE.equals(mandateAccepted));
        }
    }

    /**
     * What the subscribe form holds. {@code withAddress} is "true" when the form asked for the
     * billing address too (the customer had none complete): then street, postcode, city, country
     * and VAT ID are saved to the customer before it subscribes.
     */
    record SubscribeForm(String plan, String concurrentUsers, String iban, String accountHolder, Boolean mandateAccepted,
            String withAddress, String street, String postcode, String city, String country, String vatId) {

        static SubscribeForm defaults(InstanceDetails d) {
            int count = Math.max(1, d.instance().trialConcurrentUsers());
            Customer c = d.customer();
            boolean ask = c != null && !c.billingAddress().isComplete();
            return new SubscribeForm("basic", Integer.toString(count), "", c == null ? "" : c.name(), false,
                    Boolean.toString(ask), c == null ? "" : blankIfNull(c.billingAddress().street()),
                    c == null ? "" : blankIfNull(c.billingAddress().postcode()),
                    c == null ? "" : blankIfNull(c.billingAddress().city()),
                    c == null || c.billingAddress().country() == null ? d.instance().country() : c.billingAddress().country(),
                    c == null ? "" : blankIfNull(c.vatId()));
        }

        boolean asksAddress() {
            return "true".equals(withAddress);
        }

        UpdateBillingDetails address(Customer customer) {
            return new UpdateBillingDetails(customer.name(), street, postcode, city, country, vatId);
        }

        Subscribe command() {
            return new Subscribe(plan, parseOptionalCount(concurrentUsers), iban, accountHolder,
                    Boolean.TRUE.equals(mandateAccepted));
        }
    }

    private final InstanceManagement instances;
    private final InstanceSales sales;
    private final SubscriptionAmendment amendment;
    private final Catalog catalog;
    private final AccountManagement accounts;

    InstancePages(InstanceManagement instances, InstanceSales sales, SubscriptionAmendment amendment, Catalog catalog,
            AccountManagement accounts) {
        this.accounts = accounts;
        this.instances = instances;
        this.sales = sales;
        this.amendment = amendment;
        this.catalog = catalog;
    }

    @GetMapping("/instances")
    String list(CurrentUser user, @RequestParam Optional<String> status, @RequestParam Optional<String> q, Model model) {
        Optional<InstanceStatus> filter = status.filter(s -> !s.isBlank()).flatMap(InstancePages::status);
        String search = q.map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("");
        model.addAttribute("instances", instances.instances(user, filter).stream()
                .filter(d -> search.isEmpty() || d.instance().name().toLowerCase(Locale.ROOT).contains(search)
                        || d.instance().subdomain().value().contains(search)
                        || (d.customer() != null && d.customer().name().toLowerCase(Locale.ROOT).contains(search)))
                .toList());
        model.addAttribute("status", filter.map(Enum::name).orElse(""));
        model.addAttribute("q", q.orElse(""));
        model.addAttribute("statuses", InstanceStatus.values());
        model.addAttribute("user", user);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", NewInstanceForm.empty());
        }
        model.addAttribute("plans", catalog.offers(catalog.today()));
        return "instances/list";
    }

    @PostMapping("/instances")
    String create(CurrentUser user, @ModelAttribute("form") NewInstanceForm form, Model model) {
        InstanceDetails[] created = new InstanceDetails[1];
        if (FormErrors.submit(model, () -> created[0] = sales.create(user, form.command()))) {
            return "redirect:/instances/" + created[0].instance().id();
        }
        return list(user, Optional.empty(), Optional.empty(), model);
    }

    @GetMapping("/instances/{id}")
    String detail(CurrentUser user, @PathVariable UUID id, @RequestParam Optional<Integer> concurrentUsers, Model model) {
        InstanceDetails details = instances.instance(user, new InstanceId(id));
        model.addAttribute("d", details);
        model.addAttribute("i", details.instance());
        model.addAttribute("user", user);
        model.addAttribute("history", InstanceJson.HistoryView.of(details.instance().history()));
        model.addAttribute("plans", catalog.offers(catalog.today()));
        if (!model.containsAttribute("subscribeForm")) {
            model.addAttribute("subscribeForm", SubscribeForm.defaults(details));
        }
        concurrentUsers.ifPresent(count -> preview(user, id, count, model));
        return "instances/detail";
    }

    /** The price of a change before it is confirmed; a fragment for htmx, or part of the detail page. */
    @GetMapping("/instances/{id}/change-preview")
    String changePreview(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String concurrentUsers,
            Model model) {
        model.addAttribute("i", instances.instance(user, new InstanceId(id)).instance());
        try {
            preview(user, id, parseCount(concurrentUsers), model);
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.violations()));
        }
        return "instances/detail :: preview";
    }

    private void preview(CurrentUser user, UUID id, Integer count, Model model) {
        FormErrors.submit(model, () -> model.addAttribute("preview",
                InstanceJson.ChangeView.of(amendment.previewChange(user, new InstanceId(id),
                        new ChangeSubscription(count, null)))));
    }

    /**
     * Subscribes; with the billing address when the form asked for it. Every field at fault is
     * shown at once, and the form keeps what was typed. A valid address is saved even when the
     * bank details are still wrong (it is the customer's address either way); the subscription is
     * all or nothing.
     */
    @PostMapping("/instances/{id}/subscription")
    String subscribe(CurrentUser user, @PathVariable UUID id, @ModelAttribute("subscribeForm") SubscribeForm form,
            Model model, RedirectAttributes redirect) {
        List<Violation> problems = new ArrayList<>();
        boolean addressSaved = false;
        boolean mayTry = true;
        if (form.asksAddress()) {
            Customer customer = instances.instance(user, new InstanceId(id)).customer();
            try {
                accounts.updateBillingDetails(user, customer.id(), form.address(customer));
                addressSaved = true;
            } catch (InvalidInputException e) {
                problems.addAll(e.violations());
                // Tried only to show what else is wrong: with no complete address it cannot subscribe.
                mayTry = !customer.billingAddress().isComplete();
            }
        }
        try {
            if (mayTry) {
                sales.subscribe(user, new InstanceId(id), form.command());
            }
            if (problems.isEmpty()) {
                redirect.addFlashAttribute("notice", "Subscribed: the instance now runs on an annual subscription.");
                return "redirect:/instances/" + id;
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
        } catch (RefusedException | ConflictException e) {
            // With the address still at fault, "not validated" only repeats what the address fields say.
            if (problems.isEmpty()) {
                problems.add(new Violation(e instanceof RefusedException r ? fieldOf(r) : fieldOf((ConflictException) e),
                        e.getMessage()));
            }
        }
        model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(problems));
        if (addressSaved) {
            model.addAttribute("addressSaved", true);
        }
        return detail(user, id, Optional.empty(), model);
    }

    private static String fieldOf(RefusedException e) {
        return e.field() == null ? FormErrors.FORM : e.field();
    }

    private static String fieldOf(ConflictException e) {
        return e.field() == null ? FormErrors.FORM : e.field();
    }

    private static String blankIfNull(String value) {
        return value == null ? "" : value;
    }

    @PostMapping("/instances/{id}/changes")
    String change(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String concurrentUsers,
            Model model, RedirectAttributes redirect) {
        ChangeOutcome[] outcome = new ChangeOutcome[1];
        if (FormErrors.submit(model, () -> outcome[0] = amendment.change(user, new InstanceId(id),
                new ChangeSubscription(parseCount(concurrentUsers), null)))) {
            redirect.addFlashAttribute("notice", outcome[0].kind() == Instance.ChangeKind.UPGRADE
                    ? "Upgraded: " + concurrentUsers + " concurrent users from now on."
                    : "Downgrade to " + concurrentUsers + " concurrent users scheduled for the end of the term.");
            return "redirect:/instances/" + id;
        }
        return detail(user, id, Optional.empty(), model);
    }

    @PostMapping("/instances/{id}/cancellation")
    String cancel(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        amendment.cancel(user, new InstanceId(id));
        redirect.addFlashAttribute("notice", "Cancelled: the instance runs until the end of its term.");
        return "redirect:/instances/" + id;
    }

    @PostMapping("/instances/{id}/scheduled-change/withdrawal")
    String withdraw(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        amendment.withdrawScheduledChange(user, new InstanceId(id));
        redirect.addFlashAttribute("notice", "The scheduled change was withdrawn.");
        return "redirect:/instances/" + id;
    }

    private static Integer parseCount(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("concurrentUsers", "Concurrent users is required");
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("concurrentUsers", "Concurrent users must be a whole number, not '" + value + "'");
        }
    }

    /** Blank is left to the use case to call missing; anything else must be a whole number. */
    private static Integer parseOptionalCount(String value) {
        return value == null || value.isBlank() ? null : parseCount(value);
    }

    private static Optional<InstanceStatus> status(String value) {
        try {
            return Optional.of(InstanceStatus.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
