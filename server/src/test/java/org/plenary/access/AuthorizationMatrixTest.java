package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.access.AuthorizationMatrix.Cell;
import org.plenary.access.AuthorizationMatrix.Outcome;
import org.plenary.access.AuthorizationMatrix.Relation;
import org.plenary.access.AuthorizationMatrix.State;
import org.plenary.access.AuthorizationMatrix.Who;
import org.plenary.schema.Tables;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * One test per cell of {@code access/authorization-matrix.csv}, against the real server over HTTP, plus the
 * check that the server has no route the matrix does not list. To cover a new route, add its rows to the
 * matrix and a request for it in {@link #requests} (path parameters come from the fixture in {@link Fixture}).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The authorization matrix, cell by cell over HTTP")
class AuthorizationMatrixTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  Fixture fx;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("every route the server mounts is listed in the matrix, and every listed route exists")
  void everyRouteIsInTheMatrix() {
    AuthorizationMatrix matrix = AuthorizationMatrix.load();
    TreeSet<String> mounted = new TreeSet<>();
    for (Route r : server.plenary().apiRoutes()) {
      if (r.getPath() == null) {
        continue; // the body handler, the login check, the guard and the fall-backs apply to every path
      }
      if (r.methods() == null || r.methods().isEmpty()) {
        fail("route " + r.getPath() + " answers every method: mount it with one method so the matrix can name it");
      }
      for (HttpMethod m : r.methods()) {
        mounted.add(m.name() + " " + r.getPath());
      }
    }
    TreeSet<String> listed = new TreeSet<>();
    matrix.entries().forEach(e -> listed.add(e.route().toString()));
    TreeSet<String> unlisted = new TreeSet<>(mounted);
    unlisted.removeAll(listed);
    assertThat(unlisted).as("routes the server mounts that authorization-matrix.csv does not list").isEmpty();
    TreeSet<String> missing = new TreeSet<>(listed);
    missing.removeAll(mounted);
    assertThat(missing).as("routes the matrix lists that the server does not mount").isEmpty();
  }

  @TestFactory
  @DisplayName("each cell: role × relation × revision state gets the outcome the matrix gives")
  Stream<DynamicTest> cells() {
    fx = new Fixture(server);
    List<DynamicTest> tests = new ArrayList<>();
    for (AuthorizationMatrix.Entry e : AuthorizationMatrix.load().entries()) {
      for (Cell c : e.cells()) {
        String name = c.route() + " as " + c.who().code() + (c.relation() == Relation.NONE ? "" : " (" + c.relation().code()
            + " delegation)") + (c.state() == State.NONE ? "" : " on a revision " + c.state().code()) + " → "
            + c.outcome().code() + " [line " + c.line() + "]";
        tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
      }
    }
    return tests.stream();
  }

  private void check(Cell c) {
    Request request = requests().get(c.route().toString());
    if (request == null) {
      fail("the test has no request for " + c.route() + ": add one to AuthorizationMatrixTest.requests()");
    }
    Caller caller = fx.caller(c.who());
    Response r = request.send(new Call(caller, c));
    String body = r.text();
    String why = c.route() + " as " + caller.email + ": " + r.status() + " "
        + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    switch (c.outcome()) {
      case ALLOWED -> assertThat(r.status()).as(why).isBetween(200, 299);
      case FORBIDDEN -> {
        assertThat(r.status()).as(why).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
      }
      case CLOSED -> {
        assertThat(r.status()).as(why).isEqualTo(409);
        assertThat(r.json().get("type").asText()).as(why).isEqualTo("urn:plenary:problem:comment-window-closed");
      }
      case HIDDEN -> {
        assertThat(r.status()).as(why).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.text()).doesNotContain(fx.title);
      }
    }
  }

  /** What one cell needs to call its route: a fresh logged-in client for its role, and the fixture. */
  record Call(Caller caller, Cell cell) {
    ApiClient client() {
      return caller.client;
    }
  }

  @FunctionalInterface
  interface Request {
    Response send(Call call);
  }

  private Map<String, Request> requests() {
    long n = fx.n;
    String nb = "/api/v1/negotiations/" + n;
    Map<String, Request> m = new HashMap<>();
    m.put("POST /session", c -> server.client().post("/api/v1/session",
        Map.of("email", fx.adminEmail, "password", Fixture.PASSWORD)));
    m.put("POST /invitations/accept", c -> server.client().post("/api/v1/invitations/accept",
        Map.of("token", fx.invitationToken(), "password", "a-new-password-1")));
    m.put("GET /openapi.json", c -> server.client().get("/api/v1/openapi.json"));
    m.put("GET /openapi.yaml", c -> server.client().get("/api/v1/openapi.yaml"));
    m.put("DELETE /session", c -> c.client().delete("/api/v1/session"));
    m.put("GET /me", c -> c.client().get("/api/v1/me"));
    m.put("GET /tokens", c -> c.client().get("/api/v1/tokens"));
    m.put("POST /tokens", c -> c.client().post("/api/v1/tokens", Map.of("label", "سكربت الدمج")));
    m.put("DELETE /tokens/:token", c -> {
      Response created = c.client().post("/api/v1/tokens", Map.of("label", "to revoke"));
      return c.client().delete("/api/v1/tokens/" + created.json().get("id").asText());
    });
    m.put("GET /delegations", c -> c.client().get("/api/v1/delegations?group=ARAB"));
    m.put("GET /negotiations", c -> c.client().get("/api/v1/negotiations"));
    m.put("POST /negotiations", c -> c.client().post("/api/v1/negotiations",
        Map.of("title", "القرار 89", "languages", List.of("ar", "en"))));
    m.put("GET /negotiations/:n", c -> c.client().get(nb));
    m.put("GET /negotiations/:n/participants", c -> c.client().get(nb + "/participants"));
    m.put("POST /negotiations/:n/participants", c -> c.client().post(nb + "/participants",
        Map.of("email", fx.freshEmail(), "role", "observer", "displayName", "مراقب")));
    m.put("POST /negotiations/:n/participants/:a/password-reset",
        c -> c.client().post(nb + "/participants/" + fx.freshAccount() + "/password-reset", Map.of()));
    m.put("POST /negotiations/:n/participants/:a/disable",
        c -> c.client().post(nb + "/participants/" + fx.freshAccount() + "/disable", Map.of()));
    m.put("POST /negotiations/:n/participants/:a/enable",
        c -> c.client().post(nb + "/participants/" + fx.freshAccount() + "/enable", Map.of()));
    // the lifecycle routes change the shared negotiation: it is put back to open after each call
    m.put("POST /negotiations/:n/close", c -> fx.thenOpen(c.client().post(nb + "/close", Map.of())));
    m.put("POST /negotiations/:n/archive", c -> fx.thenOpen(c.client().post(nb + "/archive", Map.of())));
    m.put("GET /negotiations/:n/archive", c -> c.client().get(nb + "/archive"));
    m.put("POST /negotiations/import", c -> c.client().send("/api/v1/negotiations/import", "POST", "application/zip",
        server.admin.get(nb + "/archive").body()));
    m.put("POST /negotiations/:n/reopen", c -> {
      fx.setNegotiationState("closed");
      return fx.thenOpen(c.client().post(nb + "/reopen", Map.of()));
    });
    m.put("GET /negotiations/:n/delegations", c -> c.client().get(nb + "/delegations"));
    m.put("POST /negotiations/:n/delegations", c -> c.client().post(nb + "/delegations",
        Map.of("code", fx.freshReferenceState())));
    m.put("PUT /negotiations/:n/delegations/:d/coordinator", c -> c.client().put(nb + "/delegations/ARAB/coordinator",
        Map.of("coordinator", "EGY")));
    m.put("GET /negotiations/:n/delegations/:d/participants", c -> c.client().get(nb + "/delegations/"
        + fx.delegationFor(c.cell().relation()) + "/participants"));
    m.put("GET /negotiations/:n/audit", c -> c.client().get(nb + "/audit"));
    m.put("GET /audit", c -> c.client().get("/api/v1/audit?limit=5"));
    m.put("POST /admin/backup", c -> {
      Response r = c.client().post("/api/v1/admin/backup", Map.of());
      // PostgreSQL is backed up with its own tools: past the guard, the route says so; count that as allowed
      boolean passedOnPostgres = r.status() == 409
          && r.json().get("type").asText().endsWith(":backup-by-postgresql");
      return passedOnPostgres ? new Response(200, r.raw(), r.body()) : r;
    });
    m.put("POST /negotiations/:n/revisions", c -> c.client().send(nb + "/revisions?label=Rev.1", "POST",
        "text/plain; charset=utf-8", Samples.text("ar-itu-res88-rev1.txt").getBytes(StandardCharsets.UTF_8)));
    m.put("GET /negotiations/:n/revisions", c -> c.client().get(nb + "/revisions"));
    m.put("GET /negotiations/:n/revisions/:r", c -> c.client().get(nb + "/revisions/" + fx.revision(c.cell().state())));
    proposalRequests(m, nb);
    m.put("GET /negotiations/:n/events", c -> c.client().openStream(nb + "/events?since=0"));
    m.put("GET /negotiations/:n/diff", c -> c.client().get(nb + "/diff?from=" + fx.revision(State.OPEN) + "&to="
        + fx.revision(State.CLOSED) + "&format=json&ignore=diacritics"));
    m.put("GET /negotiations/:n/revisions/:r/mapping", c -> c.client().get(fx.rev(c) + "/mapping"));
    m.put("GET /negotiations/:n/revisions/:r/compilation", c -> c.client().get(fx.rev(c) + "/compilation?format=html"));
    m.put("GET /negotiations/:n/revisions/:r/akn", c -> c.client().get(fx.rev(c) + "/akn"));
    return m;
  }

  /** Requests for the proposal routes: fixed proposals per revision state and relation, fresh ones when consumed. */
  private void proposalRequests(Map<String, Request> m, String nb) {
    String pr = "/proposals";
    m.put("POST /negotiations/:n/revisions/:r/proposals", c -> c.client().post(fx.rev(c) + pr,
        Map.of("kind", "comment", "paragraph", fx.paragraph, "text", "تعليق عام على الفقرة")));
    m.put("GET /negotiations/:n/revisions/:r/proposals", c -> c.client().get(fx.rev(c) + pr + "?delegation=EGY"));
    m.put("GET /negotiations/:n/revisions/:r/proposals/:id", c -> c.client().get(fx.rev(c) + pr + "/" + fx.fixed(c)));
    m.put("GET /negotiations/:n/revisions/:r/proposals/:id/diff",
        c -> c.client().get(fx.rev(c) + pr + "/" + fx.fixed(c) + "/diff"));
    m.put("GET /negotiations/:n/revisions/:r/proposals/:id/replies",
        c -> c.client().get(fx.rev(c) + pr + "/" + fx.fixed(c) + "/replies"));
    m.put("GET /negotiations/:n/revisions/:r/paragraphs/:p", c -> c.client().get(fx.rev(c) + "/paragraphs/" + fx.paragraph));
    m.put("GET /negotiations/:n/revisions/:r/comment-window", c -> c.client().get(fx.rev(c) + "/comment-window"));
    m.put("GET /negotiations/:n/revisions/:r/silence-breaks", c -> c.client().get(fx.rev(c) + "/silence-breaks"));
    m.put("PATCH /negotiations/:n/revisions/:r/proposals/:id", c -> c.client().withHeader("If-Match", "*")
        .patch(fx.rev(c) + pr + "/" + fx.changeable(c), Map.of("rationale", "تصحيح الرقم وفق أحدث بيانات الاتحاد (ITU)")));
    m.put("POST /negotiations/:n/revisions/:r/proposals/:id/withdraw", c -> c.client().withHeader("If-Match", "*")
        .post(fx.rev(c) + pr + "/" + fx.changeable(c) + "/withdraw", Map.of()));
    m.put("POST /negotiations/:n/revisions/:r/proposals/:id/cosponsors", c -> c.client()
        .post(fx.rev(c) + pr + "/" + fx.changeable(c) + "/cosponsors", Map.of("delegations", List.of("IRQ"))));
    m.put("PUT /negotiations/:n/revisions/:r/proposals/:id/cosponsors/:d", c -> {
      Fixture.Invitation i = fx.invitation(c);
      return c.client().put(fx.rev(c) + pr + "/" + i.proposal() + "/cosponsors/" + i.delegation(),
          Map.of("answer", "accept"));
    });
    m.put("POST /negotiations/:n/revisions/:r/proposals/:id/replies", c -> c.client()
        .post(fx.rev(c) + pr + "/" + fx.fixed(c) + "/replies", Map.of("text", "نؤيد هذا التعديل")));
    m.put("PUT /negotiations/:n/revisions/:r/comment-window", c -> {
      Response r = c.client().put(fx.rev(c) + "/comment-window", Map.of("deadline", "2099-12-31T17:00:00Z"));
      fx.restoreStates();
      return r;
    });
  }

  /** A logged-in client for one role. */
  record Caller(String email, ApiClient client) {}

  /**
   * The world the cells run in: negotiation {@code n} with delegations EGY and SAU and the Arab Group
   * coordinated by Egypt; one account per role (Egypt's delegate is the delegate); revisions in each state.
   */
  static final class Fixture {
    static final String PASSWORD = "fixture-password-1";
    final TestServer server;
    final String title = "مشروع قرار سري " + System.nanoTime();
    final long n;
    final String adminEmail = "admin2@plenary.test";
    final Map<Who, String> emails = new HashMap<>();
    final Map<State, Long> revisions = new HashMap<>();
    final AtomicInteger counter = new AtomicInteger();
    final List<String> spareStates;

    Fixture(TestServer server) {
      this.server = server;
      n = server.negotiation(title, "ar");
      long other = server.negotiation("another negotiation");
      // An administrator who takes part in nothing: the admin role of the matrix.
      Passwords passwords = new Passwords(1000);
      Accounts.create(server.plenary().database().dsl(), adminEmail, "Second admin", passwords.hash(PASSWORD), true);
      add(n, "secretariat@un.test", "secretariat", null);
      add(n, "facilitator@un.test", "facilitator", null);
      add(n, "delegate@egypt.test", "delegate", "EGY");
      add(n, "delegate@saudi.test", "delegate", "SAU");
      add(n, "observer@un.test", "observer", null);
      add(other, "outsider@elsewhere.test", "delegate", "FRA");
      emails.put(Who.ADMIN, adminEmail);
      emails.put(Who.SECRETARIAT, "secretariat@un.test");
      emails.put(Who.FACILITATOR, "facilitator@un.test");
      emails.put(Who.DELEGATE, "delegate@egypt.test");
      emails.put(Who.OBSERVER, "observer@un.test");
      emails.put(Who.NON_PARTICIPANT, "outsider@elsewhere.test");
      ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "ARAB")));
      ok(server.admin.put("/api/v1/negotiations/" + n + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY")));
      for (State s : List.of(State.EDITING, State.OPEN, State.CLOSED)) {
        Response up = server.admin.send("/api/v1/negotiations/" + n + "/revisions?label=" + s.code(), "POST",
            "text/plain; charset=utf-8", Samples.text("ar-itu-res88-zero.txt").getBytes(StandardCharsets.UTF_8));
        ok(up);
        revisions.put(s, up.json().get("id").asLong());
      }
      paragraph = paragraphOf(revisions.get(State.OPEN));
      delegates.put("EGY", server.client().login("delegate@egypt.test", PASSWORD));
      delegates.put("SAU", server.client().login("delegate@saudi.test", PASSWORD));
      for (State s : List.of(State.EDITING, State.OPEN, State.CLOSED)) {
        for (Relation rel : List.of(Relation.OWN, Relation.OTHER, Relation.COORDINATOR)) {
          fixed.put(s + "/" + rel, propose(s, rel));
        }
        invitations.put(s + "/" + Relation.OWN, new Invitation(invitedBySaudi(s, "EGY"), "EGY"));
        invitations.put(s + "/" + Relation.COORDINATOR, new Invitation(invitedBySaudi(s, "ARAB"), "ARAB"));
        invitations.put(s + "/" + Relation.OTHER, new Invitation(fixed.get(s + "/" + Relation.OWN), "SAU"));
      }
      restoreStates();
      spareStates = new ArrayList<>(server.admin.get("/api/v1/delegations?kind=state").json().get("delegations")
          .findValuesAsText("code"));
      spareStates.removeAll(List.of("EGY", "SAU", "FRA"));
    }

    final Map<String, ApiClient> delegates = new HashMap<>();
    final Map<String, Long> fixed = new HashMap<>();
    final Map<String, Invitation> invitations = new HashMap<>();
    long paragraph;

    /** A pending invitation of {@code delegation} to co-sponsor {@code proposal}. */
    record Invitation(long proposal, String delegation) {}

    private long paragraphOf(long revision) {
      for (var p : ok(server.admin.get("/api/v1/negotiations/" + n + "/revisions/" + revision)).json().get("paragraphs")) {
        if (p.get("text").asText().contains("2,9")) {
          return p.get("id").asLong();
        }
      }
      throw new AssertionError("no paragraph with 2,9 in the sample");
    }

    /** An amendment on the revision of {@code state}: Egypt's (own), Saudi Arabia's (other), the Arab Group's. */
    private long propose(State state, Relation relation) {
      Map<String, Object> body = new HashMap<>();
      body.put("kind", "amend");
      body.put("paragraph", paragraph);
      body.put("anchor", Map.of("exact", "2,9"));
      body.put("text", "2,6");
      if (relation == Relation.COORDINATOR) {
        body.put("onBehalfOf", "ARAB");
      }
      ApiClient who = delegates.get(relation == Relation.OTHER ? "SAU" : "EGY");
      return ok(who.post("/api/v1/negotiations/" + n + "/revisions/" + revisions.get(state) + "/proposals", body))
          .json().get("id").asLong();
    }

    private long invitedBySaudi(State state, String invitee) {
      return ok(delegates.get("SAU").post("/api/v1/negotiations/" + n + "/revisions/" + revisions.get(state) + "/proposals",
          Map.of("kind", "comment", "paragraph", paragraph, "text", "ملاحظة مشتركة", "cosponsors", List.of(invitee))))
          .json().get("id").asLong();
    }

    /** Puts the revisions back in their states: one unpublished, one open, one past its deadline. */
    void restoreStates() {
      var dsl = server.plenary().database().dsl();
      dsl.update(Tables.REVISION).set(Tables.REVISION.STATE, "published").set(Tables.REVISION.COMMENT_DEADLINE,
          (OffsetDateTime) null).where(Tables.REVISION.ID.eq(revisions.get(State.OPEN))).execute();
      dsl.update(Tables.REVISION).set(Tables.REVISION.STATE, "editing")
          .where(Tables.REVISION.ID.eq(revisions.get(State.EDITING))).execute();
      dsl.update(Tables.REVISION).set(Tables.REVISION.COMMENT_DEADLINE, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1))
          .where(Tables.REVISION.ID.eq(revisions.get(State.CLOSED))).execute();
      server.plenary().changes().everything(); // changed behind the server's back: no event moved the caches
    }

    /** Sets the negotiation's lifecycle state behind the server's back (and empties the caches). */
    void setNegotiationState(String state) {
      server.plenary().database().dsl().update(Tables.NEGOTIATION).set(Tables.NEGOTIATION.STATE, state)
          .where(Tables.NEGOTIATION.ID.eq(n)).execute();
      server.plenary().changes().everything();
    }

    /** Returns {@code r} after putting the negotiation back to open for the cells that follow. */
    Response thenOpen(Response r) {
      setNegotiationState("open");
      return r;
    }

    String rev(Call c) {
      return "/api/v1/negotiations/" + n + "/revisions/" + revision(c.cell().state());
    }

    /** A proposal that the request does not consume: per state and relation (own for roles without one). */
    long fixed(Call c) {
      Relation rel = c.cell().relation() == Relation.NONE ? Relation.OWN : c.cell().relation();
      return fixed.get((c.cell().state() == State.NONE ? State.OPEN : c.cell().state()) + "/" + rel);
    }

    /** A proposal the request may change or withdraw: a fresh one where the call is expected to succeed. */
    long changeable(Call c) {
      boolean succeeds = c.cell().outcome() == Outcome.ALLOWED && c.cell().state() == State.OPEN;
      return succeeds ? propose(State.OPEN, c.cell().relation()) : fixed(c);
    }

    Invitation invitation(Call c) {
      Relation rel = c.cell().relation() == Relation.NONE ? Relation.OWN : c.cell().relation();
      if (c.cell().outcome() == Outcome.ALLOWED && c.cell().state() == State.OPEN) {
        String invitee = rel == Relation.COORDINATOR ? "ARAB" : "EGY";
        return new Invitation(invitedBySaudi(State.OPEN, invitee), invitee);
      }
      return invitations.get(c.cell().state() + "/" + rel);
    }

    private void add(long negotiation, String email, String role, String delegation) {
      Map<String, Object> body = new HashMap<>();
      body.put("email", email);
      body.put("password", PASSWORD);
      body.put("role", role);
      if (delegation != null) {
        body.put("delegation", delegation);
      }
      ok(server.admin.post("/api/v1/negotiations/" + negotiation + "/participants", body));
    }

    private static Response ok(Response r) {
      assertThat(r.status()).as(r.text()).isBetween(200, 299);
      return r;
    }

    Caller caller(Who who) {
      if (who == Who.ANONYMOUS) {
        return new Caller("(anonymous)", server.client());
      }
      String email = emails.get(who);
      return new Caller(email, server.client().login(email, PASSWORD));
    }

    String freshEmail() {
      return "fresh" + counter.incrementAndGet() + "@example.org";
    }

    /** A new delegate account in the negotiation, as a target for resets and disabling. */
    long freshAccount() {
      Response r = ok(server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of("email", freshEmail(),
          "role", "delegate", "delegation", "EGY", "password", PASSWORD)));
      return r.json().get("accountId").asLong();
    }

    String invitationToken() {
      Response r = ok(server.admin.post("/api/v1/negotiations/" + n + "/participants", Map.of("email", freshEmail(),
          "role", "observer")));
      return r.json().get("invitation").get("token").asText();
    }

    String freshReferenceState() {
      return spareStates.get(counter.incrementAndGet() % spareStates.size());
    }

    String delegationFor(Relation relation) {
      return switch (relation) {
        case OWN, NONE -> "EGY";
        case OTHER -> "SAU";
        case COORDINATOR -> "ARAB";
      };
    }

    long revision(State state) {
      return revisions.get(state == State.NONE ? State.OPEN : state);
    }
  }
}
