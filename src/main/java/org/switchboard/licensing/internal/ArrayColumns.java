package org.switchboard.licensing.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Rows collected column by column, bound as one array per column of a statement (the licence batch's write). */
final class ArrayColumns {

    private final List<List<Object>> columns = new ArrayList<>();

    ArrayColumns(int n) {
        for (int i = 0; i < n; i++) {
            columns.add(new ArrayList<>());
        }
    }

    boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    void add(Object... values) {
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
    }

    int bind(Connection con, PreparedStatement ps, int index, String... types) throws SQLException {
        for (int i = 0; i < types.length; i++) {
            List<Object> column = columns.get(i);
            Object[] values = switch (types[i]) {
                case "uuid" -> column.toArray(new UUID[0]);
                case "bool" -> column.toArray(new Boolean[0]);
                case "int4" -> column.toArray(new Integer[0]);
                case "int8" -> column.toArray(new Long[0]);
                default -> column.toArray(new String[0]);
            };
            ps.setArray(index++, con.createArrayOf(types[i], values));
        }
        return index;
    }
}
