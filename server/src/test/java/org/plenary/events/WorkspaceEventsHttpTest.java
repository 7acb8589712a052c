package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.PlenaryServer;
import org.plenary.testing.Res88Negotiation;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/**
 * Issue 11, item 6, with the revision in state {@code editing} that the merge creates (the successor workspace),
 * not one set by hand: every event type the workspace produces, against every role, live and on replay, on H2
 * and PostgreSQL. Delegates and observers see none of them until publication, and the workspace's own events
 * ({@code workspace.*}) never; the secretariat and the facilitators see them all.
 */
@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Events of the merge's successor workspace reach the chair only, live and on replay")
class WorkspaceEventsHttpTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  /** Every event type an editing successor workspace produces before it is published. */
  static final Set<String> WORKSPACE_TYPES = Set.of("revision.created", "revision.comment-window", "workspace.decision",
      "workspace.combination", "workspace.paragraph-edited", "workspace.paragraph-inserted",
      "workspace.paragraph-moved", "workspace.paragraph-deleted");

  @Parameter Backend backend;

  private static String token(TestServer server, String email) {
    Response r = server.client().post("/api/v1/session", Map.of("email", email, "password", "password-of-" + email));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("token").asText();
  }

  private static Response ok(Response r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  /** Whether an event names the workspace: its payload's revision, its subject, or its type. */
  private static boolean aboutWorkspace(SseClient.Event e, long ws) {
    JsonNode json = e.json();
    return e.type().startsWith("workspace.") || json.path("payload").path("revision").asLong() == ws
        || json.path("subject").asText().equals("revision:" + ws) || e.data().contains("Rev.1 (workspace)");
  }

  @Test
  @DisplayName("the workspace's creation, decisions, combination, paragraph edits, inserts, moves, deletions and comment"
      + " window: the secretariat and facilitators get each, live and on replay; delegates and observers none")
  void everyWorkspaceEventAgainstEveryRole(TestServer server, Res88Negotiation res) {
    ApiClient chair = server.participant(res.n, "chair@un.test", "facilitator", null);
    server.participant(res.n, "sec@un.test", "secretariat", null);
    server.participant(res.n, "observer@un.test", "observer", null);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("secretariat", token(server, "sec@un.test"));
    tokens.put("facilitator", token(server, "chair@un.test"));
    tokens.put("delegate", token(server, "egy@delegation.test"));
    tokens.put("observer", token(server, "observer@un.test"));
    String since = "/events"; // live only: from the moment the stream opens
    Map<String, SseClient> live = new LinkedHashMap<>();
    try {
      for (var t : tokens.entrySet()) {
        SseClient c = SseClient.open(server.client().base(), res.negotiation() + since, t.getValue(), null);
        assertThat(c.status()).as(c.errorBody()).isEqualTo(200);
        live.put(t.getKey(), c);
      }
      // the chair's work in the workspace, one request per event type
      Response created = chair.post(res.base() + "/successor", Map.of("label", "Rev.1 (workspace)"));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      assertThat(created.json().get("state").asText()).isEqualTo("editing");
      long ws = created.json().get("id").asLong();
      String wsUrl = res.negotiation() + "/revisions/" + ws;
      String p9 = chair.get(res.base() + "/proposals/" + res.proposal("p9")).header("ETag");
      ok(chair.withHeader("If-Match", p9).put(res.base() + "/proposals/" + res.proposal("p9") + "/decision",
          Map.of("decision", "accept")));
      String p7 = chair.get(res.base() + "/proposals/" + res.proposal("p7")).header("ETag");
      ok(chair.post(res.base() + "/decisions", Map.of("atomic", true, "decisions", List.of(Map.of("proposal",
          res.proposal("p7"), "etag", p7, "decision", "noted", "note", "تؤخذ في الاعتبار")))));
      long p1paragraph = res.paragraph("لا يزال 2,9 مليار شخص");
      JsonNode workspace = ok(chair.get(res.base() + "/successor-workspace")).json();
      String p1text = null;
      String p1etag = null;
      for (JsonNode p : workspace.get("paragraphs")) {
        if (p.get("id").asLong() == p1paragraph) {
          p1text = p.get("text").asText();
        }
      }
      ok(chair.post(res.base() + "/successor-workspace/combinations", Map.of("proposals",
          List.of(res.proposal("p1"), res.proposal("p12")), "text", p1text.replace("2,9", "2,6"))));
      for (JsonNode p : ok(chair.get(res.base() + "/successor-workspace")).json().get("paragraphs")) {
        if (p.get("id").asLong() == p1paragraph) {
          p1text = p.get("text").asText();
          p1etag = p.get("etag").asText();
        }
      }
      ok(chair.withHeader("If-Match", p1etag).patch(wsUrl + "/paragraphs/" + p1paragraph,
          Map.of("text", p1text + " ")));
      long op2 = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
      long op3 = res.paragraph("بضمن تخصيص الموارد اللازمة");
      Response inserted = ok(chair.post(wsUrl + "/paragraphs", Map.of("after", op2,
          "text", "بضمان تقديم تقرير سنوي إلى المجلس؛")));
      long bis = inserted.json().get("id").asLong();
      JsonNode moved = ok(chair.withHeader("If-Match", inserted.header("ETag"))
          .post(wsUrl + "/paragraphs/" + bis + "/move", Map.of("after", op3))).json();
      ok(chair.withHeader("If-Match", moved.get("etag").asText()).delete(wsUrl + "/paragraphs/" + bis));
      ok(chair.put(wsUrl + "/comment-window", Map.of("deadline", "2031-01-01T00:00:00Z")));
      // a sentinel everyone sees, after all of it
      server.participant(res.n, "late@delegation.test", "delegate", "OMN");

      for (var feed : live.entrySet()) {
        List<SseClient.Event> got = feed.getValue().until(e -> e.type().equals("participant.added")
            && e.data().contains("\"OMN\""), WAIT);
        assertThat(got).as(feed.getKey() + " live").extracting(SseClient.Event::type).contains("participant.added");
        check(feed.getKey() + " live", got, ws);
      }
      // replay from the start, once all of it is written
      for (var t : tokens.entrySet()) {
        try (SseClient replay = SseClient.open(server.client().base(), res.negotiation() + "/events?since=0",
            t.getValue(), null)) {
          assertThat(replay.status()).as(replay.errorBody()).isEqualTo(200);
          List<SseClient.Event> got = replay.until(e -> e.type().equals("participant.added")
              && e.data().contains("\"OMN\""), WAIT);
          check(t.getKey() + " replay", got, ws);
        }
      }
      // once published, the revision is everyone's, but the workspace's own events stay the chair's
      ok(chair.post(wsUrl + "/publish", Map.of()));
      for (String role : List.of("delegate", "observer")) {
        try (SseClient replay = SseClient.open(server.client().base(), res.negotiation() + "/events?since=0",
            tokens.get(role), null)) {
          List<SseClient.Event> got = replay.until(e -> e.type().equals("revision.published"), WAIT);
          assertThat(got).as(role).extracting(SseClient.Event::type).contains("revision.published")
              .noneMatch(type -> type.startsWith("workspace."));
        }
      }
    } finally {
      live.values().forEach(SseClient::close);
    }
  }

  private static void check(String who, List<SseClient.Event> got, long ws) {
    List<SseClient.Event> about = got.stream().filter(e -> aboutWorkspace(e, ws)).toList();
    if (who.startsWith("delegate") || who.startsWith("observer")) {
      assertThat(about).as(who + ": nothing of the workspace").isEmpty();
    } else {
      assertThat(about).as(who).extracting(SseClient.Event::type).containsAll(WORKSPACE_TYPES);
    }
  }
}
