package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.REVISION;

import java.nio.file.Path;
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

/**
 * Published revisions, their mappings and the diffs between them are answered from memory as ready bytes with a
 * strong ETag (304 for {@code If-None-Match}), and only after the access check: an outsider gets 404 even with
 * the right ETag, a delegate never gets an editing revision (from memory or not), and a participant who is
 * disabled loses access with the very next request. A change made behind the server's back (SQL, no event)
 * shows that the answers really come from memory until the negotiation's generations move.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Published revisions from memory")
class PublishedReadCacheHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;
  long r;
  long r2;
  String negotiation;
  ApiClient delegate;
  ApiClient chair;
  ApiClient outsider;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    r = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt")).get("id").asLong();
    r2 = server.upload(n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt")).get("id").asLong();
    negotiation = "/api/v1/negotiations/" + n;
    delegate = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    chair = server.participant(n, "chair@un.test", "facilitator", null);
    long other = server.negotiation("another negotiation");
    outsider = server.participant(other, "fra@delegation.test", "delegate", "FRA");
    server.awaitReliableCaches();
    server.drainNotifications();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void relabelBehindTheServersBack(long revision, String label) {
    server.plenary().database().dsl().update(REVISION).set(REVISION.LABEL, label).where(REVISION.ID.eq(revision))
        .execute();
  }

  private static Response ok(Response got) {
    assertThat(got.status()).as(got.text()).isEqualTo(200);
    return got;
  }

  @Test
  @DisplayName("a published revision: the same bytes and strong ETag from memory, 304 for If-None-Match")
  void publishedFromMemory() {
    String path = negotiation + "/revisions/" + r;
    Response first = ok(delegate.get(path));
    String etag = first.header("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{24}\"");
    assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(first.json().get("label").asText()).isEqualTo("Zero draft");
    assertThat(first.json().get("paragraphs").size()).isPositive();

    relabelBehindTheServersBack(r, "changed by hand");
    Response second = ok(delegate.get(path));
    assertThat(second.text()).as("served from memory").isEqualTo(first.text());
    assertThat(second.header("ETag")).isEqualTo(etag);
    Response notModified = delegate.withHeader("If-None-Match", etag).get(path);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.text()).isEmpty();
    Response head = delegate.head(path);
    assertThat(head.status()).as("HEAD answers as GET does, without the body").isEqualTo(200);
    assertThat(head.header("ETag")).isEqualTo(etag);
    assertThat(head.text()).isEmpty();
    assertThat(ok(chair.get(path)).text()).as("one entry for every viewer").isEqualTo(first.text());

    server.plenary().changes().everything();
    Response fresh = ok(delegate.get(path));
    assertThat(fresh.json().get("label").asText()).isEqualTo("changed by hand");
    assertThat(fresh.header("ETag")).isNotEqualTo(etag);
    assertThat(delegate.withHeader("If-None-Match", etag).get(path).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("304 only after the access check: an outsider gets 404 with the right ETag, as without one")
  void notModifiedOnlyAfterTheAccessCheck() {
    for (String path : new String[] {negotiation + "/revisions/" + r, negotiation + "/revisions/" + r2 + "/mapping",
        negotiation + "/diff?from=" + r + "&to=" + r2}) {
      String etag = ok(delegate.get(path)).header("ETag");
      assertThat(etag).as(path).isNotNull();
      assertThat(delegate.withHeader("If-None-Match", etag).get(path).status()).as(path).isEqualTo(304);
      Response refused = outsider.withHeader("If-None-Match", etag).get(path);
      assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(404);
      assertThat(refused.text()).doesNotContain("لا يزال");
      assertThat(server.client().withHeader("If-None-Match", etag).get(path).status()).as(path).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("an editing revision (a merge workspace) is never kept, and a delegate never gets it")
  void editingRevisionNeverFromMemory() {
    Response ws = chair.post(negotiation + "/revisions/" + r2 + "/successor", Map.of("label", "Rev.2"));
    assertThat(ws.status()).as(ws.text()).isEqualTo(201);
    long w = ws.json().get("id").asLong();
    String path = negotiation + "/revisions/" + w;
    Response first = ok(chair.get(path));
    assertThat(first.json().get("state").asText()).isEqualTo("editing");
    String etag = first.header("ETag");

    for (int i = 0; i < 3; i++) {
      Response hidden = delegate.get(path);
      assertThat(hidden.status()).as(hidden.text()).isEqualTo(404);
      assertThat(delegate.withHeader("If-None-Match", etag).get(path).status()).isEqualTo(404);
      assertThat(delegate.head(path).status()).as("HEAD under the GET's rules").isEqualTo(404);
      assertThat(delegate.get(path + "/mapping").status()).isEqualTo(404);
      assertThat(delegate.get(negotiation + "/diff?from=" + r2 + "&to=" + w).status()).isEqualTo(404);
    }
    // The chair's reads of the workspace go to the database every time: a change shows at once.
    relabelBehindTheServersBack(w, "Rev.2 (by hand)");
    assertThat(ok(chair.get(path)).json().get("label").asText()).isEqualTo("Rev.2 (by hand)");
    ok(chair.get(negotiation + "/diff?from=" + r2 + "&to=" + w));
    relabelBehindTheServersBack(w, "Rev.2 (again)");
    assertThat(ok(chair.get(negotiation + "/diff?from=" + r2 + "&to=" + w + "&format=text")).text())
        .contains("Rev.2 (again)");
  }

  @Test
  @DisplayName("a disabled participant loses access to what it read from memory with the very next request")
  void disabledParticipantLosesAccessAtOnce() {
    String[] paths = {negotiation + "/revisions/" + r, negotiation + "/revisions/" + r2 + "/mapping",
        negotiation + "/diff?from=" + r + "&to=" + r2};
    String[] etags = new String[paths.length];
    for (int i = 0; i < paths.length; i++) {
      etags[i] = ok(delegate.get(paths[i])).header("ETag");
      ok(delegate.get(paths[i]));
    }
    long account = delegate.get("/api/v1/me").json().get("id").asLong();
    Response disabled = server.admin.post(negotiation + "/participants/" + account + "/disable", Map.of());
    assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
    for (int i = 0; i < paths.length; i++) {
      Response refused = delegate.get(paths[i]);
      assertThat(refused.status()).as(paths[i] + ": " + refused.text()).isIn(401, 403, 404);
      assertThat(delegate.withHeader("If-None-Match", etags[i]).get(paths[i]).status()).isIn(401, 403, 404);
    }
  }

  @Test
  @DisplayName("the mapping in each format and the diff between published revisions come from memory")
  void mappingAndDiffFromMemory() {
    String mapping = negotiation + "/revisions/" + r2 + "/mapping";
    String json = ok(delegate.get(mapping)).text();
    String csv = ok(delegate.get(mapping + "?format=csv")).text();
    Response md = ok(delegate.get(mapping + "?format=md"));
    assertThat(md.header("Content-Type")).startsWith("text/markdown");
    Response csvAgain = ok(delegate.get(mapping + "?format=csv"));
    assertThat(csvAgain.header("Content-Disposition")).isEqualTo("attachment; filename=\"mapping-" + r2 + ".csv\"");
    String diff = negotiation + "/diff?from=" + r + "&to=" + r2 + "&format=text";
    String text = ok(delegate.get(diff)).text();

    relabelBehindTheServersBack(r2, "changed by hand");
    assertThat(ok(delegate.get(mapping)).text()).isEqualTo(json);
    assertThat(ok(delegate.get(mapping + "?format=csv")).text()).isEqualTo(csv);
    assertThat(ok(delegate.get(diff)).text()).isEqualTo(text);

    server.plenary().changes().everything();
    assertThat(ok(delegate.get(mapping)).json().get("label").asText()).isEqualTo("changed by hand");
    assertThat(ok(delegate.get(diff)).text()).contains("changed by hand");
  }

  @Test
  @DisplayName("health answers from a recent probe, and GET /health/live without the database")
  void health() {
    Response health = server.client().get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    assertThat(server.client().get("/health").text()).isEqualTo(health.text());
  }
}
