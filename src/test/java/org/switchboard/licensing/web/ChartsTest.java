package org.switchboard.licensing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.licensing.LicenceInsights.Bar;
import org.switchboard.licensing.LicenceInsights.Point;

class ChartsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant FROM = Instant.parse("2026-03-01T23:00:00Z"); // midnight in Berlin

    @Test
    void eachHoursTooltipSaysTheHighestOccupancyIncludingWhatWasInUseWhenItBegan() {
        List<Point> points = List.of(new Point(FROM, 1), new Point(FROM.plusSeconds(1800), 3),
                new Point(FROM.plusSeconds(4200), 0), new Point(FROM.plusSeconds(24 * 3600), 0));
        String svg = Charts.occupancy(points, 2, FROM, FROM.plusSeconds(24 * 3600), BERLIN);
        assertThat(svg).contains("<title>00:00 to 01:00: up to 3 in use of 2 licensed</title>")
                .contains("<title>01:00 to 02:00: up to 3 in use of 2 licensed</title>")
                .contains("<title>02:00 to 03:00: up to 0 in use of 2 licensed</title>")
                .contains("licensed 2").contains("class=\"legend\"");
    }

    @Test
    void refusalsAreBarsOfTheirOwnAndTheLegendSaysSo() {
        List<Bar> bars = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            bars.add(new Bar(FROM.plusSeconds(d * 86400L), String.valueOf(d), 4, d == 7 ? 2 : 0, 5));
        }
        String svg = Charts.bars(bars, "Peak per day, last 30 days");
        assertThat(svg.split("class=\"refused\"", -1)).hasSize(2);
        assertThat(svg).contains("<title>7: 2 refused</title>").contains("<title>7: peak 4 in use of 5 licensed, 2 refused</title>")
                .contains(">refused</text>").contains(">peak in use</text>").contains(">licensed</text>");
        // Thirty days leave room for every label; a hundred bars get every other one or fewer.
        assertThat(svg.split("class=\"tick\" text-anchor=\"middle\"", -1)).hasSize(31);
        List<Bar> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new Bar(FROM.plusSeconds(i * 3600L), String.valueOf(i), 1, 0, 2));
        }
        assertThat(Charts.bars(many, "many").split("class=\"tick\" text-anchor=\"middle\"", -1).length - 1).isLessThanOrEqualTo(50);
        assertThat(Charts.bars(many, "many")).doesNotContain("class=\"refused\"");
    }
}
