package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.access.AuthorizationMatrix;

@DisplayName("The OpenAPI description")
class OpenApiTest {
  private static final java.util.Set<String> METHODS = java.util.Set.of("get", "post", "put", "patch", "delete");

  @Test
  @DisplayName("describes exactly the routes of the authorization matrix, which lists every mounted route")
  void describesEveryRoute() {
    TreeSet<String> listed = new TreeSet<>();
    AuthorizationMatrix.load().entries().forEach(e -> listed.add(e.route().method() + " "
        + e.route().path().replaceAll(":([A-Za-z]+)", "{$1}")));
    TreeSet<String> described = new TreeSet<>();
    JsonNode paths = OpenApiRoutes.load().get("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(m -> {
        if (METHODS.contains(m)) {
          described.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
          assertThat(path.getValue().get(m).path("summary").asText()).as(m + " " + path.getKey() + " summary")
              .isNotBlank();
        }
      });
    }
    assertThat(described).as("operations of openapi.yaml").isEqualTo(listed);
  }

  @Test
  @DisplayName("declares every path parameter it uses")
  void pathParametersDeclared() {
    JsonNode doc = OpenApiRoutes.load();
    doc.get("paths").fields().forEachRemaining(path -> {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(path.getKey());
      while (m.find()) {
        String name = m.group(1);
        boolean declared = false;
        for (JsonNode p : path.getValue().path("parameters")) {
          String ref = p.path("$ref").asText();
          String pname = ref.isEmpty() ? p.path("name").asText() : doc.at("/components/parameters/"
              + ref.substring(ref.lastIndexOf('/') + 1)).path("name").asText();
          declared |= pname.equals(name);
        }
        assertThat(declared).as(path.getKey() + " declares {" + name + "}").isTrue();
      }
    });
  }

  @Test
  @DisplayName("names every operation (a unique operationId), lists a 4xx answer for every one that can fail, and "
      + "refuses unknown fields in every JSON request body")
  void everyOperationDescribed() {
    JsonNode doc = OpenApiRoutes.load();
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.List<String> problems = new java.util.ArrayList<>();
    doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
      if (!METHODS.contains(m.getKey())) {
        return;
      }
      String name = m.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
      JsonNode op = m.getValue();
      String id = op.path("operationId").asText();
      if (id.isEmpty() || !ids.add(id)) {
        problems.add(name + ": operationId missing or not unique");
      }
      boolean public_ = op.has("security") && op.get("security").isEmpty();
      boolean fails = false;
      for (Iterator<String> st = op.path("responses").fieldNames(); st.hasNext(); ) {
        fails |= st.next().startsWith("4");
      }
      if (!fails && !(public_ && m.getKey().equals("get"))) {
        problems.add(name + ": no 4xx response");
      }
      JsonNode json = op.path("requestBody").path("content").path("application/json").path("schema");
      if (!json.isMissingNode()) {
        JsonNode schema = json.has("$ref") ? doc.at(json.get("$ref").asText().substring(1)) : json;
        if (!schema.path("additionalProperties").isBoolean() || schema.get("additionalProperties").asBoolean()) {
          problems.add(name + ": the request body does not refuse unknown fields (additionalProperties: false)");
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> rs = op.path("responses").fields(); rs.hasNext(); ) {
        Map.Entry<String, JsonNode> r = rs.next();
        JsonNode resp = r.getValue().has("$ref") ? doc.at(r.getValue().get("$ref").asText().substring(1)) : r.getValue();
        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
          if (!resp.path("content").has("application/problem+json")) {
            problems.add(name + " " + r.getKey() + ": not described as application/problem+json");
          }
        } else if (!r.getKey().equals("204") && !r.getKey().equals("304") && resp.path("content").isEmpty()) {
          problems.add(name + " " + r.getKey() + ": no content described");
        }
      }
    }));
    assertThat(problems).isEmpty();
  }
}
