package org.switchboard.simulation.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Who does what on which day of the period: the actions by day and time, and the working days of licence events. */
final class Plan {

    record Action(LocalTime time, Consumer<Ledger> run) {
    }

    private final Map<LocalDate, List<Action>> byDay = new TreeMap<>();
    final Set<LocalDate> workdays = new HashSet<>();

    /** The day's actions in the order of their times. */
    List<Action> on(LocalDate day) {
        List<Action> actions = byDay.getOrDefault(day, List.of());
        return actions.stream().sorted(Comparator.comparing(Action::time)).toList();
    }

    void add(LocalDate day, LocalTime time, Consumer<Ledger> run) {
        byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new Action(time, run));
    }

    /** A time on the morning of a day: from {@code hour}:{@code minute}, within {@code spread} minutes. */
    static LocalTime time(Random random, int hour, int minute, int spread) {
        return LocalTime.of(hour, minute).plusMinutes(random.nextInt(spread)).plusSeconds(random.nextInt(60));
    }
}
