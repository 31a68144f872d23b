package org.switchboard.partners.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.Training;

@Repository
public class TrainingRecords {

    /** A sitting as stored: the order of its questions and, once answered, the result. */
    public record Sitting(UUID id, PartnerId partnerId, Instant startedAt, List<UUID> questionIds, Instant answeredAt,
            Integer correct, Boolean passed) {
    }

    private final JdbcClient jdbc;

    TrainingRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertVideo(Training.Video v, Instant at) {
        jdbc.sql("insert into training_videos (id, title, url, created_at) values (:id, :t, :u, :at)")
                .param("id", v.id()).param("t", v.title()).param("u", v.url()).param("at", Timestamp.from(at)).update();
    }

    public List<Training.Video> videos() {
        return jdbc.sql("select * from training_videos order by created_at")
                .query((rs, n) -> new Training.Video(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getString("url"))).list();
    }

    public void insertQuestion(Training.Question q, Instant at) {
        jdbc.sql("""
                insert into training_questions (id, text, options, correct, created_at)
                values (:id, :t, :o, :c, :at)""")
                .param("id", q.id()).param("t", q.text()).param("o", q.options().toArray(String[]::new))
                .param("c", q.correct()).param("at", Timestamp.from(at)).update();
    }

    public void deactivateQuestion(UUID id) {
        jdbc.sql("update training_questions set active = false where id = :id").param("id", id).update();
    }

    public List<Training.Question> activeQuestions() {
        return jdbc.sql("select * from training_questions where active order by created_at").query((rs, n) -> question(rs)).list();
    }

    public List<Training.Question> questions(List<UUID> ids) {
        return jdbc.sql("select * from training_questions where id = any(:ids)").param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> question(rs)).list();
    }

    public void insertSitting(UUID id, PartnerId partner, Instant at, List<UUID> questions) {
        jdbc.sql("insert into training_tests (id, partner_id, started_at, question_ids) values (:id, :p, :at, :q)")
                .param("id", id).param("p", partner.value()).param("at", Timestamp.from(at))
                .param("q", questions.toArray(UUID[]::new)).update();
    }

    public Optional<Sitting> lockSitting(UUID id) {
        return jdbc.sql("select * from training_tests where id = :id for update").param("id", id)
                .query((rs, n) -> sitting(rs)).optional();
    }

    public Optional<Sitting> sitting(UUID id) {
        return jdbc.sql("select * from training_tests where id = :id").param("id", id).query((rs, n) -> sitting(rs)).optional();
    }

    public List<Sitting> sittingsOf(PartnerId partner) {
        return jdbc.sql("select * from training_tests where partner_id = :p order by started_at desc")
                .param("p", partner.value()).query((rs, n) -> sitting(rs)).list();
    }

    public void answer(UUID id, Instant at, int correct, boolean passed) {
        jdbc.sql("update training_tests set answered_at = :at, correct = :c, passed = :p where id = :id")
                .param("at", Timestamp.from(at)).param("c", correct).param("p", passed).param("id", id).update();
    }

    public void insertWebinar(UUID id, String title, Instant startsAt, int seats, Money listPrice, Instant at) {
        jdbc.sql("""
                insert into webinars (id, title, starts_at, seats, list_price, created_at)
                values (:id, :t, :s, :n, :p, :at)""")
                .param("id", id).param("t", title).param("s", Timestamp.from(startsAt)).param("n", seats)
                .param("p", listPrice.amount()).param("at", Timestamp.from(at)).update();
    }

    private static final String WEBINAR = """
            select w.*, (select count(*) from webinar_bookings b where b.webinar_id = w.id) as booked from webinars w""";

    public List<Training.Webinar> webinars() {
        return jdbc.sql(WEBINAR + " order by starts_at").query((rs, n) -> webinar(rs)).list();
    }

    /** The webinar, its row locked so that two bookings of the last seat cannot both succeed. */
    public Optional<Training.Webinar> lockWebinar(UUID id) {
        jdbc.sql("select id from webinars where id = :id for update").param("id", id).query(UUID.class).optional();
        return jdbc.sql(WEBINAR + " where w.id = :id").param("id", id).query((rs, n) -> webinar(rs)).optional();
    }

    public boolean booked(UUID webinar, PartnerId partner) {
        return jdbc.sql("select count(*) from webinar_bookings where webinar_id = :w and partner_id = :p")
                .param("w", webinar).param("p", partner.value()).query(Integer.class).single() > 0;
    }

    public void insertBooking(Training.Booking b) {
        jdbc.sql("""
                insert into webinar_bookings (id, webinar_id, partner_id, booked_at, list_price, discount, price, charge_status)
                values (:id, :w, :p, :at, :list, :discount, :price, 'TO_INVOICE')""")
                .param("id", b.id()).param("w", b.webinarId()).param("p", b.partnerId().value())
                .param("at", Timestamp.from(b.bookedAt())).param("list", b.listPrice().amount())
                .param("discount", b.discount()).param("price", b.price().amount()).update();
    }

    private static final String BOOKING = """
            select b.*, w.title, w.starts_at from webinar_bookings b join webinars w on w.id = b.webinar_id""";

    public List<Training.Booking> bookingsOf(PartnerId partner) {
        return jdbc.sql(BOOKING + " where b.partner_id = :p order by w.starts_at").param("p", partner.value())
                .query((rs, n) -> booking(rs)).list();
    }

    public Optional<Training.Booking> booking(UUID id) {
        return jdbc.sql(BOOKING + " where b.id = :id").param("id", id).query((rs, n) -> booking(rs)).optional();
    }

    public List<Training.Booking> bookingsToInvoice() {
        return jdbc.sql(BOOKING + " where b.charge_status = 'TO_INVOICE' order by b.booked_at").query((rs, n) -> booking(rs)).list();
    }

    public void markInvoiced(UUID id) {
        jdbc.sql("update webinar_bookings set charge_status = 'INVOICED' where id = :id").param("id", id).update();
    }

    public void attended(UUID id, Instant at) {
        jdbc.sql("update webinar_bookings set attended_at = coalesce(attended_at, :at) where id = :id")
                .param("at", Timestamp.from(at)).param("id", id).update();
    }

    private static Training.Question question(ResultSet rs) throws SQLException {
        Array options = rs.getArray("options");
        return new Training.Question(rs.getObject("id", UUID.class), rs.getString("text"),
                Arrays.asList((String[]) options.getArray()), rs.getInt("correct"), rs.getBoolean("active"));
    }

    private static Sitting sitting(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("question_ids");
        return new Sitting(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                Members.instant(rs, "started_at"), Arrays.asList((UUID[]) ids.getArray()),
                Members.instant(rs, "answered_at"), (Integer) rs.getObject("correct"), (Boolean) rs.getObject("passed"));
    }

    private static Training.Webinar webinar(ResultSet rs) throws SQLException {
        return new Training.Webinar(rs.getObject("id", UUID.class), rs.getString("title"),
                Members.instant(rs, "starts_at"), rs.getInt("seats"), rs.getInt("booked"),
                Money.euros(rs.getBigDecimal("list_price")));
    }

    private static Training.Booking booking(ResultSet rs) throws SQLException {
        return new Training.Booking(rs.getObject("id", UUID.class), rs.getObject("webinar_id", UUID.class),
                rs.getString("title"), Members.instant(rs, "starts_at"),
                new PartnerId(rs.getObject("partner_id", UUID.class)), Members.instant(rs, "booked_at"),
                Money.euros(rs.getBigDecimal("list_price")), rs.getBigDecimal("discount"),
                Money.euros(rs.getBigDecimal("price")), rs.getString("charge_status"), Members.instant(rs, "attended_at"));
    }
}
