package org.plenary.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.plenary.http.OpenApiRoutes;

/**
 * The API contract, enforced: every response {@link ApiClient} receives from {@code /api/v1} is checked against
 * {@code openapi/openapi.yaml}, the document the server serves. The operation is found by method and path
 * template; its status must be listed, its content type documented, and a JSON body (application/json or
 * application/problem+json) must validate against the schema (JSON Schema 2020-12, networknt
 * json-schema-validator, formats asserted). The tests are stricter than the document promises to integrators: an
 * object schema that lists its properties admits no other property here (the document leaves new properties
 * open, so clients ignore what they do not know), so a field the server adds without describing it fails the
 * build. The contract headers (ETag, Location, Retry-After, Idempotent-Replayed) must be documented where they
 * are sent. A response to a path the document does not have (an unknown route: 404, 405) must be a problem.
 *
 * <p>The document is read and compiled once per JVM; schemas are compiled on first use and kept.
 */
public final class Contract {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ID = "urn:plenary:openapi";
  private static final Set<String> CONTRACT_HEADERS = Set.of("etag", "location", "retry-after", "idempotent-replayed");
  private static final Set<String> JSON_TYPES = Set.of("application/json", "application/problem+json");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private static volatile Contract instance;

  private final JsonNode doc;
  private final List<Operation> operations = new ArrayList<>();
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  /** One operation of the document: its method, path template (as a regular expression) and description. */
  private record Operation(String method, String template, Pattern pattern, int parameters, JsonNode node) {
    String name() {
      return method + " " + template + " (" + node.path("operationId").asText() + ")";
    }
  }

  private Contract() {
    this.doc = OpenApiRoutes.load().deepCopy();
    forbidUndeclared(doc.get("components").get("schemas"), false);
    forbidUndeclared(doc.get("paths"), false);
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
      if (METHODS.contains(m.getKey())) {
        String template = path.getKey();
        Matcher params = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        int count = 0;
        while (params.find()) {
          regex.append(Pattern.quote(template.substring(last, params.start()))).append("[^/]+");
          last = params.end();
          count++;
        }
        regex.append(Pattern.quote(template.substring(last)));
        operations.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), template, Pattern.compile(regex.toString()),
            count, m.getValue()));
      }
    }));
    // literal segments win over parameters (/negotiations/import before /negotiations/{n})
    operations.sort(Comparator.comparingInt(Operation::parameters));
    String json;
    try {
      json = MAPPER.writeValueAsString(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(ID, json)));
  }

  private static Contract get() {
    Contract c = instance;
    if (c == null) {
      synchronized (Contract.class) {
        c = instance;
        if (c == null) {
          c = new Contract();
          instance = c;
        }
      }
    }
    return c;
  }

  /** Fails (AssertionError) when the response disagrees with the contract; anything outside /api/v1 passes. */
  public static void check(String method, URI uri, ApiClient.Response response) {
    String path = uri.getRawPath();
    if (!path.startsWith("/api/v1/")) {
      return;
    }
    get().verify(method, path.substring("/api/v1".length()), response);
  }

  private void verify(String asked, String path, ApiClient.Response r) {
    if (asked.equals("HEAD") && r.body().length > 0) {
      fail("HEAD " + path + " sent a body", r, List.of());
    }
    // a HEAD is described by its GET: the same status and headers, and never a body
    String method = asked.equals("HEAD") ? "GET" : asked;
    Operation op = operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(path).matches())
        .findFirst().orElse(null);
    String contentType = r.contentType() == null ? "" : r.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    String status = String.valueOf(r.status());
    if (op == null) {
      // not an operation of the API (an unknown path or method): the answer is a problem
      if (r.status() < 400 || !contentType.equals("application/problem+json")) {
        fail(method + " " + path + " is not in the contract, and answered " + status + " " + contentType, r, List.of());
      }
      validate("#/components/schemas/Problem", r, method + " " + path);
      return;
    }
    JsonNode response = op.node().path("responses").path(status);
    String pointer = pointer(op) + "/responses/" + status;
    if (response.isMissingNode()) {
      fail(op.name() + " answered " + status + ", a status its description does not list", r, List.of());
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").asText();
      response = resolve(pointer);
    }
    List<String> undocumented = new ArrayList<>();
    for (String h : CONTRACT_HEADERS) {
      if (r.header(h) != null && !hasHeader(response.path("headers"), h)) {
        undocumented.add(h);
      }
    }
    if (!undocumented.isEmpty()) {
      fail(op.name() + " " + status + " sent headers its description does not list: " + undocumented, r, List.of());
    }
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      if (r.body().length > 0) {
        fail(op.name() + " " + status + " is described without a body, and sent one (" + contentType + ")", r, List.of());
      }
      return;
    }
    if (!content.has(contentType)) {
      if (r.body().length == 0 && r.status() / 100 == 2) {
        return; // a stream ApiClient.openStream closed unread
      }
      fail(op.name() + " " + status + " sent " + (contentType.isEmpty() ? "no content type" : contentType)
          + "; described: " + fieldNames(content), r, List.of());
    }
    if (JSON_TYPES.contains(contentType) && r.body().length > 0) {
      validate(pointer + "/content/" + escape(contentType) + "/schema", r, op.name() + " " + status);
    }
  }

  private void validate(String pointer, ApiClient.Response r, String what) {
    Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(ID + p)));
    JsonNode body;
    try {
      body = MAPPER.readTree(r.body());
    } catch (IOException e) {
      fail(what + " sent a body that is not JSON", r, List.of());
      return;
    }
    List<Error> errors = schema.validate(body, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    if (!errors.isEmpty()) {
      fail(what + " disagrees with its schema", r, errors.stream().limit(10).map(Error::toString).toList());
    }
  }

  private static void fail(String message, ApiClient.Response r, List<String> errors) {
    String body = new String(r.body(), StandardCharsets.UTF_8);
    throw new AssertionError("API contract (openapi.yaml): " + message
        + errors.stream().map(e -> "\n  - " + e).collect(Collectors.joining())
        + "\n  body: " + (body.length() > 800 ? body.substring(0, 800) + "…" : body));
  }

  private JsonNode resolve(String ref) {
    return doc.at(ref.substring(1));
  }

  private static boolean hasHeader(JsonNode headers, String name) {
    for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
      if (it.next().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static String pointer(Operation op) {
    return "#/paths/" + escape(op.template()).replace("{", "%7B").replace("}", "%7D") + "/"
        + op.method().toLowerCase(Locale.ROOT);
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * Adds {@code additionalProperties: false} to every object schema that lists its properties and says nothing
   * about others, except inside {@code allOf} (whose members see only part of the object) and where a schema
   * composes with {@code allOf} itself.
   */
  private static void forbidUndeclared(JsonNode node, boolean inAllOf) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        if (k.equals("allOf") || k.equals("anyOf") || k.equals("oneOf")) {
          for (JsonNode member : e.getValue()) {
            forbidUndeclared(member, k.equals("allOf"));
          }
        } else if (k.equals("properties") || k.equals("$defs")) {
          e.getValue().forEach(v -> forbidUndeclared(v, false));
        } else if (!k.equals("example") && !k.equals("examples") && !k.equals("enum") && !k.equals("const")) {
          forbidUndeclared(e.getValue(), false);
        }
      }
      if (o.has("properties") && !o.has("additionalProperties") && !o.has("unevaluatedProperties") && !inAllOf
          && !o.has("allOf")) {
        o.put("additionalProperties", false);
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(v -> forbidUndeclared(v, false));
    }
  }
}
