package org.switchboard.licensing;

import java.util.List;

/**
 * Sizing advice from measured occupancy: the peak and 95th percentile of the hourly peaks over
 * 30 days against the licensed count. Upgrade when a licence was refused or the peak reached the
 * licence; a smaller count at renewal when the 95th percentile stays below 70% of the licence.
 */
public final class SizingAdvicePolicy {

    /** Below this share of the licence at the 95th percentile, fewer concurrent users will do. */
    public static final double LOW_USE = 0.70;
    /** An upgrade adds this share of the licence, at least one concurrent user. */
    public static final double HEADROOM = 0.10;

    public enum Kind { UPGRADE, DOWNGRADE_AT_RENEWAL, KEEP }

    /** The advice: what was measured and the count to have. */
    public record Advice(Kind kind, int licensed, int peak, int percentile95, int refusals, int recommended,
            String sentence) {
    }

    private SizingAdvicePolicy() {
    }

    /** The 95th percentile (nearest rank) of the values; 0 for none. */
    public static int percentile95(List<Integer> values) {
        if (values.isEmpty()) {
            return 0;
        }
        int[] sorted = values.stream().mapToInt(Integer::intValue).sorted().toArray();
        int rank = (int) Math.ceil(0.95 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public static Advice advise(int licensed, List<Integer> hourlyPeaks, int refusals) {
        int peak = hourlyPeaks.stream().mapToInt(Integer::intValue).max().orElse(0);
        int p95 = percentile95(hourlyPeaks);
        if (refusals > 0 || (licensed > 0 && peak >= licensed)) {
            int recommended = Math.max(peak, licensed) + Math.max(1, (int) Math.round(HEADROOM * licensed));
            String why = refusals > 0 ? refusals + (refusals == 1 ? " licence was" : " licences were")
                    + " refused in the last 30 days" : "the peak reached all " + licensed + " licences";
            return new Advice(Kind.UPGRADE, licensed, peak, p95, refusals, recommended,
                    "Upgrade to " + recommended + " concurrent users: " + why + ".");
        }
        int needed = Math.max(1, Math.max(peak, (int) Math.ceil(p95 / LOW_USE)));
        if (p95 < LOW_USE * licensed && needed < licensed) {
            return new Advice(Kind.DOWNGRADE_AT_RENEWAL, licensed, peak, p95, 0, needed,
                    "At the renewal, " + needed + " concurrent users will do: 95% of the hours stayed at or below "
                            + p95 + " of " + licensed + " licences, and the peak was " + peak + ".");
        }
        return new Advice(Kind.KEEP, licensed, peak, p95, 0, licensed,
                "Keep " + licensed + " concurrent users: the peak was " + peak + " and 95% of the hours stayed at"
                        + " or below " + p95 + ".");
    }

}
