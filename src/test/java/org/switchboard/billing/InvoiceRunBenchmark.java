package org.switchboard.billing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.SwitchboardApplication;

/**
 * The invoice run of a month with many customers and calls, on the embedded PostgreSQL.
 * <pre>
 *   generate [customers] [calls]   a fresh data set for the month just ended (previous data is kept: use a new folder)
 *   run                            the invoice run of that month, timed, with the peak heap
 *   reset                          forgets the runs and invoices (TRUNCATE), so that the run can be measured again
 *   check                          counts invoices per customer, checks that the numbers run 1..n and
 *                                  that each rated call of the month was billed exactly once
 * </pre>
 * The data folder is the system property {@code bench.data} (default target/benchmark-data).
 * Customers, instances with their mandates, the subscription timelines and rated calls are
 * written with SQL as sign-up, subscription and call recording would have left them; the run
 * itself is the application's. Commands: docs/benchmarks.md.
 */
public final class InvoiceRunBenchmark {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "run";
        int customers = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long calls = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000L;
        String data = System.getProperty("bench.data", "target/benchmark-data");
        // As command-line arguments, so that they win over application.properties.
        ConfigurableApplicationContext app = start(data);
        if (mode.equals("run") && !countsStatements(app.getBean(JdbcClient.class))) {
            // The run counts the statements it sends (pg_stat_statements, loaded when the server starts).
            app.getBean(JdbcClient.class).sql("alter system set shared_preload_libraries = 'pg_stat_statements'")
                    .update();
            app.close();
            app = start(data);
        }
        try {
            YearMonth month = YearMonth.now(BERLIN).minusMonths(1);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            if (mode.equals("generate")) {
                generate(jdbc, month, customers, calls);
            } else if (mode.equals("check")) {
                check(jdbc);
            } else if (mode.equals("reset")) {
                // TRUNCATE passes the trigger that keeps finalised invoices: for benchmarks only.
                jdbc.sql("""
                        truncate billing_payments, billing_invoice_lines, billing_invoices,
                          billing_run_items, billing_run_partners, billing_partner_charges, billing_runs,
                          billing_number_series, billing_call_watermarks, billing_calls_deferred""").update();
                jdbc.sql("update billing_timeline set billed_in = null where billed_in is not null").update();
            } else {
                run(app.getBean(InvoiceRun.class), jdbc, month);
            }
        } finally {
            app.close();
        }
    }

    private static ConfigurableApplicationContext start(String data) {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .run("--switchboard.data=" + data, "--switchboard.demo.enabled=false",
                        "--switchboard.scheduling.enabled=false", "--server.port=0", "--switchboard.sip.enabled=false",
                        "--switchboard.admin.email=bench@switchboard.test",
                        "--switchboard.admin.password=correct horse battery staple", "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off");
    }

    private static boolean countsStatements(JdbcClient jdbc) {
        return jdbc.sql("select current_setting('shared_preload_libraries')").query(String.class).single()
                .contains("pg_stat_statements");
    }

    /** What the whole database did so far: statements, transactions and rows written (all sessions). */
    record Work(long statements, long transactions, long inserted, long updated) {

        static Work now(JdbcClient jdbc) {
            try {
                Thread.sleep(1500); // other sessions report their statistics within a second
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            jdbc.sql("select pg_stat_clear_snapshot()").query(rs -> { });
            long statements = jdbc.sql("select coalesce(sum(calls), 0)::bigint from pg_stat_statements")
                    .query(Long.class).single();
            return jdbc.sql("""
                    select xact_commit + xact_rollback, tup_inserted, tup_updated from pg_stat_database
                    where datname = current_database()""")
                    .query((rs, n) -> new Work(statements, rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        }
    }

    public static void generate(JdbcClient jdbc, YearMonth month, int customers, long calls) {
        long started = System.nanoTime();
        BillingCalendar calendar = new BillingCalendar(BERLIN);
        Instant activated = calendar.start(month).plus(Duration.ofDays(9)).plus(Duration.ofHours(10));
        Instant upgraded = calendar.start(month).plus(Duration.ofDays(16)).plus(Duration.ofHours(12));
        UUID priceList = jdbc.sql("select id from price_lists order by version limit 1").query(UUID.class).single();
        jdbc.sql("""
                insert into customers (id, name, street, postcode, city, country, vat_id, partner_id, created_at)
                select md5('customer' || i)::uuid, 'Customer ' || i, 'Street ' || i, '10115', 'Berlin',
                       case when i % 10 = 0 then 'AT' else 'DE' end,
                       case when i % 10 = 0 then 'ATU' || lpad(i::text, 8, '0') end, null, :at
                from generate_series(1, :n) i""").param("n", customers).param("at", Timestamp.from(activated)).update();
        jdbc.sql("""
                insert into instances (id, customer_id, name, subdomain, country, created_at, status, plan, concurrent_users,
                  price_list_id, price_list_version, unit_price, monthly_net, activated_at, term_start, term_end,
                  mandate_reference, mandate_signed_on, iban, account_holder)
                select md5('instance' || i)::uuid, md5('customer' || i)::uuid, 'PBX ' || i, 'bench-' || i, 'DE', :at,
                       'ACTIVE', 'BASIC', 16, :pl, 1, 8.01, 128.16, :at, :at, cast(:at as timestamptz) + interval '1 year',
                       'SB-bench-' || i, :day, 'DE89370400440532013000', 'Customer ' || i
                from generate_series(1, :n) i""")
                .param("n", customers).param("at", Timestamp.from(activated)).param("pl", priceList)
                .param("day", java.sql.Date.valueOf(activated.atZone(BERLIN).toLocalDate())).update();
        jdbc.sql("""
                insert into billing_instances (instance_id, customer_id, name, activated_at, mandate_reference,
                  mandate_signed_on, iban, account_holder)
                select md5('instance' || i)::uuid, md5('customer' || i)::uuid, 'PBX ' || i, :at, 'SB-bench-' || i, :day,
                       'DE89370400440532013000', 'Customer ' || i
                from generate_series(1, :n) i""")
                .param("n", customers).param("at", Timestamp.from(activated))
                .param("day", java.sql.Date.valueOf(activated.atZone(BERLIN).toLocalDate())).update();
        // Every customer sold on the 10th with 16 CU; every fifth upgraded to 30 CU on the 17th.
        jdbc.sql("""
                insert into billing_timeline (instance_id, customer_id, at, kind, plan, concurrent_users, monthly_net, free)
                select md5('instance' || i)::uuid, md5('customer' || i)::uuid, :at, 'ACTIVATED', 'BASIC', 16, 128.16, false
                from generate_series(1, :n) i""").param("n", customers).param("at", Timestamp.from(activated)).update();
        jdbc.sql("""
                insert into billing_timeline (instance_id, customer_id, at, kind, plan, concurrent_users, monthly_net, free)
                select md5('instance' || i)::uuid, md5('customer' || i)::uuid, :at, 'UPGRADED', 'BASIC', 30, 227.10, false
                from generate_series(5, :n, 5) i""").param("n", customers).param("at", Timestamp.from(upgraded)).update();
        System.out.printf("customers, instances and timelines: %d in %.1f s%n", customers, seconds(started));
        long window = Duration.between(activated, calendar.end(month)).getSeconds() - 3600;
        long chunk = 1_000_000;
        for (long from = 1; from <= calls; from += chunk) {
            long to = Math.min(calls, from + chunk - 1);
            // Calls spread over the instances and the rest of the month; zones, lengths and charges as rating leaves them.
            jdbc.sql("""
                    insert into billing_calls (instance_id, call_id, customer_id, subject, from_number, to_number, started_at,
                      answered_at, ended_at, direction, trunk, outcome, zone, billed_seconds, charge, reason, received_at)
                    select md5('instance' || c)::uuid, 'call-' || g, md5('customer' || c)::uuid, 'ext-' || (g % 40),
                           '+4930123456', z.prefix || lpad((g % 9999999)::text, 7, '0'), s, s + interval '4 second',
                           s + make_interval(secs => 4 + len), 'OUTBOUND', 'platform', 'RATED', z.zone, z.billed, z.charge,
                           null, s + make_interval(secs => 4 + len)
                    from generate_series(:from, :to) g
                    cross join lateral (select 1 + (g % :n) as c, (g * 7919) % 600 + 5 as len,
                                               cast(:start as timestamptz) + make_interval(secs => ((g * 104729) % :window)::int) as s) k
                    cross join lateral (select case when g % 3 = 0 then '+49170' else '+4930' end as prefix,
                                               case when g % 3 = 0 then 'German mobile' else 'German fixed' end as zone,
                                               case when g % 3 = 0 then greatest(60, len) else ((len + 59) / 60) * 60 end as billed,
                                               case when g % 3 = 0 then round(0.0890 * greatest(60, len) / 60.0, 4)
                                                    else round(0.0190 * ((len + 59) / 60), 4) end as charge) z""")
                    .param("from", from).param("to", to).param("n", customers).param("window", window)
                    .param("start", Timestamp.from(activated)).update();
            System.out.printf("calls: %,d in %.1f s%n", to, seconds(started));
        }
        // As autovacuum leaves a table that grew by inserts: statistics and the visibility map up to date.
        jdbc.sql("vacuum analyze").update();
        System.out.printf("generated in %.1f s%n", seconds(started));
    }

    static void run(InvoiceRun run, JdbcClient jdbc, YearMonth month) {
        long calls = jdbc.sql("select count(*) from billing_calls").query(Long.class).single();
        System.out.printf("run of %s over %,d rated calls%n", month, calls);
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        String walBefore = jdbc.sql("select pg_current_wal_lsn()::text").query(String.class).single();
        long callWritesBefore = callRowWrites(jdbc);
        jdbc.sql("create extension if not exists pg_stat_statements").update();
        jdbc.sql("select pg_stat_statements_reset()").query(rs -> { });
        Work before = Work.now(jdbc);
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        InvoiceRun.Progress created = run.create(month, "benchmark");
        System.out.printf("work items: %,d customers in %.1f s%n", created.customers(), seconds(started));
        InvoiceRun.Progress done = run.complete(month);
        double elapsed = seconds(started);
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long lines = jdbc.sql("select count(*) from billing_invoice_lines").query(Long.class).single();
        long debits = jdbc.sql("select count(*) from billing_payments where batch_month = :m").param("m", month.toString())
                .query(Long.class).single();
        System.out.printf("invoices: %,d (%,d lines, %,d direct debits) for %,d customers in %.1f s = %.0f customers/s%n",
                done.invoices(), lines, debits, done.customers(), elapsed, done.customers() / elapsed);
        System.out.printf("heap: max %,d MB, peak used (sum of pools) %,d MB; CPU of this JVM in the run %.1f s%n",
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, cpu);
        // Independent of the machine's load: what the run wrote.
        long wal = jdbc.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), cast(:b as pg_lsn))::bigint").param("b", walBefore)
                .query(Long.class).single();
        System.out.printf("written: %,d MB of WAL, %,d call rows updated%n", wal >> 20, callRowWrites(jdbc) - callWritesBefore);
        // Also independent of the load: statements and transactions of all sessions (the run's batches and
        // the listeners of the events it published), and per customer.
        Work after = Work.now(jdbc);
        int n = Math.max(1, done.customers());
        long statements = after.statements() - before.statements();
        long transactions = after.transactions() - before.transactions();
        System.out.printf("per customer: %.1f statements, %.2f transactions, %.1f rows inserted, %.1f rows updated,"
                + " %,.0f bytes of WAL (in all: %,d statements, %,d transactions)%n", (double) statements / n,
                (double) transactions / n, (double) (after.inserted() - before.inserted()) / n,
                (double) (after.updated() - before.updated()) / n, (double) wal / n, statements, transactions);
        System.out.println("statements run most often (calls, rows, statement):");
        jdbc.sql("""
                select calls, rows, regexp_replace(query, '\\s+', ' ', 'g') as q from pg_stat_statements
                order by calls desc limit 15""")
                .query(rs -> {
                    String q = rs.getString("q");
                    System.out.printf("  %,9d %,10d  %s%n", rs.getLong("calls"), rs.getLong("rows"),
                            q.length() > 110 ? q.substring(0, 110) + "..." : q);
                });
        // Where the database's time went (execution only, not the round trips): beside other builds these
        // times grow with the load, but their shares show what costs most.
        System.out.println("statements taking the most time (total ms, calls, mean ms, statement):");
        jdbc.sql("""
                select total_exec_time, calls, regexp_replace(query, '\\s+', ' ', 'g') as q from pg_stat_statements
                order by total_exec_time desc limit 12""")
                .query(rs -> {
                    String q = rs.getString("q");
                    System.out.printf("  %,10.0f %,9d %8.3f  %s%n", rs.getDouble(1), rs.getLong(2),
                            rs.getDouble(1) / Math.max(1, rs.getLong(2)), q.length() > 100 ? q.substring(0, 100) + "..." : q);
                });
    }

    /** CPU time of this JVM so far (all its threads), independent of what else runs on the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Call rows updated so far, as the statistics collector counts them (flushed first). */
    private static long callRowWrites(JdbcClient jdbc) {
        try {
            Thread.sleep(1500); // other sessions report their statistics within a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jdbc.sql("select pg_stat_clear_snapshot()").query(rs -> { });
        return jdbc.sql("select n_tup_upd from pg_stat_user_tables where relname = 'billing_calls'").query(Long.class)
                .single();
    }

    static void check(JdbcClient jdbc) {
        // Statistics of the run's tables as they are now: planned with those of an empty table (after
        // reset, before autovacuum came round) the count below runs for hours instead of minutes.
        jdbc.sql("analyze billing_runs, billing_run_items, billing_calls_deferred, billing_invoices").update();
        jdbc.sql("""
                select count(*) as invoices, count(distinct customer_id) as customers,
                       count(distinct number) as numbers,
                       min(cast(substring(number from 6) as integer)) as first,
                       max(cast(substring(number from 6) as integer)) as last
                from billing_invoices where kind = 'INVOICE'""")
                .query(rs -> {
                    System.out.printf("invoices %,d, customers %,d, distinct numbers %,d, numbers %d..%d%n",
                            rs.getLong("invoices"), rs.getLong("customers"), rs.getLong("numbers"), rs.getLong("first"),
                            rs.getLong("last"));
                });
        jdbc.sql("select series, year, last_number from billing_number_series").query(rs -> {
            System.out.printf("series %s %d: last number %d%n", rs.getString(1), rs.getInt(2), rs.getInt(3));
        });
        // Each rated call made before the cut-off of the last finished run: how often a done work item's
        // range (calls made before its run's cut-off) or a deferral billed it. Exactly once each.
        jdbc.sql("""
                with cut as (select max(cut_off) as at from billing_runs where finished_at is not null),
                times as (
                  select b.customer_id, b.seq, b.charge,
                         (select count(*) from billing_run_items i join billing_runs r on r.month = i.month
                          where i.customer_id = b.customer_id and i.done and b.seq > i.calls_after
                            and b.seq <= i.calls_upto and b.started_at < r.cut_off)
                         + (select count(*) from billing_calls_deferred d
                            where d.customer_id = b.customer_id and d.seq = b.seq and d.billed_in is not null) as n
                  from billing_calls b, cut where b.outcome = 'RATED' and b.started_at < cut.at)
                select count(*) as calls, count(*) filter (where n = 1) as once, count(*) filter (where n = 0) as never,
                       count(*) filter (where n > 1) as twice, coalesce(sum(charge) filter (where n = 1), 0) as charged
                from times""")
                .query(rs -> {
                    System.out.printf("rated calls before the cut-off %,d: billed once %,d, never %,d, more than once %,d"
                            + " (charges %s)%n", rs.getLong("calls"), rs.getLong("once"), rs.getLong("never"),
                            rs.getLong("twice"), rs.getBigDecimal("charged"));
                });
        jdbc.sql("""
                select coalesce(sum(l.amount), 0) from billing_invoice_lines l join billing_invoices v on v.id = l.invoice_id
                where v.number is not null and l.kind = 'AIRTIME'""")
                .query(rs -> {
                    System.out.printf("airtime on the invoices %s (each line rounded to the cent)%n", rs.getBigDecimal(1));
                });
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
