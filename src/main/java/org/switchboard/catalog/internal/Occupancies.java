package org.switchboard.catalog.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.catalog.EmployeeType;

/** The occupancy percentages of the sizing rule, as the operator last set them. */
@Repository
public class Occupancies {

    private final JdbcClient jdbc;

    Occupancies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<EmployeeType, BigDecimal> all() {
        Map<EmployeeType, BigDecimal> percents = new EnumMap<>(EmployeeType.class);
        jdbc.sql("select employee_type, occupancy_percent from sizing_occupancy")
                .query(rs -> {
                    percents.put(EmployeeType.number(rs.getInt("employee_type")), rs.getBigDecimal("occupancy_percent"));
                });
        return percents;
    }

    public void change(EmployeeType type, BigDecimal percent, Instant at) {
        jdbc.sql("update sizing_occupancy set occupancy_percent = :percent, changed_at = :at where employee_type = :type")
                .param("type", type.number()).param("percent", percent).param("at", Timestamp.from(at))
                .update();
    }
}
