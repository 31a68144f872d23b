package org.switchboard.connector.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceDevice;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.Verdict;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a licence event request and of its answer. A phone system sends thousands a second,
 * so the usual body, an object of text fields, is read token by token into the event; any other
 * body (a number for a field, an unknown or repeated field, not an object, not JSON) is read again
 * as a tree, which finds and words every fault. Both ways end in the same checks. The answer, one
 * of a few sentences and three numbers, is written as text, as the JSON mapper writes the
 * {@link ConnectorApi.DecisionView}.
 */
final class EventJson {

    private static final Set<String> EVENT_FIELDS = Set.of("type", "subject", "ref", "destination", "at", "device");
    private static final Set<String> DEVICE_FIELDS = Set.of("id", "name");

    private final JsonMapper json = JsonMapper.builder().build();
    /** The parser's factory, used without the mapper: a mapper's parser comes with a context of its own each time. */
    private final TokenStreamFactory tokens = json.tokenStreamFactory();
    private final Clock clock;
    /** Per verdict, the answer up to the number licensed: {"admitted":..,"reason":"..","licensed":. */
    private final String[] answerStarts = new String[Verdict.values().length];

    EventJson(Clock clock) {
        this.clock = clock;
        for (Verdict v : Verdict.values()) {
            answerStarts[v.ordinal()] = "{\"admitted\":" + v.admitted() + ",\"reason\":"
                    + json.writeValueAsString(v.sentence()) + ",\"licensed\":";
        }
    }

    /** The answer to an event, as JSON. */
    byte[] answer(Decision d) {
        return (answerStarts[d.verdict().ordinal()] + d.licensed() + ",\"occupied\":" + d.occupied()
                + ",\"emergency\":" + d.emergency() + '}').getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The event of a request body, checked.
     *
     * @throws InvalidInputException naming every fault of the body
     */
    LicenceEvent read(byte[] body) {
        LicenceEvent event = readPlain(body);
        return event != null ? event : readTree(body);
    }

    /** The body read token by token, or null when it is not an object of known text fields, each once. */
    private LicenceEvent readPlain(byte[] body) {
        String type = null, subject = null, ref = null, destination = null, at = null, deviceId = null,
                deviceName = null;
        int seen = 0;
        try (JsonParser p = tokens.createParser(ObjectReadContext.empty(), body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                int bit = switch (name) {
                    case "type" -> 1;
                    case "subject" -> 2;
                    case "ref" -> 4;
                    case "destination" -> 8;
                    case "at" -> 16;
                    case "device" -> 32;
                    default -> 0;
                };
                if (bit == 0 || (seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                JsonToken value = p.nextToken();
                if (bit == 32) {
                    if (value == JsonToken.START_OBJECT) {
                        seen |= 64;
                        for (JsonToken d = p.nextToken(); d != JsonToken.END_OBJECT; d = p.nextToken()) {
                            String field = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                                return null;
                            } else if ("id".equals(field) && (seen & 128) == 0) {
                                deviceId = p.getValueAsString();
                                seen |= 128;
                            } else if ("name".equals(field) && (seen & 256) == 0) {
                                deviceName = p.getValueAsString();
                                seen |= 256;
                            } else {
                                return null;
                            }
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    continue;
                }
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    return null;
                }
                String text = p.getValueAsString();
                switch (bit) {
                    case 1 -> type = text;
                    case 2 -> subject = text;
                    case 4 -> ref = text;
                    case 8 -> destination = text;
                    default -> at = text;
                }
            }
            if (p.nextToken() != null) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        }
        Validation v = new Validation();
        LicenceDevice device = (seen & 64) == 0 ? null : device(deviceId, deviceName, v);
        return event(type, subject, ref, destination, at, device, v);
    }

    /** The body read as a tree: slower, and words every fault of any body. */
    LicenceEvent readTree(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "The request body must be one JSON object {type, subject, ref,"
                    + " destination?, at?}.");
        }
        Validation v = new Validation();
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!EVENT_FIELDS.contains(name)) {
                v.reject(name, name + " is not a known field");
            }
        }
        String type = text(node, "type", v);
        String subject = text(node, "subject", v);
        String ref = text(node, "ref", v);
        String destination = text(node, "destination", v);
        String at = text(node, "at", v);
        LicenceDevice device = device(node.get("device"), v);
        return event(type, subject, ref, destination, at, device, v);
    }

    /** The checks of every event, however its body was read; faults found before are in {@code v}. */
    private LicenceEvent event(String type, String subject, String ref, String destination, String at,
            LicenceDevice device, Validation v) {
        EventType eventType = null;
        if (type == null || type.isBlank()) {
            v.reject("type", "type is required: one of " + List.of(EventType.values()));
        } else {
            try {
                eventType = EventType.valueOf(type.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                v.reject("type", "type must be one of " + List.of(EventType.values()) + ", not '" + type + "'");
            }
        }
        v.check(subject != null && !subject.isBlank(), "subject", "subject is required: the extension number");
        v.check(ref != null && !ref.isBlank(), "ref", "ref is required: the id of the desktop session, mobile device"
                + " or call");
        v.optionalText("ref", "ref", ref, 100);
        v.optionalText("subject", "subject", subject, 15);
        v.optionalText("destination", "destination", destination, 40);
        Instant when = null;
        if (at != null) {
            try {
                when = Instant.parse(at);
            } catch (DateTimeParseException e) {
                v.reject("at", "at must be an ISO-8601 instant such as 2026-03-02T08:00:00Z, not '" + at + "'");
            }
        }
        v.throwIfInvalid();
        return new LicenceEvent(eventType, subject.trim(), ref.trim(), destination == null ? null : destination.trim(),
                when == null ? clock.instant() : when, device);
    }

    /** The optional device of an event: an object {id, name}, both required text when it is given. */
    private static LicenceDevice device(JsonNode value, Validation v) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            v.reject("device", "device must be an object {id, name}: the device's id in the phone system and a name"
                    + " a person reads, such as {\"id\": \"phone-17\", \"name\": \"Desk phone 101\"}");
            return null;
        }
        for (Iterator<String> names = value.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!DEVICE_FIELDS.contains(name)) {
                v.reject("device." + name, "device." + name + " is not a known field: a device has an id and a name");
            }
        }
        return device(text(value, "id", v, "device.id"), text(value, "name", v, "device.name"), v);
    }

    private static LicenceDevice device(String id, String name, Validation v) {
        v.text("device.id", "device.id", id, LicenceDevice.MAX_ID);
        v.text("device.name", "device.name", name, LicenceDevice.MAX_NAME);
        // Any fault above is thrown with the others before the event is built.
        return id == null || name == null || id.isBlank() || name.isBlank() ? null : new LicenceDevice(id, name);
    }

    private static String text(JsonNode node, String field, Validation v) {
        return text(node, field, v, field);
    }

    private static String text(JsonNode node, String field, Validation v, String named) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            v.reject(named, named + " must be text");
            return null;
        }
        return value.asString();
    }
}
