package org.switchboard.licensing.internal;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.switchboard.licensing.ReclaimPause;

/**
 * Holds the scheduled reclaim back during each test of a class that counts the writer's redone
 * batches ({@code licence.batch.redone}, counted for all pools): the reclaim's batches, on other
 * tests' pools whose cached copies another test changed, would count too.
 */
class ScheduledReclaimHeld implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace HELD = ExtensionContext.Namespace.create(ScheduledReclaimHeld.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ReclaimPause pause = SpringExtension.getApplicationContext(context).getBean(ReclaimPause.class);
        context.getStore(HELD).put("held", pause.hold());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ReclaimPause.Held held = context.getStore(HELD).remove("held", ReclaimPause.Held.class);
        if (held != null) {
            held.close();
        }
    }
}
