package org.switchboard.partners.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.partners.CommissionLine;
import org.switchboard.partners.Statement;

/** Commission lines, the statements they are gathered on, their numbers and payouts. */
@Repository
public class Commissions {

    /** A partner's open lines up to a day add up to this; only a positive sum becomes a statement. */
    public record OpenBalance(PartnerId partnerId, Money total) {
    }

    /** An issued statement waiting for its payout, with the partner's payout account. */
    public record Payable(UUID statementId, PartnerId partnerId, String number, Money total, String iban, String holder) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Commissions(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** False when this line exists already (the same invoice handed in twice). */
    public boolean insertLine(CommissionLine l) {
        return jdbc.sql("""
                insert into commission_lines (id, partner_id, invoice_id, kind, customer_id, finalised_on, occurred_on,
                    subscriptions_net, airtime_net, level, rate, amount)
                values (:id, :p, :inv, :kind, :c, :fin, :occ, :subs, :air, :level, :rate, :amount)
                on conflict do nothing""")
                .param("id", l.id()).param("p", l.partnerId().value()).param("inv", l.invoiceId())
                .param("kind", l.kind().name()).param("c", l.customerId().value())
                .param("fin", Date.valueOf(l.finalisedOn())).param("occ", Date.valueOf(l.occurredOn()))
                .param("subs", l.subscriptionsNet().amount()).param("air", l.airtimeNet().amount())
                .param("level", l.level().name()).param("rate", l.rate()).param("amount", l.amount().amount())
                .update() == 1;
    }

    /** The commission lines of the credit notes that correct {@code invoiceId}. */
    public List<CommissionLine> corrections(UUID invoiceId) {
        return jdbc.sql("""
                select l.* from commission_lines l join partner_invoices p on p.invoice_id = l.invoice_id
                where p.corrects = :inv and l.kind = 'COMMISSION' order by l.occurred_on, l.id""")
                .param("inv", invoiceId).query((rs, n) -> line(rs)).list();
    }

    public Optional<CommissionLine> line(UUID invoiceId, CommissionLine.Kind kind) {
        return jdbc.sql("select * from commission_lines where invoice_id = :inv and kind = :kind")
                .param("inv", invoiceId).param("kind", kind.name()).query((rs, n) -> line(rs)).optional();
    }

    /** Partners whose lines not yet on a statement, up to {@code upTo}, add up to more than zero. */
    public List<OpenBalance> positiveOpenBalances(YearMonth period, PartnerId partner) {
        return jdbc.sql("""
                select partner_id, sum(amount) as total from commission_lines l
                where statement_id is null and occurred_on <= :upTo
                  and (cast(:p as uuid) is null or partner_id = cast(:p as uuid))
                  and not exists (select 1 from commission_statements s
                                  where s.partner_id = l.partner_id and s.period = :period)
                group by partner_id having sum(amount) > 0 order by partner_id""")
                .param("upTo", Date.valueOf(period.atEndOfMonth())).param("period", Date.valueOf(period.atDay(1)))
                .param("p", partner == null ? null : partner.value())
                .query((rs, n) -> new OpenBalance(new PartnerId(rs.getObject(1, UUID.class)),
                        Money.euros(rs.getBigDecimal(2)))).list();
    }

    /**
     * Takes {@code count} consecutive numbers of a series and year; the row stays locked until the
     * transaction ends, so numbers are gapless: a rollback gives them back.
     */
    public int takeNumbers(String series, int year, int count) {
        return jdbc.sql("""
                insert into programme_number_series (series, year, last_number) values (:s, :y, :n)
                on conflict (series, year) do update set last_number = programme_number_series.last_number + :n
                returning last_number""")
                .param("s", series).param("y", year).param("n", count).query(Integer.class).single() - count + 1;
    }

    public void insertStatements(List<Statement> statements) {
        template.batchUpdate("""
                insert into commission_statements (id, partner_id, number, period, issued_on, total, status)
                values (?, ?, ?, ?, ?, ?, 'ISSUED')""", statements, 1000, (ps, s) -> {
            ps.setObject(1, s.id());
            ps.setObject(2, s.partnerId().value());
            ps.setString(3, s.number());
            ps.setDate(4, Date.valueOf(s.period().atDay(1)));
            ps.setDate(5, Date.valueOf(s.issuedOn()));
            ps.setBigDecimal(6, s.total().amount());
        });
    }

    /** Puts every open line up to the period's end on the partner's statement of that period. */
    public void assignOpenLines(YearMonth period, PartnerId partner) {
        jdbc.sql("""
                update commission_lines l set statement_id = s.id from commission_statements s
                where s.period = :period and s.partner_id = l.partner_id and l.statement_id is null
                  and l.occurred_on <= :upTo and (cast(:p as uuid) is null or l.partner_id = cast(:p as uuid))""")
                .param("period", Date.valueOf(period.atDay(1))).param("upTo", Date.valueOf(period.atEndOfMonth()))
                .param("p", partner == null ? null : partner.value()).update();
        // The totals are the sums of the lines really assigned, whatever arrived in between.
        jdbc.sql("""
                update commission_statements s set total = (select coalesce(sum(amount), 0) from commission_lines l
                                                           where l.statement_id = s.id)
                where s.period = :period and s.status = 'ISSUED'
                  and (cast(:p as uuid) is null or s.partner_id = cast(:p as uuid))""")
                .param("period", Date.valueOf(period.atDay(1))).param("p", partner == null ? null : partner.value())
                .update();
    }

    public boolean hasStatement(PartnerId partner, YearMonth period) {
        return jdbc.sql("select count(*) from commission_statements where partner_id = :p and period = :period")
                .param("p", partner.value()).param("period", Date.valueOf(period.atDay(1))).query(Integer.class).single() > 0;
    }

    /** Newest first, without lines. */
    public List<Statement> statementsOf(PartnerId partner) {
        return jdbc.sql("select * from commission_statements where partner_id = :p order by period desc")
                .param("p", partner.value()).query((rs, n) -> statement(rs, List.of())).list();
    }

    public Optional<Statement> statement(UUID id) {
        return jdbc.sql("select * from commission_statements where id = :id").param("id", id)
                .query((rs, n) -> statement(rs, List.of())).optional()
                .map(s -> new Statement(s.id(), s.partnerId(), s.number(), s.period(), s.issuedOn(), s.total(),
                        s.status(), linesOf(s.id())));
    }

    public List<CommissionLine> linesOf(UUID statementId) {
        return jdbc.sql("select * from commission_lines where statement_id = :s order by occurred_on, finalised_on, kind, invoice_id")
                .param("s", statementId).query((rs, n) -> line(rs)).list();
    }

    public List<CommissionLine> openLines(PartnerId partner) {
        return jdbc.sql("select * from commission_lines where partner_id = :p and statement_id is null order by occurred_on, kind")
                .param("p", partner.value()).query((rs, n) -> line(rs)).list();
    }

    public int unpaidStatements(PartnerId partner) {
        return jdbc.sql("select count(*) from commission_statements where partner_id = :p and status = 'ISSUED'")
                .param("p", partner.value()).query(Integer.class).single();
    }

    /** Commission on statements issued in {@code (from, to]}. */
    public Money statedBetween(PartnerId partner, LocalDate fromExclusive, LocalDate to) {
        BigDecimal sum = jdbc.sql("""
                select coalesce(sum(total), 0) from commission_statements
                where partner_id = :p and issued_on > :from and issued_on <= :to""")
                .param("p", partner.value()).param("from", Date.valueOf(fromExclusive)).param("to", Date.valueOf(to))
                .query(BigDecimal.class).single();
        return Money.euros(sum);
    }

    /** Issued statements of partners with a payout account, locked so that two batches never pay one twice. */
    public List<Payable> lockPayable() {
        return jdbc.sql("""
                select s.id, s.partner_id, s.number, s.total, m.payout_iban, m.payout_holder
                from commission_statements s join programme_members m on m.partner_id = s.partner_id
                where s.status = 'ISSUED' and m.payout_iban is not null
                order by s.number for update of s skip locked""")
                .query((rs, n) -> new Payable(rs.getObject(1, UUID.class), new PartnerId(rs.getObject(2, UUID.class)),
                        rs.getString(3), Money.euros(rs.getBigDecimal(4)), rs.getString(5), rs.getString(6))).list();
    }

    public void insertPayout(UUID id, String messageId, Instant at, LocalDate execution, Money total, int transfers,
            String document, List<UUID> statements) {
        jdbc.sql("""
                insert into payout_batches (id, message_id, created_at, execution_on, total, transfers, document)
                values (:id, :msg, :at, :exec, :total, :n, :doc)""")
                .param("id", id).param("msg", messageId).param("at", Timestamp.from(at))
                .param("exec", Date.valueOf(execution)).param("total", total.amount()).param("n", transfers)
                .param("doc", document).update();
        template.batchUpdate("update commission_statements set status = 'PAID', payout_id = ? where id = ?", statements,
                1000, (ps, s) -> {
                    ps.setObject(1, id);
                    ps.setObject(2, s);
                });
    }

    public Optional<String> payoutDocument(UUID id) {
        return jdbc.sql("select document from payout_batches where id = :id").param("id", id).query(String.class).optional();
    }

    private static Statement statement(ResultSet rs, List<CommissionLine> lines) throws SQLException {
        return new Statement(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                rs.getString("number"), YearMonth.from(rs.getDate("period").toLocalDate()),
                rs.getDate("issued_on").toLocalDate(), Money.euros(rs.getBigDecimal("total")),
                Statement.Status.valueOf(rs.getString("status")), lines);
    }

    private static CommissionLine line(ResultSet rs) throws SQLException {
        return new CommissionLine(rs.getObject("id", UUID.class), new PartnerId(rs.getObject("partner_id", UUID.class)),
                rs.getObject("invoice_id", UUID.class), CommissionLine.Kind.valueOf(rs.getString("kind")),
                new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getDate("finalised_on").toLocalDate(),
                rs.getDate("occurred_on").toLocalDate(), Money.euros(rs.getBigDecimal("subscriptions_net")),
                Money.euros(rs.getBigDecimal("airtime_net")), PartnerLevel.valueOf(rs.getString("level")),
                rs.getBigDecimal("rate"), Money.euros(rs.getBigDecimal("amount")), rs.getObject("statement_id", UUID.class));
    }

    static List<UUID> ids(List<Payable> payables) {
        List<UUID> ids = new ArrayList<>();
        payables.forEach(p -> ids.add(p.statementId()));
        return ids;
    }
}
