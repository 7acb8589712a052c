package org.plenary.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Arabic zero draft of ITU Resolution 88 in a negotiation over HTTP, with the 13 sample proposals
 * (test resource {@code ar-itu-res88-zero.json}) submitted by their delegations: the Arab Group coordinated by
 * Egypt, G77 by Iraq, the EU by Germany; every co-sponsor named takes part. Qatar does not coordinate the Arab
 * Group here, so p12 is its own.
 *
 * <pre>
 *   Res88Negotiation res = Res88Negotiation.create(server);
 *   res.delegate("EGY").get(res.base() + "/proposals/" + res.proposal("p1"));
 * </pre>
 *
 * <p>A {@link PlenaryServer} test gets one as a parameter; {@link #seated} is the same without the proposals.
 */
public final class Res88Negotiation {
  public static final List<String> DELEGATIONS = List.of("EGY", "IRQ", "SAU", "DEU", "IRN", "ARE", "MAR", "TUN", "JOR",
      "CHN", "USA", "QAT", "PAK");
  private static final List<String> CO_SPONSORS_ONLY = List.of("KWT", "BHR", "FRA", "SWE");

  public final TestServer server;
  public final long n;
  public final long r;
  public final JsonNode revision;
  private final Map<String, ApiClient> delegates = new HashMap<>();
  private final Map<String, Long> proposals = new LinkedHashMap<>();
  private final Map<String, JsonNode> samples = new LinkedHashMap<>();

  private Res88Negotiation(TestServer server, long n, JsonNode revision) {
    this.server = server;
    this.n = n;
    this.revision = revision;
    this.r = revision.get("id").asLong();
  }

  /** The negotiation and its zero draft, with every sample proposal submitted. */
  public static Res88Negotiation create(TestServer server) {
    return create(server, Set.of());
  }

  /** As {@link #create(TestServer)}, without the proposals named in {@code skip} (e.g. "p12"). */
  public static Res88Negotiation create(TestServer server, Set<String> skip) {
    Res88Negotiation res = seated(server);
    res.submit(skip);
    return res;
  }

  /**
   * The negotiation, its zero draft and its delegations (the 13 delegates logged in, the co-sponsors that
   * propose nothing, the three groups with their coordinators), before any proposal: for tests of submitting.
   */
  public static Res88Negotiation seated(TestServer server) {
    long n = server.negotiation("القرار 88 (كيغالي، 2022)");
    Res88Negotiation res = new Res88Negotiation(server, n, server.upload(n, "Zero draft",
        Samples.text("ar-itu-res88-zero.txt")));
    for (String d : DELEGATIONS) {
      res.delegates.put(d, server.participant(n, d.toLowerCase() + "@delegation.test", "delegate", d));
    }
    // the sample's co-sponsors that propose nothing take part too (a co-sponsor must be able to answer)
    for (String d : CO_SPONSORS_ONLY) {
      ok(server.admin.post(res.negotiation() + "/delegations", Map.of("code", d)));
    }
    for (String[] g : new String[][] {{"ARAB", "EGY"}, {"G77", "IRQ"}, {"EU", "DEU"}}) {
      ok(server.admin.post(res.negotiation() + "/delegations", Map.of("code", g[0])));
      ok(server.admin.put(res.negotiation() + "/delegations/" + g[0] + "/coordinator", Map.of("coordinator", g[1])));
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Samples.bytes("ar-itu-res88-zero.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (JsonNode s : root.get("proposals")) {
      res.samples.put(s.get("id").asText(), s);
    }
    return res;
  }

  /** Submits the sample proposals not in {@code skip}, each by its delegation (p12 for Qatar itself). */
  public void submit(Set<String> skip) {
    for (JsonNode s : samples.values()) {
      String id = s.get("id").asText();
      if (skip.contains(id)) {
        continue;
      }
      Map<String, Object> body = new HashMap<>();
      body.put("kind", s.get("kind").asText());
      body.put("paragraph", Samples.paragraphWith(revision, s.get("paragraph_quote").asText()));
      body.put("text", s.get("text").asText());
      if (s.hasNonNull("rationale")) {
        body.put("rationale", s.get("rationale").asText());
      }
      if (s.hasNonNull("target")) {
        body.put("target", proposals.get(s.get("target").asText()));
      }
      if (s.hasNonNull("on_behalf_of") && !id.equals("p12")) {
        body.put("onBehalfOf", s.get("on_behalf_of").asText());
      }
      List<String> cosponsors = new java.util.ArrayList<>();
      s.path("cosponsors").forEach(c -> cosponsors.add(c.asText()));
      body.put("cosponsors", cosponsors);
      ApiClient.Response created = delegates.get(s.get("delegation").asText()).post(base() + "/proposals", body);
      assertThat(created.status()).as(id + ": " + created.text()).isEqualTo(201);
      proposals.put(id, created.json().get("id").asLong());
    }
  }

  /** The sample proposals as given in the test resource, by id ("p1" … "p13"), in order. */
  public Map<String, JsonNode> samples() {
    return java.util.Collections.unmodifiableMap(samples);
  }

  private static ApiClient.Response ok(ApiClient.Response r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  public String negotiation() {
    return "/api/v1/negotiations/" + n;
  }

  /** The zero draft's path, {@code /api/v1/negotiations/{n}/revisions/{r}}. */
  public String base() {
    return negotiation() + "/revisions/" + r;
  }

  public ApiClient delegate(String code) {
    return delegates.get(code);
  }

  /** The id of sample proposal {@code sampleId} ("p1" … "p13"). */
  public long proposal(String sampleId) {
    return proposals.get(sampleId);
  }

  public JsonNode sample(String sampleId) {
    return samples.get(sampleId);
  }

  /** The zero draft's paragraph that quotes {@code quote}. */
  public long paragraph(String quote) {
    return Samples.paragraphWith(revision, quote);
  }
}
