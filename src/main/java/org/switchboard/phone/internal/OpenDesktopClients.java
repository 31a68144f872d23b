package org.switchboard.phone.internal;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.OpenClients;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.telephony.ExtensionActivity;
import org.switchboard.telephony.ExtensionActivity.Snapshot;

/** The employees whose desktop client is registered now (the browser client or another desktop client). */
@Component
class OpenDesktopClients implements OpenClients {

    private final ExtensionActivity activity;
    private final SubjectManagement subjects;

    OpenDesktopClients(ExtensionActivity activity, SubjectManagement subjects) {
        this.activity = activity;
        this.subjects = subjects;
    }

    @Override
    public List<OpenClient> of(InstanceId instance) {
        Snapshot now = activity.snapshot(instance);
        if (now.desktopOpen().isEmpty()) {
            return List.of();
        }
        return subjects.subjectsOf(instance).stream().filter(s -> now.desktopOpen(s.extension()))
                .sorted(Comparator.comparing(Subject::extension))
                .map(s -> new OpenClient(s.extension(), s.name())).toList();
    }
}
