package org.switchboard.accounts;

import java.util.UUID;

public record PartnerId(UUID value) {
    public static PartnerId random() {
        return new PartnerId(UUID.randomUUID());
    }
}
