package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * Two nodes on one PostgreSQL: node B's cached paragraph is invalidated by the NOTIFY of node A's commit,
 * and B's caches are refreshed after its LISTEN connection was cut.
 */
@DisplayName("Read caches across two server nodes on one PostgreSQL")
class CrossNodeReadCacheTest {
  @TempDir Path temp;

  @Test
  @DisplayName("node B serves its cached paragraph until node A's proposal is NOTIFIED, then shows it; also after a lost LISTEN")
  void notifyInvalidates() throws Exception {
    Backend.Db db = Backend.POSTGRESQL.newDatabase(temp);
    try (TestServer a = TestServer.start(db, temp.resolve("a")); TestServer b = TestServer.start(db, temp.resolve("b"))) {
      long n = a.negotiation("القرار 88 (كيغالي، 2022)");
      var zero = a.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
      long r = zero.get("id").asLong();
      long paragraph = Samples.paragraphWith(zero, "لا يزال 2,9 مليار شخص");
      String path = "/api/v1/negotiations/" + n + "/revisions/" + r + "/paragraphs/" + paragraph;
      ApiClient saudiOnA = a.participant(n, "saudi@example.org", "delegate", "SAU");
      a.participant(n, "egypt@example.org", "delegate", "EGY");
      ApiClient egyptOnB = b.client().login("egypt@example.org", "password-of-egypt@example.org");
      b.awaitReliableCaches();
      b.drainNotifications();
      assertThat(get(egyptOnB, path).get("proposals")).isEmpty(); // cached on B

      Response first = saudiOnA.post("/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals",
          Map.of("kind", "comment", "paragraph", paragraph, "text", "نؤيد تحديث الأرقام (ITU)"));
      assertThat(first.status()).as(first.text()).isEqualTo(201);
      long firstId = first.json().get("id").asLong();
      assertThat(poll(egyptOnB, path, p -> proposal(p, firstId) != null)).as("A's proposal reached B").isTrue();
      b.drainNotifications();
      assertThat(proposal(get(egyptOnB, path), firstId)).isNotNull(); // now cached on B

      // Behind both nodes' backs: B keeps serving its entry, proving it is cached there.
      a.plenary().database().dsl().update(PROPOSAL).set(PROPOSAL.TEXT, "نص عُدِّل مباشرة")
          .where(PROPOSAL.ID.eq(firstId)).execute();
      assertThat(proposal(get(egyptOnB, path), firstId).get("text").asText()).isEqualTo("نؤيد تحديث الأرقام (ITU)");

      Response second = saudiOnA.post("/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals",
          Map.of("kind", "question", "paragraph", paragraph, "text", "ما مصدر رقم ٢٫٩ مليار؟ WSIS+20"));
      assertThat(second.status()).as(second.text()).isEqualTo(201);
      long secondId = second.json().get("id").asLong();
      assertThat(poll(egyptOnB, path, p -> proposal(p, secondId) != null)).as("the NOTIFY invalidated B's entry").isTrue();
      assertThat(proposal(get(egyptOnB, path), firstId).get("text").asText()).isEqualTo("نص عُدِّل مباشرة");

      // A lost LISTEN connection: B bypasses its caches meanwhile and moves every generation on reconnecting.
      b.drainNotifications();
      assertThat(proposal(get(egyptOnB, path), firstId)).isNotNull();
      a.plenary().database().dsl().update(PROPOSAL).set(PROPOSAL.TEXT, "نص عُدِّل مرة أخرى")
          .where(PROPOSAL.ID.eq(firstId)).execute();
      assertThat(terminateListeners(db)).isGreaterThanOrEqualTo(2);
      assertThat(poll(egyptOnB, path, p -> "نص عُدِّل مرة أخرى".equals(proposal(p, firstId).get("text").asText())))
          .as("B's entry from before the lost connection is not served").isTrue();
      b.awaitReliableCaches();
      assertThat(proposal(get(egyptOnB, path), firstId).get("text").asText()).isEqualTo("نص عُدِّل مرة أخرى");
    }
  }

  static JsonNode get(ApiClient client, String path) {
    Response got = client.get(path);
    assertThat(got.status()).as(got.text()).isEqualTo(200);
    return got.json();
  }

  static JsonNode proposal(JsonNode paragraph, long id) {
    return ReadCacheHttpTest.proposal(paragraph, id);
  }

  /** Reads until {@code done} holds, for at most 5 s. */
  static boolean poll(ApiClient client, String path, Predicate<JsonNode> done) {
    long until = System.nanoTime() + 5_000_000_000L;
    do {
      if (done.test(get(client, path))) {
        return true;
      }
      ReadCacheHttpTest.sleep(20);
    } while (System.nanoTime() < until);
    return false;
  }

  private static int terminateListeners(Backend.Db db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
            + "where application_name = 'plenary-live'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
