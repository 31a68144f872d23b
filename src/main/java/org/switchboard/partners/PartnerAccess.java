package org.switchboard.partners;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Role;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;

/** Who may see and change a partner's programme: operators and the partner's own users (another's answers 404). */
@Component
class PartnerAccess {

    private final CustomerDirectory directory;

    PartnerAccess(CustomerDirectory directory) {
        this.directory = directory;
    }

    Partner visiblePartner(CurrentUser user, PartnerId id) {
        if (!user.maySee(id)) {
            throw new NotFoundException("There is no partner " + id.value());
        }
        return partner(id);
    }

    Partner partner(PartnerId id) {
        return directory.partner(id).orElseThrow(() -> new NotFoundException("There is no partner " + id.value()));
    }

    static void requireAdminOrOperator(CurrentUser user) {
        if (!user.isOperator() && user.role() != Role.PARTNER_ADMIN) {
            throw new ForbiddenException("Only a partner admin or an operator may change this");
        }
    }
}
