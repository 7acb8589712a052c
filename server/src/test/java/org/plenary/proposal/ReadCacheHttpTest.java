package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.PARTICIPANT;
import static org.plenary.schema.Tables.PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

/**
 * The read caches of the policy guard and of {@code GET …/paragraphs/:p}: every change made through the API is
 * visible to the next request on the same node; a change made behind the server's back (SQL, no event) is
 * not, until the generations move, which shows that the answers really come from memory.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Read caches on one node")
class ReadCacheHttpTest {
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  long n;
  long r;
  long paragraph;
  String base;
  final Map<String, ApiClient> delegates = new HashMap<>();

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    var up = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    r = up.get("id").asLong();
    paragraph = paragraphWith(up, "لا يزال 2,9 مليار شخص");
    base = "/api/v1/negotiations/" + n + "/revisions/" + r;
    for (String d : List.of("EGY", "SAU", "IRQ")) {
      delegates.put(d, server.participant(n, d.toLowerCase() + "@delegation.test", "delegate", d));
    }
    server.awaitReliableCaches();
    server.drainNotifications();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static long paragraphWith(JsonNode revision, String quote) {
    return Samples.paragraphWith(revision, quote);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  JsonNode paragraphAs(String delegation) {
    Response got = delegates.get(delegation).get(base + "/paragraphs/" + paragraph);
    assertThat(got.status()).as(got.text()).isEqualTo(200);
    return got.json();
  }

  static JsonNode proposal(JsonNode paragraphJson, long id) {
    for (JsonNode x : paragraphJson.get("proposals")) {
      if (x.get("id").asLong() == id) {
        return x;
      }
    }
    return null;
  }

  Response propose(String delegation, Map<String, Object> body) {
    return delegates.get(delegation).post(base + "/proposals", body);
  }

  @Test
  @DisplayName("a proposal posted is in the very next read of its paragraph on the same node, every time")
  void readYourWrite() {
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int before = paragraphAs("EGY").get("proposals").size();
      paragraphAs("SAU");
      Response created = propose("SAU", Map.of("kind", "amend", "paragraph", paragraph,
          "anchor", Map.of("exact", "2,9"), "text", "2," + i + " (ITU) WSIS+20 ٢٠٢٥",
          "rationale", "تحديث الأرقام رقم " + i));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      long id = created.json().get("id").asLong();
      ids.add(id);
      JsonNode after = paragraphAs("EGY");
      assertThat(after.get("proposals").size()).isEqualTo(before + 1);
      assertThat(proposal(after, id)).as("proposal " + id + " right after its POST").isNotNull();
      assertThat(proposal(after, id).get("text").asText()).isEqualTo("2," + i + " (ITU) WSIS+20 ٢٠٢٥");
      assertThat(proposal(paragraphAs("SAU"), id)).as("the author reads its own write").isNotNull();
    }
    assertThat(paragraphAs("IRQ").get("proposals")).hasSize(5);
  }

  @Test
  @DisplayName("an edit, a co-sponsor's answer and a withdrawal show in the next read; invitations still per viewer")
  void changesShowAtOnce() {
    Response created = propose("SAU", Map.of("kind", "comment", "paragraph", paragraph,
        "text", "نقترح الإشارة إلى الاتحاد الدولي للاتصالات (ITU)", "cosponsors", List.of("IRQ")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    // One cached entry, rendered per viewer: the invitee sees its invitation, an uninvolved delegation does not.
    assertThat(proposal(paragraphAs("EGY"), id).has("invitations")).isFalse();
    assertThat(proposal(paragraphAs("IRQ"), id).get("invitations").get(0).get("delegation").asText()).isEqualTo("IRQ");
    assertThat(proposal(paragraphAs("EGY"), id).has("invitations")).isFalse();

    Response edited = delegates.get("SAU").withHeader("If-Match", created.header("ETag"))
        .patch(base + "/proposals/" + id, Map.of("text", "نقترح الإشارة إلى القمة العالمية WSIS+20"));
    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    assertThat(proposal(paragraphAs("EGY"), id).get("text").asText()).isEqualTo("نقترح الإشارة إلى القمة العالمية WSIS+20");

    Response accepted = delegates.get("IRQ").put(base + "/proposals/" + id + "/cosponsors/IRQ", Map.of("answer", "accept"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(proposal(paragraphAs("EGY"), id).get("cosponsors").toString()).isEqualTo("[\"IRQ\"]");

    Response withdrawn = delegates.get("SAU").withHeader("If-Match", edited.header("ETag"))
        .post(base + "/proposals/" + id + "/withdraw", Map.of());
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    assertThat(proposal(paragraphAs("EGY"), id).get("state").asText()).isEqualTo("withdrawn");
  }

  @Test
  @DisplayName("the paragraph comes from memory until something changes; filtered reads always go to the database")
  void servedFromMemory() {
    Response created = propose("EGY", Map.of("kind", "comment", "paragraph", paragraph, "text", "تعليق أول"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    server.drainNotifications();
    assertThat(proposal(paragraphAs("SAU"), id).get("text").asText()).isEqualTo("تعليق أول");

    // Behind the server's back: no event, so the cached entry stays current.
    server.plenary().database().dsl().update(PROPOSAL).set(PROPOSAL.TEXT, "تعليق مُعدَّل مباشرة")
        .where(PROPOSAL.ID.eq(id)).execute();
    assertThat(proposal(paragraphAs("SAU"), id).get("text").asText()).as("from the cache").isEqualTo("تعليق أول");
    Response filtered = delegates.get("SAU").get(base + "/paragraphs/" + paragraph + "?kind=comment");
    assertThat(filtered.status()).as(filtered.text()).isEqualTo(200);
    assertThat(proposal(filtered.json(), id).get("text").asText()).as("filtered: from the database")
        .isEqualTo("تعليق مُعدَّل مباشرة");

    // Any proposal event of the negotiation moves its content generation.
    Response other = propose("IRQ", Map.of("kind", "question", "paragraph", paragraph, "text", "ما المصدر؟"));
    assertThat(other.status()).as(other.text()).isEqualTo(201);
    assertThat(proposal(paragraphAs("SAU"), id).get("text").asText()).isEqualTo("تعليق مُعدَّل مباشرة");
  }

  @Test
  @DisplayName("the guard keeps the caller's membership in memory, and a participant change takes effect on the next request")
  void guardCache() {
    paragraphAs("EGY");
    long egypt = server.plenary().database().dsl().select(PARTICIPANT.ACCOUNT_ID).from(PARTICIPANT)
        .where(PARTICIPANT.NEGOTIATION_ID.eq(n), PARTICIPANT.DELEGATION_CODE.eq("EGY")).fetchSingle().value1();
    // Behind the server's back: the guard still has EGY (and proposals are content: they do not move it).
    server.plenary().database().dsl().update(PARTICIPANT).set(PARTICIPANT.DELEGATION_CODE, "IRQ")
        .where(PARTICIPANT.NEGOTIATION_ID.eq(n), PARTICIPANT.ACCOUNT_ID.eq(egypt)).execute();
    Map<String, Object> comment = Map.of("kind", "comment", "paragraph", paragraph, "text", "مصر تؤيد (ITU)");
    Response cached = propose("EGY", comment);
    assertThat(cached.status()).as(cached.text()).isEqualTo(201);
    assertThat(cached.json().get("delegation").asText()).as("membership from the guard cache").isEqualTo("EGY");
    server.plenary().changes().everything();
    Response fresh = propose("EGY", comment);
    assertThat(fresh.status()).as(fresh.text()).isEqualTo(201);
    assertThat(fresh.json().get("delegation").asText()).isEqualTo("IRQ");

    // Through the API: the secretariat makes Egypt's delegate an observer; the next request sees it.
    server.participant(n, "egy@delegation.test", "observer", null);
    Response refused = propose("EGY", comment);
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(refused.json().get("detail").asText()).contains("(observer)");
    assertThat(paragraphAs("EGY").get("id").asLong()).as("an observer still reads").isEqualTo(paragraph);
    server.participant(n, "egy@delegation.test", "delegate", "EGY");
    Response again = propose("EGY", comment);
    assertThat(again.status()).as(again.text()).isEqualTo(201);
    assertThat(again.json().get("delegation").asText()).isEqualTo("EGY");
  }

  @Test
  @DisplayName("a new comment deadline reaches the guard at once, and the window closes by the clock, not by the cache")
  void commentWindow() {
    paragraphAs("EGY");
    Map<String, Object> comment = Map.of("kind", "comment", "paragraph", paragraph, "text", "قبل الموعد");
    assertThat(propose("EGY", comment).status()).isEqualTo(201);
    // The API takes whole seconds in the future: two to three seconds from now.
    OffsetDateTime deadline = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    ApiClient chair = server.participant(n, "chair@plenary.test", "facilitator", null);
    Response set = chair.put(base + "/comment-window", Map.of("deadline", deadline.toString()));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    Response open = propose("EGY", comment);
    assertThat(open.status()).as(open.text()).isEqualTo(201);
    while (!OffsetDateTime.now(ZoneOffset.UTC).isAfter(deadline.plusNanos(50_000_000))) {
      sleep(50);
    }
    Response late = propose("EGY", comment);
    assertThat(late.status()).as(late.text()).isEqualTo(409);
    assertThat(late.json().get("type").asText()).endsWith("comment-window-closed");
    // The guard's own refusal (it names the revision), with the deadline it learnt from the change.
    assertThat(late.json().get("detail").asText()).contains("for revision " + r)
        .contains(deadline.format(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")));
    assertThat(late.json().get("deadline").asText()).isEqualTo(deadline.toString());
  }
}
