package org.switchboard.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.SwitchboardApplication;
import org.switchboard.billing.InvoiceRun;

/**
 * The application process is killed hard (SIGKILL) during a burst of licence events and an invoice
 * run; its embedded PostgreSQL keeps running on the data folder. Started again on that folder, the
 * application stops the left-over server, lets PostgreSQL recover, and comes up: no licence over
 * the pool, every event the phone system got an answer for is in the history, and the invoice run
 * finishes with one invoice per customer and numbers without gap or duplicate.
 */
class CrashRestartIntegrationTest {

    static final int CUSTOMERS = 2000;

    @TempDir
    Path temp;

    @Test
    void theApplicationKilledDuringLicenceEventsAndAnInvoiceRunStartsAgainAndLosesNothingAcknowledged()
            throws Exception {
        Path data = temp.resolve("data");
        Path answered = temp.resolve("answered.txt");
        Process workload = new ProcessBuilder(Path.of(ProcessHandle.current().info().command().orElseThrow()).toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), CrashWorkload.class.getName(),
                data.toString(), answered.toString(), String.valueOf(CUSTOMERS)).redirectErrorStream(true).start();
        UUID instance = null;
        int doneAtKill = -1;
        long eventsAtKill = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(workload.getInputStream(),
                StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            List<String> console = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("INSTANCE ")) {
                    instance = UUID.fromString(line.substring(9).trim());
                } else if (line.startsWith("PROGRESS ")) {
                    String[] p = line.split(" ");
                    int done = Integer.parseInt(p[1]);
                    long events = Long.parseLong(p[3]);
                    // Mid-run: some batches committed, most not; and a few hundred events answered.
                    if (done >= 200 && done < Integer.parseInt(p[2]) - 400 && events >= 300) {
                        doneAtKill = done;
                        eventsAtKill = events;
                        break;
                    }
                } else if (console.size() < 200) {
                    console.add(line);
                }
            }
            assertThat(doneAtKill).as("the workload got mid-run; its console:\n" + String.join("\n", console))
                    .isPositive();
        } finally {
            workload.destroyForcibly(); // SIGKILL: no shutdown hook, no closing of the database
            workload.waitFor(30, TimeUnit.SECONDS);
        }
        Path folder = data.resolve("postgres");
        Optional<LeftoverServer.PidFile> leftover = LeftoverServer.PidFile.read(folder);
        assertThat(leftover).as("the killed application left its PostgreSQL running").isPresent();
        assertThat(ProcessHandle.of(leftover.get().pid()).map(ProcessHandle::isAlive)).contains(true);

        long restarting = System.nanoTime();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run(CrashWorkload.arguments(data))) {
            double startSeconds = (System.nanoTime() - restarting) / 1e9;
            assertThat(ProcessHandle.of(leftover.get().pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            YearMonth month = YearMonth.now(ZoneId.of("Europe/Berlin")).minusMonths(1);

            // Licences: never more held than the pool, then or now.
            assertThat(jdbc.sql("select count(*) from licence_holders where instance_id = ?").param(instance)
                    .query(Integer.class).single()).isLessThanOrEqualTo(CrashWorkload.LICENSED);
            assertThat(jdbc.sql("select count(*) from licence_history where instance_id = ? and occupied > licensed")
                    .param(instance).query(Integer.class).single()).isZero();
            // Every answered event is in the history, as it was answered.
            List<String> acknowledged = Files.readAllLines(answered).stream().filter(l -> l.split(" ").length == 3)
                    .toList();
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(300);
            List<String> history = jdbc.sql("select subject || ' ' || ref || ' ' || action from licence_history"
                    + " where instance_id = ?").param(instance).query(String.class).list();
            assertThat(history).containsAll(acknowledged);

            // The invoice run resumed by itself at start; it finishes with every customer invoiced once.
            InvoiceRun run = app.getBean(InvoiceRun.class);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (run.progress(month).orElseThrow().finishedAt() == null && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            InvoiceRun.Progress progress = run.progress(month).orElseThrow();
            assertThat(progress.finishedAt()).as("the run finished after the restart").isNotNull();
            assertThat(progress.done()).isEqualTo(progress.customers());
            assertThat(jdbc.sql("""
                    select count(*) from billing_invoices
                    where kind = 'INVOICE' and customer_id in (select md5('customer' || i)::uuid from generate_series(1, ?) i)""")
                    .param(CUSTOMERS).query(Integer.class).single()).isEqualTo(CUSTOMERS);
            assertThat(jdbc.sql("select count(*) - count(distinct customer_id) from billing_invoices where kind = 'INVOICE'")
                    .query(Integer.class).single()).as("no customer invoiced twice").isZero();
            List<Integer> numbers = jdbc.sql("select cast(substring(number from 6) as integer) from billing_invoices"
                    + " where kind = 'INVOICE' order by 1").query(Integer.class).list();
            assertThat(numbers).as("numbers 1..n, no gap, no duplicate").isEqualTo(
                    java.util.stream.IntStream.rangeClosed(1, numbers.size()).boxed().toList());
            System.out.printf("crash test: killed after %d answered licence events and %d of %d customers invoiced;"
                    + " restarted in %.1f s; %d answered events all in the history; run finished with %d invoices%n",
                    eventsAtKill, doneAtKill, progress.customers(), startSeconds, acknowledged.size(), numbers.size());
        }
    }

}
