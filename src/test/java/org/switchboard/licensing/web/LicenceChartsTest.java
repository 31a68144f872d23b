package org.switchboard.licensing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.licensing.LicenceInsights.Bar;
import org.switchboard.licensing.LicenceInsights.Point;

class LicenceChartsTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant FROM = Instant.parse("2026-03-01T23:00:00Z"); // midnight in Berlin

    @Test
    void theOccupancyCarriesEachChangeTheZoneAndASentenceWithItsHighestPointInTheBusinessTimeZone() {
        List<Point> points = List.of(new Point(FROM, 1), new Point(FROM.plusSeconds(1800), 3),
                new Point(FROM.plusSeconds(4200), 0), new Point(FROM.plusSeconds(7200), 3),
                new Point(FROM.plusSeconds(24 * 3600), 2));
        LicenceCharts.Occupancy chart = LicenceCharts.occupancy(points, 2, 2, FROM, FROM.plusSeconds(24 * 3600), BERLIN);

        assertThat(chart.zone()).isEqualTo("Europe/Berlin");
        assertThat(chart.points()).hasSize(5);
        assertThat(chart.points().get(1)).containsExactly(FROM.plusSeconds(1800).toEpochMilli(), 3);
        assertThat(chart.summary()).isEqualTo("Occupancy from 2 Mar 2026, 00:00 to 3 Mar 2026, 00:00: at most 3 in use "
                + "(first at 2 Mar 2026, 00:30) of 2 licensed; 2 in use now.");
        assertThat(LicenceCharts.json(chart)).contains("\"kind\":\"occupancy\"", "\"licensed\":2",
                "\"from\":" + FROM.toEpochMilli(), "[" + FROM.toEpochMilli() + ",1]");
    }

    @Test
    void hoursAreLabelledAndNamedInTheBusinessTimeZoneWithTheirRefusalsAsFiguresOfTheirOwn() {
        List<Bar> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new Bar(FROM.plus(Duration.ofHours(h)), "", h == 9 ? 4 : 1, h == 10 ? 2 : 0, 3));
        }
        LicenceCharts.Bars chart = LicenceCharts.hours(hours, BERLIN);

        assertThat(chart.rows()).hasSize(24);
        assertThat(chart.rows().get(0).label()).isEqualTo("00:00");
        assertThat(chart.rows().get(10)).isEqualTo(new LicenceCharts.Row("10:00", "2 Mar 2026, 10:00 to 11:00", 1, 2, 3));
        assertThat(chart.summary()).isEqualTo(
                "Peak per hour, last 24 hours: the highest peak was 4 in use (2 Mar 2026, 09:00 to 10:00), 3 licensed now; 2 refusals.");
    }

    @Test
    void daysAreTheLastSevenOrThirtyWithWeekdaysForAWeek() {
        List<Bar> days = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            days.add(new Bar(FROM.plus(Duration.ofDays(d)), "", 0, 0, 5));
        }
        LicenceCharts.Bars week = LicenceCharts.days(days, 7, BERLIN);
        assertThat(week.rows()).extracting(LicenceCharts.Row::label).containsExactly("Wed 25 Mar", "Thu 26 Mar",
                "Fri 27 Mar", "Sat 28 Mar", "Sun 29 Mar", "Mon 30 Mar", "Tue 31 Mar"); // across the change to summer time
        assertThat(week.rows().get(0).name()).isEqualTo("Wed 25 Mar 2026");
        assertThat(week.summary()).endsWith("5 licensed now; nothing was refused.");
        LicenceCharts.Bars month = LicenceCharts.days(days, 30, BERLIN);
        assertThat(month.rows()).hasSize(30);
        assertThat(month.rows().get(0).label()).isEqualTo("2 Mar");
    }

    @Test
    void theJsonCannotEndTheScriptElementItIsWrittenIn() {
        String json = LicenceCharts.json(new LicenceCharts.Row("</script><b>&", "x", 0, 0, 0));
        assertThat(json).doesNotContain("<", ">", "&").contains("\\u003c/script\\u003e");
    }
}
