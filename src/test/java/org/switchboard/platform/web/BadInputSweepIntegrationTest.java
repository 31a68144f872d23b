package org.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.testing.IntegrationTestBase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input everywhere, driven by the application's own OpenAPI document: every operation, as the
 * operator, a partner admin and a customer admin, gets ids that are not UUIDs or belong to nobody,
 * malformed JSON, the wrong content type, and for every body field and query parameter a missing
 * value, the wrong type, numbers and dates out of any range, huge text and control characters.
 * No answer may be a 5xx, and every 4xx must be problem+json. A new endpoint is swept as soon as
 * it is in the document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSweepIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String HUGE = "a".repeat(100_000);
    static final String UNKNOWN = UUID.randomUUID().toString();

    ConfigurableApplicationContext app;
    int port;
    Setup setup;
    Map<String, String> roles = new LinkedHashMap<>();
    JsonNode document;
    int requests;
    List<String> failures = new ArrayList<>();

    @BeforeAll
    void start() {
        app = SweepApplication.start();
        port = SweepApplication.port(app);
        setup = app.getBean(LicensingFixtures.class).subscribed(5, 3, 1);
        roles.put("operator", IntegrationTestBase.OPERATOR_EMAIL);
        roles.put("partner", setup.partner().email());
        roles.put("customer", setup.customer().email());
        document = JSON.readTree(send("GET", "/v3/api-docs", null, null, null).body());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void noBadInputGetsA5xxAndEvery4xxIsProblemJson() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").properties().iterator(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                operations.add(method + " " + path.getKey());
                sweep(method, path.getKey(), op.getValue());
            }
        }
        System.out.printf("bad-input sweep: %d operations, %d requests, %d answers that broke the rule%n",
                operations.size(), requests, failures.size());
        assertThat(operations.size()).as("the document lists the API").isGreaterThan(50);
        assertThat(failures).as(failures.size() + " of " + requests + " requests").isEmpty();
    }

    @Test
    void whatNoEndpointAnswersIsProblemJsonUnderTheApiAndTheErrorPageElsewhere() {
        String operator = IntegrationTestBase.OPERATOR_EMAIL;
        assertProblem(send("GET", "/api/v1/no-such-thing", null, null, operator), 404);
        assertProblem(send("GET", "/api/v1/no-such-thing", null, null, null), 401);
        assertProblem(send("DELETE", "/api/v1/plans", null, null, operator), 405);
        assertProblem(send("POST", "/api/v1/sizing", "text/plain", "type1=5", null), 415);
        assertProblem(send("POST", "/api/v1/sizing", "application/json", "{\"type1\": \"5\"}", null), 400);
        assertProblem(send("GET", "/api/v1/instances/%00", null, null, operator), 400);
        assertProblem(send("GET", "/api/v1/price-quote?plan=basic&concurrentUsers=" + "9".repeat(20_000), null, null,
                null), 400);
        HttpResponse<String> uuid = send("GET", "/api/v1/instances/not-a-uuid", null, null, operator);
        assertProblem(uuid, 400);
        assertThat(uuid.body()).contains("must be a UUID");

        // (an unknown page of the signed-in area sends a visitor to the login first; a public one is not there)
        HttpResponse<String> page = send("GET", "/css/no-such-file.css", null, null, null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        HttpResponse<String> malformedPage = send("GET", "/instances/%00", null, null, null);
        assertThat(malformedPage.statusCode()).isEqualTo(400);
        assertThat(malformedPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(malformedPage.body()).doesNotContain("Apache Tomcat");
    }

    @Test
    void theDocumentDescribesWhatACallerSends() {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    JsonNode schema = resolve(parameter.path("schema"));
                    assertThat(type(schema)).as(op.getKey() + " " + path.getKey() + " " + parameter.path("name"))
                            .isNotEqualTo("object");
                }
            }
        }
        JsonNode creditNote = resolve(document.at("/paths/~1api~1v1~1invoices~1{id}~1credit-notes/post/requestBody/content")
                .properties().iterator().next().getValue().path("schema"));
        assertThat(creditNote.path("properties").has("reason")).as(creditNote.toString()).isTrue();
        assertThat(creditNote.path("properties").has("subject")).as(creditNote.toString()).isFalse();
        JsonNode upload = resolve(document.at("/paths/~1api~1v1~1porting-orders~1{orderId}~1signed-form/post/requestBody"
                + "/content/multipart~1form-data/schema"));
        assertThat(upload.path("properties").has("file")).as(upload.toString()).isTrue();
        assertThat(upload.path("properties").has("user")).as("the signed-in user is no form field: " + upload).isFalse();
    }

    private static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(answer.body())
                .startsWith("application/problem+json");
        assertThat(JSON.readTree(answer.body()).path("detail").asString()).isNotBlank();
    }

    private void sweep(String method, String template, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        JsonNode bodySchema = null;
        String bodyType = null;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isObject() && !content.isEmpty()) {
            bodyType = content.propertyNames().iterator().next();
            bodySchema = resolve(content.path(bodyType).path("schema"));
        }
        JsonNode baseline = bodySchema == null ? null : example(bodySchema, 0);
        for (Map.Entry<String, String> role : roles.entrySet()) {
            String user = role.getValue();
            boolean full = role.getKey().equals("operator") || role.getKey().equals("customer");
            // Ids that are not UUIDs, or belong to nobody; and a request as good as the document allows.
            for (String id : List.of("not-a-uuid", UNKNOWN, "%00")) {
                if (template.contains("{")) {
                    check(method, path(template, p -> id) + query(parameters, null, null), bodyType, text(baseline), user);
                }
            }
            String real = path(template, this::knownId);
            check(method, real + query(parameters, null, null), bodyType, text(baseline), user);
            if (bodyType != null) {
                for (String whole : List.of("", "{", "[]", "null", "{\"unknownField\":1}", "\"text\"")) {
                    check(method, real + query(parameters, null, null), bodyType, whole, user);
                }
                check(method, real + query(parameters, null, null), "text/plain", text(baseline), user);
                check(method, real + query(parameters, null, null), "application/xml", "<a/>", user);
            }
            if (!full) {
                continue;
            }
            for (JsonNode parameter : parameters) {
                if (!parameter.path("in").asString().equals("query")) {
                    continue;
                }
                for (String bad : List.of("", "x", HUGE, "a\u0000b", "1e1000000000", "-1", "99999999999999999999",
                        "+999999999-12-31", "not-a-uuid", "true")) {
                    check(method, real + query(parameters, parameter.path("name").asString(), bad), bodyType,
                            text(baseline), user);
                }
                check(method, real + query(parameters, parameter.path("name").asString(), null), bodyType,
                        text(baseline), user);
            }
            if (baseline != null && bodySchema != null) {
                for (String field : fields(bodySchema, "", 0)) {
                    JsonNode schema = schemaAt(bodySchema, field);
                    for (JsonNode bad : badValues(schema)) {
                        HttpResponse<String> answer = check(method, real + query(parameters, null, null), bodyType,
                                text(replace(baseline, field, bad)), user);
                        if (answer.statusCode() < 300 && mustBeRefused(schema, bad)) {
                            failures.add(answer.statusCode() + " " + method + " " + real + " as " + user + ": " + field
                                    + " = " + abbreviate(text(bad)) + " was accepted");
                        }
                    }
                }
            }
        }
    }

    private String knownId(String name) {
        return switch (name) {
            case "id", "instanceId" -> setup.instance().value().toString();
            case "customerId" -> setup.customer().id().value().toString();
            case "partnerId" -> setup.partner().id().value().toString();
            default -> UNKNOWN;
        };
    }

    private String path(String template, Function<String, String> value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template.substring(i));
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open).append(value.apply(template.substring(open + 1, close)));
            i = close + 1;
        }
        String path = out.toString();
        // A path id of an instance belongs to the instance only where the path is an instance's.
        if (!template.startsWith("/api/v1/instances/")) {
            path = path.replace(setup.instance().value().toString(), UNKNOWN);
        }
        return path;
    }

    /** The query string with every required parameter set; {@code name} set to {@code bad} (or left out when null). */
    private String query(List<JsonNode> parameters, String name, String bad) {
        StringBuilder q = new StringBuilder();
        for (JsonNode parameter : parameters) {
            if (!parameter.path("in").asString().equals("query")) {
                continue;
            }
            String n = parameter.path("name").asString();
            String value;
            if (n.equals(name)) {
                if (bad == null) {
                    continue;
                }
                value = bad;
            } else if (parameter.path("required").asBoolean()) {
                JsonNode example = example(resolve(parameter.path("schema")), 0);
                value = example.isValueNode() ? example.asString() : JSON.writeValueAsString(example);
            } else {
                continue;
            }
            q.append(q.isEmpty() ? "?" : "&").append(n).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty()) {
            return resolve(document.at(ref.substring(1)));
        }
        if (schema.has("allOf") && schema.path("allOf").size() == 1) {
            return resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        return type.asString(schema.has("properties") ? "object" : "string");
    }

    private JsonNode example(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        switch (type(schema)) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                if (depth < 3) {
                    schema.path("properties").properties().forEach(p -> object.set(p.getKey(), example(p.getValue(), depth + 1)));
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(example(schema.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(1);
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.stringNode(switch (schema.path("format").asString("")) {
                    case "uuid" -> UNKNOWN;
                    case "date" -> "2026-01-15";
                    case "date-time" -> "2026-01-15T10:00:00Z";
                    case "email" -> "sweep@example.com";
                    default -> "Sweep";
                });
        }
    }

    /** Dotted paths of the body's fields, array items as [0], two levels deep. */
    private List<String> fields(JsonNode schema, String prefix, int depth) {
        List<String> out = new ArrayList<>();
        schema = resolve(schema);
        if (depth > 2) {
            return out;
        }
        if (type(schema).equals("array")) {
            out.addAll(fields(schema.path("items"), prefix + "[0]", depth + 1));
            return out;
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
            out.add(path);
            JsonNode child = resolve(p.getValue());
            if (type(child).equals("object") || type(child).equals("array")) {
                out.addAll(fields(child, path, depth + 1));
            }
        }
        return out;
    }

    private JsonNode schemaAt(JsonNode schema, String field) {
        JsonNode current = resolve(schema);
        for (String part : field.replace("[0]", ".[0]").split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            current = part.equals("[0]") ? resolve(current.path("items")) : resolve(current.path("properties").path(part));
        }
        return current;
    }

    /** {@code null} stands for "leave the field out". */
    private List<JsonNode> badValues(JsonNode schema) {
        List<JsonNode> values = new ArrayList<>();
        values.add(null);
        values.add(NODES.nullNode());
        switch (type(schema)) {
            case "integer", "number" -> {
                values.add(NODES.stringNode("12"));
                values.add(NODES.booleanNode(true));
                values.add(number("1e1000000000"));
                values.add(number("-2147483649"));
                values.add(number("99999999999999999999999.999"));
                values.add(number("0.0000000001"));
                values.add(NODES.numberNode(-1));
            }
            case "boolean" -> {
                values.add(NODES.stringNode("true"));
                values.add(NODES.numberNode(1));
            }
            case "array" -> {
                values.add(NODES.stringNode("x"));
                values.add(NODES.arrayNode());
            }
            case "object" -> values.add(NODES.stringNode("x"));
            default -> {
                values.add(NODES.numberNode(12));
                values.add(NODES.objectNode());
                values.add(NODES.stringNode(""));
                values.add(NODES.stringNode(HUGE));
                values.add(NODES.stringNode("a\u0000b"));
                values.add(NODES.stringNode("a\u0007b\u001b"));
                values.add(NODES.stringNode("+999999999-12-31"));
                values.add(NODES.stringNode("+999999999-12-31T23:59:59Z"));
                values.add(NODES.stringNode("-0001-01-01"));
                values.add(NODES.stringNode("2026-02-30"));
                values.add(NODES.stringNode("not-a-uuid"));
            }
        }
        return values;
    }

    /** A value of the wrong type, out of any range, or with control characters: taken, it is a defect. */
    private static boolean mustBeRefused(JsonNode schema, JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        String type = type(schema);
        if (type.equals("integer") || type.equals("number")) {
            return !value.isNumber() || value.toString().contains("e") || value.toString().length() > 20;
        }
        if (type.equals("boolean")) {
            return !value.isBoolean();
        }
        if (type.equals("string") && !schema.has("enum")) {
            if (!value.isString()) {
                return true;
            }
            String text = value.asString();
            boolean date = schema.path("format").asString("").startsWith("date");
            return text.indexOf('\u0000') >= 0 || text.indexOf('\u0007') >= 0 || text.length() > 50_000
                    || (date && text.startsWith("+999999999"));
        }
        return false;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static JsonNode number(String literal) {
        return JSON.readTree(literal.contains("e") ? "[" + literal + "]" : literal).isArray()
                ? JSON.readTree("[" + literal + "]").get(0) : JSON.readTree(literal);
    }

    /** A copy of the body with the field replaced (or removed when {@code value} is null). */
    private static JsonNode replace(JsonNode body, String field, JsonNode value) {
        JsonNode copy = body.deepCopy();
        String[] parts = field.replace("[0]", ".[0]").split("\\.");
        JsonNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            parent = parts[i].equals("[0]") ? parent.path(0) : parent.path(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array && last.equals("[0]")) {
            if (value == null) {
                array.remove(0);
            } else {
                array.set(0, value);
            }
        }
        return copy;
    }

    private static String text(JsonNode body) {
        if (body == null) {
            return null;
        }
        // A literal number out of any range survives as the text it was written as.
        return JSON.writeValueAsString(body);
    }

    private HttpResponse<String> check(String method, String path, String contentType, String body, String user) {
        HttpResponse<String> answer = send(method, path, contentType, body, user);
        String type = answer.headers().firstValue("Content-Type").orElse("");
        boolean broken = answer.statusCode() >= 500
                || (answer.statusCode() >= 400 && !type.startsWith("application/problem+json"));
        if (broken && failures.size() < 400) {
            String shown = body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
            failures.add(answer.statusCode() + " " + method + " " + (path.length() > 150 ? path.substring(0, 150) + "..." : path)
                    + " as " + user + " [" + contentType + "] " + shown + " -> " + type + " "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return answer;
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String user) {
        requests++;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(60));
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + IntegrationTestBase.PASSWORD).getBytes(StandardCharsets.UTF_8)));
            }
            if (contentType != null && body != null) {
                request.header("Content-Type", contentType);
            }
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body);
            return CLIENT.send(request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
