package org.switchboard.accounts.web;

import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.InvitationAcceptance;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Invitation;

/** A customer following a partner's invitation: it sees who invites it and creates its account. */
@WebPage
class InvitationPages {

    private final InvitationAcceptance acceptance;

    InvitationPages(InvitationAcceptance acceptance) {
        this.acceptance = acceptance;
    }

    @GetMapping("/invitations/{token}")
    String invitation(@PathVariable String token, @ModelAttribute("form") AcceptInvitation form, Model model) {
        return invitationPage(token, model);
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @ModelAttribute("form") AcceptInvitation form, Model model,
            RedirectAttributes redirect) {
        Invitation invitation = acceptance.openInvitation(token);
        if (!FormErrors.submit(model, () -> acceptance.acceptInvitation(token, form))) {
            return invitationPage(token, model);
        }
        redirect.addFlashAttribute("invitation", invitation);
        return "redirect:/invitations/accepted";
    }

    @GetMapping("/invitations/accepted")
    String accepted() {
        return "accounts/invitation-accepted";
    }

    private String invitationPage(String token, Model model) {
        model.addAttribute("invitation", acceptance.openInvitation(token));
        model.addAttribute("token", token);
        return "accounts/invitation";
    }
}
