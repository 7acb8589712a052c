package org.plenary.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.plenary.audit.AuditLog;
import org.plenary.testing.ApiClient;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Live updates over Server-Sent Events")
class LiveUpdatesHttpTest {
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

  static String token(TestServer server, String email, String password) {
    ApiClient.Response r = server.client().post("/api/v1/session", Map.of("email", email, "password", password));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("token").asText();
  }

  /** Adding a delegate whose state is not yet in the negotiation adds the state first ("delegation.added"). */
  static boolean notAutomatic(SseClient.Event e) {
    return !"delegation.added".equals(e.type());
  }

  static String participantToken(TestServer server, long n, String email, String role, String delegation) {
    server.participant(n, email, role, delegation);
    return token(server, email, "password-of-" + email);
  }

  String events() {
    return "/api/v1/negotiations/" + n + "/events";
  }

  SseClient subscribe(String token, String lastEventId) {
    SseClient c = SseClient.open(server.client().base(), events(), token, lastEventId);
    assertThat(c.status()).as(c.errorBody()).isEqualTo(200);
    return c;
  }

  JsonNode upload(String label, String sample) {
    ApiClient.Response r = server.admin.postText("/api/v1/negotiations/" + n + "/revisions?label=" + label,
        Samples.text(sample));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  static long paragraphWith(JsonNode revision, String quote) {
    return Samples.paragraphWith(revision, quote);
  }

  @Test
  @DisplayName("a proposal posted by one delegation reaches the others live; a co-sponsor invitation only those concerned")
  void proposalsGoLive() {
    JsonNode zero = upload("Zero%20draft", "ar-itu-res88-zero.txt");
    long r = zero.get("id").asLong();
    long paragraph = paragraphWith(zero, "لا يزال 2,9 مليار شخص");
    String egyptToken = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    ApiClient egypt = server.client().withToken(egyptToken);
    String iraq = participantToken(server, n, "iraq@example.org", "delegate", "IRQ");
    String france = participantToken(server, n, "france@example.org", "delegate", "FRA");
    String facilitator = participantToken(server, n, "chair@example.org", "facilitator", null);
    try (SseClient iq = subscribe(iraq, null); SseClient fr = subscribe(france, null);
        SseClient chair = subscribe(facilitator, null); SseClient eg = subscribe(egyptToken, null)) {
      ApiClient.Response created = egypt.post("/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals",
          Map.of("kind", "amend", "paragraph", paragraph, "text", "لا يزال 2,6 مليار شخص غير متصلين (ITU)",
              "rationale", "تحديث الأرقام"));
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      long id = created.json().get("id").asLong();
      for (SseClient c : List.of(iq, fr, chair)) {
        JsonNode payload = c.await("proposal.created", WAIT).json().get("payload");
        assertThat(payload.get("proposal").asLong()).isEqualTo(id);
        assertThat(payload.get("paragraph").asLong()).isEqualTo(paragraph);
        assertThat(payload.get("delegation").asText()).isEqualTo("EGY");
      }
      ApiClient.Response invited = egypt.post("/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals/" + id
          + "/cosponsors", Map.of("delegations", List.of("IRQ")));
      assertThat(invited.status()).as(invited.text()).isEqualTo(200);
      server.participant(n, "morocco@example.org", "delegate", "MAR");
      assertThat(iq.await("proposal.cosponsors-invited", WAIT).json().get("payload").get("invited").get(0).asText())
          .isEqualTo("IRQ");
      assertThat(chair.await("proposal.cosponsors-invited", WAIT)).isNotNull();
      assertThat(fr.until(e -> e.type().equals("participant.added"), WAIT)).filteredOn(LiveUpdatesHttpTest::notAutomatic)
          .extracting(SseClient.Event::type)
          .as("France is not concerned by the invitation").containsExactly("participant.added");
      // Iraq declines: the proposing delegation learns it live, France (not concerned) does not
      ApiClient.Response declined = server.client().withToken(iraq).put("/api/v1/negotiations/" + n + "/revisions/" + r
          + "/proposals/" + id + "/cosponsors/IRQ", Map.of("answer", "decline"));
      assertThat(declined.status()).as(declined.text()).isEqualTo(200);
      assertThat(eg.await("proposal.cosponsor-declined", WAIT).json().get("payload").get("delegation").asText())
          .isEqualTo("IRQ");
      server.participant(n, "tunisia@example.org", "delegate", "TUN");
      assertThat(fr.until(e -> e.type().equals("participant.added"), WAIT)).extracting(SseClient.Event::type)
          .as("France is not concerned by the decline").doesNotContain("proposal.cosponsor-declined");
    }
  }

  @Test
  @DisplayName("a delegate sees an Arabic revision upload the moment it commits, as id/event/data")
  void deliversNewEvents() {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    try (SseClient sse = subscribe(egypt, null)) {
      assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
      assertThat(sse.header("Cache-Control")).isEqualTo("no-store");
      upload("Zero%20draft", "ar-itu-res88-zero.txt");
      SseClient.Event e = sse.await("revision.created", WAIT);
      JsonNode data = e.json();
      assertThat(data.get("id").asLong()).isEqualTo(e.eventId());
      assertThat(data.get("negotiation").asLong()).isEqualTo(n);
      assertThat(data.get("payload").get("label").asText()).isEqualTo("Zero draft");
      assertThat(data.get("payload").get("paragraphs").asInt()).isGreaterThan(20);
    }
  }

  @Test
  @DisplayName("outsiders get 404, anonymous callers 401, a malformed Last-Event-ID or since 400 with the field")
  void refusesOutsidersAndBadInput() {
    String outsider = participantToken(server, server.negotiation("Other"), "x@example.org", "delegate", "FRA");
    SseClient c = SseClient.open(server.client().base(), events(), outsider, null);
    assertThat(c.status()).isEqualTo(404);
    assertThat(c.header("Content-Type")).startsWith("application/problem+json");
    assertThat(SseClient.open(server.client().base(), events(), null, null).status()).isEqualTo(401);
    assertThat(SseClient.open(server.client().base(), "/api/v1/negotiations/999999/events",
        server.admin == null ? null : token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD), null)
        .status()).isEqualTo(404);
    String admin = token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    SseClient bad = SseClient.open(server.client().base(), events(), admin, "abc");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorBody()).contains("\"field\":\"Last-Event-ID\"");
    SseClient badSince = SseClient.open(server.client().base(), events() + "?since=-3", admin, null);
    assertThat(badSince.status()).isEqualTo(400);
    assertThat(badSince.errorBody()).contains("\"field\":\"since\"");
  }

  @Test
  @DisplayName("a client resuming with Last-Event-ID gets exactly what it missed, from the event table, in order")
  void resumesWithLastEventId() {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    long seen;
    try (SseClient sse = subscribe(egypt, null)) {
      upload("Zero%20draft", "ar-itu-res88-zero.txt");
      seen = sse.await("revision.created", WAIT).eventId();
    }
    // While disconnected: three more events.
    server.participant(n, "saudi@example.org", "delegate", "SAU");
    upload("Rev.1", "ar-itu-res88-rev1.txt");
    server.participant(n, "france@example.org", "delegate", "FRA");
    try (SseClient sse = subscribe(egypt, String.valueOf(seen))) {
      // At least once: events shortly before the resume point may come again (a late commit could hide
      // there); everything after it comes exactly once, in order.
      List<SseClient.Event> got = sse.until(e -> e.type().equals("participant.added") && e.data().contains("FRA"), WAIT);
      List<SseClient.Event> missed = got.stream().filter(e -> e.json().get("id").asLong() > seen)
          .filter(LiveUpdatesHttpTest::notAutomatic).toList();
      assertThat(missed).extracting(SseClient.Event::type)
          .containsExactly("participant.added", "revision.created", "participant.added");
      assertThat(got).extracting(e -> e.json().get("id").asLong()).isSorted().doesNotHaveDuplicates();
      assertThat(sse.next(Duration.ofMillis(300))).as("nothing more").isNull();
      // and live again after the replay
      server.participant(n, "morocco@example.org", "delegate", "MAR");
      assertThat(sse.await("participant.added", WAIT).data()).contains("MAR");
    }
    // ?since=0 replays the whole history of the negotiation, starting with its creation.
    try (SseClient sse = SseClient.open(server.client().base(), events() + "?since=0", egypt, null)) {
      assertThat(sse.next(WAIT).type()).isEqualTo("negotiation.created");
    }
  }

  @Test
  @DisplayName("emails reach only the secretariat, and an event with an audience only the delegations concerned")
  void filtersWhatEachSubscriberMaySee() throws Exception {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    String saudi = participantToken(server, n, "saudi@example.org", "delegate", "SAU");
    String secretariat = token(server, TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    try (SseClient eg = subscribe(egypt, null); SseClient sa = subscribe(saudi, null);
        SseClient sec = subscribe(secretariat, null)) {
      // An invitation meant for Saudi Arabia only (as a co-sponsor invitation carries it).
      server.plenary().database().tx(dsl -> AuditLog.append(dsl, n, new AuditLog.Actor(null, "ARAB"),
          "proposal.cosponsor-invited", "proposal:1", Map.of("audience", List.of("SAU"), "text", "دعوة")))
          .toCompletionStage().toCompletableFuture().get();
      server.participant(n, "morocco@example.org", "delegate", "MAR");

      assertThat(sa.await("proposal.cosponsor-invited", WAIT).json().get("payload").get("text").asText())
          .isEqualTo("دعوة");
      assertThat(sec.await("proposal.cosponsor-invited", WAIT)).isNotNull();
      List<SseClient.Event> forEgypt = eg.until(e -> e.type().equals("participant.added"), WAIT);
      assertThat(forEgypt).filteredOn(LiveUpdatesHttpTest::notAutomatic).extracting(SseClient.Event::type)
          .containsExactly("participant.added");

      JsonNode redacted = forEgypt.get(forEgypt.size() - 1).json().get("payload");
      assertThat(redacted.get("delegation").asText()).isEqualTo("MAR");
      assertThat(redacted.has("email")).as("no email for a delegate").isFalse();
      assertThat(sec.await("participant.added", WAIT).json().get("payload").get("email").asText())
          .isEqualTo("morocco@example.org");
    }
  }

  @Test
  @DisplayName("an event that commits after one with a higher id still reaches live subscribers, once")
  void lateCommitReachesSubscribers() throws Exception {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    var db = server.plenary().database();
    AuditLog.Actor actor = new AuditLog.Actor(null, "EGY");
    try (SseClient sse = subscribe(egypt, null)) {
      java.util.concurrent.CountDownLatch appended = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      var slow = db.tx(dsl -> {
        long id = AuditLog.append(dsl, n, actor, "test.slow", "test", Map.of("text", "بطيء"));
        appended.countDown();
        try {
          release.await(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return id;
      }).toCompletionStage().toCompletableFuture();
      assertThat(appended.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      long fast = db.tx(dsl -> AuditLog.append(dsl, n, actor, "test.fast", "test", Map.of("text", "سريع")))
          .toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      SseClient.Event first = sse.await("test.fast", WAIT);
      assertThat(first.eventId()).isEqualTo(fast);
      release.countDown();
      long slowId = slow.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(slowId).as("the slow event has the lower id").isLessThan(fast);
      SseClient.Event late = sse.await("test.slow", WAIT);
      assertThat(late.json().get("id").asLong()).isEqualTo(slowId);
      assertThat(late.eventId()).as("the resume point does not go back").isEqualTo(fast);
      assertThat(sse.next(Duration.ofMillis(500))).as("each once").isNull();
    }
  }

  @Test
  @DisplayName("the stream ends cleanly when the server shuts down, well within the graceful-stop delay")
  void endsOnShutdown() {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    SseClient sse = subscribe(egypt, null);
    long t0 = System.nanoTime();
    server.close();
    assertThat(sse.awaitEnd(Duration.ofSeconds(8))).as("stream ended").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
    server = TestServer.start(server.db(), server.dataDir());
  }

  @Test
  @DisplayName("a disconnected client leaves nothing behind: the server keeps streaming to the others")
  void survivesClientDisconnects() {
    String egypt = participantToken(server, n, "egypt@example.org", "delegate", "EGY");
    for (int i = 0; i < 5; i++) {
      subscribe(egypt, null).close();
    }
    try (SseClient sse = subscribe(egypt, null)) {
      server.participant(n, "saudi@example.org", "delegate", "SAU");
      assertThat(sse.await("participant.added", WAIT).data()).contains("SAU");
    }
  }
}
