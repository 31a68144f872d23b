package org.switchboard.licensing.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.switchboard.licensing.LicenceInsights.Bar;
import org.switchboard.licensing.LicenceInsights.Point;

import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of the licence charts, for the chart script of the page (as JSON in the page, drawn
 * in the browser by the bundled charting library) and for the summary and table that stand for
 * each chart for those who do not see it. Every time is written here, in the business time zone;
 * the occupancy line's axis gets the zone's name so that the browser writes its hours in it too.
 */
final class LicenceCharts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    /** The occupancy as a step line: each change as [epoch milliseconds, in use], and the licensed count. */
    record Occupancy(String kind, String title, String zone, long from, long to, int licensed, List<long[]> points,
            String summary) {
    }

    /** A bar chart of peaks and refusals per period, with the licensed count of each period. */
    record Bars(String kind, String title, String period, List<Row> rows, String summary) {
    }

    /** One period: its short label under the axis, its full name (tooltip, table), and its figures. */
    record Row(String label, String name, int peak, int refusals, int licensed) {
    }

    private LicenceCharts() {
    }

    /** The occupancy from {@code from} to {@code to}: each change, the licensed count, and how many are in use now. */
    static Occupancy occupancy(List<Point> points, int licensed, int inUseNow, Instant from, Instant to, ZoneId zone) {
        Point highest = points.stream().max((a, b) -> Integer.compare(a.occupied(), b.occupied()))
                .orElse(new Point(to, 0));
        String summary = String.format(Locale.ENGLISH,
                "Occupancy from %s to %s: at most %d in use (first at %s) of %d licensed; %d in use now.",
                DAY_TIME.format(from.atZone(zone)), DAY_TIME.format(to.atZone(zone)), highest.occupied(),
                DAY_TIME.format(highest.at().atZone(zone)), licensed, inUseNow);
        return new Occupancy("occupancy", "Occupancy, last 24 hours", zone.getId(), from.toEpochMilli(), to.toEpochMilli(),
                licensed, points.stream().map(p -> new long[] { p.at().toEpochMilli(), p.occupied() }).toList(), summary);
    }

    /** The peak of each of the last 24 hours. */
    static Bars hours(List<Bar> hours, ZoneId zone) {
        return bars("Peak per hour, last 24 hours", "Hour", hours.stream()
                .map(b -> row(b, HOUR.format(b.start().atZone(zone)),
                        DAY_TIME.format(b.start().atZone(zone)) + " to " + HOUR.format(b.start().plusSeconds(3600).atZone(zone))))
                .toList());
    }

    /** The peak of each of the last {@code count} days (7 or 30) of those given. */
    static Bars days(List<Bar> all, int count, ZoneId zone) {
        List<Bar> days = all.subList(Math.max(0, all.size() - count), all.size());
        DateTimeFormatter label = count <= 7 ? WEEKDAY : DAY;
        return bars("Peak per day, last " + count + " days", "Day", days.stream()
                .map(b -> row(b, label.format(b.start().atZone(zone)), FULL_DAY.format(b.start().atZone(zone))))
                .toList());
    }

    private static Row row(Bar b, String label, String name) {
        return new Row(label, name, b.peak(), b.refusals(), b.licensed());
    }

    private static Bars bars(String title, String period, List<Row> rows) {
        Row highest = rows.stream().max((a, b) -> Integer.compare(a.peak(), b.peak())).orElse(null);
        int refusals = rows.stream().mapToInt(Row::refusals).sum();
        int licensed = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).licensed();
        String summary = highest == null ? title + ": no figures yet."
                : String.format(Locale.ENGLISH, "%s: the highest peak was %d in use (%s), %d licensed now; %s.", title,
                        highest.peak(), highest.name(), licensed,
                        refusals == 0 ? "nothing was refused" : refusals + (refusals == 1 ? " refusal" : " refusals"));
        return new Bars("bars", title, period, rows, summary);
    }

    /**
     * The chart's figures as JSON to place inside {@code <script type="application/json">}: the
     * characters that could end or break the element are written as escapes.
     */
    static String json(Object chart) {
        return JSON.writeValueAsString(chart).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }
}
