package org.plenary.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/**
 * Issue 11, item 5: an outsider's refusals never reach a negotiation's chain or live feed, they are aggregated in
 * the global security log, and a 404 takes as long whether or not the negotiation exists.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Refused requests: aggregated, off the negotiation's chain, no existence side channel")
class RefusalsHttpTest {
  static final int FLOOD = 300;
  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<JsonNode> denied(JsonNode log, long account) {
    List<JsonNode> out = new ArrayList<>();
    log.get("events").forEach(e -> {
      if (e.get("type").asText().equals("access.denied") && e.path("accountId").asLong() == account) {
        out.add(e);
      }
    });
    return out;
  }

  @Test
  @DisplayName("an outsider's flood of 404s reaches neither the negotiation's chain nor its live feed;"
      + " the global log holds it as a few events that count every refusal")
  void outsiderFlood() {
    long n1 = server.negotiation("N1");
    String b1 = "/api/v1/negotiations/" + n1;
    server.participant(n1, "egy@example.org", "delegate", "EGY");
    String egypt = server.client().post("/api/v1/session", Map.of("email", "egy@example.org",
        "password", "password-of-egy@example.org")).json().get("token").asText();
    String secretariat = tokenOf("sec@example.org", n1, "secretariat");
    long n2 = server.negotiation("N2");
    ApiClient outsider = server.participant(n2, "prober@example.org", "delegate", "FRA");
    long prober = outsider.get("/api/v1/me").json().get("id").asLong();
    try (SseClient delegateFeed = SseClient.open(server.client().base(), b1 + "/events?since=0", egypt, null);
        SseClient secretariatFeed = SseClient.open(server.client().base(), b1 + "/events?since=0", secretariat, null)) {
      for (int i = 0; i < FLOOD; i++) {
        String path = switch (i % 3) {
          case 0 -> b1 + "/participants";
          case 1 -> b1 + "/revisions/" + (1000 + i);
          default -> b1 + "/audit";
        };
        Response r = outsider.get(path);
        assertThat(r.status()).as(path).isEqualTo(404);
      }
      // a sentinel everyone of N1 sees: what the feeds show before it is all they will show of the flood
      server.participant(n1, "late@example.org", "observer", null);
      for (SseClient feed : List.of(delegateFeed, secretariatFeed)) {
        List<SseClient.Event> got = feed.until(e -> e.type().equals("participant.added")
            && e.data().contains("observer"), Duration.ofSeconds(10));
        assertThat(got).extracting(SseClient.Event::type).contains("participant.added")
            .doesNotContain("access.denied");
        assertThat(got).extracting(SseClient.Event::data).noneMatch(d -> d.contains("\"accountId\":" + prober));
      }
    }
    // a restart writes the tallies of windows still open (as the end of the window would)
    server = server.restart();
    assertThat(denied(server.admin.get(b1 + "/audit?limit=1000").json(), prober)).isEmpty();
    List<JsonNode> global = denied(server.admin.get("/api/v1/audit?limit=1000").json(), prober);
    assertThat(global).as("the first refusal and one tally per window").hasSizeBetween(2, 4);
    // the first is one refusal; a tally says how many more came in its window
    int counted = global.stream().mapToInt(e -> Math.max(1, e.get("payload").path("repeated").asInt())).sum();
    assertThat(counted).as(global.toString()).isEqualTo(FLOOD);
  }

  @Test
  @DisplayName("a participant's refusal goes to its negotiation's chain and reaches the secretariat's live feed only")
  void participantRefusalsAreTheSecretariats() {
    long n1 = server.negotiation("N1");
    String b1 = "/api/v1/negotiations/" + n1;
    String secretariat = tokenOf("sec@example.org", n1, "secretariat");
    String chair = tokenOf("chair@example.org", n1, "facilitator");
    String observer = tokenOf("obs@example.org", n1, "observer");
    ApiClient egypt = server.participant(n1, "egy@example.org", "delegate", "EGY");
    server.participant(n1, "sau@example.org", "delegate", "SAU");
    String saudi = server.client().post("/api/v1/session", Map.of("email", "sau@example.org",
        "password", "password-of-sau@example.org")).json().get("token").asText();
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    tokens.put("secretariat", secretariat);
    tokens.put("facilitator", chair);
    tokens.put("observer", observer);
    tokens.put("other delegate", saudi);
    Map<String, SseClient> feeds = new java.util.LinkedHashMap<>();
    try {
      for (var t : tokens.entrySet()) {
        feeds.put(t.getKey(), SseClient.open(server.client().base(), b1 + "/events", t.getValue(), null));
      }
      assertThat(egypt.get(b1 + "/audit").status()).isEqualTo(403);
      // the refusal is recorded just after it is answered: wait for it before the sentinel
      long until = System.nanoTime() + 5_000_000_000L;
      while (!server.admin.get(b1 + "/audit?limit=1000").text().contains("access.denied")
          && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      server.participant(n1, "late@example.org", "observer", null);
      for (var feed : feeds.entrySet()) {
        List<SseClient.Event> got = feed.getValue().until(e -> e.type().equals("participant.added"),
            Duration.ofSeconds(10));
        List<String> types = got.stream().map(SseClient.Event::type).toList();
        assertThat(types).as(feed.getKey()).contains("participant.added");
        if (feed.getKey().equals("secretariat")) {
          assertThat(types).as(feed.getKey()).contains("access.denied");
        } else {
          assertThat(types).as(feed.getKey()).doesNotContain("access.denied");
        }
      }
    } finally {
      feeds.values().forEach(SseClient::close);
    }
    List<JsonNode> inChain = new ArrayList<>();
    server.admin.get(b1 + "/audit?limit=1000").json().get("events").forEach(e -> {
      if (e.get("type").asText().equals("access.denied")) {
        inChain.add(e);
      }
    });
    assertThat(inChain).hasSize(1);
    assertThat(inChain.get(0).get("delegation").asText()).isEqualTo("EGY");
  }

  private String tokenOf(String email, long n, String role) {
    server.participant(n, email, role, null);
    return server.client().post("/api/v1/session", Map.of("email", email, "password", "password-of-" + email))
        .json().get("token").asText();
  }

  @Test
  @DisplayName("a 404 on an existing negotiation takes as long as one on a missing negotiation (no existence side channel)")
  void notFoundTimingDoesNotDependOnExistence() {
    long n1 = server.negotiation("N1");
    server.participant(n1, "egy@example.org", "delegate", "EGY");
    long n2 = server.negotiation("N2");
    ApiClient outsider = server.participant(n2, "prober@example.org", "delegate", "FRA");
    // the same number of digits ("000001", "900001"), so the two problems are the same length
    long missing = n1 + 900_000;
    String missingPath = "/api/v1/negotiations/" + missing + "/participants";
    String paddedExisting = "/api/v1/negotiations/" + String.format("%06d", n1) + "/participants";
    assertThat(paddedExisting.length()).isEqualTo(missingPath.length());
    assertThat(outsider.get(paddedExisting).status()).isEqualTo(404);
    assertThat(outsider.get("/api/v1/negotiations/" + n1 + "/participants").status()).isEqualTo(404);
    assertThat(outsider.get(missingPath).status()).isEqualTo(404);
    int rounds = 400;
    long[] existing = new long[rounds];
    long[] absent = new long[rounds];
    for (int warm = 0; warm < 100; warm++) {
      outsider.get(paddedExisting);
      outsider.get(missingPath);
    }
    for (int i = 0; i < rounds; i++) {
      // interleaved, alternating which goes first, so load on the machine falls on both alike
      boolean existingFirst = i % 2 == 0;
      for (int k = 0; k < 2; k++) {
        boolean doExisting = existingFirst == (k == 0);
        long t0 = System.nanoTime();
        Response r = outsider.get(doExisting ? paddedExisting : missingPath);
        long t = System.nanoTime() - t0;
        assertThat(r.status()).isEqualTo(404);
        if (doExisting) {
          existing[i] = t;
        } else {
          absent[i] = t;
        }
      }
    }
    double medianExisting = median(existing) / 1e6;
    double medianAbsent = median(absent) / 1e6;
    // the probe saw 3 ms between the two; what is left must be noise, well under a millisecond
    assertThat(Math.abs(medianExisting - medianAbsent))
        .as("median 404 on an existing negotiation %.3f ms, on a missing one %.3f ms", medianExisting, medianAbsent)
        .isLessThan(0.5);
  }

  private static double median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
  }
}
