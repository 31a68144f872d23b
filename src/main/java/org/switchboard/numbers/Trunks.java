package org.switchboard.numbers;

import java.util.List;
import java.util.Optional;

import org.switchboard.instances.InstanceId;

/**
 * The external SIP trunks of instances, for the SIP core only: with their credentials in the clear,
 * so that it can register to the provider and send calls through it. Nothing else may show them.
 */
public interface Trunks {

    /** A customer's trunk to its own provider, with the template's settings and the numbers it carries. */
    record Trunk(java.util.UUID id, InstanceId instance, String name, TrunkTemplate template, String username,
            String authUsername, String password, List<String> numbers) {

        @Override
        public String toString() {
            return "Trunk[" + id + ", " + name + ", " + template.providerName() + ", " + username + ", password ****]";
        }
    }

    List<Trunk> ofInstance(InstanceId instance);

    /** The trunk that carries this E.164 number, if one does. */
    Optional<Trunk> carrying(String e164);

    /** Every trunk that registers to its provider (the SIP core keeps their registrations). */
    List<Trunk> registering();
}
