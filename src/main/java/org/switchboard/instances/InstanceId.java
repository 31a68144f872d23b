package org.switchboard.instances;

import java.util.UUID;

public record InstanceId(UUID value) {
    public static InstanceId random() {
        return new InstanceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
