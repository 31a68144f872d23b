package org.switchboard.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.modulith.events.core.EventSerializer;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events kept in the publication registry are read back after a crash, to be delivered again.
 * They are written with every getter (a value's {@code isPositive()} too) and read with the
 * record's components; the API's rule of refusing unknown properties must not make an event of
 * the application's own unreadable, which would stop the next start.
 */
@Configuration(proxyBeanMethods = false)
class EventSerializationConfiguration {

    @Bean
    @Primary
    EventSerializer storedEvents(JsonMapper mapper) {
        JsonMapper events = mapper.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return new EventSerializer() {
            @Override
            public Object serialize(Object event) {
                return events.writeValueAsString(event);
            }

            @Override
            public <T> T deserialize(Object serialized, Class<T> type) {
                return events.readValue(serialized.toString(), type);
            }
        };
    }
}
