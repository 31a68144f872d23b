package org.switchboard.licensing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountFixtures.CustomerAccount;
import org.switchboard.accounts.AccountFixtures.PartnerAccount;
import org.switchboard.accounts.AccountFixtures;
import org.switchboard.connector.ConnectorKeys;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceSales;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.testing.Api;

import tools.jackson.databind.json.JsonMapper;

/** A customer with a subscribed instance, its subjects and a connector key, for integration tests. */
@Component
public class LicensingFixtures {

    public record Setup(PartnerAccount partner, CustomerAccount customer, InstanceId instance, String key) {

        public String path() {
            return "/api/v1/instances/" + instance.value();
        }
    }

    private final AccountFixtures accounts;
    private final InstanceSales sales;
    private final SubjectManagement subjects;
    private final ConnectorKeys keys;

    LicensingFixtures(AccountFixtures accounts, InstanceSales sales, SubjectManagement subjects,
            ConnectorKeys keys) {
        this.accounts = accounts;
        this.sales = sales;
        this.subjects = subjects;
        this.keys = keys;
    }

    /** An instance of {@code concurrentUsers} with employees 100..(100+employees-1) and function extensions 900... */
    public Setup subscribed(int concurrentUsers, int employees, int functions) {
        return subscribed(accounts.verifiedPartner("Licence Partner"), "Huber GmbH", concurrentUsers, employees, functions);
    }

    /** As {@link #subscribed(int, int, int)}, for a further customer of a partner. */
    public Setup subscribed(PartnerAccount partner, String company, int concurrentUsers, int employees, int functions) {
        CustomerAccount customer = accounts.invitedCustomer(partner, company, true);
        InstanceId id = sales.create(customer.admin(), new CreateInstance("Head office",
                "pbx-" + UUID.randomUUID().toString().substring(0, 8), "DE", false, "basic", concurrentUsers,
                "DE89370400440532013000", company, true)).instance().id();
        for (int i = 0; i < employees; i++) {
            subjects.add(customer.admin(), id, new NewSubject("EMPLOYEE", String.valueOf(100 + i), "Employee " + i,
                    null, null));
        }
        for (int i = 0; i < functions; i++) {
            subjects.add(customer.admin(), id, new NewSubject("FUNCTION", String.valueOf(900 + i), "Door " + i, null,
                    "DOOR_INTERCOM"));
        }
        String key = keys.create(customer.admin(), id, "PBX").key();
        return new Setup(partner, customer, id, key);
    }

    /** Posts a CSV text as a person with HTTP Basic. */
    public static Api.Response postCsv(int port, String email, String path, String csv) {
        try {
            HttpResponse<String> r = Connector.CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).header("Content-Type", "text/csv").header("Authorization", "Basic "
                            + java.util.Base64.getEncoder().encodeToString((email + ":"
                                    + org.switchboard.testing.IntegrationTestBase.PASSWORD).getBytes()))
                    .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A phone system talking to the connector API with its key. */
    public static final class Connector {

        private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final int port;
        private final String path;
        private final String key;

        public Connector(int port, Setup setup) {
            this(port, setup.path(), setup.key());
        }

        public Connector(int port, String path, String key) {
            this.port = port;
            this.path = path;
            this.key = key;
        }

        public Api.Response send(String type, String subject, String ref) {
            return send(type, subject, ref, null);
        }

        public Api.Response send(String type, String subject, String ref, String destination) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("type", type, "subject", subject, "ref", ref));
            if (destination != null) {
                body.put("destination", destination);
            }
            return post(JSON.writeValueAsString(body));
        }

        public Api.Response post(String body) {
            return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "/licence/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        public Api.Response licence() {
            return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "/licence")).GET());
        }

        private Api.Response call(HttpRequest.Builder builder) {
            try {
                HttpResponse<String> r = CLIENT.send(builder.header("Authorization", "Bearer " + key)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                return new Api.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                        r.headers());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
