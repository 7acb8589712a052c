package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/**
 * Two Plenary nodes on one PostgreSQL database. The heartbeat (which also re-reads every feed) is set far
 * beyond the waits here, so only LISTEN/NOTIFY can carry the events across.
 */
@DisplayName("Live updates across two server nodes on one PostgreSQL")
class CrossNodeLiveTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path temp;

  @Test
  @DisplayName("an event caused on node A reaches an SSE client of node B, also after B's LISTEN connection was cut")
  void eventsCrossNodes() throws Exception {
    Backend.Db db = Backend.POSTGRESQL.newDatabase(temp);
    String[] noHeartbeat = {"--sse-heartbeat-millis", "600000"};
    try (TestServer a = TestServer.start(db, temp.resolve("a"), noHeartbeat);
        TestServer b = TestServer.start(db, temp.resolve("b"), noHeartbeat)) {
      long n = a.negotiation("القرار 88 (كيغالي، 2022)");
      a.participant(n, "egypt@example.org", "delegate", "EGY");
      String egyptOnB = LiveUpdatesHttpTest.token(b, "egypt@example.org", "password-of-egypt@example.org");
      try (SseClient onB = SseClient.open(b.client().base(), "/api/v1/negotiations/" + n + "/events", egyptOnB, null)) {
        assertThat(onB.status()).isEqualTo(200);
        var zero = a.admin.postText("/api/v1/negotiations/" + n + "/revisions?label=Zero%20draft",
            Samples.text("ar-itu-res88-zero.txt"));
        assertThat(zero.status()).isEqualTo(201);
        assertThat(onB.await("revision.created", WAIT).json().get("payload").get("label").asText())
            .isEqualTo("Zero draft");

        // A proposal POSTed on node A, by Saudi Arabia's delegate logged in there.
        var saudiOnA = a.participant(n, "saudi@example.org", "delegate", "SAU");
        assertThat(onB.await("participant.added", WAIT).data()).contains("SAU");
        long r = zero.json().get("id").asLong();
        long paragraph = LiveUpdatesHttpTest.paragraphWith(zero.json(), "لا يزال 2,9 مليار شخص");
        var created = saudiOnA.post("/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals",
            java.util.Map.of("kind", "comment", "paragraph", paragraph, "text", "نؤيد تحديث الأرقام (ITU)"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        var event = onB.await("proposal.created", WAIT).json().get("payload");
        assertThat(event.get("proposal").asLong()).isEqualTo(created.json().get("id").asLong());
        assertThat(event.get("delegation").asText()).isEqualTo("SAU");


        // Cut every LISTEN connection: the nodes reconnect and catch up from the table.
        assertThat(terminateListeners(db)).isGreaterThanOrEqualTo(2);
        a.participant(n, "france@example.org", "delegate", "FRA");
        assertThat(onB.await("participant.added", WAIT).data()).contains("FRA");
        a.participant(n, "morocco@example.org", "delegate", "MAR");
        assertThat(onB.await("participant.added", WAIT).data()).contains("MAR");
      }
    }
  }

  private static int terminateListeners(Backend.Db db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
            + "where application_name = '" + PgListener.APPLICATION_NAME + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
