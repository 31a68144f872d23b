package org.switchboard.numbers.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.CarriedNumbers;
import org.switchboard.numbers.TrunkManagement;
import org.switchboard.numbers.TrunkManagement.NewTemplate;
import org.switchboard.numbers.TrunkManagement.NewTrunk;
import org.switchboard.numbers.TrunkManagement.TrunkView;
import org.switchboard.numbers.TrunkNumbers;
import org.switchboard.numbers.TrunkTemplate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Trunks", description = "External SIP trunks: templates and customers' trunks")
class TrunksApi {

    record NumbersBody(List<String> numbers) {
    }

    private final TrunkManagement trunks;
    private final TrunkNumbers numbers;

    TrunksApi(TrunkManagement trunks, TrunkNumbers numbers) {
        this.trunks = trunks;
        this.numbers = numbers;
    }

    @GetMapping("/trunk-templates")
    List<TrunkTemplate> templates() {
        return trunks.templates();
    }

    @PostMapping("/trunk-templates")
    @Operation(summary = "Operator: {providerName, registrar, outboundProxy?, transport: UDP|TCP|TLS, numberFormat:"
            + " E164|NATIONAL|INTL_00, callerIdHeader: FROM|P_ASSERTED_IDENTITY|P_PREFERRED_IDENTITY|REMOTE_PARTY_ID,"
            + " registers, expirySeconds}")
    ResponseEntity<TrunkTemplate> addTemplate(CurrentUser user, @RequestBody NewTemplate body) {
        TrunkTemplate t = trunks.addTemplate(user, body);
        return ResponseEntity.created(URI.create("/api/v1/trunk-templates/" + t.id())).body(t);
    }

    @GetMapping("/instances/{id}/trunks")
    @Operation(summary = "The instance's trunks, passwords masked")
    List<TrunkView> ofInstance(CurrentUser user, @PathVariable UUID id) {
        return trunks.trunks(user, new InstanceId(id));
    }

    @PostMapping("/instances/{id}/trunks")
    @Operation(summary = "Add a trunk from a template: {templateId, name, username, authUsername?, password, numbers}")
    ResponseEntity<TrunkView> add(CurrentUser user, @PathVariable UUID id, @RequestBody NewTrunk body) {
        TrunkView t = trunks.add(user, new InstanceId(id), body);
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id + "/trunks/" + t.id())).body(t);
    }

    @PostMapping("/instances/{id}/trunks/{trunkId}/numbers")
    @Operation(summary = "Add numbers the provider gives on this trunk: {numbers: [\"+4930123456\","
            + " \"+49301234560 (x10)\"]} (a block with 10, 100 or 1,000 numbers); they route and show as caller id"
            + " like the platform's numbers")
    ResponseEntity<List<CarriedNumbers>> addNumbers(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId,
            @RequestBody NumbersBody body) {
        return ResponseEntity.status(201).body(numbers.add(user, new InstanceId(id), trunkId, body.numbers()));
    }

    @DeleteMapping("/instances/{id}/trunks/{trunkId}/numbers/{number}")
    @Operation(summary = "Remove a single number or a whole block (named by its base number) from the trunk")
    ResponseEntity<Void> removeNumbers(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId,
            @PathVariable String number) {
        numbers.remove(user, new InstanceId(id), trunkId, number);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/instances/{id}/trunks/{trunkId}")
    ResponseEntity<Void> remove(CurrentUser user, @PathVariable UUID id, @PathVariable UUID trunkId) {
        trunks.remove(user, new InstanceId(id), trunkId);
        return ResponseEntity.noContent().build();
    }
}
