package org.switchboard.licensing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.switchboard.licensing.LicenceInsights.Bar;
import org.switchboard.licensing.LicenceInsights.Point;

/** Charts as inline SVG, drawn on the server: no script needed to read them. */
final class Charts {

    private static final int W = 900;
    private static final int H = 220;
    private static final int LEFT = 36;
    private static final int BOTTOM = 24;
    private static final int TOP = 30;

    private Charts() {
    }

    /** Occupancy as a step line over time, with the licensed count as a dashed line. */
    static String occupancy(List<Point> points, int licensed, Instant from, Instant to, ZoneId zone) {
        int max = Math.max(1, Math.max(licensed, points.stream().mapToInt(Point::occupied).max().orElse(0))) + 1;
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        StringBuilder path = new StringBuilder();
        Integer lastY = null;
        for (Point p : points) {
            double x = LEFT + (W - LEFT - 4) * Math.max(0, Duration.between(from, p.at()).toSeconds()) / span;
            double y = y(p.occupied(), max);
            if (lastY == null) {
                path.append(String.format(Locale.ROOT, "M%.1f %.1f", x, y));
            } else {
                path.append(String.format(Locale.ROOT, " H%.1f V%.1f", x, y));
            }
            lastY = (int) y;
        }
        StringBuilder svg = open("Occupancy over the last 24 hours");
        legend(svg, "in use", false);
        axes(svg, max);
        for (int h = 0; h <= 24; h += 3) {
            Instant t = from.plus(Duration.ofHours(h));
            double x = LEFT + (W - LEFT - 4) * h / 24.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%02d:00</text>",
                    x, H - 6, t.atZone(zone).getHour()));
        }
        licensedLine(svg, licensed, max);
        svg.append("<path class=\"occupied\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" d=\"").append(path)
                .append("\"/>");
        // One hover target per hour: the tooltip says the highest occupancy of that hour.
        for (int h = 0; h < 24; h++) {
            Instant start = from.plus(Duration.ofHours(h));
            Instant end = start.plus(Duration.ofHours(1));
            int peak = peakBetween(points, start, end);
            double x = LEFT + (W - LEFT - 4) * h / 24.0;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"hover\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"transparent\">"
                            + "<title>%02d:00 to %02d:00: up to %d in use of %d licensed</title></rect>",
                    x, TOP, (W - LEFT - 4) / 24.0, H - TOP - BOTTOM, start.atZone(zone).getHour(),
                    end.atZone(zone).getHour(), peak, licensed));
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Peaks as bars and refusals as bars of their own beside them (same scale), with the licensed
     * count as a labelled dashed line; every bar has a tooltip, every other label is left out when
     * they would crowd.
     */
    static String bars(List<Bar> bars, String title) {
        int licensed = bars.stream().mapToInt(Bar::licensed).max().orElse(0);
        int max = Math.max(1, Math.max(licensed, bars.stream()
                .mapToInt(b -> Math.max(b.peak(), b.refusals())).max().orElse(0))) + 1;
        StringBuilder svg = open(title);
        legend(svg, "peak in use", true);
        axes(svg, max);
        double slot = (double) (W - LEFT - 4) / Math.max(1, bars.size());
        int labelEvery = Math.max(1, (int) Math.ceil(24.0 / slot)); // a label needs about 24 units
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + i * slot + slot * 0.1;
            double width = slot * 0.4;
            double y = y(b.peak(), max);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"peak\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#5b8fd9\"><title>%s: peak %d in use of %d licensed, %d refused</title></rect>",
                    x, y, width, H - BOTTOM - y, b.label(), b.peak(), b.licensed(), b.refusals()));
            if (b.refusals() > 0) {
                double ry = y(b.refusals(), max);
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"refused\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c62828\"><title>%s: %d refused</title></rect>",
                        x + width, ry, width, H - BOTTOM - ry, b.label(), b.refusals()));
            }
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                        x + width, H - 6, b.label()));
            }
        }
        licensedLine(svg, licensed, max);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" class=\"chart\" role=\"img\" aria-label=\"%s\">"
                        + "<style>.tick{font:11px sans-serif;fill:#667}</style>",
                W, H, title));
    }

    /** What each colour means, above the plot. */
    private static void legend(StringBuilder svg, String inUse, boolean refusals) {
        svg.append(String.format(Locale.ROOT,
                "<g class=\"legend\"><rect x=\"%d\" y=\"6\" width=\"14\" height=\"10\" fill=\"#1f6feb\"/>"
                        + "<text x=\"%d\" y=\"15\" class=\"tick\">%s</text>", LEFT, LEFT + 18, inUse));
        int x = LEFT + 18 + 8 * inUse.length() + 16;
        if (refusals) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"10\" fill=\"#c62828\"/>"
                    + "<text x=\"%d\" y=\"15\" class=\"tick\">refused</text>", x, x + 18));
            x += 18 + 8 * 7 + 16;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"11\" y2=\"11\" stroke=\"#7a3fb0\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"%d\" y=\"15\" class=\"tick\">licensed</text></g>", x, x + 20, x + 24));
    }

    /** The highest occupancy from {@code start} to {@code end}: what was in use when it began, and every change within. */
    private static int peakBetween(List<Point> points, Instant start, Instant end) {
        int atStart = 0;
        int peak = 0;
        for (Point p : points) {
            if (!p.at().isAfter(start)) {
                atStart = p.occupied();
            } else if (p.at().isBefore(end)) {
                peak = Math.max(peak, p.occupied());
            }
        }
        return Math.max(atStart, peak);
    }

    private static void axes(StringBuilder svg, int max) {
        int step = Math.max(1, (int) Math.ceil(max / 5.0));
        for (int v = 0; v <= max; v += step) {
            double y = y(v, max);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e7ec\"/><text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%d</text>",
                    LEFT, W - 4, y, y, LEFT - 4, y + 4, v));
        }
    }

    private static void licensedLine(StringBuilder svg, int licensed, int max) {
        double y = y(licensed, max);
        svg.append(String.format(Locale.ROOT,
                "<line class=\"licensed\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#7a3fb0\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
                        + "<rect x=\"%d\" y=\"%.1f\" width=\"76\" height=\"14\" fill=\"#fff\" opacity=\"0.85\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" class=\"tick licensed-label\" text-anchor=\"end\" fill=\"#7a3fb0\">licensed %d</text>",
                LEFT, W - 4, y, y, W - 82, y - 15, W - 8, y - 4, licensed));
    }

    private static double y(int value, int max) {
        return TOP + (H - TOP - BOTTOM) * (1 - (double) value / max);
    }
}
