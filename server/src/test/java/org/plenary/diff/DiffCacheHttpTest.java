package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.REVISION;

import java.nio.file.Path;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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
 * The diff's caches over HTTP. Published revisions never change, so the tests change their stored text
 * behind the server's back: a response that does not show the change was served from memory.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The revision diff's caches, ETag and 304")
class DiffCacheHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;
  long zero;
  long rev1;
  ApiClient delegate;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    zero = server.revision(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    rev1 = server.revision(n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    delegate = server.participant(n, "egypt@example.org", "delegate", "EGY");
  }

  @AfterEach
  void stop() {
    server.close();
  }


  private String diff(String extra) {
    return "/api/v1/negotiations/" + n + "/diff?from=" + zero + "&to=" + rev1 + extra;
  }

  private DSLContext dsl() {
    return server.plenary().database().dsl();
  }

  /** Rewrites a word in Rev.1's stored paragraphs, as no route can. */
  private void rewriteRev1(String word, String replacement) {
    int changed = dsl().update(PARAGRAPH_VERSION)
        .set(PARAGRAPH_VERSION.TEXT, DSL.replace(PARAGRAPH_VERSION.TEXT, DSL.inline(word), DSL.inline(replacement)))
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(rev1).and(PARAGRAPH_VERSION.TEXT.contains(word)))
        .execute();
    assertThat(changed).isPositive();
    server.plenary().changes().everything(); // no event moved the read caches
  }

  private void setRev1State(String state) {
    dsl().update(REVISION).set(REVISION.STATE, state).where(REVISION.ID.eq(rev1)).execute();
    server.plenary().changes().everything(); // no event moved the read caches
  }

  @Test
  @DisplayName("a strong ETag; If-None-Match with it is 304 without a body; another format has another tag")
  void etag() {
    Response first = delegate.get(diff(""));
    assertThat(first.status()).isEqualTo(200);
    String etag = first.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"").hasSizeGreaterThan(10);
    Response again = delegate.get(diff(""));
    assertThat(again.header("ETag")).isEqualTo(etag);
    assertThat(again.body()).isEqualTo(first.body());

    Response notModified = delegate.withHeader("If-None-Match", "\"other\", " + etag).get(diff(""));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.header("ETag")).isEqualTo(etag);

    Response text = delegate.withHeader("If-None-Match", etag).get(diff("&format=text"));
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.header("ETag")).isNotEqualTo(etag);
    assertThat(delegate.withHeader("If-None-Match", "\"stale\"").get(diff("")).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a diff between published revisions is served from memory; no-cache recomputes from cached texts")
  void hit() {
    Response first = delegate.get(diff(""));
    assertThat(first.text()).contains("بضمان");
    rewriteRev1("بضمان", "بتأمين");
    Response cached = delegate.get(diff(""));
    assertThat(cached.body()).isEqualTo(first.body());
    // Recomputed: same paragraphs (published, held in memory), so the same bytes and tag.
    Response fresh = delegate.withHeader("Cache-Control", "no-cache").get(diff(""));
    assertThat(fresh.status()).isEqualTo(200);
    assertThat(fresh.body()).isEqualTo(first.body());
    // Other options are another result, computed from the texts held in memory.
    assertThat(delegate.get(diff("&ignore=diacritics")).text()).contains("بضمان").doesNotContain("بتأمين");
  }

  @Test
  @DisplayName("a revision being edited is never cached: each request reads its current text")
  void editingNeverCached() {
    setRev1State("editing");
    Response first = server.admin.get(diff(""));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.text()).contains("بضمان");
    rewriteRev1("بضمان", "بتأمين");
    Response second = server.admin.get(diff(""));
    assertThat(second.text()).contains("بتأمين").doesNotContain("بضمان");
    assertThat(second.header("ETag")).isNotEqualTo(first.header("ETag"));
    assertThat(server.admin.withHeader("If-None-Match", first.header("ETag")).get(diff("")).status())
        .isEqualTo(200);

    // Published now: read once more, then held.
    setRev1State("published");
    Response published = delegate.get(diff(""));
    assertThat(published.text()).contains("بتأمين");
    rewriteRev1("بتأمين", "بكفالة");
    assertThat(delegate.withHeader("Cache-Control", "no-cache").get(diff("")).body()).isEqualTo(published.body());
  }

  @Test
  @DisplayName("access is checked on every request before the cache: outsiders 404, delegates not an edited revision")
  void accessBeforeCache() {
    Response cached = delegate.get(diff(""));
    assertThat(cached.status()).isEqualTo(200);
    String etag = cached.header("ETag");

    long other = server.negotiation("negotiation of others");
    ApiClient outsider = server.participant(other, "outsider@example.org", "delegate", "DZA");
    assertThat(outsider.get(diff("")).status()).isEqualTo(404);
    assertThat(outsider.withHeader("If-None-Match", etag).get(diff("")).status()).isEqualTo(404);
    assertThat(server.client().get(diff("")).status()).isEqualTo(401);

    // Back to editing (facilitators' workspace): the cached diff is no longer the delegate's to see.
    setRev1State("editing");
    assertThat(delegate.get(diff("")).status()).isEqualTo(404);
    assertThat(delegate.withHeader("If-None-Match", etag).get(diff("")).status()).isEqualTo(404);
    ApiClient facilitator = server.participant(n, "chair@example.org", "facilitator", null);
    assertThat(facilitator.get(diff("")).status()).isEqualTo(200);
  }
}
