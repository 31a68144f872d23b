package org.switchboard.telephony.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.telephony.TrunkAndGuardSettings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The operator's carrier trunk and toll-fraud guards. */
@RestController
@RequestMapping("/api/v1/operator/sip-settings")
@Tag(name = "Telephony", description = "Devices, their SIP credentials and registrations, calls")
class OperatorTelephonyApi {

    private final TrunkAndGuardSettings settings;

    OperatorTelephonyApi(TrunkAndGuardSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    @Operation(summary = "The carrier trunk and the toll-fraud guards in force (operators; the password masked)")
    TrunkAndGuardSettings.View current(CurrentUser user) {
        return settings.current(user);
    }

    @PutMapping
    @Operation(summary = "Replace the carrier trunk and the toll-fraud guards (operators): carrierAddress (blank: no "
            + "carrier), carrierTransport (udp, tcp), carrierUsername, carrierPassword (blank keeps it), callerIdHeader, "
            + "allowedCountries, blockedPrefixes (on top of the premium-rate and service ranges), allowedPrefixes "
            + "(service ranges let through; left out: unchanged), callsPerMinutePerDevice, "
            + "concurrentOutboundPerInstance, dailyAirtimeMinutes (0: no cap)")
    TrunkAndGuardSettings.View update(CurrentUser user, @RequestBody TrunkAndGuardSettings.Change change) {
        if (change == null) {
            throw new InvalidInputException("body", "Send the settings as JSON");
        }
        return settings.update(user, change);
    }
}
