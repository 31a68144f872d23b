package org.switchboard.licensing;

import java.util.List;

import org.switchboard.instances.InstanceId;

/**
 * Whose desktop client is open right now, for the live view: implemented by the module that runs
 * the clients, since a client can be open without holding a licence (refused, receiving only).
 */
public interface OpenClients {

    /** An open desktop client: the employee's extension and name. */
    record OpenClient(String extension, String name) {
    }

    List<OpenClient> of(InstanceId instance);
}
