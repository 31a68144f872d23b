package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Registration;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.PartnerDirectory;
import org.switchboard.partners.ProgrammeCommands.UpdateProfile;
import org.switchboard.simulation.SimulationSettings;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * What partners do in the simulation: register on the public page's use case, confirm their
 * e-mail by the mailed link, give a payout account; the ones that will rise pass the basic
 * training and have their website listing confirmed by the operator.
 */
@Component
class PartnerActions {

    static final String[] CITIES = { "10115|Berlin|DE-BE", "80331|München|DE-BY", "20095|Hamburg|DE-HH",
            "50667|Köln|DE-NW", "70173|Stuttgart|DE-BW", "01067|Dresden|DE-SN", "90402|Nürnberg|DE-BY",
            "04109|Leipzig|DE-SN" };

    private final Registration registration;
    private final MembershipManagement membership;
    private final PartnerDirectory directory;
    private final Webinars webinars;
    private final Mailbox mailbox;
    private final Clock clock;

    PartnerActions(Registration registration, MembershipManagement membership, PartnerDirectory directory,
            Webinars webinars, Mailbox mailbox, Clock clock) {
        this.webinars = webinars;
        this.registration = registration;
        this.membership = membership;
        this.directory = directory;
        this.mailbox = mailbox;
        this.clock = clock;
    }

    /** The premium training webinars of the period, offered by the operator on its first day. */
    void offerWebinars(Plan plan, SimulationSettings settings) {
        webinars.offer(plan, settings);
    }

    /**
     * Partner {@code n} registers on {@code on}; a rising one rises, and books its premium
     * training webinar: every other one within 28 days of registering (n even), the others later.
     */
    void register(Ledger ledger, int n, boolean rising, Random random, Plan plan, LocalDate on) {
        String tag = ledger.settings.seed() + "-" + n;
        String email = "partner-" + ledger.unique(n) + "@sim.switchboard.invalid";
        String name = "Reseller " + tag + " GmbH";
        String[] city = CITIES[random.nextInt(CITIES.length)].split("\\|");
        PartnerId id = registration.registerPartner(new RegisterPartner(name, "Hauptstraße " + (n + 1), city[0],
                city[1], "DE", "DE" + (100_000_000 + n), "https://reseller-" + tag + ".example", "Rita Reseller",
                "+49 30 " + (1_000_000 + n), "Rita Reseller", email, ledger.password));
        CurrentUser admin = registration.verifyEmail(mailbox.secret(email, "/verify-email?token="));
        membership.setPayoutAccount(admin, id, World.IBAN, name);
        PartnerRecord partner = new PartnerRecord(id, name, email, admin, rising);
        ledger.partners.add(partner);
        ledger.count("partners registered");
        if (rising) {
            rise(ledger, partner, "https://reseller-" + tag + ".example/telephony", city[2]);
            webinars.planBooking(plan, partner, on, n % 2 == 0);
        }
        if (n == 0 && rising && ledger.settings.founders() > 0) {
            // Its website moves: the new page is never confirmed, so it falls at its first yearly review.
            plan.add(on.plusYears(1).minusDays(75), LocalTime.of(10, 0), l -> {
                membership.submitListing(admin, id, "https://reseller-" + tag + ".example/new-site/telephony");
                l.unlistedOn.put(id, LocalDate.now(clock));
                l.count("partners whose new website was not confirmed");
            });
        }
        // CSP partners: every fourth from its registration on; every sixth rising one two thirds into the period.
        if (n % 4 == 2) {
            switchCsp(ledger, partner);
        } else if (rising && n % 6 == 3) {
            SimulationSettings s = ledger.settings;
            long months = s.from().until(s.to(), java.time.temporal.ChronoUnit.MONTHS) + 1;
            plan.add(s.from().plusMonths(Math.max(1, months * 2 / 3)).atDay(15), LocalTime.of(9, 30),
                    l -> switchCsp(l, partner));
        }
    }

    /**
     * The partner switches the CSP option on: from the next invoice run on it buys its customers'
     * phone systems and calls at wholesale and invoices them itself (switched on after the month's
     * payout, when no statement of it is open).
     */
    void switchCsp(Ledger ledger, PartnerRecord partner) {
        membership.switchCsp(partner.admin(), partner.id(), true);
        ledger.cspFrom.put(partner.id(), clock.instant());
        ledger.count("partners switched to CSP");
    }

    /**
     * A partner of the first start taken into the simulation: it gives its payout account, passes
     * both trainings and has its listing confirmed, so that it can rise as far as its turnover takes it.
     */
    void adopt(Ledger ledger, PartnerRecord partner, String listing, String region) {
        membership.setPayoutAccount(partner.admin(), partner.id(), World.IBAN, partner.name());
        ledger.partners.add(partner);
        ledger.count("partners taken over");
        rise(ledger, partner, listing, region);
        membership.recordTraining(partner.id(), true, LocalDate.now(clock));
        ledger.premiumTrainingOn.put(partner.id(), LocalDate.now(clock));
    }

    /**
     * The basic training test passed and the own website presenting the product, confirmed; the
     * partner's profile for the public directory, listed in its region (shown from Certified on).
     */
    void rise(Ledger ledger, PartnerRecord partner, String listing, String region) {
        membership.recordTraining(partner.id(), false, LocalDate.now(clock));
        membership.submitListing(partner.admin(), partner.id(), listing);
        membership.confirmListing(World.operator(), partner.id());
        ledger.basicTrainingOn.put(partner.id(), LocalDate.now(clock));
        ledger.listedOn.put(partner.id(), LocalDate.now(clock));
        directory.updateProfile(partner.admin(), partner.id(), new UpdateProfile(true,
                "Telephony for offices in our region: set-up, phones and support.", List.of(region)));
        ledger.regionServed.put(partner.id(), region);
        ledger.count("partners trained and listed");
    }
}
