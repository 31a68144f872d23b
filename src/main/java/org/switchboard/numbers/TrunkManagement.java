package org.switchboard.numbers;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.numbers.internal.TrunkStore.StoredTrunk;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.SecretBox;
import org.switchboard.platform.Validation;

/**
 * Keeping the existing provider: operators keep trunk templates, customer admins add trunks from
 * them with their credentials (stored encrypted, shown masked) and the numbers each carries. The
 * SIP core reads the trunks with their credentials through {@link Trunks}.
 */
@Service
public class TrunkManagement implements Trunks {

    public record NewTemplate(String providerName, String registrar, String outboundProxy, String transport,
            String numberFormat, String callerIdHeader, Boolean registers, Integer expirySeconds) {
    }

    public record NewTrunk(UUID templateId, String name, String username, String authUsername, String password,
            List<String> numbers) {
    }

    /**
     * A trunk as people see it: the password masked; {@code carried} its single numbers and blocks,
     * {@code numbers} every number of them.
     */
    public record TrunkView(UUID id, String name, TrunkTemplate template, String username, String authUsername,
            String maskedPassword, List<CarriedNumbers> carried, List<String> numbers) {
    }

    private final TrunkStore store;
    private final InstanceManagement instances;
    private final SecretBox secrets;
    private final TrunkNumbers numbers;
    private final Clock clock;

    TrunkManagement(TrunkStore store, TrunkNumbers numbers, InstanceManagement instances, SecretBox secrets,
            Clock clock) {
        this.store = store;
        this.numbers = numbers;
        this.instances = instances;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Transactional
    public TrunkTemplate addTemplate(CurrentUser user, NewTemplate c) {
        NumberInventory.requireOperator(user);
        Validation v = new Validation();
        v.text("providerName", "Provider name", c.providerName(), 100);
        String registrar = c.registrar() == null ? null : c.registrar().trim();
        String problem = TrunkTemplate.hostProblem(registrar);
        if (problem != null) {
            v.reject("registrar", "Registrar " + problem);
        }
        String proxy = Validation.trimToNull(c.outboundProxy());
        if (proxy != null && TrunkTemplate.hostProblem(proxy) != null) {
            v.reject("outboundProxy", "Outbound proxy " + TrunkTemplate.hostProblem(proxy));
        }
        TrunkTemplate.Transport transport = choice(v, "transport", "Transport", TrunkTemplate.Transport.class, c.transport());
        TrunkTemplate.NumberFormat format = choice(v, "numberFormat", "Number format", TrunkTemplate.NumberFormat.class,
                c.numberFormat());
        TrunkTemplate.CallerIdHeader header = choice(v, "callerIdHeader", "Caller-id header",
                TrunkTemplate.CallerIdHeader.class, c.callerIdHeader());
        int expiry = c.expirySeconds() == null ? 3600 : c.expirySeconds();
        v.check(expiry >= 60 && expiry <= 86400, "expirySeconds", "Registration expiry must be 60 to 86,400 seconds");
        v.throwIfInvalid();
        if (store.templateNameTaken(c.providerName().trim())) {
            throw new ConflictException("providerName", "There is a template for " + c.providerName().trim() + " already.");
        }
        TrunkTemplate t = new TrunkTemplate(UUID.randomUUID(), c.providerName().trim(), registrar, proxy, transport,
                format, header, !Boolean.FALSE.equals(c.registers()), expiry);
        store.insertTemplate(t, clock.instant());
        return t;
    }

    private static <E extends Enum<E>> E choice(Validation v, String field, String label, Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.reject(field, label + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    @Transactional(readOnly = true)
    public List<TrunkTemplate> templates() {
        return store.templates();
    }

    @Transactional
    public TrunkView add(CurrentUser user, InstanceId id, NewTrunk c) {
        InstanceDetails details = instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isOperator()) {
            throw new org.switchboard.platform.ForbiddenException("Only the customer's admins add trunks.");
        }
        Validation v = new Validation();
        TrunkTemplate template = c.templateId() == null ? null : store.template(c.templateId()).orElse(null);
        v.check(template != null, "templateId", "Pick the provider's template");
        v.text("name", "Name", c.name(), 100);
        v.text("username", "User name", c.username(), 200);
        v.optionalText("authUsername", "Authentication user name", Validation.trimToNull(c.authUsername()), 200);
        v.text("password", "Password", c.password(), 200);
        List<CarriedNumbers> carried = TrunkNumbers.read(c.numbers(), details.instance().country(), v);
        v.check(!carried.isEmpty() || v.hasErrors(), "numbers", "Name the numbers the trunk carries");
        v.throwIfInvalid();
        numbers.refuseHeld(carried);
        StoredTrunk trunk = new StoredTrunk(UUID.randomUUID(), details.instance().customerId(), id, template.id(),
                c.name().trim(), c.username().trim(), Validation.trimToNull(c.authUsername()), secrets.seal(c.password()),
                carried, carried.stream().flatMap(n -> n.numbers().stream()).toList());
        store.insertTrunk(trunk, clock.instant(), user.email());
        return view(trunk, template);
    }

    @Transactional(readOnly = true)
    public List<TrunkView> trunks(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return store.ofInstance(id).stream().map(t -> view(t, store.template(t.templateId()).orElseThrow())).toList();
    }

    @Transactional
    public void remove(CurrentUser user, InstanceId id, UUID trunkId) {
        instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isOperator()) {
            throw new org.switchboard.platform.ForbiddenException("Only the customer's admins remove trunks.");
        }
        if (store.ofInstance(id).stream().noneMatch(t -> t.id().equals(trunkId))) {
            throw new NotFoundException("This phone system has no trunk " + trunkId);
        }
        store.deleteTrunk(id, trunkId);
    }

    private TrunkView view(StoredTrunk t, TrunkTemplate template) {
        return new TrunkView(t.id(), t.name(), template, t.username(), t.authUsername(),
                mask(secrets.open(t.sealedPassword())), t.carried(), t.numbers());
    }

    static String mask(String password) {
        if (password == null || password.isEmpty()) {
            return "";
        }
        return "••••••" + (password.length() > 8 ? password.substring(password.length() - 2) : "");
    }

    // ---- for the SIP core ----------------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public List<Trunk> ofInstance(InstanceId instance) {
        return store.ofInstance(instance).stream().map(this::trunk).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Trunk> carrying(String e164) {
        return store.carrying(e164).map(this::trunk);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Trunk> registering() {
        return store.registering().stream().map(this::trunk).toList();
    }

    private Trunk trunk(StoredTrunk t) {
        return new Trunk(t.id(), t.instanceId(), t.name(), store.template(t.templateId()).orElseThrow(), t.username(),
                t.authUsername(), secrets.open(t.sealedPassword()), t.numbers());
    }
}
