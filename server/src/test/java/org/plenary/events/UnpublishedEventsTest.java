package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/** Issue 11, item 6: nothing of an unpublished revision reaches a delegate or an observer over SSE. */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Events of an unpublished revision stay with the chair, on replay and live")
class UnpublishedEventsTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String email, String role, String delegation) {
    server.participant(n, email, role, delegation);
    return LiveUpdatesHttpTest.token(server, email, "password-of-" + email);
  }

  private SseClient replay(String token) {
    SseClient c = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events?since=0", token, null);
    assertThat(c.status()).as(c.errorBody()).isEqualTo(200);
    return c;
  }

  @Test
  @DisplayName("a delegate's and an observer's replay and live feed hold nothing of an editing revision; a facilitator's do")
  void editingRevisionIsTheChairs() {
    String egypt = token("egypt@example.org", "delegate", "EGY");
    String observer = token("observer@example.org", "observer", null);
    String facilitator = token("chair@example.org", "facilitator", null);
    server.revision(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    long rev1 = server.revision(n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    server.plenary().database().dsl().update(Tables.REVISION).set(Tables.REVISION.STATE, "editing")
        .where(Tables.REVISION.ID.eq(rev1)).execute();
    server.plenary().changes().everything();
    try (SseClient d = replay(egypt); SseClient o = replay(observer); SseClient f = replay(facilitator)) {
      // live: the chair sets Rev.1's comment window, then adds a participant everyone may see
      var chair = server.client().withToken(facilitator);
      assertThat(chair.put("/api/v1/negotiations/" + n + "/revisions/" + rev1 + "/comment-window",
          Map.of("deadline", "2031-01-01T00:00:00Z")).status()).isEqualTo(200);
      server.participant(n, "morocco@example.org", "delegate", "MAR");
      for (SseClient delegateSide : List.of(d, o)) {
        List<SseClient.Event> got = delegateSide.until(e -> e.type().equals("participant.added")
            && e.data().contains("MAR"), WAIT);
        assertThat(got).filteredOn(e -> e.type().equals("revision.created")).hasSize(1)
            .allSatisfy(e -> assertThat(e.json().get("payload").get("label").asText()).isEqualTo("Zero draft"));
        assertThat(got).extracting(SseClient.Event::data).noneMatch(data -> data.contains("Rev.1")
            || data.contains("\"revision\":" + rev1));
        assertThat(got).extracting(SseClient.Event::type).doesNotContain("revision.comment-window");
      }
      List<SseClient.Event> chairSees = f.until(e -> e.type().equals("participant.added") && e.data().contains("MAR"), WAIT);
      assertThat(chairSees).extracting(SseClient.Event::type).contains("revision.comment-window");
      assertThat(chairSees).filteredOn(e -> e.type().equals("revision.created")).hasSize(2);
    }
  }
}
