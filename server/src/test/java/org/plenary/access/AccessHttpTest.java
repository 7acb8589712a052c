package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.plenary.schema.Tables;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Delegations, accounts, sessions and the audit log over HTTP")
class AccessHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp, "--login-max-failures", "3", "--login-max-failures-per-address", "6",
        "--login-window", "600");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
    assertThat(r.text()).doesNotContain("Exception");
  }

  /** Waits (at most 5 s) until the audit log at {@code path} holds at least {@code count} events of {@code type}. */
  private void awaitAudit(String path, String type, int count) {
    long until = System.nanoTime() + 5_000_000_000L;
    while (true) {
      long found = server.admin.get(path).json().get("events").findValuesAsText("type").stream()
          .filter(type::equals).count();
      if (found >= count || System.nanoTime() > until) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static List<String> codes(JsonNode delegations) {
    List<String> out = new ArrayList<>();
    delegations.forEach(d -> out.add(d.get("code").asText()));
    return out;
  }

  @Test
  @DisplayName("the reference lists all 193 member states, two observer states and the groups with their members")
  void referenceDelegations() {
    ApiClient admin = server.admin;
    assertThat(admin.get("/api/v1/delegations?kind=state").json().get("delegations").size()).isEqualTo(193);
    assertThat(codes(admin.get("/api/v1/delegations?kind=observer").json().get("delegations")))
        .containsExactlyInAnyOrder("VAT", "PSE");
    assertThat(admin.get("/api/v1/delegations?group=ARAB").json().get("delegations").size()).isEqualTo(22);
    assertThat(admin.get("/api/v1/delegations?group=EU").json().get("delegations").size()).isEqualTo(27);
    assertThat(admin.get("/api/v1/delegations?group=AFRICAN").json().get("delegations").size()).isEqualTo(54);
    JsonNode egypt = admin.get("/api/v1/delegations?q=%D9%85%D8%B5%D8%B1").json().get("delegations"); // مصر
    assertThat(codes(egypt)).contains("EGY");
    assertThat(egypt.get(0).get("groups").toString()).contains("ARAB", "G77", "AFRICAN");
    JsonNode arab = admin.get("/api/v1/delegations?kind=group&q=arab").json().get("delegations").get(0);
    assertThat(arab.get("nameAr").asText()).isEqualTo("المجموعة العربية");
    assertThat(arab.get("members").size()).isEqualTo(22);
    assertProblem(admin.get("/api/v1/delegations?kind=planet"), 400, "validation");
  }

  @Test
  @DisplayName("the secretariat chooses delegations, adds a custom organisation and makes Egypt coordinate the Arab Group")
  void negotiationDelegations() {
    long n = server.negotiation("القرار 88");
    String base = "/api/v1/negotiations/" + n;
    ApiClient egypt = server.participant(n, "egypt@example.org", "delegate", "EGY");
    ApiClient saudi = server.participant(n, "saudi@example.org", "delegate", "SAU");
    // the delegate's delegation joined the negotiation with them
    assertThat(codes(server.admin.get(base + "/delegations").json().get("delegations"))).contains("EGY", "SAU");
    assertThat(server.admin.post(base + "/delegations", Map.of("code", "ARAB")).status()).isEqualTo(201);
    assertProblem(server.admin.post(base + "/delegations", Map.of("code", "ARAB")), 409, "already-added");
    Response custom = server.admin.post(base + "/delegations", Map.of("code", "ITU-BDT", "kind", "organisation",
        "nameEn", "ITU Telecommunication Development Bureau", "nameAr", "مكتب تنمية الاتصالات"));
    assertThat(custom.status()).as(custom.text()).isEqualTo(201);
    assertThat(custom.json().get("custom").asBoolean()).isTrue();
    assertProblem(server.admin.post(base + "/delegations", Map.of("code", "NOPE")), 400, "validation");
    assertProblem(server.admin.post(base + "/delegations", Map.of("code", "ORG-X", "kind", "organisation",
        "nameEn", "Vodаfone")), 400, "validation"); // Cyrillic а
    // FRA does not take part, and is no member of the Arab Group anyway
    assertProblem(server.admin.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "FRA")), 400, "validation");
    server.admin.post(base + "/delegations", Map.of("code", "FRA"));
    Response notMember = server.admin.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "FRA"));
    assertProblem(notMember, 400, "validation");
    assertThat(notMember.json().get("detail").asText()).contains("not a member of Arab Group");
    Response set = server.admin.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY"));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("coordinator").asText()).isEqualTo("EGY");
    // a delegate must act for a delegation, never for a group
    assertProblem(server.admin.post(base + "/participants", Map.of("email", "g@example.org", "role", "delegate",
        "delegation", "ARAB")), 400, "validation");
    assertProblem(server.admin.post(base + "/participants", Map.of("email", "f@example.org", "role", "facilitator",
        "delegation", "EGY")), 400, "validation");
    // Egypt, coordinating, sees the Arab Group's delegates; Saudi Arabia does not see Egypt's
    Response group = egypt.get(base + "/delegations/ARAB/participants");
    assertThat(group.status()).as(group.text()).isEqualTo(200);
    assertThat(group.json().get("participants").findValuesAsText("displayName")).hasSizeGreaterThanOrEqualTo(2);
    // e-mail addresses are personal (issue 11 item 12): the coordinator sees its own only, the secretariat all
    assertThat(group.json().get("participants").findValuesAsText("email")).containsExactly("egypt@example.org");
    assertThat(server.admin.get(base + "/delegations/ARAB/participants").json().get("participants")
        .findValuesAsText("email")).contains("egypt@example.org", "saudi@example.org");
    assertProblem(saudi.get(base + "/delegations/EGY/participants"), 403, "forbidden");
    assertProblem(saudi.get(base + "/delegations/ARAB/participants"), 403, "forbidden");
    assertProblem(saudi.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "SAU")), 403, "forbidden");
  }

  @Test
  @DisplayName("an invited participant sets a password with a one-time token; reset and disabling revoke sessions at once")
  void invitationsResetsAndDisabling() {
    long n = server.negotiation("WSIS+20");
    String base = "/api/v1/negotiations/" + n;
    Response invited = server.admin.post(base + "/participants", Map.of("email", "Amal@Example.org", "role", "delegate",
        "delegation", "JOR", "displayName", "أمل"));
    assertThat(invited.status()).as(invited.text()).isEqualTo(201);
    String token = invited.json().get("invitation").get("token").asText();
    long account = invited.json().get("accountId").asLong();
    assertThat(server.plenary().database().dsl().fetchCount(Tables.INVITATION,
        Tables.INVITATION.TOKEN_HASH.eq(token))).as("only a hash is stored").isZero();
    assertProblem(server.client().post("/api/v1/invitations/accept", Map.of("token", token, "password", "short")),
        400, "validation");
    Response accepted = server.client().post("/api/v1/invitations/accept",
        Map.of("token", token, "password", "amal-password-1"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertProblem(server.client().post("/api/v1/invitations/accept", Map.of("token", token, "password", "other-password-1")),
        400, "validation");
    ApiClient amal = server.client().login("amal@example.org", "amal-password-1");
    assertThat(amal.get(base).status()).isEqualTo(200);

    Response reset = server.admin.post(base + "/participants/" + account + "/password-reset", Map.of());
    assertThat(reset.status()).as(reset.text()).isEqualTo(201);
    assertProblem(amal.get(base), 401, "unauthorized");
    assertProblem(server.client().post("/api/v1/session", Map.of("email", "amal@example.org",
        "password", "amal-password-1")), 401, "invalid-credentials");
    assertThat(server.client().post("/api/v1/invitations/accept", Map.of("token",
        reset.json().get("invitation").get("token").asText(), "password", "amal-password-2")).status()).isEqualTo(200);
    ApiClient again = server.client().login("amal@example.org", "amal-password-2");
    String apiToken = again.post("/api/v1/tokens", Map.of("label", "script")).json().get("token").asText();
    ApiClient script = server.client().withToken(apiToken);
    assertThat(script.get("/api/v1/me").status()).isEqualTo(200);

    Response disabled = server.admin.post(base + "/participants/" + account + "/disable", Map.of());
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
    assertProblem(again.get("/api/v1/me"), 401, "unauthorized");
    assertProblem(script.get("/api/v1/me"), 401, "unauthorized");
    assertProblem(server.client().post("/api/v1/session", Map.of("email", "amal@example.org",
        "password", "amal-password-2")), 401, "invalid-credentials");
    // the secretariat's list says which accounts are disabled (the page offers only what applies)
    assertThat(disabledIn(server.admin.get(base + "/participants").json(), account)).isEqualTo("true");
    assertThat(server.admin.post(base + "/participants/" + account + "/enable", Map.of()).status()).isEqualTo(200);
    assertThat(disabledIn(server.admin.get(base + "/participants").json(), account)).isEqualTo("false");
    assertThat(server.client().login("amal@example.org", "amal-password-2").get("/api/v1/me").status()).isEqualTo(200);
    // a secretariat cannot disable itself, nor anyone outside the negotiation
    Response me = server.admin.get("/api/v1/me");
    assertProblem(server.admin.post(base + "/participants/" + me.json().get("id").asLong() + "/disable", Map.of()),
        409, "own-account");
    assertProblem(server.admin.post(base + "/participants/999999/disable", Map.of()), 404, "not-found");
  }

  /** The {@code disabled} field of one account in a participant list, as text ("true", "false", or "absent"). */
  static String disabledIn(com.fasterxml.jackson.databind.JsonNode list, long account) {
    for (var p : list.get("participants")) {
      if (p.get("accountId").asLong() == account) {
        return p.has("disabled") ? p.get("disabled").asText() : "absent";
      }
    }
    throw new AssertionError("account " + account + " is not listed");
  }

  @Test
  @DisplayName("API tokens are created, listed without their secret, used as bearer tokens and revoked")
  void apiTokens() {
    ApiClient admin = server.admin;
    Response created = admin.post("/api/v1/tokens", Map.of("label", "نص الدمج الليلي", "expiresInDays", 30));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String secret = created.json().get("token").asText();
    String id = created.json().get("id").asText();
    JsonNode list = admin.get("/api/v1/tokens").json().get("tokens");
    assertThat(list.findValuesAsText("id")).containsExactly(id);
    assertThat(list.toString()).doesNotContain(secret).contains("نص الدمج الليلي");
    ApiClient script = server.client().withToken(secret);
    assertThat(script.get("/api/v1/negotiations").status()).isEqualTo(200);
    assertProblem(admin.post("/api/v1/tokens", Map.of("label", "x", "expiresInDays", 0)), 400, "validation");
    assertProblem(admin.post("/api/v1/tokens", Map.of("label", "bad\u202Elabel")), 400, "validation");
    // someone else's token id is not found
    long n = server.negotiation("x");
    ApiClient other = server.participant(n, "other@example.org", "observer", null);
    assertProblem(other.delete("/api/v1/tokens/" + id), 404, "not-found");
    assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
    assertProblem(script.get("/api/v1/negotiations"), 401, "unauthorized");
    assertThat(admin.get("/api/v1/tokens").json().get("tokens").size()).isZero();
  }

  @Test
  @DisplayName("after three wrong passwords an email is locked out with 429 and Retry-After, even with the right one")
  void loginRateLimit() {
    long n = server.negotiation("x");
    server.participant(n, "target@example.org", "observer", null);
    for (int i = 0; i < 3; i++) {
      assertProblem(server.client().post("/api/v1/session", Map.of("email", "target@example.org",
          "password", "guess-" + i)), 401, "invalid-credentials");
    }
    Response locked = server.client().post("/api/v1/session", Map.of("email", "TARGET@example.org",
        "password", "password-of-target@example.org"));
    assertProblem(locked, 429, "rate-limited");
    long retry = Long.parseLong(locked.header("Retry-After"));
    assertThat(retry).isBetween(1L, 601L);
    assertThat(locked.json().get("retryAfter").asLong()).isEqualTo(retry);
    // the count lives in the database: a restarted node still refuses
    server = server.restart("--login-max-failures", "3", "--login-max-failures-per-address", "6", "--login-window", "600");
    assertProblem(server.client().post("/api/v1/session", Map.of("email", "target@example.org",
        "password", "password-of-target@example.org")), 429, "rate-limited");
    // other emails from this address still work, until the address itself reaches its limit (6)
    assertThat(server.client().post("/api/v1/session", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD)).status()).isEqualTo(200);
    for (int i = 0; i < 3; i++) {
      server.client().post("/api/v1/session", Map.of("email", "nobody" + i + "@example.org", "password", "x"));
    }
    assertProblem(server.client().post("/api/v1/session", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD)), 429, "rate-limited");
    assertThat(server.plenary().database().dsl().fetchCount(Tables.EVENT, Tables.EVENT.TYPE.eq("session.throttled")))
        .isEqualTo(3);
  }

  @Test
  @DisplayName("a login replaces a presented session cookie: the old session stops working (no fixation)")
  void sessionFixation() throws Exception {
    Response first = server.client().post("/api/v1/session", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD));
    String old = first.json().get("token").asText();
    HttpRequest login = HttpRequest.newBuilder(URI.create(server.client().base() + "/api/v1/session"))
        .header("Content-Type", "application/json").header("Cookie", "plenary_session=" + old)
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\""
            + TestServer.ADMIN_PASSWORD + "\"}")).build();
    HttpResponse<String> second = HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.ofString());
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.body()).doesNotContain(old);
    String cookie = second.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenary_session="))
        .findFirst().orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    assertProblem(server.client().withToken(old).get("/api/v1/me"), 401, "unauthorized");
  }

  @Test
  @DisplayName("with --secure-cookies the session and CSRF cookies are marked Secure")
  void secureCookies() {
    server = server.restart("--secure-cookies", "true");
    Response r = server.client().post("/api/v1/session", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD));
    assertThat(r.raw().headers().allValues("Set-Cookie")).hasSize(2).allSatisfy(c -> assertThat(c).contains("Secure"));
  }

  @Test
  @DisplayName("names and emails with invisible characters or confusable mixed scripts get a field-level problem")
  void inputHygiene() {
    long n = server.negotiation("x");
    String base = "/api/v1/negotiations/" + n + "/participants";
    Response cyrillic = server.admin.post(base, Map.of("email", "maria@example.org", "role", "observer",
        "displayName", "M\u0430ria Lopez"));
    assertProblem(cyrillic, 400, "validation");
    assertThat(cyrillic.json().get("errors").get(0).get("field").asText()).isEqualTo("displayName");
    assertThat(cyrillic.json().get("errors").get(0).get("message").asText()).contains("Cyrillic", "Latin");
    Response zeroWidth = server.admin.post(base, Map.of("email", "ma\u200Bria@example.org", "role", "observer"));
    assertProblem(zeroWidth, 400, "validation");
    assertThat(zeroWidth.json().get("errors").get(0).get("message").asText()).contains("U+200B");
    assertProblem(server.admin.post(base, Map.of("email", "x@example.org", "role", "observer",
        "displayName", "\u202Eأحمد")), 400, "validation");
    Response arabic = server.admin.post(base, Map.of("email", "ahmed@example.org", "role", "observer",
        "displayName", "أحمد عبد الله (ITU)"));
    assertThat(arabic.status()).as(arabic.text()).isEqualTo(201);
    assertThat(server.admin.get(base).json().get("participants").findValuesAsText("email"))
        .doesNotContain("maria@example.org");
  }

  @Test
  @DisplayName("refusals answered just before the server stops are still recorded: stopping writes the open tallies and waits for the database work it accepted")
  void stopWaitsForRecordsAfterTheResponse() {
    long n = server.negotiation("القرار 88");
    String base = "/api/v1/negotiations/" + n;
    ApiClient egypt = server.participant(n, "egypt@example.org", "delegate", "EGY");
    for (int i = 0; i < 5; i++) {
      assertProblem(egypt.get(base + "/revisions/" + (900 + i)), 404, "not-found");
    }
    server = server.restart(); // at once: the record of the first refusal is written after its response
    List<JsonNode> denied = new ArrayList<>();
    server.admin.get(base + "/audit").json().get("events").forEach(e -> {
      if (e.get("type").asText().equals("access.denied")) {
        denied.add(e);
      }
    });
    // the first of the window at once, the other four as one tally written when the server stopped
    assertThat(denied).hasSize(2);
    assertThat(denied).extracting(e -> e.get("payload").path("repeated").asInt()).containsExactlyInAnyOrder(0, 4);
    assertThat(denied).allSatisfy(e -> assertThat(e.get("delegation").asText()).isEqualTo("EGY"));
  }

  @Test
  @DisplayName("the secretariat reads the audit log with who, acting for whom, before/after, refusals, and a verified chain")
  void auditLog() {
    long n = server.negotiation("القرار 88");
    String base = "/api/v1/negotiations/" + n;
    ApiClient egypt = server.participant(n, "egypt@example.org", "delegate", "EGY");
    long other = server.negotiation("other");
    ApiClient outsider = server.participant(other, "out@example.org", "delegate", "FRA");
    server.admin.post(base + "/delegations", Map.of("code", "ARAB"));
    server.admin.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY"));
    server.admin.put(base + "/delegations/ARAB/coordinator", Map.of("coordinator", "DZA")); // 400: not taking part
    assertProblem(egypt.get(base + "/audit"), 403, "forbidden");
    assertProblem(outsider.get(base + "/participants"), 404, "not-found");
    // refusals are recorded just after they are answered
    awaitAudit(base + "/audit", "access.denied", 1);
    awaitAudit("/api/v1/audit?limit=1000", "access.denied", 1);
    Response audit = server.admin.get(base + "/audit");
    assertThat(audit.status()).as(audit.text()).isEqualTo(200);
    assertThat(audit.json().get("verification").get("intact").asBoolean()).isTrue();
    JsonNode events = audit.json().get("events");
    assertThat(events.findValuesAsText("type")).contains("negotiation.created", "participant.added", "delegation.added",
        "delegation.coordinator-set", "access.denied");
    JsonNode coordinator = null;
    List<JsonNode> denied = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.get("type").asText().equals("delegation.coordinator-set")) {
        coordinator = e;
      }
      if (e.get("type").asText().equals("access.denied")) {
        denied.add(e);
      }
    }
    assertThat(coordinator.get("payload").get("before").asText()).isEmpty();
    assertThat(coordinator.get("payload").get("after").asText()).isEqualTo("EGY");
    // the participant's refusal is in the negotiation's chain; the outsider's probe only in the global log
    assertThat(denied).hasSize(1);
    assertThat(denied.get(0).get("delegation").asText()).isEqualTo("EGY");
    assertThat(denied.get(0).get("payload").get("status").asInt()).isEqualTo(403);
    List<JsonNode> probes = new ArrayList<>();
    server.admin.get("/api/v1/audit?limit=1000").json().get("events").forEach(e -> {
      if (e.get("type").asText().equals("access.denied")) {
        probes.add(e);
      }
    });
    assertThat(probes).hasSize(1);
    assertThat(probes.get(0).get("payload").get("status").asInt()).isEqualTo(404);
    assertThat(probes.get(0).get("payload").get("path").asText()).endsWith("/participants");
    // failed logins go to the global chain
    server.client().post("/api/v1/session", Map.of("email", "egypt@example.org", "password", "wrong-password"));
    JsonNode global = server.admin.get("/api/v1/audit?limit=1000").json();
    assertThat(global.get("verification").get("intact").asBoolean()).isTrue();
    List<JsonNode> failed = new ArrayList<>();
    global.get("events").forEach(e -> {
      if (e.get("type").asText().equals("session.failed")) {
        failed.add(e);
      }
    });
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).get("payload").get("email").asText()).isEqualTo("egypt@example.org");
    assertThat(failed.get(0).get("payload").get("address").asText()).isNotBlank();
    // tampering shows
    var dsl = server.plenary().database().dsl();
    dsl.update(Tables.EVENT).set(Tables.EVENT.PAYLOAD, "{\"group\":\"ARAB\",\"before\":\"\",\"after\":\"SAU\"}")
        .where(Tables.EVENT.ID.eq(coordinator.get("id").asLong())).execute();
    JsonNode verification = server.admin.get(base + "/audit").json().get("verification");
    assertThat(verification.get("intact").asBoolean()).isFalse();
    assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(coordinator.get("id").asLong());
    assertProblem(server.admin.get(base + "/audit?limit=0"), 400, "validation");
  }
}
