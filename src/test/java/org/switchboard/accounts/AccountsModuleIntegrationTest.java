package org.switchboard.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.testing.ModuleIntegrationTest;

/** Accounts on its own: what it mails goes to a mocked outbox, the link in it is followed as a person would. */
@ModuleIntegrationTest
class AccountsModuleIntegrationTest {

    @MockitoBean
    Outbox outbox;

    @Autowired
    Registration registration;
    @Autowired
    CustomerInvitations invitations;
    @Autowired
    InvitationAcceptance acceptance;
    @Autowired
    AccountManagement accounts;
    @Autowired
    Clock clock;

    @Test
    void aPartnerIsRegisteredFromTheDayItsAdminFollowsTheMailedLinkAndOnlyOnce() {
        String email = AccountFixtures.uniqueEmail("module-partner");
        PartnerId id = registration.registerPartner(AccountFixtures.partnerRegistration("Modul Partner GmbH", email));
        OutgoingMail mail = lastMail();
        assertThat(mail.to()).isEqualTo(email);
        assertThat(mail.subject()).isEqualTo("Confirm your partner registration");
        String token = AccountFixtures.token(mail.links().get(0));

        CurrentUser admin = registration.verifyEmail(token);

        Partner partner = accounts.partner(admin, id);
        assertThat(partner.active()).isTrue();
        assertThat(partner.registeredOn()).isEqualTo(LocalDate.now(clock));
        assertThat(partner.level()).isEqualTo(PartnerLevel.REGISTERED);
        assertThatThrownBy(() -> registration.verifyEmail(token)).isInstanceOf(InvalidLinkException.class)
                .hasMessageContaining("already been used");
        assertThatThrownBy(() -> accounts.partners(admin)).isInstanceOf(ForbiddenException.class)
                .hasMessage("Only operators may do this.");
    }

    @Test
    void anInvitedCustomerBelongsToThePartnerThatInvitedIt(AssertablePublishedEvents events) {
        PartnerId partnerId = registration.registerPartner(
                AccountFixtures.partnerRegistration("Einlader KG", AccountFixtures.uniqueEmail("inviter")));
        CurrentUser partnerAdmin = registration.verifyEmail(AccountFixtures.token(lastMail().links().get(0)));
        String customerEmail = AccountFixtures.uniqueEmail("invited");

        Invitation invitation = invitations.invite(partnerAdmin, new InviteCustomer("Eingeladen GmbH", customerEmail));
        OutgoingMail mail = lastMail();
        assertThat(mail.to()).isEqualTo(customerEmail);
        assertThat(mail.subject()).isEqualTo("Einlader KG invites you to Switchboard");
        String secret = AccountFixtures.lastSegment(mail.links().get(0));
        assertThat(acceptance.openInvitation(secret).id()).isEqualTo(invitation.id());

        CustomerId customer = acceptance.acceptInvitation(secret,
                new AcceptInvitation("Carla Customer", AccountFixtures.PASSWORD, "DE"));

        assertThat(accounts.customers(partnerAdmin)).extracting(Customer::id).containsExactly(customer);
        assertThat(accounts.customer(partnerAdmin, customer).partnerId()).isEqualTo(partnerId);
        assertThat(invitations.invitations(partnerAdmin)).extracting(Invitation::id).containsExactly(invitation.id());
        events.assertThat().contains(InvitationAccepted.class)
                .matching(e -> e.customerId().equals(customer) && e.partnerId().equals(partnerId));
        assertThatThrownBy(() -> acceptance.openInvitation(secret)).isInstanceOf(InvalidLinkException.class)
                .hasMessageContaining("already been used");
    }

    private OutgoingMail lastMail() {
        ArgumentCaptor<OutgoingMail> sent = ArgumentCaptor.forClass(OutgoingMail.class);
        verify(outbox, atLeastOnce()).send(sent.capture());
        List<OutgoingMail> all = sent.getAllValues();
        clearInvocations(outbox);
        return all.get(all.size() - 1);
    }
}
