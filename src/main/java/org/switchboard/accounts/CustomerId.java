package org.switchboard.accounts;

import java.util.UUID;

public record CustomerId(UUID value) {
    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }
}
