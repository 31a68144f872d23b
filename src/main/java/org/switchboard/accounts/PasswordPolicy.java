package org.switchboard.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What makes a password acceptable: at least 10 characters and at most 72 bytes in UTF-8 (the
 * limit of the bcrypt hash it is stored as: 72 plain letters and digits, fewer with accents or
 * emoji), not one repeated character, not one of the passwords every guesser tries first, and not
 * the e-mail address.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    /** The most bytes (UTF-8) bcrypt hashes; it refuses longer passwords. */
    public static final int MAX_BYTES = 72;

    private static final Set<String> COMMON = Set.of("password", "passwort", "1234567890", "0123456789",
            "qwertzuiop", "qwertyuiop", "password123", "password1", "123456789012", "iloveyou123", "switchboard",
            "letmein1234", "welcome123", "admin12345", "abcdefghij", "abc1234567", "changeme123", "passwort123");

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, or null when it is. */
    public static String problemWith(String password, String email) {
        if (password == null || password.isEmpty()) {
            return "Password is required";
        }
        if (password.length() < MIN_LENGTH) {
            return "Password is too weak: use at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "Password must be at most " + MAX_BYTES + " characters (fewer when it has accents or emoji)";
        }
        if (password.chars().distinct().count() < 4) {
            return "Password is too weak: use more different characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return "Password is too weak: it is one of the most common passwords";
        }
        if (email != null && !email.isBlank()) {
            String mail = email.trim().toLowerCase(Locale.ROOT);
            String local = mail.contains("@") ? mail.substring(0, mail.indexOf('@')) : mail;
            if (lower.equals(mail) || (local.length() >= 4 && lower.contains(local))) {
                return "Password is too weak: it must not contain your e-mail address";
            }
        }
        return null;
    }
}
