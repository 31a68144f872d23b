package org.switchboard.numbers.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
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
import org.switchboard.instances.InstanceId;
import org.switchboard.numbers.NumberAssignment;
import org.switchboard.numbers.NumberAssignment.Assign;
import org.switchboard.numbers.NumberAssignment.HeldRange;
import org.switchboard.numbers.NumberInventory;
import org.switchboard.numbers.NumberInventory.ImportRange;
import org.switchboard.numbers.NumberInventory.Settings;
import org.switchboard.numbers.NumberOrdering;
import org.switchboard.numbers.NumberOrdering.OrderNumbers;
import org.switchboard.numbers.PortingOut;
import org.switchboard.numbers.NumberPrices;
import org.switchboard.numbers.NumberRange;
import org.switchboard.numbers.internal.Assignments;
import org.switchboard.numbers.internal.Ranges;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Numbers", description = "Number inventory, ordering numbers, where numbers route")
class NumbersApi {

    record RangeView(UUID id, String source, String kind, String first, String last, int size, String label,
            String areaCode, String city, String state, UUID instanceId, String localAddress, Instant activatedAt,
            Instant quarantinedUntil, BigDecimal monthlyNet, List<Assignments.Assignment> assignments) {

        static RangeView of(NumberRange r) {
            return of(r, null, List.of());
        }

        static RangeView of(NumberRange r, BigDecimal monthlyNet, List<Assignments.Assignment> assignments) {
            return new RangeView(r.id(), r.source().name(), r.kind().name(), r.first(), r.last(), r.size(), r.label(),
                    r.areaCode(), r.city(), r.state().name(), r.instanceId() == null ? null : r.instanceId().value(),
                    r.localAddress(), r.activatedAt(), r.quarantinedUntil(), monthlyNet, assignments);
        }

        static RangeView of(HeldRange h) {
            return of(h.range(), h.monthlyNet() == null ? null : h.monthlyNet().amount(), h.assignments());
        }
    }

    record SettingsView(int quarantineMonths, BigDecimal single, BigDecimal block10, BigDecimal block100,
            BigDecimal block1000, BigDecimal portingFeePerNumber) {
        static SettingsView of(NumberPrices p) {
            return new SettingsView(p.quarantineMonths(), p.single().amount(), p.block10().amount(),
                    p.block100().amount(), p.block1000().amount(), p.portingFeePerNumber().amount());
        }
    }

    record Hold(boolean held) {
    }

    record CallerIdBody(String number) {
    }

    private final NumberInventory inventory;
    private final NumberOrdering ordering;
    private final NumberAssignment assignment;
    private final PortingOut portingOut;

    NumbersApi(NumberInventory inventory, NumberOrdering ordering, NumberAssignment assignment, PortingOut portingOut) {
        this.inventory = inventory;
        this.ordering = ordering;
        this.assignment = assignment;
        this.portingOut = portingOut;
    }

    // ---- inventory ---------------------------------------------------------------------------------

    @PostMapping("/number-ranges")
    @Operation(summary = "Operator: import single numbers {kind: SINGLE, numbers: \"+4989...\\n...\", city, areaCode?}"
            + " or a block {kind: BLOCK, base, extensionDigits: 1-3, city, areaCode?}; all or nothing")
    ResponseEntity<List<RangeView>> importRange(CurrentUser user, @RequestBody ImportRange body) {
        List<NumberRange> made = inventory.importRange(user, body);
        return ResponseEntity.created(URI.create("/api/v1/number-ranges")).body(made.stream().map(RangeView::of).toList());
    }

    @GetMapping("/number-ranges")
    @Operation(summary = "Operator: the inventory, optionally by state and area code")
    List<RangeView> inventory(CurrentUser user, @RequestParam(required = false) String state,
            @RequestParam(required = false) String areaCode) {
        return inventory.inventory(user, state, areaCode).stream().map(RangeView::of).toList();
    }

    @PutMapping("/number-ranges/{id}/hold")
    @Operation(summary = "Operator: hold a free range back (held: true) or free it again")
    RangeView hold(CurrentUser user, @PathVariable UUID id, @RequestBody Hold body) {
        return RangeView.of(inventory.hold(user, id, body.held()));
    }

    record PortingOutView(RangeView range, List<PortingOut.StepRecord> steps) {
    }

    @GetMapping("/number-ranges/{id}/porting-out")
    @Operation(summary = "A range and every step of its porting out, oldest first (operators)")
    PortingOutView portingOutSteps(CurrentUser user, @PathVariable UUID id) {
        PortingOut.History h = portingOut.history(user, id);
        return new PortingOutView(RangeView.of(h.range()), h.steps());
    }

    @PutMapping("/number-ranges/{id}/porting-out")
    @Operation(summary = "Operator: a number leaves for another provider: {step: START|CONFIRM|REJECT|WITHDRAW|COMPLETE,"
            + " date (START: asked for, CONFIRM: required), provider?, reason (REJECT: required)}; each step is mailed"
            + " to the customer's admins, its partner and the operator")
    RangeView portOut(CurrentUser user, @PathVariable UUID id, @RequestBody PortingOut.Step body) {
        return RangeView.of(portingOut.portOut(user, id, body));
    }

    @GetMapping("/number-settings")
    SettingsView settings() {
        return SettingsView.of(inventory.prices());
    }

    @PutMapping("/number-settings")
    @Operation(summary = "Operator: quarantine months, monthly prices of numbers beyond the included ones, porting fee")
    SettingsView updateSettings(CurrentUser user, @RequestBody Settings body) {
        return SettingsView.of(inventory.updateSettings(user, body));
    }

    // ---- ordering ----------------------------------------------------------------------------------

    @GetMapping("/number-areas")
    @Operation(summary = "Area codes with free numbers: singles and blocks of 10, 100, 1,000")
    List<Ranges.FreeArea> areas() {
        return ordering.freeAreas();
    }

    @GetMapping("/number-areas/{areaCode}/free")
    @Operation(summary = "Free ranges of an area code to pick from (kind SINGLE or BLOCK, blockSize 10/100/1000)")
    List<RangeView> free(@PathVariable String areaCode, @RequestParam(defaultValue = "SINGLE") String kind,
            @RequestParam(required = false) Integer blockSize) {
        return ordering.free(areaCode, kind, blockSize).stream().map(RangeView::of).toList();
    }

    @PostMapping("/instances/{id}/number-orders")
    @Operation(summary = "Order a number or block: {areaCode, kind: SINGLE|BLOCK, blockSize?, rangeId?, street,"
            + " postcode, city, addressInArea: true}; reserved and activated at once")
    ResponseEntity<RangeView> order(CurrentUser user, @PathVariable UUID id, @RequestBody OrderNumbers body) {
        NumberRange r = ordering.order(user, new InstanceId(id), body);
        return ResponseEntity.created(URI.create("/api/v1/instances/" + id + "/numbers/" + r.id())).body(RangeView.of(r));
    }

    @GetMapping("/instances/{id}/numbers")
    @Operation(summary = "The instance's numbers with their state, monthly price (null: included) and routing")
    List<RangeView> ofInstance(CurrentUser user, @PathVariable UUID id) {
        return assignment.numbers(user, new InstanceId(id)).stream().map(RangeView::of).toList();
    }

    @DeleteMapping("/instances/{id}/numbers/{rangeId}")
    @Operation(summary = "Release a number or block: it stops routing and costing at once and goes into quarantine")
    ResponseEntity<Void> release(CurrentUser user, @PathVariable UUID id, @PathVariable UUID rangeId) {
        ordering.release(user, new InstanceId(id), rangeId);
        return ResponseEntity.noContent().build();
    }

    // ---- assignment --------------------------------------------------------------------------------

    @PutMapping("/instances/{id}/numbers/{number}/route")
    @Operation(summary = "Route a number (or a block's extension): {target: EXTENSION|GROUP|MAIN_LINE, extensions}")
    Assignments.Assignment assign(CurrentUser user, @PathVariable UUID id, @PathVariable String number,
            @RequestBody Assign body) {
        return assignment.assign(user, new InstanceId(id), number, body);
    }

    @GetMapping("/instances/{id}/caller-ids")
    List<Assignments.CallerId> callerIds(CurrentUser user, @PathVariable UUID id) {
        return assignment.callerIds(user, new InstanceId(id));
    }

    @PutMapping("/instances/{id}/caller-ids/{extension}")
    @Operation(summary = "The number an extension shows when calling out: {number} (null: none)")
    Map<String, String> setCallerId(CurrentUser user, @PathVariable UUID id, @PathVariable String extension,
            @RequestBody CallerIdBody body) {
        assignment.setCallerId(user, new InstanceId(id), extension, body.number());
        return java.util.Collections.singletonMap("number", body.number());
    }
}
