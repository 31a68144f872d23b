package org.switchboard.partners;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
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

    private final JdbcClient jdbc;
    private final PartnerProgramme programme;
    private final org.switchboard.accounts.CustomerDirectory directory;
    private final Clock clock;
    private final org.switchboard.mail.Outbox outbox;

    PartnerSupport(JdbcClient jdbc, PartnerProgramme programme, org.switchboard.accounts.CustomerDirectory directory,
            Clock clock, org.switchboard.mail.Outbox outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.programme = programme;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public MediaFile upload(CurrentUser operator, String kind, String title, String filename, String contentType,
            byte[] content) {
        PartnerProgramme.requireOperator(operator);
        String k = kind == null ? "" : kind.trim().toUpperCase(Locale.ROOT);
        new Validation().text("title", "Title", title, 200)
                .check(KINDS.contains(k), "kind", "Kind must be a price list, a flyer, the marketing pack or other")
                .check(content != null && content.length > 0, "file", "Choose a file to upload")
                .check(content == null || content.length <= MAX_FILE_BYTES, "file", "A file has at most 10 MB")
                .throwIfInvalid();
        String name = filename == null || filename.isBlank() ? "file" : filename.replaceAll("[\\\\/\\r\\n\"]", "_");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into partner_media (id, kind, title, filename, content_type, content, size, uploaded_at)
                values (:id, :kind, :title, :name, :type, :content, :size, :at)""")
                .param("id", id).param("kind", k).param("title", title.trim())
                .param("name", name.length() > 200 ? name.substring(0, 200) : name)
                .param("type", contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType)
                .param("content", content).param("size", content.length).param("at", Timestamp.from(clock.instant()))
                .update();
        return media().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<MediaFile> media() {
        return jdbc.sql("select id, kind, title, filename, content_type, size, uploaded_at from partner_media order by kind, title")
                .query((rs, n) -> new MediaFile(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant())).list();
    }

    /** Partners and operators download; customers have no access. */
    @Transactional(readOnly = true)
    public Download download(CurrentUser user, UUID id) {
        if (!user.isOperator() && !user.isPartner()) {
            throw new NotFoundException("There is no file " + id);
        }
        return jdbc.sql("select filename, content_type, content from partner_media where id = :id").param("id", id)
                .query((rs, n) -> new Download(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
                .orElseThrow(() -> new NotFoundException("There is no file " + id));
    }

    @Transactional
    public Request request(CurrentUser user, String subject, String body) {
        if (!user.isPartner()) {
            throw new org.switchboard.platform.ForbiddenException("Only partners ask for support; operators answer.");
        }
        Partner partner = programme.visiblePartner(user, user.partnerId());
        new Validation().text("subject", "Subject", subject, 200).text("body", "Your request", body, 5000).throwIfInvalid();
        String queue = LevelBenefits.partnerSupport(partner.level()) ? "PARTNER_SUPPORT" : "LICENCE_SUPPORT";
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into support_requests (id, partner_id, queue, subject, body, created_by, created_at)
                values (:id, :p, :q, :s, :b, :by, :at)""")
                .param("id", id).param("p", partner.id().value()).param("q", queue).param("s", subject.trim())
                .param("b", body.strip()).param("by", user.email()).param("at", Timestamp.from(clock.instant())).update();
        return requests("where r.id = :id", id).get(0);
    }

    /** An operator answers an open request; the partner user who asked gets the answer by e-mail. */
    @Transactional
    public Request answer(CurrentUser user, UUID id, String answer) {
        if (!user.isOperator()) {
            throw new org.switchboard.platform.ForbiddenException("Only operators answer support requests.");
        }
        new Validation().text("answer", "Answer", answer, 5000).throwIfInvalid();
        Request request = requests("where r.id = :id", id).stream().findFirst()
                .orElseThrow(() -> new org.switchboard.platform.NotFoundException("There is no support request " + id));
        int answered = jdbc.sql("""
                update support_requests set answer = :a, answered_by = :by, answered_at = :at
                where id = :id and answered_at is null""")
                .param("a", answer.strip()).param("by", user.email()).param("at", Timestamp.from(clock.instant()))
                .param("id", id).update();
        if (answered == 0) {
            throw new org.switchboard.platform.ConflictException("answer", "This request was answered already, by "
                    + request.answeredBy() + ".");
        }
        outbox.send(new org.switchboard.mail.OutgoingMail(request.createdBy(), "Re: " + request.subject(),
                "Hello,\n\nyour support request \"" + request.subject() + "\" was answered:\n\n" + answer.strip()
                        + "\n\nSwitchboard " + (request.queue().equals("PARTNER_SUPPORT") ? "partner support" : "licence support")
                        + "\n", List.of()));
        return requests("where r.id = :id", id).get(0);
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
            return chosen == null ? requests("", null) : requests("where r.queue = :id", chosen);
        }
        if (!user.isPartner()) {
            throw new org.switchboard.platform.ForbiddenException("Support requests are for partners and operators.");
        }
        programme.visiblePartner(user, user.partnerId());
        return requests("where r.partner_id = :id", user.partnerId().value());
    }

    private List<Request> requests(String where, Object param) {
        var sql = jdbc.sql("select r.* from support_requests r " + where + " order by r.created_at desc limit 500");
        if (param != null) {
            sql = sql.param("id", param);
        }
        return sql.query((rs, n) -> {
                    PartnerId p = new PartnerId(rs.getObject("partner_id", UUID.class));
                    return new Request(rs.getObject("id", UUID.class), p,
                            directory.partner(p).map(Partner::name).orElse(""), rs.getString("queue"),
                            rs.getString("subject"), rs.getString("body"), rs.getString("created_by"),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("answer"), rs.getString("answered_by"),
                            rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant());
                }).list();
    }
}
