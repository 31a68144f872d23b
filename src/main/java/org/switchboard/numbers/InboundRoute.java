package org.switchboard.numbers;

import java.util.List;

import org.switchboard.instances.InstanceId;

/**
 * Where a call to one of an instance's numbers goes. {@code target}: EXTENSION ({@code extensions}
 * has one), GROUP (several; all ring), MAIN_LINE ({@code extensions} empty: the instance's main line).
 * An extension is a licence subject's extension number ({@code licensing.Subject#extension}).
 */
public record InboundRoute(InstanceId instance, String number, Target target, List<String> extensions) {

    public enum Target { EXTENSION, GROUP, MAIN_LINE }

    public InboundRoute {
        extensions = List.copyOf(extensions);
    }
}
