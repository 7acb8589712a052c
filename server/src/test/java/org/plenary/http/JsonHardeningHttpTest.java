package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Hostile JSON bodies are refused with a problem naming the field, and nothing is stored")
class JsonHardeningHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void assertInvalid(Response r, int status, String field, String message) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode errors = r.json().get("errors");
    assertThat(errors).as(r.text()).isNotNull();
    assertThat(errors.get(0).get("field").asText()).isEqualTo(field);
    assertThat(errors.get(0).get("message").asText()).contains(message);
  }

  private int negotiations() {
    return server.plenary().database().dsl().fetchCount(NEGOTIATION);
  }

  @Test
  @DisplayName("JSON nested a thousand levels deep is a 400 on field body, not a 500")
  void deepNesting() {
    String deep = "{\"title\":" + "[".repeat(1000) + "]".repeat(1000) + ",\"languages\":[\"ar\"]}";
    int before = negotiations();
    Response r = server.admin.post("/api/v1/negotiations", deep);
    assertInvalid(r, 400, "body", "nesting depth");
    assertThat(negotiations()).isEqualTo(before);
  }

  @Test
  @DisplayName("trailing garbage after the JSON object is refused on field body")
  void trailingGarbage() {
    int before = negotiations();
    Response r = server.admin.post("/api/v1/negotiations", "{\"title\":\"القرار 88\",\"languages\":[\"ar\"]} xyz");
    assertInvalid(r, 400, "body", "not valid JSON");
    Response second = server.admin.post("/api/v1/negotiations",
        "{\"title\":\"القرار 88\",\"languages\":[\"ar\"]}{\"title\":\"other\"}");
    assertInvalid(second, 400, "body", "not valid JSON");
    // cut short: the parser's own source description is left out, the place is said once
    Response truncated = server.admin.post("/api/v1/negotiations", "{\"title\":\"القرار 88\",\"languages\":[");
    assertThat(truncated.json().get("errors").get(0).get("message").asText())
        .startsWith("not valid JSON: Unexpected end-of-input: expected close marker for Array at line 1, column ")
        .doesNotContain("Source").doesNotContain("])");
    assertThat(negotiations()).isEqualTo(before);
  }

  @Test
  @DisplayName("a proposal with a field the route does not know (a misspelt visibility) is refused naming it, and not stored; a private note to a group stage the caller is not in is not stored either")
  void unknownField() {
    long n = server.negotiation("القرار 88 (كيغالي، 2022)");
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    long p = revision.get("paragraphs").get(3).get("id").asLong();
    ApiClient egypt = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    String proposals = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong() + "/proposals";
    Response r = egypt.post(proposals, Map.of("kind", "comment", "paragraph", p, "text", "ملاحظة",
        "visibilty", "group:ARAB"));
    assertInvalid(r, 400, "visibilty", "is not a known field");
    // a client that believes it writes privately never publishes: no stage of ARAB here, so nothing is stored
    Response privately = egypt.post(proposals, Map.of("kind", "comment", "paragraph", p, "text", "ملاحظة",
        "visibility", "group:ARAB"));
    assertThat(privately.status()).as(privately.text()).isEqualTo(404);
    assertThat(server.plenary().database().dsl().fetchCount(PROPOSAL)).isZero();
    assertThat(egypt.post(proposals, Map.of("kind", "comment", "paragraph", p, "text", "ملاحظة")).status())
        .isEqualTo(201);

    int before = negotiations();
    assertInvalid(server.admin.post("/api/v1/negotiations", Map.of("title", "x", "languages", List.of("ar"),
        "state", "closed")), 400, "state", "is not a known field");
    assertInvalid(server.client().post("/api/v1/session", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD, "admin", true)), 400, "admin", "is not a known field");
    assertThat(negotiations()).isEqualTo(before);
  }

  @Test
  @DisplayName("an unauthenticated 8 MB login with 700,000 distinct keys is cut off at 16 KB (413), unparsed")
  void hugeLogin() {
    StringBuilder b = new StringBuilder(8 * 1024 * 1024 + 64).append('{');
    for (int i = 0; i < 700_000; i++) {
      b.append("\"k").append(i).append("\":0,");
    }
    b.append("\"email\":\"a@b.c\",\"password\":\"x\"}");
    Response r = server.client().post("/api/v1/session", b.toString());
    assertThat(r.status()).as(r.text()).isEqualTo(413);
    assertThat(r.contentType()).startsWith("application/problem+json");
    // With a (bogus) token the body is buffered, but the login route still reads at most 16 KB of JSON.
    String padded = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(20_000) + "\"}";
    Response bearer = server.client().withToken("not-a-token").post("/api/v1/session", padded);
    assertInvalid(bearer, 413, "body", "at most " + Json.SMALL_BODY_BYTES + " bytes");
    // The server answers normally afterwards.
    assertThat(server.client().get("/health").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a JSON body beyond the route's limit is refused (413 on field body) even when logged in")
  void largeJson() {
    String big = "{\"title\":\"" + "ا".repeat(200_000) + "\",\"languages\":[\"ar\"]}";
    assertThat(big.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Json.MAX_BODY_BYTES);
    assertInvalid(server.admin.post("/api/v1/negotiations", big), 413, "body", "at most");
  }
}
