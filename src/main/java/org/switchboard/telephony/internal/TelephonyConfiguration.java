package org.switchboard.telephony.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.mail.Outbox;
import org.switchboard.numbers.NumberRouting;
import org.switchboard.numbers.Trunks;
import org.switchboard.telephony.SipSettings;
import org.switchboard.telephony.media.MediaRelay;
import org.switchboard.telephony.sip.SipTransport;
import org.switchboard.telephony.sip.SocketSipTransport;

import io.micrometer.core.instrument.MeterRegistry;

/** Puts the SIP core together and runs it with the application (unless {@code switchboard.sip.enabled=false}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SipSettings.class, SipTlsSettings.class })
class TelephonyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TelephonyConfiguration.class);

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService sipTimers() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "sip-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // a call cancels its retransmission and no-answer timers: taken out at once, they neither wake a
        // timer thread when they fall due nor stay in the queue (a no-answer timer for a whole minute)
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    @Bean
    SocketSipTransport sipTransport(SipSettings s, SipTlsSettings tls) {
        return new SocketSipTransport(new SocketSipTransport.Settings(s.bindAddress(), s.port(), s.advertisedHost(),
                s.workers(), s.queue(), s.maxConnections(), s.retryAfterSeconds(), s.overload().targetWait(),
                s.overload().interval(), s.overload().staleWait()), tls.load());
    }

    /**
     * Licence events go to the connector port in process: the same code path as an external phone
     * system's. The heartbeat timeout is an operator setting, read at most every 10 s.
     */
    @Bean
    LicenceReporter licenceReporter(PhoneSystemPort port, LicenceManagement licences, Clock clock) {
        return new LicenceReporter() {
            private volatile Duration heartbeat;
            private volatile Instant readAt = Instant.MIN;

            @Override
            public Decision report(InstanceId instance, LicenceEvent event) {
                return port.report(instance, event);
            }

            @Override
            public CompletionStage<Decision> reportLater(InstanceId instance, LicenceEvent event) {
                return port.reportLater(instance, event);
            }

            @Override
            public Duration heartbeatTimeout() {
                Instant now = clock.instant();
                if (heartbeat == null || now.isAfter(readAt.plusSeconds(10)) || now.isBefore(readAt)) {
                    heartbeat = licences.timeouts()[0];
                    readAt = now;
                }
                return heartbeat;
            }
        };
    }

    @Bean
    Nonces sipNonces(SipSecrets secrets, Clock clock, SipSettings s) {
        return new Nonces(secrets.nonceKey(), clock, s.nonceLifetime());
    }

    @Bean
    Authenticator sipAuthenticator(Devices devices, Nonces nonces, SipSettings s) {
        return new Authenticator(devices, nonces, s.challengeOrder());
    }

    @Bean
    Registrar sipRegistrar(Tenants tenants, Authenticator auth, Bindings bindings, Devices devices,
            LicenceReporter licences, SipSettings s, BindingRefreshes refreshes) {
        return new Registrar(tenants, auth, bindings, devices, licences, s, new RegistrationGuard(s), refreshes);
    }

    @Bean
    MediaAnchor sipMediaAnchor(MediaRelay relay) {
        return new MediaAnchor(relay);
    }

    @Bean
    CarrierTrunk sipCarrierTrunk(OperatorSipSettings operatorSettings) {
        return new CarrierTrunk(operatorSettings);
    }

    @Bean
    Hops sipHops(SipTransport transport) {
        return new Hops(transport);
    }

    @Bean
    CallTable sipCallTable(SipTransport transport, ScheduledExecutorService sipTimers) {
        return new CallTable(transport, sipTimers);
    }

    @Bean
    CallEnding sipCallEnding(SipTransport transport, Hops hops, CallTable table, CallLog calls, CallLogWriter writer,
            LicenceReporter licences, SipSettings s, Clock clock, MediaAnchor media, OutboundInFlight inFlight) {
        return new CallEnding(transport, hops, table, calls, new EndWriter(writer, licences, inFlight), s, clock,
                media);
    }

    @Bean
    OutboundInFlight sipOutboundInFlight() {
        return new OutboundInFlight();
    }

    @Bean
    Forker sipForker(SipTransport transport, Hops hops, CallTable table, CallEnding ending,
            ScheduledExecutorService sipTimers, MediaAnchor media) {
        return new Forker(transport, hops, table, ending, sipTimers, media);
    }

    @Bean
    CallCancellation sipCallCancellation(SipTransport transport, CallTable table, Forker forker, CallEnding ending,
            SipSettings s, ScheduledExecutorService sipTimers) {
        return new CallCancellation(transport, table, forker, ending, s, sipTimers);
    }

    @Bean
    FraudGuards sipFraudGuards(OperatorSipSettings operatorSettings, CallLog calls, OpenCountries countries,
            CustomerDirectory customers, Outbox outbox, OutboundInFlight inFlight) {
        return new FraudGuards(operatorSettings, calls, countries, new AirtimeAlerts(countries, customers, outbox),
                inFlight);
    }

    @Bean
    CallAdmission sipCallAdmission(CarrierTrunk carrier, Devices devices, FraudGuards fraud, LicenceReporter licences,
            CallLogWriter calls, NumberRouting numbers) {
        return new CallAdmission(carrier, devices, fraud, licences, calls, numbers);
    }

    @Bean
    CallLauncher sipCallLauncher(CallTable table, CallLogWriter calls, Bindings bindings, Forker forker,
            CallCancellation cancellation, CallEnding ending, CarrierTrunk carrier) {
        return new CallLauncher(table, calls, bindings, forker, cancellation, ending, carrier);
    }

    @Bean
    TrunkRegistrations sipTrunkRegistrations(SipTransport transport, Hops hops, Trunks trunks, Clock clock,
            HostResolver resolver) {
        return new TrunkRegistrations(transport, hops, trunks, clock, resolver);
    }

    @Bean
    SipCore sipCore(SipTransport transport, SipSettings s, Hops hops, Registrar registrar, Tenants tenants, Authenticator auth,
            CallAdmission admission, CallLauncher launcher, CallTable table, CarrierTrunk carrier,
            InboundRouter inbound, LicenceReporter licences, Forker forker, CallEnding ending,
            CallCancellation cancellation, CallLog calls, CallLogWriter callWrites,
            TrunkRegistrations trunkRegistrations, Clock clock, MediaAnchor media, OwnTrunks ownTrunks) {
        OutboundCalls outbound = new OutboundCalls(transport, hops, tenants, auth, admission, launcher, table, clock,
                ownTrunks);
        InboundCalls inboundCalls = new InboundCalls(transport, inbound, licences, launcher, table, clock, ownTrunks);
        CallSetup setup = new CallSetup(transport, table, carrier, outbound, inboundCalls);
        InDialogRelay dialogs = new InDialogRelay(transport, hops, table, ending, calls, media);
        ResponseRelay responses = new ResponseRelay(transport, hops, table, media,
                new BranchResponses(transport, table, forker, ending, callWrites, clock, media));
        return new SipCore(transport, registrar, setup, dialogs, cancellation, responses,
                new ScannerAgents(s.fraud().blockedUserAgents()), trunkRegistrations);
    }

    /** The socket transport's counts (the primary transport adds the WebSocket in front of it). */
    @Bean
    SipMetrics sipMetrics(MeterRegistry registry, SocketSipTransport sockets, CallTable table, Nonces nonces) {
        return new SipMetrics(registry, sockets, table, nonces);
    }

    @Bean
    SipHousekeeping sipHousekeeping(Registrar registrar, CallRecordHandover records, Nonces nonces, CallEnding ending,
            TrunkRegistrations trunks, Clock clock, ScheduledExecutorService sipTimers) {
        return new SipHousekeeping(registrar, records, nonces, ending, trunks, clock, sipTimers);
    }

    @Bean
    SipCoreRunner sipCoreRunner(SipTransport transport, SipCore core, SipSettings s, SipHousekeeping housekeeping) {
        return new SipCoreRunner(transport, core, s, housekeeping);
    }

    /** Starts the transport with the application, and the core's housekeeping: expiry, overdue calls. */
    static final class SipCoreRunner implements SmartLifecycle {
        private final SipTransport transport;
        private final SipCore core;
        private final SipSettings settings;
        private final SipHousekeeping housekeeping;
        private volatile boolean running;

        SipCoreRunner(SipTransport transport, SipCore core, SipSettings settings, SipHousekeeping housekeeping) {
            this.transport = transport;
            this.core = core;
            this.settings = settings;
            this.housekeeping = housekeeping;
        }

        @Override
        public void start() {
            if (!settings.enabled()) {
                log.info("SIP core disabled (switchboard.sip.enabled=false)");
                return;
            }
            transport.start(core);
            running = true;
            housekeeping.start();
        }

        @Override
        public void stop() {
            running = false;
            transport.stop();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
