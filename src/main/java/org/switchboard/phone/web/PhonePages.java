package org.switchboard.phone.web;

import java.util.List;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.phone.ClientSettings;
import org.switchboard.phone.EmployeeDirectory;
import org.switchboard.phone.EmployeeManagement;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/** The desktop client of a signed-in employee, and the admins' page of the employees who use it. */
@WebPage
class PhonePages {

    static final List<String> KEYS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#");

    private final ClientSettings settings;
    private final EmployeeManagement employees;
    private final EmployeeDirectory directory;
    private final InstanceManagement instances;

    PhonePages(ClientSettings settings, EmployeeManagement employees, EmployeeDirectory directory,
            InstanceManagement instances) {
        this.settings = settings;
        this.directory = directory;
        this.employees = employees;
        this.instances = instances;
    }

    @GetMapping("/phone")
    String client(CurrentUser user, Model model) {
        model.addAttribute("settings", settings.of(user));
        model.addAttribute("keys", KEYS);
        return "phone/client";
    }

    /** Stands in for the mobile app: enter the client's pairing code and a device name. */
    @GetMapping("/mobile")
    String mobile() {
        return "phone/mobile";
    }

    @GetMapping("/instances/{id}/employees")
    String employees(CurrentUser user, @PathVariable UUID id, Model model) {
        InstanceId instance = new InstanceId(id);
        model.addAttribute("instanceId", id);
        model.addAttribute("instanceName", instances.instance(user, instance).instance().name());
        model.addAttribute("employees", directory.employees(user, instance));
        model.addAttribute("admin", user.isCustomerAdmin());
        return "phone/employees";
    }

    @PostMapping("/instances/{id}/employees/{userId}/invitation")
    String reinvite(CurrentUser user, @PathVariable UUID id, @PathVariable("userId") UUID employee, Model model,
            RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> employees.reinvite(user, new InstanceId(id), new UserId(employee)))) {
            redirect.addFlashAttribute("notice", "The invitation was sent again; the older link no longer works.");
            return "redirect:/instances/" + id + "/employees";
        }
        return employees(user, id, model);
    }

    @PostMapping("/instances/{id}/employees/{userId}/removal")
    String remove(CurrentUser user, @PathVariable UUID id, @PathVariable("userId") UUID employee, Model model,
            RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> employees.remove(user, new InstanceId(id), new UserId(employee)))) {
            redirect.addFlashAttribute("notice", "The employee no longer has the desktop client: signed out, its "
                    + "client closed and its mobiles unpaired.");
            return "redirect:/instances/" + id + "/employees";
        }
        return employees(user, id, model);
    }

    @PostMapping("/instances/{id}/employees")
    String invite(CurrentUser user, @PathVariable UUID id, @RequestParam(required = false) String extension,
            Model model, RedirectAttributes redirect) {
        if (FormErrors.submit(model, () -> employees.invite(user, new InstanceId(id), extension))) {
            redirect.addFlashAttribute("notice", "Invited extension " + extension.trim()
                    + ": the employee was mailed a link to set a password.");
            return "redirect:/instances/" + id + "/employees";
        }
        model.addAttribute("extension", extension);
        return employees(user, id, model);
    }
}
