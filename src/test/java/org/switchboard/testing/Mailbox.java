package org.switchboard.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/** Reads what arrived at the test SMTP server, as a person reads their inbox. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    private Mailbox() {
    }

    /** Waits for a mail to {@code recipient} whose body has a link containing {@code part}; returns the newest such link. */
    public static String awaitLink(GreenMail mail, String recipient, String part) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            String found = null;
            for (MimeMessage message : mail.getReceivedMessages()) {
                try {
                    if (!message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(recipient)) {
                        continue;
                    }
                    Matcher m = LINK.matcher(String.valueOf(message.getContent()));
                    while (m.find()) {
                        if (m.group().contains(part)) {
                            found = m.group();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            if (found != null) {
                return found;
            }
            sleep();
        }
        throw new AssertionError("No mail to " + recipient + " with a link containing '" + part + "' arrived within 15 s");
    }

    public static long countTo(GreenMail mail, String recipient) {
        return java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(recipient);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
