package org.switchboard.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key of {@link SecretBox}: {@code SWITCHBOARD_SECRET_KEY} (32 bytes, base64) when given;
 * otherwise a key file {@code secret.key} in the data folder, made on the first start. Every node
 * of one installation needs the same key.
 */
@Configuration(proxyBeanMethods = false)
class SecretKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyConfiguration.class);

    @Bean
    SecretBox secretBox(@Value("${switchboard.secret-key:}") String configured,
            @Value("${switchboard.data:./data}") String dataFolder,
            @Value("${switchboard.embedded-db.ephemeral:false}") boolean ephemeral) throws IOException {
        if (!configured.isBlank()) {
            return new SecretBox(Base64.getDecoder().decode(configured.trim()));
        }
        if (ephemeral) {
            return new SecretBox(SecretBox.newKey());
        }
        Path file = Path.of(dataFolder, "secret.key");
        OwnerOnlyFiles.folder(Path.of(dataFolder));
        if (!Files.exists(file)) {
            OwnerOnlyFiles.create(file, Base64.getEncoder().encodeToString(SecretBox.newKey()));
            log.warn("Created the key for stored bank details in {}. Back it up with the database, "
                    + "or set SWITCHBOARD_SECRET_KEY on every node.", file.toAbsolutePath());
        }
        return new SecretBox(Base64.getDecoder().decode(OwnerOnlyFiles.read(file)));
    }
}
