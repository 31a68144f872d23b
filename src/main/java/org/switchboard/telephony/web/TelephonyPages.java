package org.switchboard.telephony.web;

import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;
import org.switchboard.telephony.CallGuards;
import org.switchboard.telephony.CallHistory;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.DeviceManagement;
import org.switchboard.telephony.DeviceManagement.NewDevice;
import org.switchboard.telephony.DeviceProvisioning;
import org.switchboard.telephony.DeviceRegistrations;
import org.switchboard.telephony.TrunkStates;

/**
 * The phone system's page: devices and their registrations, own trunks, the countries open for calls,
 * live calls, call history; admins add devices and open or close countries.
 */
@WebPage
class TelephonyPages {

    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final DeviceManagement devices;
    private final DeviceProvisioning provisioning;
    private final DeviceRegistrations registrations;
    private final CallHistory calls;
    private final TrunkStates trunkStates;
    private final CallGuards guards;

    TelephonyPages(InstanceManagement instances, SubjectManagement subjects, DeviceManagement devices,
            DeviceProvisioning provisioning, DeviceRegistrations registrations, CallHistory calls,
            TrunkStates trunkStates, CallGuards guards) {
        this.provisioning = provisioning;
        this.registrations = registrations;
        this.trunkStates = trunkStates;
        this.guards = guards;
        this.instances = instances;
        this.subjects = subjects;
        this.devices = devices;
        this.calls = calls;
    }

    @GetMapping("/telephony/instances/{id}")
    String page(CurrentUser user, @PathVariable UUID id, Model model) {
        InstanceId instance = new InstanceId(id);
        model.addAttribute("d", instances.instance(user, instance));
        model.addAttribute("domain", provisioning.sipDomain(user, instance));
        model.addAttribute("devices", devices.devices(user, instance));
        var registered = registrations.registrations(user, instance);
        model.addAttribute("registrations", registered);
        model.addAttribute("registered", registered.stream().map(DeviceRegistrations.Registration::deviceId)
                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("live", calls.live(user, instance));
        model.addAttribute("trunks", trunkStates.of(user, instance));
        model.addAttribute("countries", guards.countries(user, instance));
        model.addAttribute("history", calls.history(user, instance, null));
        model.addAttribute("subjects", subjects.subjects(user, instance));
        model.addAttribute("kinds", DeviceKind.values());
        model.addAttribute("admin", user.isCustomerAdmin() || user.isOperator());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewDevice("", DeviceKind.DESK_PHONE.name(), ""));
        }
        return "telephony/instance";
    }

    @PostMapping("/telephony/instances/{id}/devices")
    String add(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String extension,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String label, Model model) {
        NewDevice form = new NewDevice(extension, kind, label);
        try {
            // the password is shown on this answer only, never in a redirect or a later page
            model.addAttribute("created", devices.add(user, new InstanceId(id), form));
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.violations()));
            model.addAttribute("form", form);
        }
        return page(user, id, model);
    }

    /** A customer admin opens exactly the ticked countries (of those the operator allows) for calls out. */
    @PostMapping("/telephony/instances/{id}/call-countries")
    String openCountries(CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "countries", required = false) java.util.List<String> countries, Model model,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> guards.open(user, new InstanceId(id), countries))) {
            redirect.addFlashAttribute("countriesSaved", "Saved: calls to the ticked countries go out from now on.");
            return "redirect:/telephony/instances/" + id + "#countries";
        }
        return page(user, id, model);
    }

    @PostMapping("/telephony/instances/{id}/devices/{deviceId}/credentials")
    String reset(CurrentUser user, @PathVariable UUID id, @PathVariable UUID deviceId, Model model) {
        model.addAttribute("created", devices.resetCredentials(user, new InstanceId(id), deviceId));
        return page(user, id, model);
    }
}
