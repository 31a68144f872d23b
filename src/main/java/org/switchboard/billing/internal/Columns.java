package org.switchboard.billing.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows to write in one statement, gathered column by column and bound as one array each, for
 * {@code insert ... select ... from unnest(:a, :b, ...)}. UUIDs, texts and integers are bound as
 * arrays of their type; amounts, instants and dates as text in their exact ISO form, which the
 * statement casts ({@code cast(:x as numeric[])}, {@code timestamptz[]}, {@code date[]}).
 */
final class Columns {

    private final int expected;
    private final Map<String, List<Object>> columns = new LinkedHashMap<>();
    private final Map<String, Class<?>> types = new LinkedHashMap<>();

    Columns(int expectedRows) {
        this.expected = expectedRows;
    }

    Columns add(String name, UUID value) {
        return put(name, UUID.class, value);
    }

    Columns add(String name, String value) {
        return put(name, String.class, value);
    }

    Columns add(String name, Integer value) {
        return put(name, Integer.class, value);
    }

    Columns add(String name, BigDecimal value) {
        return put(name, String.class, value == null ? null : value.toPlainString());
    }

    Columns add(String name, Instant value) {
        return put(name, String.class, value == null ? null : value.toString());
    }

    Columns add(String name, LocalDate value) {
        return put(name, String.class, value == null ? null : value.toString());
    }

    /** Rows added so far (of the first column). */
    int size() {
        return columns.isEmpty() ? 0 : columns.values().iterator().next().size();
    }

    /** Binds every column as an array parameter of its name. */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        for (Map.Entry<String, List<Object>> column : columns.entrySet()) {
            Class<?> type = types.get(column.getKey());
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(type, column.getValue().size());
            statement = statement.param(column.getKey(), column.getValue().toArray(array));
        }
        return statement;
    }

    private Columns put(String name, Class<?> type, Object value) {
        types.putIfAbsent(name, type);
        columns.computeIfAbsent(name, n -> new ArrayList<>(expected)).add(value);
        return this;
    }
}
