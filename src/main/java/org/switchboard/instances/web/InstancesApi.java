package org.switchboard.instances.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceSales;
import org.switchboard.instances.SubscriptionAmendment;
import org.switchboard.instances.SubscriptionAmendment.ChangeOutcome;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.instances.web.InstanceJson.ChangeView;
import org.switchboard.instances.web.InstanceJson.HistoryView;
import org.switchboard.instances.web.InstanceJson.InstanceView;
import org.switchboard.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Instances", description = "Phone-system instances: trials, subscriptions, changes")
class InstancesApi {

    record ChangeAnswer(String kind, Instant effectiveAt, String message, InstanceView instance) {
    }

    record TrialSettings(Integer trialConcurrentUsers) {
    }

    private final InstanceManagement instances;
    private final InstanceSales sales;
    private final SubscriptionAmendment amendment;

    InstancesApi(InstanceManagement instances, InstanceSales sales, SubscriptionAmendment amendment) {
        this.instances = instances;
        this.sales = sales;
        this.amendment = amendment;
    }

    @PostMapping("/instances")
    @Operation(summary = "Create an instance: a 30-day trial ({trial: true}) or directly a subscription with billing details")
    ResponseEntity<InstanceView> create(CurrentUser user, @RequestBody CreateInstance command) {
        InstanceView view = InstanceView.of(sales.create(user, command));
        return ResponseEntity.created(URI.create("/api/v1/instances/" + view.id())).body(view);
    }

    @GetMapping("/instances")
    @Operation(summary = "Instances the caller may see, newest first; deleted ones only with status=DELETED")
    List<InstanceView> list(CurrentUser user, @RequestParam Optional<String> status) {
        return instances.instances(user, status.map(InstancesApi::status)).stream().map(InstanceView::of).toList();
    }

    @GetMapping("/instances/{id}")
    InstanceView get(CurrentUser user, @PathVariable UUID id) {
        return InstanceView.of(instances.instance(user, new InstanceId(id)));
    }

    @GetMapping("/instances/{id}/history")
    @Operation(summary = "Every change of the instance, newest first: when, who, old and new value")
    List<HistoryView> history(CurrentUser user, @PathVariable UUID id) {
        return HistoryView.of(instances.instance(user, new InstanceId(id)).instance().history());
    }

    @PostMapping("/instances/{id}/subscription")
    @Operation(summary = "Subscribe: plan, concurrent users, IBAN, account holder and the accepted SEPA mandate")
    InstanceView subscribe(CurrentUser user, @PathVariable UUID id, @RequestBody Subscribe command) {
        return InstanceView.of(sales.subscribe(user, new InstanceId(id), command));
    }

    @GetMapping("/instances/{id}/subscription/changes/preview")
    @Operation(summary = "What a new count (and plan) would cost and when it would apply, without changing anything")
    ChangeView preview(CurrentUser user, @PathVariable UUID id, @RequestParam Integer concurrentUsers,
            @RequestParam Optional<String> plan) {
        return ChangeView.of(amendment.previewChange(user, new InstanceId(id),
                new ChangeSubscription(concurrentUsers, plan.orElse(null))));
    }

    @PostMapping("/instances/{id}/subscription/changes")
    @Operation(summary = "Change the concurrent users: an increase applies at once, a decrease at the term end")
    ChangeAnswer change(CurrentUser user, @PathVariable UUID id, @RequestBody ChangeSubscription command) {
        ChangeOutcome outcome = amendment.change(user, new InstanceId(id), command);
        String message = outcome.kind() == org.switchboard.instances.Instance.ChangeKind.UPGRADE
                ? "Upgraded at once to " + command.concurrentUsers() + " concurrent users."
                : "Downgrade to " + command.concurrentUsers() + " concurrent users scheduled for the term end, "
                        + outcome.effectiveAt() + ".";
        return new ChangeAnswer(outcome.kind().name(), outcome.effectiveAt(), message,
                InstanceView.of(outcome.instance()));
    }

    @DeleteMapping("/instances/{id}/subscription/changes")
    @Operation(summary = "Withdraw a scheduled downgrade or cancellation")
    InstanceView withdraw(CurrentUser user, @PathVariable UUID id) {
        return InstanceView.of(amendment.withdrawScheduledChange(user, new InstanceId(id)));
    }

    @DeleteMapping("/instances/{id}/subscription")
    @Operation(summary = "Cancel at the end of the term; the instance runs until then")
    InstanceView cancel(CurrentUser user, @PathVariable UUID id) {
        return InstanceView.of(amendment.cancel(user, new InstanceId(id)));
    }

    @GetMapping("/settings/instances")
    Map<String, Integer> settings(CurrentUser user) {
        return Map.of("trialConcurrentUsers", instances.trialConcurrentUsers());
    }

    @PutMapping("/settings/instances")
    @Operation(summary = "Operators: the size of new trials")
    Map<String, Integer> changeSettings(CurrentUser user, @RequestBody TrialSettings settings) {
        return Map.of("trialConcurrentUsers", instances.changeTrialConcurrentUsers(user, settings.trialConcurrentUsers()));
    }

    private static InstanceStatus status(String value) {
        try {
            return InstanceStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status",
                    "Unknown status '" + value + "': one of TRIAL, ACTIVE, CANCELLED, DEACTIVATED, DELETED");
        }
    }
}
