package org.switchboard.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.internal.KeyRevocations;
import org.switchboard.connector.internal.Keys;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * Keys of the connector API: made by a customer admin for one instance, shown once, stored as a
 * SHA-256 hash, revocable. A node remembers a checked key for a few seconds; a revocation takes
 * effect on every node as soon as it is committed (see {@link KeyRevocations}).
 */
@Service
public class ConnectorKeys {

    /** The key is missing, unknown, revoked or for another instance; answered 401. */
    public static class KeyRejectedException extends RuntimeException {
        public KeyRejectedException(String message) {
            super(message);
        }
    }

    /** A new key: the secret is in {@code key}, and nowhere else afterwards. */
    public record CreatedKey(ConnectorKey details, String key) {
    }

    /**
     * How long a node answers a checked key from memory. A revocation (or a deleted instance) reaches
     * every node at once through {@link KeyRevocations}, which forgets everything remembered when it
     * may have missed a notification; so this is only a safety net, and long enough that a phone
     * system's events seldom wait for the key's database read (with 5 s, at 5,000 events/s over
     * 1,000 instances, 4% of the events did, more than the 1% the p99 counts).
     */
    private static final long CACHE_NANOS = 60_000_000_000L;
    private static final String PREFIX = "sbk_";
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private record Checked(ConnectorKey key, long until) {
    }

    private final Keys keys;
    private final InstanceManagement instances;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Checked> checked = new ConcurrentHashMap<>();

    private final KeyRevocations revocations;

    ConnectorKeys(Keys keys, InstanceManagement instances, KeyRevocations revocations, Clock clock) {
        this.keys = keys;
        this.instances = instances;
        this.revocations = revocations;
        this.clock = clock;
        revocations.subscribe(id -> checked.values().removeIf(c -> c.key().id().equals(id)), checked::clear);
    }

    @Transactional
    public CreatedKey create(CurrentUser viewer, InstanceId id, String label) {
        InstanceDetails details = managed(viewer, id);
        new Validation().optionalText("label", "Label", label, 100).throwIfInvalid();
        StringBuilder secret = new StringBuilder(PREFIX);
        for (int i = 0; i < 40; i++) {
            secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String key = secret.toString();
        ConnectorKey details2 = new ConnectorKey(UUID.randomUUID(), id, details.instance().customerId().value(),
                key.substring(0, PREFIX.length() + 6) + "…", Validation.trimToNull(label), clock.instant(),
                viewer.email(), null);
        keys.insert(details2, hash(key));
        return new CreatedKey(details2, key);
    }

    @Transactional
    public List<ConnectorKey> keys(CurrentUser viewer, InstanceId id) {
        managed(viewer, id);
        return keys.of(id);
    }

    @Transactional
    public void revoke(CurrentUser viewer, InstanceId id, UUID keyId) {
        managed(viewer, id);
        ConnectorKey key = keys.find(id, keyId).orElseThrow(() -> new NotFoundException("There is no key " + keyId
                + " for this instance."));
        keys.revoke(id, keyId, clock.instant(), viewer.email());
        revocations.announce(key.id());
        checked.values().removeIf(c -> c.key().id().equals(key.id()));
    }

    /**
     * The key of an {@code Authorization: Bearer} header, if it is valid for this instance.
     *
     * @throws KeyRejectedException otherwise
     */
    public ConnectorKey authenticate(String authorization, InstanceId instance) {
        String token = BearerToken.of(authorization);
        if (token == null) {
            throw new KeyRejectedException("Send the instance's connector key as 'Authorization: Bearer <key>'.");
        }
        long now = System.nanoTime();
        Checked c = checked.get(token);
        ConnectorKey key;
        if (c != null && c.until() - now > 0) {
            key = c.key();
        } else {
            Optional<ConnectorKey> found = keys.byHash(hash(token));
            if (found.isEmpty()) {
                throw new KeyRejectedException("This connector key is not known.");
            }
            key = found.get();
            if (checked.size() > 100_000) {
                checked.clear();
            }
            checked.put(token, new Checked(key, now + CACHE_NANOS));
        }
        if (key.isRevoked()) {
            throw new KeyRejectedException("This connector key was revoked; ask the customer's admin for a new one.");
        }
        if (!key.instanceId().equals(instance)) {
            throw new KeyRejectedException("This connector key belongs to another instance.");
        }
        return key;
    }

    /** The instance if the viewer may manage its keys: the customer's admins and operators (404 for others' instances). */
    private InstanceDetails managed(CurrentUser viewer, InstanceId id) {
        InstanceDetails details = instances.instance(viewer, id);
        if (!viewer.isCustomerAdmin() && !viewer.isOperator()) {
            throw new ForbiddenException("Only the customer's admins manage employees, function extensions and keys.");
        }
        return details;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
