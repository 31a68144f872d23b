package org.switchboard.numbers;

import java.util.Optional;
import java.util.UUID;

import org.switchboard.instances.InstanceId;

/**
 * Where the platform routes calls to its numbers and to the numbers of customers' own trunks, and
 * which number a subject shows. A trunk's number routes and shows as caller id like a platform
 * number; {@link #trunkOf} says which trunk carries it, so that calls showing it go out through
 * that trunk ({@link Trunks} gives the trunk's settings and credentials).
 */
public interface NumberRouting {

    /** Where a call to this E.164 number (e.g. "+4989123456") goes, if it is an active number of an instance. */
    Optional<InboundRoute> inbound(String e164);

    /** The number shown as caller id when this subject (extension) of the instance calls out, if one is assigned. */
    Optional<String> callerIdOf(InstanceId instance, String extension);

    /** The id of the customer's trunk that carries this E.164 number; empty for a number of the platform or none. */
    Optional<UUID> trunkOf(String e164);
}
