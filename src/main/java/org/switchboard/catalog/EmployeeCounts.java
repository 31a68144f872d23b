package org.switchboard.catalog;

import java.util.EnumMap;
import java.util.Map;

import org.switchboard.platform.Validation;

/** How many licence subjects of each type a customer has, 0 to {@value #MAX_PER_TYPE} each. */
public record EmployeeCounts(int type1, int type2, int type3, int type4) {

    public static final int MAX_PER_TYPE = 1_000_000;

    public EmployeeCounts {
        Validation validation = new Validation();
        int[] counts = { type1, type2, type3, type4 };
        for (EmployeeType type : EmployeeType.values()) {
            int count = counts[type.number() - 1];
            validation.check(count >= 0 && count <= MAX_PER_TYPE, type.field(), rangeMessage(type));
        }
        validation.throwIfInvalid();
    }

    public static String rangeMessage(EmployeeType type) {
        return type.label() + " (type " + type.number() + ") must be a whole number between 0 and " + MAX_PER_TYPE;
    }

    public static EmployeeCounts of(Map<EmployeeType, Integer> counts) {
        return new EmployeeCounts(counts.getOrDefault(EmployeeType.MANAGERS_AND_FIELD_SALES, 0),
                counts.getOrDefault(EmployeeType.OFFICE_PERSONNEL, 0),
                counts.getOrDefault(EmployeeType.PART_TIME_OFFICE_EMPLOYEES, 0),
                counts.getOrDefault(EmployeeType.FUNCTION_EXTENSIONS, 0));
    }

    public int of(EmployeeType type) {
        return switch (type) {
            case MANAGERS_AND_FIELD_SALES -> type1;
            case OFFICE_PERSONNEL -> type2;
            case PART_TIME_OFFICE_EMPLOYEES -> type3;
            case FUNCTION_EXTENSIONS -> type4;
        };
    }

    public long total() {
        return (long) type1 + type2 + type3 + type4;
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    public Map<EmployeeType, Integer> asMap() {
        Map<EmployeeType, Integer> map = new EnumMap<>(EmployeeType.class);
        for (EmployeeType type : EmployeeType.values()) {
            map.put(type, of(type));
        }
        return map;
    }
}
