package org.switchboard.partners.internal;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.Member;

/** Partners' programme settings, one row per partner, created on first use. */
@Repository
public class Members {

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void ensure(PartnerId id) {
        jdbc.sql("insert into programme_members (partner_id) values (:id) on conflict do nothing")
                .param("id", id.value()).update();
    }

    /** Locks the partner's row for a change that must not run twice at once (switching CSP). */
    public Member lock(PartnerId id) {
        ensure(id);
        return jdbc.sql("select * from programme_members where partner_id = :id for update").param("id", id.value())
                .query((rs, n) -> map(rs)).single();
    }

    public Member of(PartnerId id) {
        return find(id).orElseGet(() -> Member.empty(id));
    }

    public Optional<Member> find(PartnerId id) {
        return jdbc.sql("select * from programme_members where partner_id = :id").param("id", id.value())
                .query((rs, n) -> map(rs)).optional();
    }

    public List<Member> all() {
        return jdbc.sql("select * from programme_members").query((rs, n) -> map(rs)).list();
    }

    public void setCsp(PartnerId id, boolean csp, Instant at) {
        ensure(id);
        jdbc.sql("update programme_members set csp = :csp, csp_changed_at = :at where partner_id = :id")
                .param("csp", csp).param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    public void setPayoutAccount(PartnerId id, String iban, String holder) {
        ensure(id);
        jdbc.sql("update programme_members set payout_iban = :iban, payout_holder = :holder where partner_id = :id")
                .param("iban", iban).param("holder", holder).param("id", id.value()).update();
    }

    /** A new page address needs a new confirmation. */
    public void submitListing(PartnerId id, String url, Instant at) {
        ensure(id);
        jdbc.sql("""
                update programme_members set listing_url = :url, listing_submitted_at = :at,
                       listing_confirmed_at = case when listing_url = :url then listing_confirmed_at end
                where partner_id = :id""")
                .param("url", url).param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    public void confirmListing(PartnerId id, Instant at) {
        jdbc.sql("update programme_members set listing_confirmed_at = :at where partner_id = :id and listing_url is not null")
                .param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    public void setProfile(PartnerId id, boolean listed, String text, List<String> regions) {
        ensure(id);
        jdbc.sql("""
                update programme_members set directory_listed = :listed, directory_text = :text,
                       regions = cast(:regions as text[]) where partner_id = :id""")
                .param("listed", listed).param("text", text).param("regions", "{" + String.join(",", regions) + "}")
                .param("id", id.value()).update();
    }

    public void setBasicTraining(PartnerId id, LocalDate on) {
        ensure(id);
        jdbc.sql("update programme_members set basic_training_on = coalesce(basic_training_on, :on) where partner_id = :id")
                .param("on", Date.valueOf(on)).param("id", id.value()).update();
    }

    public void setPremiumTraining(PartnerId id, LocalDate on) {
        ensure(id);
        jdbc.sql("update programme_members set premium_training_on = coalesce(premium_training_on, :on) where partner_id = :id")
                .param("on", Date.valueOf(on)).param("id", id.value()).update();
    }

    public void leadOffered(PartnerId id, Instant at) {
        jdbc.sql("update programme_members set last_lead_offered_at = :at where partner_id = :id")
                .param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    static Member map(ResultSet rs) throws SQLException {
        Array regions = rs.getArray("regions");
        Date basic = rs.getDate("basic_training_on");
        Date premium = rs.getDate("premium_training_on");
        return new Member(new PartnerId(rs.getObject("partner_id", UUID.class)), rs.getBoolean("csp"),
                rs.getString("payout_iban"), rs.getString("payout_holder"), rs.getString("listing_url"),
                instant(rs, "listing_submitted_at"), instant(rs, "listing_confirmed_at"),
                rs.getBoolean("directory_listed"), rs.getString("directory_text"),
                regions == null ? List.of() : Arrays.asList((String[]) regions.getArray()),
                basic == null ? null : basic.toLocalDate(), premium == null ? null : premium.toLocalDate(),
                instant(rs, "last_lead_offered_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
