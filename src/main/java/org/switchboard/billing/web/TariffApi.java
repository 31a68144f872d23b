package org.switchboard.billing.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.CallRecording;
import org.switchboard.billing.TariffManagement.ZoneCommand;
import org.switchboard.billing.TariffManagement;
import org.switchboard.billing.web.BillingJson.CallView;
import org.switchboard.billing.web.BillingJson.ZoneView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Operators' view of call records no zone rated, and the tariff zones calls are rated by. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Billing", description = "Call records, tariff zones, invoice runs, invoices, payments")
class TariffApi {

    private final CallRecording recording;
    private final TariffManagement tariffs;

    TariffApi(CallRecording recording, TariffManagement tariffs) {
        this.recording = recording;
        this.tariffs = tariffs;
    }

    // ---- call records ---------------------------------------------------------------------------

    @GetMapping("/calls/unrated")
    @Operation(summary = "Operator: calls no tariff zone matched, newest first")
    Map<String, Object> unrated(CurrentUser user, @RequestParam(defaultValue = "100") int limit) {
        user.requireOperator("see this");
        return Map.of("count", recording.countUnrated(),
                "calls", recording.unrated(Math.max(1, Math.min(limit, 1000))).stream().map(CallView::of).toList());
    }

    @PostMapping("/calls/unrated/rerate")
    @Operation(summary = "Operator: rate the unrated calls again with the zones in force now")
    Map<String, Integer> rerate(CurrentUser user) {
        user.requireOperator("see this");
        return Map.of("rated", recording.rerateUnrated());
    }

    // ---- tariff zones ---------------------------------------------------------------------------

    @GetMapping("/tariff-zones")
    List<ZoneView> zones(CurrentUser user) {
        return tariffs.tariff().zones().stream().map(ZoneView::of).toList();
    }

    @PostMapping("/tariff-zones")
    @Operation(summary = "Operator: a zone {name, prefixes, pricePerMinute, increment (60/60, 60/1, 1/1), connectFee}")
    ResponseEntity<ZoneView> createZone(CurrentUser user, @RequestBody ZoneCommand command) {
        ZoneView zone = ZoneView.of(tariffs.create(user, command));
        return ResponseEntity.created(URI.create("/api/v1/tariff-zones/" + zone.id())).body(zone);
    }

    @PutMapping("/tariff-zones/{id}")
    ZoneView updateZone(CurrentUser user, @PathVariable UUID id, @RequestBody ZoneCommand command) {
        return ZoneView.of(tariffs.update(user, id, command));
    }

    @DeleteMapping("/tariff-zones/{id}")
    ResponseEntity<Void> deleteZone(CurrentUser user, @PathVariable UUID id) {
        tariffs.delete(user, id);
        return ResponseEntity.noContent().build();
    }
}
