package org.switchboard.telephony.media;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The media relay of the SIP core: rtpengine when {@code switchboard.media.rtpengine} names its
 * ng control socket ({@code udp:127.0.0.1:22222}), none otherwise (calls between browsers and
 * plain-RTP peers are then signalled but have no media path).
 */
@Configuration(proxyBeanMethods = false)
class MediaRelayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaRelayConfiguration.class);

    @Bean
    MediaRelay mediaRelay(@Value("${switchboard.media.rtpengine:}") String rtpengine,
            @Value("${switchboard.media.rtpengine-timeout:1s}") Duration timeout) {
        if (rtpengine == null || rtpengine.isBlank()) {
            return MediaRelay.NONE;
        }
        RtpEngineRelay relay = new RtpEngineRelay(new NgClient(NgClient.address(rtpengine), timeout, 3));
        if (!relay.ping()) {
            log.warn("rtpengine at {} does not answer ping yet; calls needing it fail until it does", rtpengine);
        }
        return relay;
    }
}
