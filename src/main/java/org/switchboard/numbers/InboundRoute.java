package org.switchboard.numbers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/**
 * Where a call to one of an instance's numbers goes. {@code target}: EXTENSION ({@code extensions}
 * has one), GROUP (several; all ring), MAIN_LINE ({@code extensions} empty: the instance's main line).
 * An extension is a licence subject's extension number ({@code licensing.Subject#extension}).
 * {@code trunk}: the customer's own trunk that carries the number (see {@link Trunks}), null for a
 * number of the platform.
 */
public record InboundRoute(InstanceId instance, String number, Target target, List<String> extensions, UUID trunk) {

    public enum Target { EXTENSION, GROUP, MAIN_LINE }

    public InboundRoute {
        extensions = List.copyOf(extensions);
    }

    /** A number of the platform. */
    public InboundRoute(InstanceId instance, String number, Target target, List<String> extensions) {
        this(instance, number, target, extensions, null);
    }

    /** The customer's trunk the number belongs to; empty for a number of the platform. */
    public Optional<UUID> viaTrunk() {
        return Optional.ofNullable(trunk);
    }
}
