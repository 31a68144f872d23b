package org.switchboard.partners;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.partners.internal.PartnerMedia;
import org.switchboard.partners.internal.SupportRequests;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * Partner media (files operators publish, partners download) and support requests, which go to
 * the partner-support queue from Certified up and to licence support below.
 */
@Service
public class PartnerSupport {

    public static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    static final Set<String> KINDS = Set.of("PRICE_LIST", "FLYER", "MARKETING_PACK", "OTHER");

    public record MediaFile(UUID id, String kind, String title, String filename, String contentType, int size,
            Instant uploadedAt) {
    }

    public record Download(String filename, String contentType, byte[] content) {
    }

    /** A partner's request; {@code answer} is set once an operator answered it, which closes it. */
    public record Request(UUID id, PartnerId partnerId, String partnerName, String queue, String subject, String body,
            String createdBy, Instant createdAt, String answer, String answeredBy, Instant answeredAt) {

        public boolean isOpen() {
            return answeredAt == null;
        }
    }

    private final PartnerMedia media;
    private final SupportRequests requests;
    private final PartnerAccess access;
    private final Clock clock;
    private final Outbox outbox;

    PartnerSupport(PartnerMedia media, SupportRequests requests, PartnerAccess access, Clock clock, Outbox outbox) {
        this.media = media;
        this.requests = requests;
        this.access = access;
        this.clock = clock;
        this.outbox = outbox;
    }

    @Transactional
    public MediaFile upload(CurrentUser operator, String kind, String title, String filename, String contentType,
            byte[] content) {
        operator.requireOperator("may do this");
        String k = kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT);
        new Validation().text("title", "Title", title, 200)
                .check(KINDS.contains(k), "kind", "Kind must be a price list, a flyer, the marketing pack or other")
                .check(content != null && content.length > 0, "file", "Choose a file to upload")
                .check(content == null || content.length <= MAX_FILE_BYTES, "file", "A file has at most 10 MB")
                .throwIfInvalid();
        String name = filename == null || filename.isBlank() ? "file" : filename.replaceAll("[\\\\/\\r\\n\"]", "_");
        UUID id = UUID.randomUUID();
        media.insert(id, k, title.trim(), name.length() > 200 ? name.substring(0, 200) : name,
                contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType, content,
                clock.instant());
        return media().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<MediaFile> media() {
        return media.all();
    }

    /** Partners and operators download; customers have no access. */
    @Transactional(readOnly = true)
    public Download download(CurrentUser user, UUID id) {
        if (!user.isOperator() && !user.isPartner()) {
            throw new NotFoundException("There is no file " + id);
        }
        return media.content(id).orElseThrow(() -> new NotFoundException("There is no file " + id));
    }

    @Transactional
    public Request request(CurrentUser user, String subject, String body) {
        if (!user.isPartner()) {
            throw new org.switchboard.platform.ForbiddenException("Only partners ask for support; operators answer.");
        }
        Partner partner = access.visiblePartner(user, user.partnerId());
        new Validation().text("subject", "Subject", subject, 200).text("body", "Your request", body, 5000).throwIfInvalid();
        String queue = LevelBenefits.partnerSupport(partner.level()) ? "PARTNER_SUPPORT" : "LICENCE_SUPPORT";
        UUID id = UUID.randomUUID();
        requests.insert(id, partner.id(), queue, subject.trim(), body.strip(), user.email(), clock.instant());
        return requests.byId(id).orElseThrow();
    }

    /** An operator answers an open request; the partner user who asked gets the answer by e-mail. */
    @Transactional
    public Request answer(CurrentUser user, UUID id, String answer) {
        user.requireOperator("answer support requests");
        new Validation().text("answer", "Answer", answer, 5000).throwIfInvalid();
        Request request = requests.byId(id)
                .orElseThrow(() -> new NotFoundException("There is no support request " + id));
        if (!requests.answer(id, answer.strip(), user.email(), clock.instant())) {
            throw new ConflictException("answer", "This request was answered already, by "
                    + request.answeredBy() + ".");
        }
        outbox.send(new OutgoingMail(request.createdBy(), "Re: " + request.subject(),
                "Hello,\n\nyour support request \"" + request.subject() + "\" was answered:\n\n" + answer.strip()
                        + "\n\nSwitchboard " + (request.queue().equals("PARTNER_SUPPORT") ? "partner support" : "licence support")
                        + "\n", List.of()));
        return requests.byId(id).orElseThrow();
    }

    /** Operators: one queue (PARTNER_SUPPORT or LICENCE_SUPPORT) or both; partners: their own. */
    @Transactional(readOnly = true)
    public List<Request> requests(CurrentUser user, Optional<String> queue) {
        if (user.isOperator()) {
            String chosen = queue.map(q -> q.trim().toUpperCase(Locale.ROOT)).orElse(null);
            if (chosen != null && !chosen.equals("PARTNER_SUPPORT") && !chosen.equals("LICENCE_SUPPORT")) {
                throw new org.switchboard.platform.InvalidInputException("queue",
                        "queue must be PARTNER_SUPPORT or LICENCE_SUPPORT");
            }
            return chosen == null ? requests.all() : requests.inQueue(chosen);
        }
        if (!user.isPartner()) {
            throw new org.switchboard.platform.ForbiddenException("Support requests are for partners and operators.");
        }
        access.visiblePartner(user, user.partnerId());
        return requests.ofPartner(user.partnerId());
    }
}
