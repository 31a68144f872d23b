package org.switchboard.partners.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.partners.LevelChange;
import org.switchboard.partners.LevelFigures;
import org.switchboard.partners.LevelNotice;

/** Every change of level with its figures, and the notices of falls. */
@Repository
public class LevelHistory {

    private final JdbcClient jdbc;

    LevelHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(LevelChange c, Instant at) {
        LevelFigures f = c.figures();
        jdbc.sql("""
                insert into partner_level_changes (id, partner_id, from_level, to_level, effective_on, reason, turnover,
                    new_subscriptions, listing, basic_training, premium_training, window_from, window_to, recorded_at)
                values (:id, :partner, :from, :to, :on, :reason, :turnover, :subs, :listing, :basic, :premium,
                        :wfrom, :wto, :at)""")
                .param("id", c.id()).param("partner", c.partnerId().value()).param("from", c.from().name())
                .param("to", c.to().name()).param("on", Date.valueOf(c.effectiveOn())).param("reason", c.reason())
                .param("turnover", f.turnover().amount()).param("subs", f.newSubscriptions())
                .param("listing", f.listingConfirmed()).param("basic", f.basicTraining())
                .param("premium", f.premiumTraining()).param("wfrom", Date.valueOf(f.windowFrom()))
                .param("wto", Date.valueOf(f.windowTo())).param("at", Timestamp.from(at)).update();
    }

    /** Newest first. */
    public List<LevelChange> changesOf(PartnerId partner) {
        return jdbc.sql("select * from partner_level_changes where partner_id = :p order by effective_on desc, recorded_at desc")
                .param("p", partner.value()).query((rs, n) -> change(rs)).list();
    }

    /** The level held at the start of {@code day}: changes decided that day count from the next. */
    public PartnerLevel levelAtStartOf(PartnerId partner, LocalDate day) {
        return jdbc.sql("""
                select to_level from partner_level_changes where partner_id = :p and effective_on < :day
                order by effective_on desc, recorded_at desc limit 1""")
                .param("p", partner.value()).param("day", Date.valueOf(day))
                .query((rs, n) -> PartnerLevel.valueOf(rs.getString(1))).optional().orElse(PartnerLevel.REGISTERED);
    }

    public void insertNotice(LevelNotice n) {
        jdbc.sql("""
                insert into partner_level_notices (id, partner_id, current_level, expected_level, noticed_on, review_on, status)
                values (:id, :p, :cur, :exp, :noticed, :review, 'PENDING')""")
                .param("id", n.id()).param("p", n.partnerId().value()).param("cur", n.currentLevel().name())
                .param("exp", n.expectedLevel().name()).param("noticed", Date.valueOf(n.noticedOn()))
                .param("review", Date.valueOf(n.reviewOn())).update();
    }

    public void closeNotice(UUID id, String status, LocalDate on) {
        jdbc.sql("update partner_level_notices set status = :s, closed_on = :on where id = :id and status = 'PENDING'")
                .param("s", status).param("on", Date.valueOf(on)).param("id", id).update();
    }

    public Optional<LevelNotice> pendingNotice(PartnerId partner) {
        return jdbc.sql("select * from partner_level_notices where partner_id = :p and status = 'PENDING'")
                .param("p", partner.value()).query((rs, n) -> notice(rs)).optional();
    }

    public Map<PartnerId, LevelNotice> pendingNotices() {
        Map<PartnerId, LevelNotice> result = new HashMap<>();
        jdbc.sql("select * from partner_level_notices where status = 'PENDING'").query((rs, n) -> notice(rs)).list()
                .forEach(n -> result.put(n.partnerId(), n));
        return result;
    }

    public List<PartnerId> dueReviews(LocalDate today) {
        return jdbc.sql("select partner_id from partner_level_notices where status = 'PENDING' and review_on <= :d")
                .param("d", Date.valueOf(today)).query((rs, n) -> new PartnerId(rs.getObject(1, UUID.class))).list();
    }

    public List<LevelNotice> noticesOf(PartnerId partner) {
        return jdbc.sql("select * from partner_level_notices where partner_id = :p order by noticed_on desc")
                .param("p", partner.value()).query((rs, n) -> notice(rs)).list();
    }

    private static LevelChange change(ResultSet rs) throws SQLException {
        return new LevelChange(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                PartnerLevel.valueOf(rs.getString("from_level")), PartnerLevel.valueOf(rs.getString("to_level")),
                rs.getDate("effective_on").toLocalDate(), rs.getString("reason"),
                new LevelFigures(rs.getDate("window_from").toLocalDate(), rs.getDate("window_to").toLocalDate(),
                        Money.euros(rs.getBigDecimal("turnover")), rs.getInt("new_subscriptions"),
                        rs.getBoolean("listing"), rs.getBoolean("basic_training"), rs.getBoolean("premium_training")));
    }

    private static LevelNotice notice(ResultSet rs) throws SQLException {
        return new LevelNotice(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                PartnerLevel.valueOf(rs.getString("current_level")), PartnerLevel.valueOf(rs.getString("expected_level")),
                rs.getDate("noticed_on").toLocalDate(), rs.getDate("review_on").toLocalDate(), rs.getString("status"));
    }
}
