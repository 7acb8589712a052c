package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.ChildNode;
import org.plenary.testing.Samples;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/**
 * The deployment of docs/deploy.md in one test: two nodes on one PostgreSQL, no sticky sessions (a token from a
 * login on one node is used on the other), node A a separate JVM that is killed with SIGKILL mid-traffic.
 */
@DisplayName("Two nodes on one PostgreSQL, without sticky sessions")
class TwoNodeTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  @TempDir Path temp;

  @Test
  @DisplayName("a proposal posted on A reaches an SSE client on B, a logout on A revokes on B, and killing A loses "
      + "no acknowledged write while B keeps serving")
  void twoNodes() throws Exception {
    Backend.Db db = Backend.POSTGRESQL.newDatabase(temp);
    // B re-checks its streams' sessions every 300 ms
    try (TestServer b = TestServer.start(db, temp.resolve("b"), "--sse-heartbeat-millis", "300")) {
      ChildNode a = ChildNode.start(db, temp.resolve("a"));
      try {
        ApiClient adminA = a.client().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
        long n = adminA.post("/api/v1/negotiations", Map.of("title", "القرار 88 (كيغالي، 2022)",
            "languages", List.of("ar"))).json().get("id").asLong();
        String nb = "/api/v1/negotiations/" + n;
        Response uploaded = adminA.postText(nb + "/revisions?label=Zero", Samples.text("ar-itu-res88-zero.txt"));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        JsonNode revision = uploaded.json();
        String proposals = nb + "/revisions/" + revision.get("id").asLong() + "/proposals";
        long paragraph = Samples.paragraphWith(revision, "2,9");
        for (String[] d : new String[][] {{"egypt@example.org", "EGY"}, {"saudi@example.org", "SAU"}}) {
          Map<String, Object> body = new HashMap<>(Map.of("email", d[0], "role", "delegate", "delegation", d[1],
              "password", "password-of-" + d[0]));
          assertThat(adminA.post(nb + "/participants", body).status()).isEqualTo(201);
        }

        // one login, either node: the session lives in the database
        String egypt = token(a, "egypt@example.org");
        ApiClient egyptOnA = a.client().withToken(egypt);
        ApiClient egyptOnB = b.client().withToken(egypt);
        assertThat(egyptOnB.get("/api/v1/me").status()).isEqualTo(200);

        // a proposal posted on A reaches an SSE client on B
        try (SseClient onB = SseClient.open(b.client().base(), nb + "/events", egypt, null)) {
          assertThat(onB.status()).isEqualTo(200);
          long id = propose(egyptOnA, proposals, paragraph, "نؤيد تحديث الأرقام (ITU)");
          JsonNode event = onB.await("proposal.created", WAIT).json().get("payload");
          assertThat(event.get("proposal").asLong()).isEqualTo(id);
        }

        // a logout on A revokes the session on B: its open stream there ends, and B refuses the token
        String saudi = token(a, "saudi@example.org");
        try (SseClient saudiOnB = SseClient.open(b.client().base(), nb + "/events", saudi, null)) {
          assertThat(saudiOnB.status()).isEqualTo(200);
          assertThat(a.client().withToken(saudi).delete("/api/v1/session").status()).isIn(200, 204);
          assertThat(saudiOnB.awaitEnd(WAIT)).as("B's stream of the logged-out session ended").isTrue();
        }
        // B trusts a token it resolved for at most AuthHandler.CACHE_NANOS (2 s): then it refuses it
        long until = System.nanoTime() + WAIT.toNanos();
        int status;
        while ((status = b.client().withToken(saudi).get("/api/v1/me").status()) != 401 && System.nanoTime() < until) {
          Thread.sleep(100);
        }
        assertThat(status).isEqualTo(401);

        // killing A mid-traffic loses no acknowledged write, and B keeps serving
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch enough = new CountDownLatch(20);
        Thread writer = new Thread(() -> {
          try {
            for (int i = 0; i < 10_000; i++) {
              Response r = egyptOnA.post(proposals, Map.of("kind", "comment", "paragraph", paragraph,
                  "text", "تعليق " + i));
              if (r.status() != 201) {
                return;
              }
              acknowledged.add(r.json().get("id").asLong());
              enough.countDown();
            }
          } catch (AssertionError connectionLost) {
            // A died under the request: not acknowledged, so not expected anywhere
          }
        }, "writer-on-a");
        writer.start();
        assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
        a.kill();
        writer.join(30_000);
        assertThat(writer.isAlive()).isFalse();

        Set<Long> onB = new TreeSet<>();
        egyptOnB.get(proposals + "?delegation=EGY").json().get("proposals").forEach(p -> onB.add(p.get("id").asLong()));
        assertThat(onB).containsAll(acknowledged);
        long after = propose(egyptOnB, proposals, paragraph, "ما زلنا نعمل على العقدة ب");
        assertThat(egyptOnB.get(proposals + "/" + after).status()).isEqualTo(200);
      } finally {
        if (a.process().isAlive()) {
          a.kill();
        }
      }
    }
  }

  private static String token(ChildNode node, String email) {
    Response r = node.client().post("/api/v1/session", Map.of("email", email, "password", "password-of-" + email));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("token").asText();
  }

  private static long propose(ApiClient who, String proposals, long paragraph, String text) {
    Response r = who.post(proposals, Map.of("kind", "comment", "paragraph", paragraph, "text", text));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("id").asLong();
  }
}
