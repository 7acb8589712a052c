package org.plenary.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JSON in and out of HTTP handlers, with clear problems for bad input.
 *
 * <p>Request bodies are untrusted and parsed on the event loop, so parsing is bounded: a JSON body is at
 * most {@link #MAX_BODY_BYTES} ({@link #SMALL_BODY_BYTES} on routes that take a few short fields, such as
 * logging in), at most {@link #MAX_NESTING} levels deep and {@link #MAX_TOKENS} tokens long; field names
 * are neither interned nor canonicalised (700,000 distinct names once held an event loop for seconds in
 * Jackson's intern cache); anything after the value, and any field the route does not know, is refused.
 *
 * <pre>
 *   ObjectNode body = Json.body(ctx, "title", "languages");   // 400 naming any other field
 *   Json.Fields f = new Json.Fields(body);
 * </pre>
 */
public final class Json {
  /** Largest JSON body (a proposal of 20,000 characters, every one escaped in six bytes, is about 150 KB). */
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** Largest body of routes that take a few short fields (login, invitations, tokens, settings). */
  public static final int SMALL_BODY_BYTES = 16 * 1024;
  /** Deepest nesting of objects and arrays in a request. */
  public static final int MAX_NESTING = 64;
  /** Most tokens (names, values, brackets) in one request body. */
  public static final long MAX_TOKENS = 50_000;

  /** What the server writes and reads back itself (audit payloads); not for request bodies. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private static final JsonFactory UNTRUSTED = JsonFactory.builder()
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING)
          .maxNameLength(1_000)
          .maxNumberLength(100)
          .maxStringLength(MAX_BODY_BYTES)
          .maxDocumentLength(MAX_BODY_BYTES)
          .maxTokenCount(MAX_TOKENS)
          .build())
      .build();

  /** Request bodies: the limits above, duplicate keys and anything after the value refused. */
  private static final ObjectMapper REQUESTS = JsonMapper.builder(UNTRUSTED)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static String string(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Sends {@code value} as JSON with the given status. */
  public static void send(RoutingContext ctx, int status, Object value) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(Buffer.buffer(bytes(value)));
  }

  /**
   * The request body as a JSON object of at most {@link #MAX_BODY_BYTES}, whose fields are among those named;
   * a problem when it is missing, too large, not JSON, not an object, or has another field.
   */
  public static ObjectNode body(RoutingContext ctx, String field, String... moreFields) {
    return parse(ctx, MAX_BODY_BYTES, field, moreFields);
  }

  /** {@link #body}, for routes that take a few short fields: at most {@link #SMALL_BODY_BYTES}. */
  public static ObjectNode smallBody(RoutingContext ctx, String field, String... moreFields) {
    return parse(ctx, SMALL_BODY_BYTES, field, moreFields);
  }

  private static ObjectNode parse(RoutingContext ctx, int maxBytes, String field, String... moreFields) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !MediaTypes.isJson(contentType)) {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json" + (contentType == null ? "" : " (got " + contentType + ")"));
    }
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    if (buffer.length() > maxBytes) {
      throw new Problem(413, "payload-too-large", "Payload too large", "body: this JSON body may be at most "
          + maxBytes + " bytes", List.of(new Problem.FieldError("body", "must be at most " + maxBytes + " bytes")),
          java.util.Map.of());
    }
    ObjectNode node = parse(buffer.getBytes());
    Set<String> known = new LinkedHashSet<>(List.of(moreFields));
    known.add(field);
    List<Problem.FieldError> unknown = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        unknown.add(new Problem.FieldError(name, "is not a known field"));
      }
    });
    if (!unknown.isEmpty()) {
      throw Problem.invalid(unknown);
    }
    return node;
  }

  /** Bytes as one JSON object, within the limits above; a problem on field "body" otherwise. */
  static ObjectNode parse(byte[] bytes) {
    JsonNode node;
    try {
      node = REQUESTS.readTree(bytes);
    } catch (StreamConstraintsException e) {
      throw Problem.invalid("body", "too complex: " + e.getOriginalMessage().replaceAll(",? from `[^`]*`", "")
          + where(e.getLocation()));
    } catch (JsonProcessingException e) {
      if (e.getOriginalMessage().startsWith("Trailing token")) {
        throw Problem.invalid("body", "not valid JSON: something follows the object" + where(e.getLocation()));
      }
      String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[.*?\\]\\)", "");
      throw Problem.invalid("body", "not valid JSON: " + reason + where(e.getLocation()));
    } catch (IOException e) {
      throw Problem.invalid("body", "unreadable: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    return (ObjectNode) node;
  }

  /** " at line l, column c", or nothing where the parser knows no location (some constraint errors). */
  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** Collects field errors while reading a body, so one response lists all of them. */
  public static final class Fields {
    private final ObjectNode node;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Fields(ObjectNode node) {
      this.node = node;
    }

    public String requiredText(String field, int maxLength) {
      String value = optionalText(field, maxLength);
      if (value == null && !hasError(field)) {
        errors.add(new Problem.FieldError(field, "is required"));
      } else if (value != null && value.isBlank()) {
        errors.add(new Problem.FieldError(field, "must not be blank"));
      }
      return value;
    }

    public String optionalText(String field, int maxLength) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        errors.add(new Problem.FieldError(field, "must be a string"));
        return null;
      }
      String s = v.textValue();
      if (s.codePointCount(0, s.length()) > maxLength) {
        errors.add(new Problem.FieldError(field, "must be at most " + maxLength + " characters"));
        return null;
      }
      return s;
    }

    public List<String> textList(String field, int maxItems, int maxLength) {
      JsonNode v = node.get(field);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        errors.add(new Problem.FieldError(field, "must be an array of strings"));
        return out;
      }
      if (v.size() > maxItems) {
        errors.add(new Problem.FieldError(field, "must have at most " + maxItems + " items"));
        return out;
      }
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
          errors.add(new Problem.FieldError(field + "[" + i + "]",
              "must be a non-empty string of at most " + maxLength + " characters"));
        } else {
          out.add(item.textValue());
        }
      }
      return out;
    }

    public void error(String field, String message) {
      errors.add(new Problem.FieldError(field, message));
    }

    public boolean hasError(String field) {
      return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Throws one problem listing every field error found so far. */
    public void check() {
      if (!errors.isEmpty()) {
        throw Problem.invalid(errors);
      }
    }
  }
}
