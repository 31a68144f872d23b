package org.switchboard.numbers;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The carrier of integration tests: keeps what the platform forwarded (the request and the signed
 * form) and withdrew, so a test can check what the carrier received; its answers come, as with
 * the manual carrier, through the operator's confirmation or rejection.
 */
public class RecordingPortingCarrier implements PortingCarrier {

    /** What one submission handed to the carrier. */
    public record Forwarded(UUID orderId, PortingRequest request, byte[] signedForm, String signedFormType,
            String reference) {
    }

    private final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();
    private final Map<UUID, String> withdrawn = new ConcurrentHashMap<>();

    @Override
    public String forward(UUID orderId, PortingRequest request, byte[] signedForm, String signedFormType) {
        String reference = "TEST-" + (forwarded.size() + 1) + "-" + orderId.toString().substring(0, 8);
        forwarded.add(new Forwarded(orderId, request, signedForm.clone(), signedFormType, reference));
        return reference;
    }

    @Override
    public void withdraw(UUID orderId, String carrierReference) {
        withdrawn.put(orderId, carrierReference);
    }

    public List<Forwarded> forwardedFor(UUID orderId) {
        return forwarded.stream().filter(f -> f.orderId().equals(orderId)).toList();
    }

    public boolean withdrawn(UUID orderId) {
        return withdrawn.containsKey(orderId);
    }

    /** Imported by the integration tests' base, so all of them share one application context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        RecordingPortingCarrier recordingPortingCarrier() {
            return new RecordingPortingCarrier();
        }
    }
}
