package org.switchboard.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.billing.SubscriptionTimeline.Kind;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.connector.CallRecord.Direction;
import org.switchboard.connector.CallRecord;
import org.switchboard.instances.InstanceId;

/**
 * Rating in process: call records per second through {@link AirtimePolicy#rate} with the seeded
 * tariff (longest prefix over about 50 prefixes), a mix of zones, increments and lengths.
 * Run: see docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RatingBenchmark {

    static final int CALLS = 10_000;

    Tariff tariff;
    SubscriptionTimeline timeline;
    List<CallRecord> calls;

    @Setup
    public void setUp() {
        List<TariffZone> zones = new ArrayList<>();
        zones.add(zone("German fixed", Increment.PER_MINUTE, "0.0190", "0", List.of("49")));
        zones.add(zone("German mobile", Increment.FIRST_MINUTE_THEN_SECONDS, "0.0890", "0", List.of("4915", "4916", "4917")));
        zones.add(zone("EU", Increment.PER_MINUTE, "0.0490", "0", List.of("30", "31", "32", "33", "34", "351", "352",
                "353", "356", "357", "358", "359", "36", "370", "371", "372", "385", "386", "39", "40", "420", "421", "43",
                "45", "46", "48")));
        zones.add(zone("World", Increment.PER_MINUTE, "0.2900", "0.0500", List.of("1", "7", "20", "27", "41", "44",
                "47", "52", "54", "55", "61", "64", "65", "81", "82", "86", "90", "91", "971", "972")));
        tariff = new Tariff(zones);
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        timeline = new SubscriptionTimeline(InstanceId.random(), "Bench", List.of(
                new Entry(start.minusSeconds(86_400), Kind.ACTIVATED, Plan.BASIC, 16, Money.euros("128.16"), false)));
        String[] destinations = { "+4930901820", "+4989123456", "+491701234567", "+491521234567", "+33123456789",
                "+436641234567", "+12125551234", "+447911123456", "+88216123456" };
        Random random = new Random(42);
        calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            Instant answer = start.plusSeconds(random.nextInt(2_500_000));
            Direction direction = random.nextInt(10) < 7 ? Direction.OUTBOUND : Direction.INBOUND;
            calls.add(new CallRecord(Integer.toString(i), "ext-" + random.nextInt(100), "+4930123456",
                    destinations[random.nextInt(destinations.length)], answer.minusSeconds(5),
                    random.nextInt(20) == 0 ? null : answer, answer.plusSeconds(random.nextInt(900)), direction,
                    CallRecord.PLATFORM_TRUNK));
        }
    }

    static TariffZone zone(String name, Increment increment, String price, String fee, List<String> prefixes) {
        return new TariffZone(UUID.randomUUID(), name, prefixes, new BigDecimal(price), increment, new BigDecimal(fee));
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public void rate(Blackhole sink) {
        for (CallRecord call : calls) {
            sink.consume(AirtimePolicy.rate(call, tariff, timeline));
        }
    }
}
