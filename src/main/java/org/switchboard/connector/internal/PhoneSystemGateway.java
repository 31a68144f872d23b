package org.switchboard.connector.internal;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.springframework.stereotype.Service;
import org.switchboard.connector.CallBatchResult;
import org.switchboard.connector.CallLedger;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEngine;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** The port of a phone system, handing licence events to the licence engine and call records to the ledger. */
@Service
class PhoneSystemGateway implements PhoneSystemPort {

    private final LicenceEngine engine;
    private final CallLedger ledger;
    private final InstanceManagement instances;

    PhoneSystemGateway(LicenceEngine engine, CallLedger ledger, InstanceManagement instances) {
        this.engine = engine;
        this.ledger = ledger;
        this.instances = instances;
    }

    @Override
    public Decision report(InstanceId instance, LicenceEvent event) {
        return engine.decide(instance, event);
    }

    @Override
    public CompletionStage<Decision> reportLater(InstanceId instance, LicenceEvent event) {
        return engine.decideLater(instance, event);
    }

    @Override
    public List<Decision> reportAll(InstanceId instance, List<LicenceEvent> events) {
        return engine.decideAll(instance, events);
    }

    @Override
    public CallBatchResult record(InstanceId instance, List<CallRecord> calls) {
        if (calls.size() > CallRecord.MAX_BATCH) {
            throw new InvalidInputException("records", "At most " + CallRecord.MAX_BATCH + " call records per batch");
        }
        Instance found = instances.find(instance)
                .orElseThrow(() -> new NotFoundException("There is no instance " + instance.value() + "."));
        return ledger.record(instance, found.customerId(), calls);
    }
}
