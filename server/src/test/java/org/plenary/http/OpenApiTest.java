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
}
