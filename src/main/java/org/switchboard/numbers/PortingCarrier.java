package org.switchboard.numbers;

import java.util.UUID;

/**
 * The carrier that takes porting orders to the releasing provider. The platform forwards a
 * submitted order; the carrier's answer (confirmed with a porting date, or rejected with a reason)
 * comes back through {@link PortingReview#confirm} and {@link PortingReview#reject}. The
 * implementation in use is manual: an operator hands the order to the carrier and enters its
 * answer on the porting queue page. An integration with a carrier's interface implements this too.
 */
public interface PortingCarrier {

    /** Forwards the order (its data and the signed form); answers the carrier's reference for it. */
    String forward(UUID orderId, PortingRequest request, byte[] signedForm, String signedFormType);

    /** Takes a forwarded order back (the customer cancelled it). */
    void withdraw(UUID orderId, String carrierReference);
}
