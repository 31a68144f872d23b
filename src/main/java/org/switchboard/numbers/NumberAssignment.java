package org.switchboard.numbers;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.numbers.InboundRoute.Target;
import org.switchboard.numbers.internal.Assignments;
import org.switchboard.numbers.internal.Charges;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * An instance's numbers: what it holds and what each range costs, where calls to each number go,
 * and which number each extension shows as caller id.
 */
@Service
public class NumberAssignment {

    public record Assign(String target, List<String> extensions) {
    }

    /** An instance's range, with where its numbers route and what it costs a month now (null: included). */
    public record HeldRange(NumberRange range, List<Assignments.Assignment> assignments, Money monthlyNet) {
    }

    private final Ranges ranges;
    private final Assignments assignments;
    private final Charges charges;
    private final InstanceManagement instances;
    private final SubjectManagement subjects;
    private final TrunkStore trunks;

    NumberAssignment(Ranges ranges, Assignments assignments, Charges charges, InstanceManagement instances,
            SubjectManagement subjects, TrunkStore trunks) {
        this.trunks = trunks;
        this.ranges = ranges;
        this.assignments = assignments;
        this.charges = charges;
        this.instances = instances;
        this.subjects = subjects;
    }

    @Transactional(readOnly = true)
    public List<HeldRange> numbers(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        List<Assignments.Assignment> all = assignments.ofInstance(id);
        List<Charges.Charge> open = charges.open(id);
        return ranges.ofInstance(id).stream().map(r -> {
            Set<String> own = Set.copyOf(ranges.numbersOf(r.id()));
            return new HeldRange(r, all.stream().filter(a -> own.contains(a.e164())).toList(),
                    open.stream().filter(ch -> ch.rangeId().equals(r.id())).map(Charges.Charge::monthlyNet).findFirst()
                            .orElse(null));
        }).toList();
    }

    @Transactional(readOnly = true)
    public List<Assignments.CallerId> callerIds(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return assignments.callerIds(id);
    }

    /**
     * Where calls to one of the instance's numbers (or a block's extension) go: one extension, a
     * group of extensions (all ring), or the main line. The extensions must be the instance's.
     */
    @Transactional
    public Assignments.Assignment assign(CurrentUser user, InstanceId id, String number, Assign c) {
        InstanceDetails details = managed(instances, user, id);
        Own own = ownNumber(details, number);
        String e164 = own.e164();
        Validation v = new Validation();
        Target target = null;
        try {
            target = Target.valueOf(c.target() == null ? "" : c.target().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.reject("target", "Target must be EXTENSION, GROUP or MAIN_LINE");
        }
        List<String> extensions = c.extensions() == null ? List.of()
                : c.extensions().stream().filter(x -> x != null && !x.isBlank()).map(String::trim).distinct().toList();
        if (target == Target.EXTENSION) {
            v.check(extensions.size() == 1, "extensions", "Name exactly one extension");
        } else if (target == Target.GROUP) {
            v.check(extensions.size() >= 2 && extensions.size() <= 30, "extensions", "A group has 2 to 30 extensions");
        } else if (target == Target.MAIN_LINE) {
            v.check(extensions.isEmpty(), "extensions", "The main line takes no extensions");
        }
        Set<String> known = subjects.subjects(user, id).stream().map(Subject::extension)
                .collect(java.util.stream.Collectors.toSet());
        for (String x : extensions) {
            if (!known.contains(x)) {
                v.reject("extensions", "There is no extension " + x + " on this phone system");
            }
        }
        v.throwIfInvalid();
        if (own.ofTrunk()) {
            trunks.route(id, e164, target, extensions);
        } else {
            assignments.assign(details.instance().customerId(), id, e164, target, extensions);
        }
        return new Assignments.Assignment(e164, target, extensions);
    }

    /** Shows one of the instance's numbers as caller id when this extension calls out; null number: none. */
    @Transactional
    public void setCallerId(CurrentUser user, InstanceId id, String extension, String number) {
        InstanceDetails details = managed(instances, user, id);
        String x = extension == null ? "" : extension.trim();
        boolean known = subjects.subjects(user, id).stream().anyMatch(s -> s.extension().equals(x));
        if (!known) {
            throw new InvalidInputException("extension", "There is no extension " + x + " on this phone system");
        }
        Own own = number == null || number.isBlank() ? null : ownNumber(details, number);
        assignments.setCallerId(details.instance().customerId(), id, x, own == null ? null : own.e164(),
                own != null && own.ofTrunk());
    }

    /** The routes set for the numbers of the instance's own trunks (the others ring the main line). */
    @Transactional(readOnly = true)
    public List<Assignments.Assignment> trunkRoutes(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return trunks.routes(id).stream().map(r -> new Assignments.Assignment(r.e164(), r.target(), r.extensions()))
                .toList();
    }

    private record Own(String e164, boolean ofTrunk) {
    }

    /** The number in E.164 if it is one of the instance's active numbers, or one its own trunks carry. */
    private Own ownNumber(InstanceDetails details, String number) {
        InstanceId id = details.instance().id();
        PhoneNumbers.Checked checked = PhoneNumbers.check(number, details.instance().country());
        if (!checked.ok()) {
            throw new InvalidInputException("number", checked.problem());
        }
        Optional<NumberRange> held = ranges.ofNumber(checked.e164()).filter(x -> id.equals(x.instanceId()));
        if (held.isEmpty()) {
            // a number the instance's own trunk carries (the platform's numbers come first, as in routing)
            trunks.route(checked.e164()).filter(t -> id.equals(t.instanceId()))
                    .orElseThrow(() -> new NotFoundException(PhoneNumbers.display(checked.e164())
                            + " is not a number of this phone system"));
            return new Own(checked.e164(), true);
        }
        NumberRange r = held.get();
        // a number porting in may be assigned ahead: it routes from the day it arrives
        if (r.state() != NumberState.ACTIVE && r.state() != NumberState.PORTING_IN) {
            throw new ConflictException("number", PhoneNumbers.display(checked.e164()) + " is " + r.state()
                    + ": it cannot be assigned");
        }
        return new Own(checked.e164(), false);
    }

    /** The instance if the user may change its numbers: its customer's admins and operators. */
    static InstanceDetails managed(InstanceManagement instances, CurrentUser user, InstanceId id) {
        InstanceDetails details = instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isOperator()) {
            throw new ForbiddenException("Only the customer's admins order, release and assign numbers.");
        }
        return details;
    }
}
