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
    private static final int TOP = 10;

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
        return svg.append("</svg>").toString();
    }

    /** Peaks as bars (refusals marked in red above), with the licensed count as a dashed line. */
    static String bars(List<Bar> bars, String title) {
        int licensed = bars.stream().mapToInt(Bar::licensed).max().orElse(0);
        int max = Math.max(1, Math.max(licensed, bars.stream().mapToInt(Bar::peak).max().orElse(0))) + 1;
        StringBuilder svg = open(title);
        axes(svg, max);
        double slot = (double) (W - LEFT - 4) / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + i * slot + slot * 0.15;
            double y = y(b.peak(), max);
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"peak\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#8fb5f0\"><title>%s: peak %d, %d refused</title></rect>",
                    x, y, slot * 0.7, H - BOTTOM - y, b.label(), b.peak(), b.refusals()));
            if (b.refusals() > 0) {
                svg.append(String.format(Locale.ROOT,
                        "<text class=\"refusals\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#c62828\">%d</text>",
                        x + slot * 0.35, y - 3, b.refusals()));
            }
            if (bars.size() <= 31 || i % 2 == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>",
                        x + slot * 0.35, H - 6, b.label()));
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
                "<line class=\"licensed\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"6 4\"/>"
                        + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\" fill=\"#c62828\">licensed %d</text>",
                LEFT, W - 4, y, y, W - 6, y - 4, licensed));
    }

    private static double y(int value, int max) {
        return TOP + (H - TOP - BOTTOM) * (1 - (double) value / max);
    }
}
