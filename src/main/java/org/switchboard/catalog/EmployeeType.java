package org.switchboard.catalog;

import java.math.BigDecimal;

/**
 * The four kinds of licence subject the sizing rule counts, each with the share of the time it is
 * assumed to hold a licence. The operator may change the shares; these are the brochure's.
 */
public enum EmployeeType {
    MANAGERS_AND_FIELD_SALES(1, "Managers & field sales", "100"),
    OFFICE_PERSONNEL(2, "Office personnel", "80"),
    PART_TIME_OFFICE_EMPLOYEES(3, "Part-time office employees", "40"),
    FUNCTION_EXTENSIONS(4, "Function extensions", "10");

    private final int number;
    private final String label;
    private final BigDecimal brochureOccupancyPercent;

    EmployeeType(int number, String label, String brochureOccupancyPercent) {
        this.number = number;
        this.label = label;
        this.brochureOccupancyPercent = new BigDecimal(brochureOccupancyPercent);
    }

    /** 1 to 4, as in the brochure, and as the API's fields type1 to type4. */
    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** The field name in the API and on the page: {@code type1} .. {@code type4}. */
    public String field() {
        return "type" + number;
    }

    public BigDecimal brochureOccupancyPercent() {
        return brochureOccupancyPercent;
    }

    public static EmployeeType number(int number) {
        for (EmployeeType type : values()) {
            if (type.number == number) {
                return type;
            }
        }
        throw new IllegalArgumentException("No employee type " + number);
    }
}
