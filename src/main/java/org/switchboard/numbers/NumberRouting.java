package org.switchboard.numbers;

import java.util.Optional;

import org.switchboard.instances.InstanceId;

/** Where the platform routes calls to its numbers, and which number a subject shows. */
public interface NumberRouting {

    /** Where a call to this E.164 number (e.g. "+4989123456") goes, if it is an active number of an instance. */
    Optional<InboundRoute> inbound(String e164);

    /** The number shown as caller id when this subject (extension) of the instance calls out, if one is assigned. */
    Optional<String> callerIdOf(InstanceId instance, String extension);
}
