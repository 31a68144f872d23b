package org.switchboard.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.testing.IntegrationTestBase;

/**
 * The monthly run (statements of the month before and the evaluation of every partner) for 10,000
 * partners and 100,000 customer invoices. Not a test: it only runs when asked for, see
 * docs/benchmarks.md:
 *
 * <pre>mvn -B -q test -Dtest=ProgrammeBenchmark -Dbenchmark=true</pre>
 */
class ProgrammeBenchmark extends IntegrationTestBase {

    static final int PARTNERS = Integer.getInteger("benchmark.partners", 10_000);
    static final int INVOICES_PER_PARTNER = Integer.getInteger("benchmark.invoicesPerPartner", 10);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProgrammeJobs jobs;

    @Test
    void monthlyRun() {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        long generating = System.nanoTime();
        generate();
        double generated = (System.nanoTime() - generating) / 1e9;
        ProgrammeFixtures.class.getName();
        clock.set(ProgrammeFixtures.at(LocalDate.of(2040, 3, 1)));

        long start = System.nanoTime();
        boolean ran = jobs.runMonthly(YearMonth.of(2040, 3), LocalDate.of(2040, 3, 1));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(ran).isTrue();
        int statements = jdbc.sql("select count(*) from commission_statements where period = date '2040-02-01'")
                .query(Integer.class).single();
        int rises = jdbc.sql("select count(*) from partner_level_changes where effective_on = date '2040-03-01'")
                .query(Integer.class).single();
        int lines = jdbc.sql("""
                select count(*) from commission_lines l join commission_statements s on s.id = l.statement_id
                where s.period = date '2040-02-01'""").query(Integer.class).single();
        System.out.printf("%n[benchmark] data: %d partners, %d customer invoices, generated in %.1f s%n", PARTNERS,
                PARTNERS * INVOICES_PER_PARTNER, generated);
        System.out.printf("[benchmark] monthly run: %d statements with %d lines, %d level changes in %.1f s%n%n",
                statements, lines, rises, seconds);
        assertThat(statements).isEqualTo(PARTNERS);
        assertThat(lines).isEqualTo(PARTNERS * INVOICES_PER_PARTNER);
    }

    /**
     * Partners registered in 2039; a third with a confirmed listing and the basic training, a tenth
     * also with the premium training; two new subscriptions each and ten invoices in February 2040,
     * each with its commission line, as recording them would have left them.
     */
    private void generate() {
        jdbc.sql("""
                insert into partners (id, name, postcode, city, country, level, status, created_at, registered_on)
                select gen_random_uuid(), 'Benchmark Partner ' || g, lpad((10000 + g % 89999)::text, 5, '0'),
                       'Benchstadt', 'DE', 'REGISTERED', 'ACTIVE', now(), date '2039-01-01' + (g % 300)
                from generate_series(1, :n) g""").param("n", PARTNERS).update();
        jdbc.sql("""
                insert into programme_members (partner_id, listing_url, listing_submitted_at, listing_confirmed_at,
                                               basic_training_on, premium_training_on, regions)
                select id, 'https://bench.example/' || id, now(), now(), date '2039-06-01',
                       case when rn % 10 = 0 then date '2039-07-01' end, '{DE-BY}'
                from (select id, row_number() over (order by id) rn from partners
                      where name like 'Benchmark Partner %') p where rn % 3 = 0""").update();
        jdbc.sql("""
                insert into partner_new_subscriptions (instance_id, activated_at, partner_id, customer_id, from_trial)
                select gen_random_uuid(), timestamptz '2040-01-15 10:00+01' + g * interval '1 day', id, gen_random_uuid(), true
                from partners, generate_series(1, 2) g where name like 'Benchmark Partner %'""").update();
        jdbc.sql("""
                insert into partner_invoices (invoice_id, partner_id, customer_id, finalised_on, subscriptions_net,
                                              airtime_net, wholesale, recorded_at)
                select gen_random_uuid(), id, gen_random_uuid(), date '2040-02-01' + (g % 28),
                       round((50 + random() * 500)::numeric, 2), round((random() * 40)::numeric, 2), false, now()
                from partners, generate_series(1, :k) g where name like 'Benchmark Partner %'""")
                .param("k", INVOICES_PER_PARTNER).update();
        jdbc.sql("""
                insert into commission_lines (id, partner_id, invoice_id, kind, customer_id, finalised_on, occurred_on,
                                              subscriptions_net, airtime_net, level, rate, amount)
                select gen_random_uuid(), i.partner_id, i.invoice_id, 'COMMISSION', i.customer_id, i.finalised_on,
                       i.finalised_on, i.subscriptions_net, i.airtime_net, 'REGISTERED', 0.10,
                       round((i.subscriptions_net + i.airtime_net) * 0.10, 2)
                from partner_invoices i join partners p on p.id = i.partner_id
                where p.name like 'Benchmark Partner %'""").update();
        jdbc.sql("analyze").update();
    }
}
