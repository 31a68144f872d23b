package org.switchboard.licensing;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.switchboard.connector.LicenceEvent;
import org.switchboard.licensing.internal.Workdays;

/**
 * The working-day model of the sizing types (docs/simulation.md) for other modules: every licence
 * event a company's phone system reports on one day, in time order. Subjects are the extensions
 * from {@code firstExtension} in type order (managers, office staff, part-timers, function extensions).
 */
public final class WorkdayModel {

    private WorkdayModel() {
    }

    public static List<LicenceEvent> day(int[] countsByType, int firstExtension, Random random, Instant midnight,
            String dayTag) {
        return Workdays.day(countsByType, firstExtension, random, midnight, dayTag).stream()
                .map(Workdays.Timed::event).toList();
    }
}
