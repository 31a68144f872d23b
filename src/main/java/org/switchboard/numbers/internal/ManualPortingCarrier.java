package org.switchboard.numbers.internal;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.numbers.PortingCarrier;
import org.switchboard.numbers.PortingRequest;

/**
 * The carrier driven by hand: a submitted order waits in the operators' porting queue, where an
 * operator passes it (with the signed form) to the carrier and enters the answer. Its reference
 * is the order's own id, which the operator quotes to the carrier.
 */
@Component
class ManualPortingCarrier implements PortingCarrier {

    private static final Logger log = LoggerFactory.getLogger(ManualPortingCarrier.class);

    @Override
    public String forward(UUID orderId, PortingRequest request, byte[] signedForm, String signedFormType) {
        log.info("Porting order {} waits in the operators' porting queue ({} numbers from {})", orderId,
                request.count(), request.provider());
        return "MANUAL-" + orderId.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public void withdraw(UUID orderId, String carrierReference) {
        log.info("Porting order {} ({}) was cancelled: an operator withdraws it at the carrier", orderId,
                carrierReference);
    }
}
