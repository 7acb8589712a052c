package org.plenary.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.List;

/** JSON in and out of HTTP handlers, with clear problems for bad input. */
public final class Json {
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
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

  /** The request body as a JSON object; a problem when it is missing, not JSON or not an object. */
  public static ObjectNode body(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !MediaTypes.isJson(contentType)) {
      throw Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json" + (contentType == null ? "" : " (got " + contentType + ")"));
    }
    Buffer buffer = ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(buffer.getBytes());
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*?\\)\\)?", "");
      throw Problem.invalid("body", "not valid JSON: " + reason + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw Problem.invalid("body", "unreadable: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    return (ObjectNode) node;
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
