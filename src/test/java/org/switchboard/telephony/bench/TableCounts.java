package org.switchboard.telephony.bench;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code -Dbench.tables=true}: the rows a benchmark phase wrote per table, per completed call, from
 * {@code pg_stat_user_tables} (inserted, updated of which HOT, deleted) and the index scans of
 * the phase, so that a phase shows which tables its calls cost and whether updates keep clear of
 * the indexes.
 */
final class TableCounts {

    static final boolean ON = Boolean.getBoolean("bench.tables");

    private TableCounts() {
    }

    /** Per table: inserted, updated, HOT updated, deleted, index scans, sequential scans. */
    static Map<String, long[]> read(JdbcTemplate db) {
        Map<String, long[]> out = new TreeMap<>();
        db.query("select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, coalesce(idx_scan, 0), seq_scan "
                + "from pg_stat_user_tables", rs -> {
                    out.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7) });
                });
        return out;
    }

    static void print(JdbcTemplate db, Map<String, long[]> before, double per) {
        try {
            Thread.sleep(700); // the statistics collector publishes every 500 ms at most
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, long[]> after = read(db);
        System.out.println("  per completed one, by table: inserted / updated (HOT) / deleted / index scans / sequential scans");
        after.forEach((table, a) -> {
            long[] b = before.getOrDefault(table, new long[a.length]);
            double[] d = new double[a.length];
            boolean any = false;
            for (int i = 0; i < a.length; i++) {
                d[i] = (a[i] - b[i]) / per;
                any |= a[i] != b[i];
            }
            if (any) {
                System.out.printf("    %-28s %.2f / %.2f (%.2f) / %.2f / %.2f / %.2f%n", table, d[0], d[1], d[2], d[3],
                        d[4], d[5]);
            }
        });
    }
}
