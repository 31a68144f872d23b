package org.switchboard.telephony;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.Validation;
import org.switchboard.telephony.internal.OpenCountries;
import org.switchboard.telephony.internal.OperatorSipSettings;
import org.switchboard.telephony.internal.TollFraudPolicy;

/**
 * The toll-fraud guards a customer admin sets for an instance: the countries its phones may call
 * besides the home country, of those the operator lets be opened (its settings page, else
 * {@code switchboard.sip.fraud.allowed-countries}).
 */
@Service
public class CallGuards {

    /** The home country (open always), the countries opened, those the operator lets be opened, the airtime cap. */
    public record Countries(String home, List<String> opened, List<String> openable, int dailyAirtimeMinutes) {
    }

    private final InstanceManagement instances;
    private final OpenCountries store;
    private final OperatorSipSettings settings;
    private final Clock clock;

    CallGuards(InstanceManagement instances, OpenCountries store, OperatorSipSettings settings, Clock clock) {
        this.instances = instances;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public Countries countries(CurrentUser viewer, InstanceId id) {
        Instance instance = instances.instance(viewer, id).instance();
        return view(instance);
    }

    /** Opens exactly these countries (ISO codes such as FR) for the instance's calls; all or nothing. */
    public Countries open(CurrentUser viewer, InstanceId id, List<String> countries) {
        Instance instance = instances.instance(viewer, id).instance();
        if (!viewer.isCustomerAdmin() && !viewer.isOperator()) {
            throw new ForbiddenException("Only the customer's admins open countries for calls.");
        }
        Validation v = new Validation();
        Set<String> wanted = new TreeSet<>();
        Set<String> openable = Set.copyOf(settings.fraud().allowedCountries());
        String home = home(instance);
        for (String c : countries == null ? List.<String>of() : countries) {
            if (c == null || c.isBlank()) {
                continue;
            }
            String code = c.trim().toUpperCase(Locale.ROOT);
            if (code.equals(home)) {
                continue; // open always
            }
            String problem = TollFraudPolicy.openingProblem(code, home, openable);
            if (problem != null) {
                v.reject("countries", problem);
            } else {
                wanted.add(code);
            }
        }
        v.throwIfInvalid();
        store.replace(id, wanted, clock.instant(), viewer.email());
        return view(instance);
    }

    private Countries view(Instance instance) {
        return new Countries(home(instance), new ArrayList<>(store.of(instance.id())),
                settings.fraud().allowedCountries().stream().sorted().toList(),
                settings.fraud().dailyAirtimeMinutes());
    }

    private static String home(Instance instance) {
        return instance.country() == null ? "DE" : instance.country().toUpperCase(Locale.ROOT);
    }
}
