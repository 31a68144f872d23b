package org.switchboard.licensing.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.LicenceInsights;
import org.switchboard.licensing.LicenceInsights.Overview;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.web.WebPage;

/** The live view of an instance's licences, its charts and advice, for the customer, its partner and operators. */
@WebPage
class LicencePages {

    private final LicenceInsights insights;
    private final LicenceManagement licences;
    private final InstanceManagement instances;
    private final java.time.Clock clock;
    private final org.springframework.beans.factory.ObjectProvider<org.switchboard.licensing.OpenClients> openClients;
    private final org.switchboard.licensing.SubjectManagement subjects;

    LicencePages(LicenceInsights insights, LicenceManagement licences, InstanceManagement instances,
            java.time.Clock clock,
            org.springframework.beans.factory.ObjectProvider<org.switchboard.licensing.OpenClients> openClients,
            org.switchboard.licensing.SubjectManagement subjects) {
        this.subjects = subjects;
        this.openClients = openClients;
        this.insights = insights;
        this.licences = licences;
        this.instances = instances;
        this.clock = clock;
    }

    @GetMapping("/licensing")
    String index(CurrentUser user, Model model) {
        model.addAttribute("instances", instances.instances(user, Optional.empty()));
        return "licensing/index";
    }

    @GetMapping("/licensing/instances/{id}")
    String instance(CurrentUser user, @PathVariable UUID id,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "24h") String range, Model model) {
        Overview overview = insights.overview(user, new InstanceId(id));
        model.addAttribute("o", overview);
        model.addAttribute("live", overview.live());
        model.addAttribute("recent", recent(user, id));
        model.addAttribute("clients", openClients(id, overview.live()));
        model.addAttribute("names", names(id));
        model.addAttribute("id", id);
        model.addAttribute("mayRelease", mayRelease(user));
        // One range at a time, chosen by the tabs above the charts: 24 hours (the occupancy itself and the
        // peak of each hour), 7 days or 30 days (the peak of each day); refusals beside the peaks.
        String shown = switch (range) {
            case "7d", "30d" -> range;
            default -> "24h";
        };
        model.addAttribute("range", shown);
        // The figures of the charts: JSON for the chart script, the same rows for the table beside each chart.
        if (shown.equals("24h")) {
            chart(model, "chart24h", LicenceCharts.occupancy(overview.last24h(), overview.live().state().licensed(),
                    overview.live().state().occupied(), overview.from24h(), overview.now(), clock.getZone()));
            chart(model, "chartHours", LicenceCharts.hours(overview.hours24h(), clock.getZone()));
        } else {
            chart(model, "chartDays", LicenceCharts.days(overview.days30(), shown.equals("7d") ? 7 : 30, clock.getZone()));
        }
        return "licensing/instance";
    }

    private static void chart(Model model, String name, Object chart) {
        model.addAttribute(name, chart);
        model.addAttribute(name + "Json", LicenceCharts.json(chart));
    }

    /** Whose desktop client is open, licensed or not (after the caller's view of the instance was checked). */
    private java.util.List<ClientView> openClients(UUID id, LicenceInsights.Live live) {
        org.switchboard.licensing.OpenClients c = openClients.getIfAvailable();
        return c == null ? java.util.List.of() : c.of(new InstanceId(id)).stream()
                .map(o -> new ClientView(o.extension(), o.name(), live.state().holders().stream()
                        .anyMatch(h -> h.subject().equals(o.extension())
                                && h.reasons().contains(org.switchboard.connector.Reason.DESKTOP_SESSION))))
                .toList();
    }

    /** Extension to the employee's or function's name (after the caller's view of the instance was checked). */
    private java.util.Map<String, String> names(UUID id) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        subjects.subjectsOf(new InstanceId(id)).forEach(s -> names.put(s.extension(), s.name()));
        return names;
    }

    /** The last events of the last 24 hours, newest first, with the device each came from. */
    private java.util.List<org.switchboard.licensing.internal.LicenceReads.HistoryLine> recent(CurrentUser user, UUID id) {
        java.time.Instant now = clock.instant();
        return insights.history(user, new InstanceId(id), now.minus(java.time.Duration.ofHours(24)), now.plusSeconds(1),
                20);
    }

    /** An open desktop client, and whether it holds the employee's licence. */
    record ClientView(String extension, String name, boolean licensed) {
    }

    @GetMapping("/licensing/instances/{id}/live")
    String live(CurrentUser user, @PathVariable UUID id, Model model) {
        LicenceInsights.Live live = insights.live(user, new InstanceId(id));
        model.addAttribute("live", live);
        model.addAttribute("recent", recent(user, id));
        model.addAttribute("clients", openClients(id, live));
        model.addAttribute("names", names(id));
        model.addAttribute("id", id);
        model.addAttribute("mayRelease", mayRelease(user));
        return "licensing/instance :: live";
    }

    @PostMapping("/licensing/instances/{id}/holders/{subject}/release")
    String release(CurrentUser user, @PathVariable UUID id, @PathVariable String subject,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        licences.visible(user, new InstanceId(id)); // another tenant's instance: 404, not a quiet redirect
        try {
            licences.forceRelease(user, new InstanceId(id), subject);
        } catch (NotFoundException e) {
            // Released meanwhile: the page shows the state as it is.
        }
        if (htmx != null) {
            return live(user, id, model);
        }
        return "redirect:/licensing/instances/" + id;
    }

    @GetMapping("/licensing/instances/{id}/history.csv")
    ResponseEntity<byte[]> csv(CurrentUser user, @PathVariable UUID id) {
        byte[] body = insights.historyCsv(user, new InstanceId(id)).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"licence-history-" + id + ".csv\"")
                .body(body);
    }

    private static boolean mayRelease(CurrentUser user) {
        return user.role() != org.switchboard.accounts.Role.CUSTOMER_MEMBER
                && user.role() != org.switchboard.accounts.Role.PARTNER_MEMBER;
    }
}
