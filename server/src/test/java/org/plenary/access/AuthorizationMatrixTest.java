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
        if (m == HttpMethod.HEAD && r.methods().contains(HttpMethod.GET)) {
          continue; // every GET answers HEAD under the GET's rules (http.Routes, access.Policy)
        }
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
      case UNPUBLISHED, PUBLISHED -> {
        assertThat(r.status()).as(why).isEqualTo(409);
        assertThat(r.json().get("type").asText()).as(why).isEqualTo("urn:plenary:problem:"
            + (c.outcome() == Outcome.PUBLISHED ? "published" : "not-published"));
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
    m.put("GET /audit/checkpoint", c -> c.client().get("/api/v1/audit/checkpoint"));
    m.put("POST /audit/checkpoint/verify", c -> c.client().post("/api/v1/audit/checkpoint/verify",
        server.admin.get("/api/v1/audit/checkpoint").json()));
    m.put("GET /negotiations/:n/audit/checkpoint", c -> c.client().get(nb + "/audit/checkpoint"));
    m.put("POST /negotiations/:n/audit/checkpoint/verify", c -> c.client().post(nb + "/audit/checkpoint/verify",
        server.admin.get(nb + "/audit/checkpoint").json()));
    // an upload needs no workspace open: the fixture's unpublished revision is published for the call
    m.put("POST /negotiations/:n/revisions", c -> fx.withoutWorkspace(() -> c.client().send(nb + "/revisions?label=Rev.1",
        "POST", "text/plain; charset=utf-8", Samples.text("ar-itu-res88-rev1.txt").getBytes(StandardCharsets.UTF_8))));
    m.put("POST /admin/backup", c -> {
      Response r = c.client().post("/api/v1/admin/backup", Map.of());
      // PostgreSQL is backed up with its own tools: past the guard, the route says so; count that as allowed
      boolean passedOnPostgres = r.status() == 409
          && r.json().get("type").asText().endsWith(":backup-by-postgresql");
      return passedOnPostgres ? new Response(200, r.raw(), r.body()) : r;
    });
    m.put("GET /negotiations/:n/revisions", c -> c.client().get(nb + "/revisions"));
    m.put("GET /negotiations/:n/revisions/:r", c -> c.client().get(nb + "/revisions/" + fx.revision(c.cell().state())));
    proposalRequests(m, nb);
    m.put("GET /negotiations/:n/events", c -> c.client().openStream(nb + "/events?since=0"));
    m.put("GET /negotiations/:n/diff", c -> c.client().get(nb + "/diff?from=" + fx.revision(State.OPEN) + "&to="
        + fx.revision(State.CLOSED) + "&format=json&ignore=diacritics"));
    m.put("GET /negotiations/:n/revisions/:r/mapping", c -> c.client().get(fx.rev(c) + "/mapping"));
    m.put("GET /negotiations/:n/revisions/:r/compilation", c -> c.client().get(fx.rev(c) + "/compilation?format=html"));
    m.put("GET /negotiations/:n/revisions/:r/akn", c -> c.client().get(fx.rev(c) + "/akn"));
    m.put("GET /negotiations/:n/revisions/:r/docx", c -> c.client().get(fx.rev(c) + "/docx"));
    m.put("GET /negotiations/:n/revisions/:r/source", c -> c.client().get(fx.rev(c) + "/source"));
    mergeRequests(m, nb);
    groupRequests(m);
    return m;
  }

  /**
   * Requests for a group's private stage. Egypt (the delegate) coordinates ARAB and G77, Saudi Arabia is a member
   * of both; each request first opens ARAB's stage on the cell's revision as Egypt (which fails quietly where
   * Egypt may not), so a delegate's call passes the stage's own check too. The submission uses G77, so ARAB's
   * stage stays open for the other cells.
   */
  private void groupRequests(Map<String, Request> m) {
    String g = "/groups/ARAB";
    m.put("GET /negotiations/:n/revisions/:r/groups", c -> {
      fx.groupStage(c, "ARAB");
      return c.client().get(fx.rev(c) + "/groups");
    });
    m.put("PUT /negotiations/:n/revisions/:r/groups/:g/stage", c -> c.client().put(fx.rev(c) + g + "/stage",
        Map.of("deadline", java.time.Instant.now().plusSeconds(86_400).toString())));
    m.put("GET /negotiations/:n/revisions/:r/groups/:g/stage", c -> {
      fx.groupStage(c, "ARAB");
      return c.client().get(fx.rev(c) + g + "/stage");
    });
    m.put("POST /negotiations/:n/revisions/:r/groups/:g/notes", c -> {
      fx.groupStage(c, "ARAB");
      return c.client().post(fx.rev(c) + g + "/notes", Map.of("kind", "comment", "paragraph", fx.paragraph,
          "text", "ملاحظة داخل المجموعة"));
    });
    m.put("GET /negotiations/:n/revisions/:r/groups/:g/notes", c -> {
      fx.groupStage(c, "ARAB");
      return c.client().get(fx.rev(c) + g + "/notes");
    });
    m.put("GET /negotiations/:n/revisions/:r/groups/:g/notes/:id", c -> c.client().get(fx.rev(c) + g + "/notes/"
        + fx.groupNote(c, "ARAB", "SAU", "comment")));
    m.put("POST /negotiations/:n/revisions/:r/groups/:g/notes/:id/withdraw", c -> c.client().post(fx.rev(c) + g
        + "/notes/" + fx.groupNote(c, "ARAB", "EGY", "comment") + "/withdraw", Map.of()));
    m.put("PUT /negotiations/:n/revisions/:r/groups/:g/notes/:id/decision", c -> c.client().put(fx.rev(c) + g
        + "/notes/" + fx.groupNote(c, "ARAB", "SAU", "comment") + "/decision", Map.of("decision", "noted")));
    m.put("POST /negotiations/:n/revisions/:r/groups/:g/combinations", c -> c.client().post(fx.rev(c) + g
        + "/combinations", Map.of("notes", List.of(fx.groupNote(c, "ARAB", "SAU", "amend"),
            fx.groupNote(c, "ARAB", "SAU", "amend")), "text", "نص المجموعة الموحد")));
    m.put("GET /negotiations/:n/revisions/:r/groups/:g/position", c -> {
      fx.groupStage(c, "ARAB");
      return c.client().get(fx.rev(c) + g + "/position");
    });
    m.put("PUT /negotiations/:n/revisions/:r/groups/:g/position/:item/stance", c -> c.client().put(fx.rev(c) + g
        + "/position/" + fx.groupItem(c, "ARAB") + "/stance", Map.of("stance", "support")));
    m.put("POST /negotiations/:n/revisions/:r/groups/:g/submission", c -> {
      fx.groupItem(c, "G77");
      return c.client().post(fx.rev(c) + "/groups/G77/submission", Map.of());
    });
  }

  /**
   * Requests for the merge routes. Each runs in a world of its own ({@link Fixture#isolated}): the revision the
   * cell names is the latest with no workspace on it, a workspace the request needs is opened first, and every
   * revision the call made is dropped afterwards.
   */
  private void mergeRequests(Map<String, Request> m, String nb) {
    m.put("POST /negotiations/:n/revisions/:r/successor", c -> fx.isolated(c.cell().state(), () -> c.client()
        .post(fx.rev(c) + "/successor", Map.of("label", "Rev.9"))));
    m.put("GET /negotiations/:n/revisions/:r/successor-workspace", c -> fx.isolated(c.cell().state(), () -> {
      fx.openWorkspace(c);
      return c.client().get(fx.rev(c) + "/successor-workspace");
    }));
    m.put("PUT /negotiations/:n/revisions/:r/proposals/:id/decision", c -> fx.isolated(c.cell().state(), () -> {
      fx.openWorkspace(c);
      long id = fx.fixed(c);
      String etag = server.admin.get(fx.rev(c) + "/proposals/" + id).header("ETag");
      return c.client().withHeader("If-Match", etag).put(fx.rev(c) + "/proposals/" + id + "/decision",
          Map.of("decision", "noted", "note", "تؤخذ في الاعتبار"));
    }));
    m.put("POST /negotiations/:n/revisions/:r/decisions", c -> fx.isolated(c.cell().state(), () -> {
      fx.openWorkspace(c);
      long id = fx.fixed(c);
      String etag = server.admin.get(fx.rev(c) + "/proposals/" + id).header("ETag");
      return c.client().post(fx.rev(c) + "/decisions", Map.of("atomic", true, "decisions",
          List.of(Map.of("proposal", id, "etag", etag, "decision", "noted", "note", "تؤخذ في الاعتبار"))));
    }));
    m.put("POST /negotiations/:n/revisions/:r/successor-workspace/combinations", c -> fx.isolated(c.cell().state(),
        () -> {
          fx.openWorkspace(c);
          String text = server.admin.get(fx.rev(c) + "/paragraphs/" + fx.paragraph).json().get("text").asText();
          State st = c.cell().state() == State.NONE ? State.OPEN : c.cell().state();
          return c.client().post(fx.rev(c) + "/successor-workspace/combinations", Map.of("proposals",
              List.of(fx.fixed.get(st + "/" + Relation.OWN), fx.fixed.get(st + "/" + Relation.OTHER)),
              "text", text.replace("2,9", "2,6")));
        }));
    m.put("POST /negotiations/:n/revisions/:r/carry-forward", c -> {
      Response r = c.client().post(fx.rev(c) + "/carry-forward", Map.of());
      fx.dropCarried();
      return r;
    });
    m.put("PATCH /negotiations/:n/revisions/:r/paragraphs/:p", c -> c.client()
        .withHeader("If-Match", fx.paragraphEtag(c, fx.paragraph))
        .patch(fx.rev(c) + "/paragraphs/" + fx.paragraph, Map.of("status", "bracketed")));
    m.put("POST /negotiations/:n/revisions/:r/paragraphs", c -> c.client().post(fx.rev(c) + "/paragraphs",
        Map.of("after", fx.paragraph, "text", "فقرة جديدة يقترحها الميسرون")));
    m.put("DELETE /negotiations/:n/revisions/:r/paragraphs/:p", c -> {
      long p = fx.spareParagraph(c);
      return c.client().withHeader("If-Match", fx.paragraphEtag(c, p)).delete(fx.rev(c) + "/paragraphs/" + p);
    });
    m.put("POST /negotiations/:n/revisions/:r/paragraphs/:p/move", c -> {
      long first = fx.paragraph(c, 0);
      return c.client().withHeader("If-Match", fx.paragraphEtag(c, fx.paragraph))
          .post(fx.rev(c) + "/paragraphs/" + fx.paragraph + "/move", first == fx.paragraph
              ? Map.of("after", fx.paragraph(c, 1)) : Map.of("before", first));
    });
    m.put("POST /negotiations/:n/revisions/:r/publish", c -> c.cell().state() != State.EDITING
        ? c.client().post(fx.rev(c) + "/publish", Map.of())
        : fx.isolated(State.OPEN, () -> {
          long w = server.admin.post(nb + "/revisions/" + fx.revision(State.OPEN) + "/successor", Map.of())
              .json().get("id").asLong();
          return c.client().post(nb + "/revisions/" + w + "/publish", Map.of());
        }));
    m.put("GET /negotiations/:n/fates", c -> c.client().get(nb + "/fates"));
  }

  /** A DOCX of one unchanged paragraph: the Word import previews it as no proposals. */
  private static byte[] minimalDocx() {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
      zip.write(("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
          + "<w:p><w:r><w:t>نص</w:t></w:r></w:p></w:body></w:document>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Requests for the proposal routes: fixed proposals per revision state and relation, fresh ones when consumed. */
  private void proposalRequests(Map<String, Request> m, String nb) {
    String pr = "/proposals";
    m.put("POST /negotiations/:n/revisions/:r/proposals", c -> c.client().post(fx.rev(c) + pr,
        Map.of("kind", "comment", "paragraph", fx.paragraph, "text", "تعليق عام على الفقرة")));
    m.put("GET /negotiations/:n/revisions/:r/proposals", c -> c.client().get(fx.rev(c) + pr + "?delegation=EGY"));
    m.put("POST /negotiations/:n/revisions/:r/proposals/import", c -> c.client().send(fx.rev(c) + pr
        + "/import?dryRun=true", "POST", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        minimalDocx()));
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
      ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "IRQ"))); // a co-sponsor
      ok(server.admin.put("/api/v1/negotiations/" + n + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY")));
      ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "G77")));
      ok(server.admin.put("/api/v1/negotiations/" + n + "/delegations/G77/coordinator", Map.of("coordinator", "EGY")));
      delegates.put("EGY", server.client().login("delegate@egypt.test", PASSWORD));
      delegates.put("SAU", server.client().login("delegate@saudi.test", PASSWORD));
      // Oldest first: the closed one, then the open one, then the workspace on it (a newer published revision
      // supersedes an older one, which then takes no proposals); each gets its proposals while it is the latest.
      for (State s : List.of(State.CLOSED, State.OPEN, State.EDITING)) {
        Response up = server.admin.send("/api/v1/negotiations/" + n + "/revisions?label=" + s.code(), "POST",
            "text/plain; charset=utf-8", Samples.text("ar-itu-res88-zero.txt").getBytes(StandardCharsets.UTF_8));
        ok(up);
        revisions.put(s, up.json().get("id").asLong());
        if (paragraph == 0) {
          paragraph = paragraphOf(revisions.get(s));
        }
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

    /** Opens {@code group}'s stage on the cell's revision as Egypt, its coordinator (quietly failing where it cannot). */
    void groupStage(Call c, String group) {
      delegates.get("EGY").put(rev(c) + "/groups/" + group + "/stage",
          Map.of("deadline", java.time.Instant.now().plusSeconds(86_400).toString()));
    }

    /** A note by {@code by} in {@code group}'s stage on the cell's revision; an id that exists nowhere if it cannot be made. */
    long groupNote(Call c, String group, String by, String kind) {
      groupStage(c, group);
      Map<String, Object> body = new HashMap<>();
      body.put("kind", kind);
      body.put("paragraph", paragraph);
      body.put("text", kind.equals("amend") ? "2,6" : "ملاحظة");
      if (kind.equals("amend")) {
        body.put("anchor", Map.of("exact", "2,9"));
      }
      Response r = delegates.get(by).post(rev(c) + "/groups/" + group + "/notes", body);
      return r.status() == 201 ? r.json().get("id").asLong() : 999_999_999L;
    }

    /** An item of {@code group}'s position on the cell's revision (Saudi Arabia's note, adopted by Egypt). */
    long groupItem(Call c, String group) {
      long note = groupNote(c, group, "SAU", "comment");
      Response r = delegates.get("EGY").put(rev(c) + "/groups/" + group + "/notes/" + note + "/decision",
          Map.of("decision", "adopt"));
      if (r.status() != 200) {
        return 999_999_999L;
      }
      var items = r.json().get("items");
      return items.get(items.size() - 1).get("id").asLong();
    }

    /** The id of the newest revision of the negotiation. */
    long newestRevision() {
      Long max = server.plenary().database().dsl().select(org.jooq.impl.DSL.max(Tables.REVISION.ID))
          .from(Tables.REVISION).fetchOne().value1();
      return max == null ? 0 : max;
    }

    /** Removes a revision the test made, with everything that points at it. */
    void dropRevision(long id) {
      var dsl = server.plenary().database().dsl();
      var p = Tables.PROPOSAL;
      var onIt = dsl.select(p.ID).from(p).where(p.REVISION_ID.eq(id));
      dsl.deleteFrom(Tables.PROPOSAL_FATE).where(Tables.PROPOSAL_FATE.REVISION_ID.eq(id)
          .or(Tables.PROPOSAL_FATE.PROPOSAL_ID.in(onIt))).execute();
      dsl.deleteFrom(Tables.PROPOSAL_COSPONSOR).where(Tables.PROPOSAL_COSPONSOR.PROPOSAL_ID.in(onIt)).execute();
      dsl.deleteFrom(Tables.PROPOSAL_REPLY).where(Tables.PROPOSAL_REPLY.PROPOSAL_ID.in(onIt)).execute();
      dsl.update(p).set(p.TARGET_ID, (Long) null).where(p.REVISION_ID.eq(id)).execute();
      dsl.deleteFrom(p).where(p.REVISION_ID.eq(id)).execute();
      dsl.deleteFrom(Tables.PROPOSAL_DECISION).where(Tables.PROPOSAL_DECISION.WORKSPACE_ID.eq(id)).execute();
      dsl.deleteFrom(Tables.PROPOSAL_COMBINATION).where(Tables.PROPOSAL_COMBINATION.WORKSPACE_ID.eq(id)).execute();
      dsl.deleteFrom(Tables.PARAGRAPH_VERSION).where(Tables.PARAGRAPH_VERSION.REVISION_ID.eq(id)).execute();
      dsl.deleteFrom(Tables.PARAGRAPH).where(Tables.PARAGRAPH.CREATED_IN_REVISION.eq(id)).execute();
      dsl.deleteFrom(Tables.REVISION_SOURCE).where(Tables.REVISION_SOURCE.REVISION_ID.eq(id)).execute();
      dsl.deleteFrom(Tables.REVISION).where(Tables.REVISION.ID.eq(id)).execute();
    }

    /** Runs {@code call} with the unpublished revision published (no workspace open), then undoes what it made. */
    Response withoutWorkspace(java.util.function.Supplier<Response> call) {
      long before = newestRevision();
      var dsl = server.plenary().database().dsl();
      dsl.update(Tables.REVISION).set(Tables.REVISION.STATE, "published")
          .where(Tables.REVISION.ID.eq(revisions.get(State.EDITING))).execute();
      server.plenary().changes().everything();
      try {
        return call.get();
      } finally {
        for (long id = newestRevision(); id > before; id = newestRevision()) {
          dropRevision(id);
        }
        restoreStates();
      }
    }

    /**
     * Runs {@code call} with the revision of {@code state} as the only one that counts: the others are moved
     * before it and nothing is based on it, so it is the latest published revision with no workspace. Every
     * revision the call made is dropped afterwards and the fixture restored.
     */
    Response isolated(State state, java.util.function.Supplier<Response> call) {
      var dsl = server.plenary().database().dsl();
      var rev = Tables.REVISION;
      long before = newestRevision();
      long target = revision(state);
      Map<Long, Integer> seqs = new HashMap<>();
      Map<Long, Long> bases = new HashMap<>();
      dsl.selectFrom(rev).where(rev.NEGOTIATION_ID.eq(n)).forEach(r -> {
        seqs.put(r.getId(), r.getSeq());
        bases.put(r.getId(), r.getBasedOn());
      });
      int k = 1;
      for (long id : seqs.keySet()) {
        dsl.update(rev).set(rev.BASED_ON, (Long) null).set(rev.SEQ, id == target ? seqs.get(id) : -(k++))
            .where(rev.ID.eq(id)).execute();
      }
      server.plenary().changes().everything();
      try {
        return call.get();
      } finally {
        for (long id = newestRevision(); id > before; id = newestRevision()) {
          dropRevision(id);
        }
        for (long id : seqs.keySet()) {
          dsl.update(rev).set(rev.SEQ, -1000 - (int) id).where(rev.ID.eq(id)).execute();
        }
        for (long id : seqs.keySet()) {
          dsl.update(rev).set(rev.SEQ, seqs.get(id)).set(rev.BASED_ON, bases.get(id)).where(rev.ID.eq(id)).execute();
        }
        restoreStates();
      }
    }

    /** Opens (as the admin) the workspace on the cell's revision, when it can have one. */
    void openWorkspace(Call c) {
      server.admin.post(rev(c) + "/successor", Map.of("label", "Rev.9"));
    }

    /** Removes the proposals carry-forward made on the open revision. */
    void dropCarried() {
      var dsl = server.plenary().database().dsl();
      var p = Tables.PROPOSAL;
      var carried = dsl.select(p.ID).from(p).where(p.CARRIED_FROM.isNotNull().and(p.NEGOTIATION_ID.eq(n)));
      dsl.deleteFrom(Tables.PROPOSAL_COSPONSOR).where(Tables.PROPOSAL_COSPONSOR.PROPOSAL_ID.in(carried)).execute();
      dsl.update(p).set(p.TARGET_ID, (Long) null).where(p.CARRIED_FROM.isNotNull().and(p.NEGOTIATION_ID.eq(n)))
          .execute();
      dsl.deleteFrom(p).where(p.CARRIED_FROM.isNotNull().and(p.NEGOTIATION_ID.eq(n))).execute();
      server.plenary().changes().everything();
    }

    /** The ETag of a paragraph of the cell's revision (read from the table: the cell's caller may not see it). */
    String paragraphEtag(Call c, long paragraph) {
      Integer v = server.plenary().database().dsl().select(Tables.PARAGRAPH_VERSION.VERSION)
          .from(Tables.PARAGRAPH_VERSION).where(Tables.PARAGRAPH_VERSION.REVISION_ID.eq(revision(c.cell().state()))
              .and(Tables.PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraph))).fetchOne(Tables.PARAGRAPH_VERSION.VERSION);
      return "\"w" + paragraph + "v" + (v == null ? 1 : v) + "\"";
    }

    /** The paragraph at {@code index} (0 first) of the cell's revision (a workspace's positions have gaps). */
    long paragraph(Call c, int index) {
      return server.plenary().database().dsl().select(Tables.PARAGRAPH_VERSION.PARAGRAPH_ID)
          .from(Tables.PARAGRAPH_VERSION).where(Tables.PARAGRAPH_VERSION.REVISION_ID.eq(revision(c.cell().state()))
              .and(Tables.PARAGRAPH_VERSION.POSITION.isNotNull())).orderBy(Tables.PARAGRAPH_VERSION.POSITION)
          .limit(1).offset(index).fetchOne(Tables.PARAGRAPH_VERSION.PARAGRAPH_ID);
    }

    /** A paragraph a delete may take: inserted for it (as the admin) into the workspace, else the fixture's. */
    long spareParagraph(Call c) {
      if (c.cell().state() == State.EDITING) {
        Response r = server.admin.post(rev(c) + "/paragraphs", Map.of("after", paragraph, "text", "فقرة للحذف"));
        if (r.status() == 201) {
          return r.json().get("id").asLong();
        }
      }
      return paragraph;
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
