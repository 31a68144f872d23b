package org.switchboard.licensing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.Subscription;
import org.switchboard.licensing.internal.LicenceReads;
import org.switchboard.licensing.internal.LicenceReads.HistoryLine;
import org.switchboard.licensing.internal.LicenceReads.Hour;
import org.switchboard.platform.RefusedException;

/** What the history tells: occupancy over time, peaks, refusals, and sizing advice with its price. */
@Service
public class LicenceInsights {

    public record Point(Instant at, int occupied) {
    }

    /** A bar of a chart: its period, the peak, refusals, and the licensed count then. */
    public record Bar(Instant start, String label, int peak, int refusals, int licensed) {
    }

    public record PricedAdvice(SizingAdvicePolicy.Advice advice, Plan plan, Money currentMonthly,
            Money recommendedMonthly, Money monthlyDifference) {
    }

    public record Live(LicenceState state, int refusalsToday, int emergenciesToday) {
    }

    public record Overview(InstanceDetails details, Live live, Instant from24h, Instant now, List<Point> last24h,
            List<Bar> hours24h, List<Bar> days30, PricedAdvice advice) {
    }

    private static final int HISTORY_LIMIT = 50_000;

    private final LicenceManagement licences;
    private final LicenceReads reads;
    private final Catalog catalog;
    private final Clock clock;

    LicenceInsights(LicenceManagement licences, LicenceReads reads, Catalog catalog, Clock clock) {
        this.licences = licences;
        this.reads = reads;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Live live(CurrentUser viewer, InstanceId id) {
        LicenceState state = licences.state(viewer, id);
        return live(id, state);
    }

    private Live live(InstanceId id, LicenceState state) {
        Instant today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        int emergencies = reads.hours(id, today, clock.instant().plusSeconds(3600)).stream()
                .mapToInt(Hour::emergencies).sum();
        return new Live(state, reads.refusalsSince(id, today), emergencies);
    }

    /**
     * Refusals since midnight over the given instances (those the dashboard's viewer sees), a count
     * and nothing more.
     */
    public int refusalsToday(java.util.List<InstanceId> visible) {
        Instant today = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        return reads.refusalsSince(visible, today);
    }

    public Overview overview(CurrentUser viewer, InstanceId id) {
        InstanceDetails details = licences.visible(viewer, id);
        LicenceState state = licences.state(viewer, id);
        Instant now = clock.instant();
        Instant from = now.minus(Duration.ofHours(24));
        List<Point> points = new ArrayList<>();
        points.add(new Point(from, reads.occupiedBefore(id, from)));
        List<HistoryLine> lines = new ArrayList<>(reads.history(id, from, now.plusSeconds(1), HISTORY_LIMIT));
        lines.sort(Comparator.comparing(HistoryLine::at).thenComparing(HistoryLine::id));
        lines.forEach(l -> points.add(new Point(l.at(), l.occupied())));
        points.add(new Point(now, state.occupied()));

        ZoneId zone = clock.getZone();
        Instant hourNow = now.truncatedTo(ChronoUnit.HOURS);
        Instant start30 = LocalDate.ofInstant(now, zone).minusDays(29).atStartOfDay(zone).toInstant();
        Map<Instant, Integer> hourly = hourlyPeaks(id, start30, hourNow, state.occupied());
        List<Hour> rows = reads.hours(id, start30, hourNow.plusSeconds(3600));
        Map<Instant, Hour> byHour = new HashMap<>();
        rows.forEach(h -> byHour.put(h.hour(), h));

        List<Bar> hours24 = new ArrayList<>();
        for (Instant h = hourNow.minus(Duration.ofHours(23)); !h.isAfter(hourNow); h = h.plus(Duration.ofHours(1))) {
            Hour row = byHour.get(h);
            hours24.add(new Bar(h, String.format("%02d", h.atZone(zone).getHour()), hourly.getOrDefault(h, 0),
                    row == null ? 0 : row.refusals(), row == null ? state.licensed() : row.licensed()));
        }
        Map<LocalDate, int[]> days = new LinkedHashMap<>();
        for (int d = 29; d >= 0; d--) {
            days.put(LocalDate.ofInstant(now, zone).minusDays(d), new int[] { 0, 0, state.licensed() });
        }
        hourly.forEach((h, peak) -> {
            int[] day = days.get(LocalDate.ofInstant(h, zone));
            if (day != null) {
                day[0] = Math.max(day[0], peak);
            }
        });
        rows.forEach(h -> {
            int[] day = days.get(LocalDate.ofInstant(h.hour(), zone));
            if (day != null) {
                day[1] += h.refusals();
                day[2] = h.licensed();
            }
        });
        List<Bar> days30 = new ArrayList<>();
        days.forEach((day, v) -> days30.add(new Bar(day.atStartOfDay(zone).toInstant(),
                String.valueOf(day.getDayOfMonth()), v[0], v[1], v[2])));

        int refusals30 = rows.stream().mapToInt(Hour::refusals).sum();
        SizingAdvicePolicy.Advice advice = SizingAdvicePolicy.advise(state.licensed(),
                new ArrayList<>(hourly.values()), refusals30);
        return new Overview(details, live(id, state), from, now, points, hours24, days30, price(details, advice));
    }

    /** The peak of every hour from {@code from} to {@code to}; an hour without records keeps the occupancy it began with. */
    Map<Instant, Integer> hourlyPeaks(InstanceId id, Instant from, Instant to, int occupiedNow) {
        Map<Instant, Integer> peaks = new LinkedHashMap<>();
        Map<Instant, Hour> rows = new HashMap<>();
        reads.hours(id, from, to.plusSeconds(3600)).forEach(h -> rows.put(h.hour(), h));
        int carry = reads.hourBefore(id, from).map(Hour::closing).orElse(0);
        for (Instant h = from; !h.isAfter(to); h = h.plus(Duration.ofHours(1))) {
            Hour row = rows.get(h);
            if (row != null) {
                peaks.put(h, Math.max(row.peak(), carry));
                carry = row.closing();
            } else {
                peaks.put(h, h.equals(to) ? Math.max(carry, occupiedNow) : carry);
            }
        }
        return peaks;
    }

    private PricedAdvice price(InstanceDetails details, SizingAdvicePolicy.Advice advice) {
        Plan plan = details.instance().subscription().map(Subscription::plan).orElse(Plan.BASIC);
        if (advice.licensed() < 1 || advice.recommended() < 1) {
            return new PricedAdvice(advice, plan, null, null, null);
        }
        try {
            Money current = catalog.quote(plan, advice.licensed()).monthlyNet();
            Money recommended = catalog.quote(plan, advice.recommended()).monthlyNet();
            return new PricedAdvice(advice, plan, current, recommended, recommended.minus(current));
        } catch (RefusedException | org.switchboard.platform.InvalidInputException e) {
            return new PricedAdvice(advice, plan, null, null, null);
        }
    }

    /** The most recent admissions, refusals and releases between two instants, newest first, at most {@code limit}. */
    public List<HistoryLine> history(CurrentUser viewer, InstanceId id, Instant from, Instant to, int limit) {
        licences.visible(viewer, id);
        return reads.history(id, from, to, limit);
    }

    /** The history of the last 30 days as CSV, oldest first. */
    public String historyCsv(CurrentUser viewer, InstanceId id) {
        licences.visible(viewer, id);
        Instant now = clock.instant();
        List<HistoryLine> lines = new ArrayList<>(reads.history(id, now.minus(Duration.ofDays(30)), now.plusSeconds(1),
                1_000_000));
        lines.sort(Comparator.comparing(HistoryLine::at).thenComparing(HistoryLine::id));
        StringBuilder csv = new StringBuilder(
                "at,subject,reason,ref,action,emergency,licence_changed,actor,occupied,licensed,device_id,device_name\n");
        for (HistoryLine l : lines) {
            csv.append(l.at()).append(',').append(cell(l.subject())).append(',').append(l.reason()).append(',')
                    .append(cell(l.ref())).append(',').append(l.action()).append(',').append(l.emergency()).append(',')
                    .append(l.licenceChanged()).append(',').append(cell(l.actor() == null ? "" : l.actor()))
                    .append(',').append(l.occupied()).append(',').append(l.licensed())
                    .append(',').append(cell(l.device() == null ? "" : l.device().id()))
                    .append(',').append(cell(l.device() == null ? "" : l.device().name())).append('\n');
        }
        return csv.toString();
    }

    private static String cell(String value) {
        // Quoted when needed; a leading formula character is neutralised for spreadsheets.
        String v = value.startsWith("=") || value.startsWith("+") || value.startsWith("-") || value.startsWith("@")
                ? "'" + value : value;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
