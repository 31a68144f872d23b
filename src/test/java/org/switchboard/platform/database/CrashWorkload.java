package org.switchboard.platform.database;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.SwitchboardApplication;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.billing.InvoiceRunBenchmark;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Connector;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.Api;

/**
 * The application under load until it is killed: started on a data folder, it sets up an
 * instance of 5 concurrent users with 40 employees and last month's billing data, then sends a
 * burst of licence events from several threads (each answered event written to a file, as a
 * phone system would remember it) while the invoice run of last month works. It never stops by
 * itself: {@link CrashRestartIntegrationTest} kills it.
 * <pre>  arguments: data folder, file of answered events, customers of the invoice run</pre>
 */
public final class CrashWorkload {

    static final int LICENSED = 5;
    static final int EMPLOYEES = 40;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path answered = Path.of(args[1]);
        int customers = Integer.parseInt(args[2]);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class)
                .run(arguments(data));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        Setup setup = app.getBean(LicensingFixtures.class).subscribed(LICENSED, EMPLOYEES, 0);
        YearMonth month = YearMonth.now(ZoneId.of("Europe/Berlin")).minusMonths(1);
        InvoiceRunBenchmark.generate(app.getBean(JdbcClient.class), month, customers, customers * 20L);
        out.println("INSTANCE " + setup.instance().value());

        AtomicLong sent = new AtomicLong();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            Thread sender = new Thread(() -> burst(new Connector(port, setup), thread, answered, sent), "burst-" + t);
            sender.setDaemon(true);
            sender.start();
        }
        // The run starts once a few hundred events were answered: it takes a few seconds only, and the
        // test kills the application in its middle with events answered before.
        while (sent.get() < 400) {
            Thread.sleep(50);
        }
        InvoiceRun run = app.getBean(InvoiceRun.class);
        run.create(month, "crash test");
        Thread invoicing = new Thread(() -> run.complete(month), "run");
        invoicing.setDaemon(true);
        invoicing.start();
        while (true) {
            InvoiceRun.Progress progress = run.progress(month).orElseThrow();
            out.println("PROGRESS " + progress.done() + " " + progress.customers() + " " + sent.get());
            Thread.sleep(100);
        }
    }

    static String[] arguments(Path data) {
        // As command-line arguments, so that they win over application.properties.
        return new String[] { "--switchboard.data=" + data, "--switchboard.demo.enabled=false",
                "--switchboard.scheduling.enabled=false", "--server.port=0", "--switchboard.sip.enabled=false",
                "--switchboard.admin.email=crash@switchboard.test",
                "--switchboard.admin.password=" + org.switchboard.testing.IntegrationTestBase.PASSWORD,
                "--logging.level.root=WARN", "--logging.level.org.switchboard.platform.database=INFO",
                "--spring.main.banner-mode=off" };
    }

    /** Opens desktops under fresh refs and closes some of those held; writes every answer once it came. */
    private static void burst(Connector connector, int thread, Path answered, AtomicLong sent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        java.util.List<String[]> held = new java.util.ArrayList<>();
        try {
            for (long n = 0;; n++) {
                String line;
                if (!held.isEmpty() && random.nextInt(3) == 0) {
                    String[] h = held.remove(random.nextInt(held.size()));
                    Api.Response r = connector.send("DESKTOP_CLOSED", h[0], h[1]);
                    if (r.status() != 200) {
                        continue;
                    }
                    line = h[0] + " " + h[1] + " RELEASED";
                } else {
                    String subject = String.valueOf(100 + random.nextInt(EMPLOYEES));
                    String ref = "d-" + thread + "-" + n;
                    Api.Response r = connector.send("DESKTOP_OPENED", subject, ref);
                    if (r.status() != 200) {
                        continue;
                    }
                    boolean admitted = r.json().path("admitted").asBoolean();
                    if (admitted) {
                        held.add(new String[] { subject, ref });
                    }
                    line = subject + " " + ref + (admitted ? " ADMITTED" : " REFUSED");
                }
                sent.incrementAndGet();
                synchronized (CrashWorkload.class) {
                    Files.writeString(answered, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the application is being killed
        }
    }
}
