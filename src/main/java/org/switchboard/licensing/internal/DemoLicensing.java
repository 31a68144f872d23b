package org.switchboard.licensing.internal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.DemoAccountsCreated;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceSales;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.platform.InvalidInputException;

/**
 * Demo data on the first start: the demo customer gets an active 16-CU phone system with the 30
 * subjects of the sizing example (5 managers, 10 office staff, 5 part-timers, 10 function
 * extensions) and 30 days of history played by {@link Workdays}, so that the live view, its
 * charts and the sizing advice show something.
 */
@Component
class DemoLicensing {

    private static final Logger log = LoggerFactory.getLogger(DemoLicensing.class);
    static final int[] COMPANY = { 5, 10, 5, 10 };
    static final int FIRST_EXTENSION = 201;

    private final InstanceSales sales;
    private final SubjectManagement subjects;
    private final PoolMutations mutations;
    private final Clock clock;

    DemoLicensing(InstanceSales sales, SubjectManagement subjects, PoolMutations mutations, Clock clock) {
        this.sales = sales;
        this.subjects = subjects;
        this.mutations = mutations;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(DemoAccountsCreated demo) {
        // Acting as the busy demo customer's admin, as the demo's first steps would.
        CurrentUser admin = new CurrentUser(UserId.random(), demo.busyCustomerAdminEmail(), "Olga Office",
                Role.CUSTOMER_ADMIN, null, demo.busyCustomer());
        InstanceId id = sales.create(admin, new CreateInstance("Head office (16 concurrent users)",
                "demo-licensing", "DE", false, "basic", 16, "DE89370400440532013000", "Demo Office KG", true))
                .instance().id();
        String[] names = { "Maria Manager", "Felix Field", "Sandra Sales", "Martin Mobile", "Lena Leitung" };
        int ext = FIRST_EXTENSION;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < COMPANY[type]; i++, ext++) {
                NewSubject s = switch (type) {
                    case 0 -> new NewSubject("EMPLOYEE", String.valueOf(ext), names[i], null, null);
                    case 1 -> new NewSubject("EMPLOYEE", String.valueOf(ext), "Office " + (i + 1), null, null);
                    case 2 -> new NewSubject("EMPLOYEE", String.valueOf(ext), "Part-time " + (i + 1), null, null);
                    default -> new NewSubject("FUNCTION", String.valueOf(ext), List.of("Fax", "Door", "Conference room",
                            "Lift", "Fax 2", "Gate", "Meeting room", "Lift 2", "Warehouse", "Alarm").get(i), null,
                            List.of("FAX", "DOOR_INTERCOM", "CONFERENCE_ROOM", "LIFT", "FAX", "DOOR_INTERCOM",
                                    "CONFERENCE_ROOM", "LIFT", "OTHER", "OTHER").get(i));
                };
                subjects.add(admin, id, s);
            }
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        int played = 0;
        for (int d = 29; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            Instant midnight = day.atStartOfDay(clock.getZone()).toInstant();
            List<Workdays.Timed> events = Workdays.day(COMPANY, FIRST_EXTENSION, new Random(d), midnight, day.toString());
            mutations.mutate(id.value(), pool -> {
                for (Workdays.Timed t : events) {
                    if (t.event().at().isAfter(now)) {
                        break;
                    }
                    try {
                        pool.apply(t.event());
                    } catch (InvalidInputException e) {
                        // not expected from the model; the demo goes on
                    }
                }
                return null;
            });
            played++;
        }
        log.info("Demo licensing: instance {} with 30 subjects and {} working days of history", id.value(), played);
    }
}
