package org.switchboard.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers a customer's trunk carries, as its provider gives them: a single number, or a block (a
 * base number with 1, 2 or 3 extension digits: 10, 100 or 1,000 numbers). Written as one entry
 * per line, a block with its size: {@code +49 30 1234560 (x10)}.
 */
public record CarriedNumbers(String base, int extensionDigits) {

    private static final Pattern BLOCK = Pattern.compile("^(.*?)\\s*\\(x(10|100|1000)\\)\\s*$");

    /** An entry read, or what is wrong with it. */
    public record Parsed(CarriedNumbers numbers, String problem) {
    }

    public int size() {
        return (int) Math.pow(10, extensionDigits);
    }

    public List<String> numbers() {
        if (extensionDigits == 0) {
            return List.of(base);
        }
        List<String> all = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            all.add(base + String.format(Locale.ROOT, "%0" + extensionDigits + "d", i));
        }
        return all;
    }

    public String label() {
        return extensionDigits == 0 ? PhoneNumbers.display(base)
                : PhoneNumbers.display(base + "0".repeat(extensionDigits)) + " to -" + "9".repeat(extensionDigits)
                        + " (block of " + String.format(Locale.ENGLISH, "%,d", size()) + ")";
    }

    /** The entry as typed back on a form: {@code +49301234560 (x10)}. */
    public String entry() {
        return extensionDigits == 0 ? base : base + " (x" + size() + ")";
    }

    /**
     * Reads one entry in the instance's region: a number valid for its country (E.164 after
     * reading), and for a block its first and last number valid too.
     */
    public static Parsed parse(String entry, String region) {
        String text = entry == null ? "" : entry.trim();
        Matcher m = BLOCK.matcher(text);
        int digits = 0;
        if (m.matches()) {
            text = m.group(1);
            digits = m.group(2).length() - 1;
        }
        PhoneNumbers.Checked base = PhoneNumbers.check(text, region);
        if (!base.ok()) {
            return new Parsed(null, base.problem());
        }
        if (digits > 0) {
            for (String n : List.of(base.e164() + "0".repeat(digits), base.e164() + "9".repeat(digits))) {
                PhoneNumbers.Checked checked = PhoneNumbers.check(n, region);
                if (!checked.ok()) {
                    return new Parsed(null, "Block " + PhoneNumbers.display(base.e164()) + " (x"
                            + (int) Math.pow(10, digits) + "): " + checked.problem());
                }
            }
        }
        return new Parsed(new CarriedNumbers(base.e164(), digits), null);
    }
}
