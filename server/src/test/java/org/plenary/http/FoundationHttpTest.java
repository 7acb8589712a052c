package org.plenary.http;

import static org.assertj.core.api.Assertions.assertThat;

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
@DisplayName("The foundation over HTTP")
class FoundationHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp, "--body-limit", "200000");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private long createNegotiation(ApiClient as, String title) {
    Response r = as.post("/api/v1/negotiations", Map.of("title", title, "languages", List.of("ar")));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  @Test
  @DisplayName("health reports UP with the database in use")
  void health() {
    Response r = server.client().get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("UP");
    assertThat(r.json().get("database").asText()).isEqualTo(backend == Backend.H2 ? "h2" : "postgresql");
  }

  @Test
  @DisplayName("an uploaded Arabic draft reads back as paragraphs with stable ids, and survives a restart")
  void arabicDraftRoundTrip() {
    long n = createNegotiation(server.admin, "القرار 88 (كيغالي، 2022)");
    String draft = Samples.text("ar-itu-res88-zero.txt");
    Response up = server.admin.postText("/api/v1/negotiations/" + n + "/revisions?label=Zero%20draft", draft);
    assertThat(up.status()).as(up.text()).isEqualTo(201);
    assertThat(up.header("Location")).startsWith("/api/v1/negotiations/" + n + "/revisions/");
    long r = up.json().get("id").asLong();

    Response got = server.admin.get("/api/v1/negotiations/" + n + "/revisions/" + r);
    assertThat(got.status()).isEqualTo(200);
    JsonNode paragraphs = got.json().get("paragraphs");
    assertThat(got.json().get("label").asText()).isEqualTo("Zero draft");
    assertThat(paragraphs.size()).isGreaterThan(20);
    JsonNode first = paragraphs.get(0);
    assertThat(first.get("text").asText()).contains("القرار 88");
    assertThat(first.get("direction").asText()).isEqualTo("rtl");
    StringBuilder all = new StringBuilder();
    paragraphs.forEach(p -> all.append(p.get("text").asText()).append('\n'));
    assertThat(all).contains("يفترق مئات الملايين").contains("(WSIS)").contains("2,9 مليار");

    server = server.restart("--body-limit", "200000");
    ApiClient admin = server.client().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    Response again = admin.get("/api/v1/negotiations/" + n + "/revisions/" + r);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("paragraphs")).isEqualTo(paragraphs);
  }

  @Test
  @DisplayName("a second upload keeps the ids of unchanged paragraphs")
  void secondRevisionKeepsIds() {
    long n = createNegotiation(server.admin, "Resolution 88");
    String base = "/api/v1/negotiations/" + n + "/revisions";
    JsonNode zero = server.admin.postText(base, Samples.text("ar-itu-res88-zero.txt")).json();
    Response rev1 = server.admin.postText(base + "?label=Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    assertThat(rev1.status()).isEqualTo(201);
    assertThat(rev1.json().get("seq").asInt()).isEqualTo(1);
    assertThat(rev1.json().get("basedOn").asLong()).isEqualTo(zero.get("id").asLong());
    String title = "القرار 88 (كيغالي، 2022)";
    assertThat(idOf(rev1.json(), title)).isEqualTo(idOf(zero, title));
    assertThat(rev1.json().get("mapping").size()).isGreaterThanOrEqualTo(rev1.json().get("paragraphs").size());
    Response list = server.admin.get(base);
    assertThat(list.json().get("revisions").size()).isEqualTo(2);
  }

  private static long idOf(JsonNode revision, String text) {
    for (JsonNode p : revision.get("paragraphs")) {
      if (p.get("text").asText().equals(text)) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no paragraph " + text);
  }

  @Test
  @DisplayName("bad JSON, a missing title and a wrong type each get a field-level problem and store nothing")
  void badNegotiationInput() {
    Response badJson = server.admin.post("/api/v1/negotiations", "{\"title\": ");
    assertProblem(badJson, 400, "validation");
    assertThat(badJson.json().get("errors").get(0).get("field").asText()).isEqualTo("body");

    Response missing = server.admin.post("/api/v1/negotiations", Map.of("languages", List.of("ar")));
    assertProblem(missing, 400, "validation");
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("title");

    Response badLang = server.admin.post("/api/v1/negotiations", Map.of("title", "x", "languages", List.of("Arabic!")));
    assertProblem(badLang, 400, "validation");
    assertThat(badLang.json().get("errors").get(0).get("field").asText()).isEqualTo("languages[0]");

    Response bidi = server.admin.post("/api/v1/negotiations", Map.of("title", "evil\u202Etitle"));
    assertProblem(bidi, 400, "validation");

    Response wrongType = server.admin.send("/api/v1/negotiations", "POST", "text/plain", "title".getBytes());
    assertProblem(wrongType, 415, "unsupported-media-type");

    assertThat(server.admin.get("/api/v1/negotiations").json().get("negotiations").size()).isZero();
  }

  @Test
  @DisplayName("an oversized, empty, binary or mistyped draft is refused with a problem and stores no revision")
  void badDraftUploads() {
    long n = createNegotiation(server.admin, "Resolution 88");
    String path = "/api/v1/negotiations/" + n + "/revisions";
    assertProblem(server.admin.postText(path, "ا".repeat(150_000)), 413, "payload-too-large");
    assertProblem(server.admin.postText(path, "   \n\n  "), 400, "validation");
    assertProblem(server.admin.send(path, "POST", "text/plain", new byte[] {(byte) 0xC3, (byte) 0x28, 0x41}),
        400, "validation");
    assertProblem(server.admin.send(path, "POST", "application/pdf", "%PDF".getBytes()), 415,
        "unsupported-media-type");
    assertProblem(server.admin.send(path, "POST", "text/plain; charset=windows-1256",
        "abc".getBytes(StandardCharsets.ISO_8859_1)), 400, "validation");
    assertProblem(server.admin.postText(path + "?label=%E2%80%AEevil", "text"), 400, "validation");
    assertThat(server.admin.get(path).json().get("revisions").size()).isZero();
  }

  @Test
  @DisplayName("an unknown negotiation or revision is a 404 problem, as is any unknown API path")
  void notFound() {
    assertProblem(server.admin.get("/api/v1/negotiations/987654"), 404, "not-found");
    assertProblem(server.admin.get("/api/v1/negotiations/abc"), 404, "not-found");
    long n = createNegotiation(server.admin, "x");
    assertProblem(server.admin.get("/api/v1/negotiations/" + n + "/revisions/42"), 404, "not-found");
    assertProblem(server.admin.get("/api/v1/nothing-here"), 404, "not-found");
  }

  @Test
  @DisplayName("without a session the API answers 401; a wrong password is 401 too, without saying which part was wrong")
  void authentication() {
    assertProblem(server.client().get("/api/v1/negotiations"), 401, "unauthorized");
    assertProblem(server.client().withToken("forged").get("/api/v1/negotiations"), 401, "unauthorized");
    Response wrong = server.client().post("/api/v1/session",
        Map.of("email", TestServer.ADMIN_EMAIL, "password", "not-the-password"));
    assertProblem(wrong, 401, "invalid-credentials");
    Response unknown = server.client().post("/api/v1/session",
        Map.of("email", "nobody@example.org", "password", "not-the-password"));
    assertProblem(unknown, 401, "invalid-credentials");
    assertThat(unknown.json().get("detail")).isEqualTo(wrong.json().get("detail"));
  }

  @Test
  @DisplayName("the session cookie works for reads, and writes need the CSRF header; logout revokes it")
  void cookieSessionAndCsrf() {
    Response login = server.client().post("/api/v1/session",
        Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD));
    List<String> cookies = login.raw().headers().allValues("set-cookie");
    String session = cookies.stream().filter(c -> c.startsWith("plenary_session=")).findFirst().orElseThrow();
    assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = session.substring(0, session.indexOf(';'));
    String csrf = login.json().get("csrfToken").asText();
    ApiClient browser = server.client().withHeader("Cookie", cookie);
    assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
    assertProblem(browser.post("/api/v1/negotiations", Map.of("title", "forged")), 403, "forbidden");
    Response ok = browser.withHeader("X-CSRF-Token", csrf).post("/api/v1/negotiations", Map.of("title", "real"));
    assertThat(ok.status()).isEqualTo(201);
    assertThat(browser.withHeader("X-CSRF-Token", csrf).delete("/api/v1/session").status()).isEqualTo(204);
    assertProblem(browser.get("/api/v1/me"), 401, "unauthorized");
  }

  @Test
  @DisplayName("a participant of another negotiation gets 404, not 403, and an observer cannot upload")
  void participantsOnly() {
    long n = createNegotiation(server.admin, "Resolution 88");
    long other = createNegotiation(server.admin, "Other");
    Response added = server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of(
        "email", "egypt@example.org", "password", "egypt-password-1", "delegation", "EGY", "role", "delegate"));
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of(
        "email", "observer@example.org", "password", "observer-password-1", "role", "observer"));
    ApiClient egypt = server.client().login("egypt@example.org", "egypt-password-1");
    assertThat(egypt.get("/api/v1/negotiations/" + n).json().get("delegation").asText()).isEqualTo("EGY");
    assertProblem(egypt.get("/api/v1/negotiations/" + other), 404, "not-found");
    assertThat(egypt.get("/api/v1/negotiations").json().get("negotiations").size()).isEqualTo(1);
    ApiClient observer = server.client().login("observer@example.org", "observer-password-1");
    assertProblem(observer.postText("/api/v1/negotiations/" + n + "/revisions", "text"), 403, "forbidden");

    Response badDelegation = server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of(
        "email", "x@example.org", "delegation", "XXX", "role", "delegate"));
    assertProblem(badDelegation, 400, "validation");
    Response noDelegation = server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of(
        "email", "x@example.org", "role", "delegate"));
    assertProblem(noDelegation, 400, "validation");
    assertThat(server.admin.get("/api/v1/negotiations/" + n + "/participants").json().get("participants").size())
        .isEqualTo(3);
  }

  @Test
  @DisplayName("the web client is served at / and for client-side routes")
  void webClient() {
    Response index = server.client().get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.text()).contains("<plenary-app>");
    assertThat(server.client().get("/n/1/r/2").text()).contains("<plenary-app>");
  }

  static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
    assertThat(r.json().get("detail").asText()).isNotBlank();
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
