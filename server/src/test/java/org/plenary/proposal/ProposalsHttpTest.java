package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.REVISION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.PlenaryServer;
import org.plenary.testing.Res88Negotiation;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Proposals over HTTP")
class ProposalsHttpTest {
  @Parameter Backend backend;
  TestServer server;
  long n;
  long r;
  String base;
  JsonNode revision;
  final Map<String, ApiClient> delegates = new HashMap<>();

  @BeforeEach
  void start(TestServer server) {
    // the 13 delegations, the co-sponsors that propose nothing, and the groups' coordinators: no proposal yet
    Res88Negotiation res = Res88Negotiation.seated(server);
    this.server = server;
    n = res.n;
    r = res.r;
    revision = res.revision;
    base = res.base();
    for (String d : Res88Negotiation.DELEGATIONS) {
      delegates.put(d, res.delegate(d));
    }
  }

  long paragraphWith(String quote) {
    return Samples.paragraphWith(revision, quote);
  }

  String paragraphText(long id) {
    for (JsonNode p : revision.get("paragraphs")) {
      if (p.get("id").asLong() == id) {
        return p.get("text").asText();
      }
    }
    throw new AssertionError("no paragraph " + id);
  }

  long storedProposals() {
    return server.plenary().database().dsl().fetchCount(PROPOSAL);
  }

  /** Submits the sample proposals as their delegations would; returns sample id → stored proposal. */
  Map<String, JsonNode> submitSamples() throws Exception {
    JsonNode samples = new ObjectMapper().readTree(Samples.bytes("ar-itu-res88-zero.json")).get("proposals");
    Map<String, JsonNode> stored = new LinkedHashMap<>();
    for (JsonNode s : samples) {
      Map<String, Object> body = new HashMap<>();
      body.put("kind", s.get("kind").asText());
      body.put("paragraph", paragraphWith(s.get("paragraph_quote").asText()));
      body.put("text", s.get("text").asText());
      if (s.hasNonNull("rationale")) {
        body.put("rationale", s.get("rationale").asText());
      }
      if (s.hasNonNull("target")) {
        body.put("target", stored.get(s.get("target").asText()).get("id").asLong());
      }
      if (s.hasNonNull("on_behalf_of")) {
        body.put("onBehalfOf", s.get("on_behalf_of").asText());
      }
      body.put("cosponsors", new ObjectMapper().convertValue(s.get("cosponsors"), List.class));
      ApiClient as = delegates.get(s.get("delegation").asText());
      Response created = as.post(base + "/proposals", body);
      if (s.get("id").asText().equals("p12")) {
        // Qatar does not coordinate the Arab Group here: refused, nothing stored; it then speaks for itself.
        assertProblem(created, 403, "forbidden");
        assertThat(created.json().get("errors").get(0).get("field").asText()).isEqualTo("onBehalfOf");
        body.remove("onBehalfOf");
        created = as.post(base + "/proposals", body);
      }
      assertThat(created.status()).as(s.get("id") + ": " + created.text()).isEqualTo(201);
      assertThat(created.header("Location")).isEqualTo(base + "/proposals/" + created.json().get("id").asLong());
      assertThat(created.header("ETag")).isEqualTo(created.json().get("etag").asText());
      stored.put(s.get("id").asText(), created.json());
    }
    return stored;
  }

  static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
  }

  @Test
  @DisplayName("the sample proposals on the Arabic zero draft are stored, listed with counts per paragraph, and read back")
  void sampleProposals() throws Exception {
    Map<String, JsonNode> stored = submitSamples();
    assertThat(storedProposals()).isEqualTo(13);

    JsonNode p1 = stored.get("p1");
    assertThat(p1.get("kind").asText()).isEqualTo("amend");
    assertThat(p1.get("itu").get("code").asText()).isEqualTo("MOD");
    assertThat(p1.get("itu").get("ar").asText()).isEqualTo("تعديل");
    assertThat(p1.get("delegation").asText()).isEqualTo("ARAB");
    assertThat(p1.get("submittedBy").asText()).isEqualTo("EGY");
    assertThat(p1.get("cosponsors")).isEmpty();
    assertThat(p1.get("invitations")).hasSize(3);
    assertThat(p1.get("text").asText()).contains("2,6 مليار");
    JsonNode p2 = stored.get("p2");
    assertThat(p2.get("kind").asText()).isEqualTo("insert");
    assertThat(p2.get("placement").asText()).isEqualTo("after");
    assertThat(p2.get("itu").get("code").asText()).isEqualTo("ADD");
    assertThat(stored.get("p11").get("itu").get("ar").asText()).isEqualTo("إلغاء");
    assertThat(stored.get("p11").get("text").isNull()).isTrue();
    assertThat(stored.get("p13").get("itu").get("code").asText()).isEqualTo("NOC");
    assertThat(stored.get("p6").get("target").asLong()).isEqualTo(p1.get("id").asLong());
    assertThat(stored.get("p12").get("delegation").asText()).isEqualTo("QAT");

    long contested = paragraphWith("لا يزال 2,9 مليار شخص");
    Response list = delegates.get("MAR").get(base + "/proposals");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("proposals")).hasSize(13);
    // Pending invitations are not shown to a third delegation.
    for (JsonNode p : list.json().get("proposals")) {
      assertThat(p.has("invitations")).as(p.toString()).isFalse();
    }
    JsonNode count = null;
    for (JsonNode c : list.json().get("counts")) {
      if (c.get("paragraph").asLong() == contested) {
        count = c;
      }
    }
    assertThat(count).isNotNull();
    assertThat(count.get("total").asInt()).isEqualTo(3);
    assertThat(count.get("byKind").get("amend").asInt()).isEqualTo(2);
    assertThat(count.get("byKind").get("support").asInt()).isEqualTo(1);

    Response one = delegates.get("USA").get(base + "/proposals/" + p1.get("id").asLong());
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.header("ETag")).isEqualTo("\"p" + p1.get("id").asLong() + "v1\"");
    assertThat(one.json().get("rationale").asText()).isEqualTo("تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد الدولي للاتصالات.");

    Response paragraph = delegates.get("USA").get(base + "/paragraphs/" + contested);
    assertThat(paragraph.status()).isEqualTo(200);
    assertThat(paragraph.json().get("text").asText()).contains("2,9 مليار");
    assertThat(paragraph.json().get("proposals")).hasSize(3);
  }

  @Test
  @DisplayName("filters by paragraph, delegation, group, kind and state")
  void filters() throws Exception {
    submitSamples();
    assertThat(ids("?kind=amend")).hasSize(7);
    assertThat(ids("?kind=MOD")).hasSize(7);
    assertThat(ids("?delegation=EGY")).hasSize(2);
    // On behalf of the Arab Group, or by one of its member states.
    assertThat(ids("?group=ARAB")).hasSize(8);
    assertThat(ids("?group=EU")).hasSize(1);
    assertThat(ids("?paragraph=" + paragraphWith("لا يزال 2,9 مليار شخص") + "&kind=amend")).hasSize(2);
    assertThat(ids("?state=withdrawn")).isEmpty();
    Response bad = delegates.get("EGY").get(base + "/proposals?kind=veto&state=gone");
    assertProblem(bad, 400, "validation");
    assertThat(bad.json().get("errors")).hasSize(2);
  }

  List<Long> ids(String query) {
    Response r = delegates.get("EGY").get(base + "/proposals" + query);
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json().get("proposals").findValues("id").stream().map(JsonNode::asLong).toList();
  }

  @Test
  @DisplayName("a span amendment is anchored like a TextQuoteSelector; a quote not in the paragraph is refused and nothing is stored")
  void anchors() {
    long p = paragraphWith("لا يزال 2,9 مليار شخص");
    Response ok = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "MOD", "paragraph", p,
        "anchor", Map.of("exact", "2,9 مليار"), "text", "2,6 مليار"));
    assertThat(ok.status()).as(ok.text()).isEqualTo(201);
    JsonNode anchor = ok.json().get("anchor");
    String text = paragraphText(p);
    int start = anchor.get("start").asInt();
    assertThat(text.codePoints().skip(start).limit(anchor.get("end").asInt() - start)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString())
        .isEqualTo("2,9 مليار");
    assertThat(anchor.get("prefix").asText()).endsWith("لا يزال ");

    long before = storedProposals();
    Response missing = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "anchor", Map.of("exact", "3,1 مليار"), "text", "x"));
    assertProblem(missing, 400, "validation");
    assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("anchor.exact");
    Response offsets = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "anchor", Map.of("exact", "2,9 مليار", "start", start + 1, "end", start + 10), "text", "x"));
    assertProblem(offsets, 400, "validation");
    assertThat(offsets.json().get("errors").get(0).get("field").asText()).isEqualTo("anchor.exact");
    Response prefix = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "anchor", Map.of("exact", "2,9 مليار", "prefix", "لم يعد "), "text", "x"));
    assertProblem(prefix, 400, "validation");
    assertThat(prefix.json().get("errors").get(0).get("field").asText()).isEqualTo("anchor.prefix");
    assertThat(storedProposals()).isEqualTo(before);
  }

  long amendP9() {
    long p = paragraphWith("بضمن استمرار مكتب تنمية الاتصالات");
    String fixed = paragraphText(p).replace("بضمن استمرار", "بضمان استمرار");
    Response r = delegates.get("JOR").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "text", fixed, "rationale", "تصحيح لغوي."));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  @Test
  @DisplayName("editing and withdrawing need the current ETag in If-Match: 428 without, 412 when stale, and only the author delegation may")
  void editAndWithdraw() {
    long id = amendP9();
    String url = base + "/proposals/" + id;
    ApiClient jor = delegates.get("JOR");
    Response noMatch = jor.patch(url, Map.of("rationale", "تصحيح لغوي وإملائي."));
    assertProblem(noMatch, 428, "precondition-required");
    Response edited = jor.withHeader("If-Match", "\"p" + id + "v1\"").patch(url, Map.of("rationale", "تصحيح لغوي وإملائي."));
    assertThat(edited.status()).as(edited.text()).isEqualTo(200);
    assertThat(edited.header("ETag")).isEqualTo("\"p" + id + "v2\"");
    assertThat(edited.json().get("rationale").asText()).isEqualTo("تصحيح لغوي وإملائي.");
    Response stale = jor.withHeader("If-Match", "\"p" + id + "v1\"").patch(url, Map.of("rationale", "قديم"));
    assertProblem(stale, 412, "precondition-failed");
    assertThat(stale.json().get("etag").asText()).isEqualTo("\"p" + id + "v2\"");
    Response other = delegates.get("SAU").withHeader("If-Match", "\"p" + id + "v2\"").patch(url, Map.of("rationale", "x"));
    assertProblem(other, 403, "forbidden");
    ApiClient observer = server.participant(n, "observer@un.test", "observer", null);
    assertProblem(observer.withHeader("If-Match", "*").post(url + "/withdraw", "{}"), 403, "forbidden");
    assertProblem(observer.post(base + "/proposals", Map.of("kind", "comment", "paragraph", paragraphWith("بضمن استمرار"),
        "text", "ملاحظة")), 403, "forbidden");
    Response kind = jor.withHeader("If-Match", "\"p" + id + "v2\"").patch(url, Map.of("kind", "delete"));
    assertProblem(kind, 400, "validation");
    assertThat(jor.get(url).json().get("rationale").asText()).isEqualTo("تصحيح لغوي وإملائي.");

    assertProblem(jor.post(url + "/withdraw", "{}"), 428, "precondition-required");
    Response withdrawn = jor.withHeader("If-Match", "\"p" + id + "v2\"").post(url + "/withdraw", "{}");
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    assertThat(withdrawn.json().get("state").asText()).isEqualTo("withdrawn");
    assertThat(ids("?state=withdrawn")).containsExactly(id);
  }

  @Test
  @DisplayName("a group's proposal is changed through the group's coordinator, not by another member")
  void groupProposalEditedByCoordinator() {
    long p = paragraphWith("لا يزال 2,9 مليار شخص");
    Response created = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "anchor", Map.of("exact", "2,9"), "text", "2,6", "onBehalfOf", "ARAB"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String url = base + "/proposals/" + created.json().get("id").asLong();
    assertProblem(delegates.get("QAT").withHeader("If-Match", "*").patch(url, Map.of("text", "2,7")), 403, "forbidden");
    Response ok = delegates.get("EGY").withHeader("If-Match", created.header("ETag")).patch(url, Map.of("text", "2,7"));
    assertThat(ok.status()).as(ok.text()).isEqualTo(200);
    Response diff = delegates.get("QAT").get(url + "/diff");
    assertThat(diff.status()).as(diff.text()).isEqualTo(200);
    assertThat(diff.json().get("proposed").asText()).contains("2,7 مليار").doesNotContain("2,9");
  }

  @Test
  @DisplayName("the diff of an amendment shows the corrected word against the paragraph")
  void diff() {
    long id = amendP9();
    Response diff = delegates.get("USA").get(base + "/proposals/" + id + "/diff");
    assertThat(diff.status()).as(diff.text()).isEqualTo(200);
    List<String> ops = new ArrayList<>();
    diff.json().get("ops").forEach(op -> {
      if (!op.get("type").asText().equals("equal")) {
        ops.add(op.get("type").asText() + ":" + op.get("text").asText());
      }
    });
    assertThat(ops).containsExactly("delete:بضمن", "insert:بضمان");
  }

  @Test
  @DisplayName("a retried submission with the same Idempotency-Key is stored once; the key with another body is a 422")
  void idempotency() throws Exception {
    long p = paragraphWith("بضمن استمرار");
    ApiClient jor = delegates.get("JOR").withHeader("Idempotency-Key", "8b0d8f5e-res88-p9");
    Map<String, Object> body = Map.of("kind", "comment", "paragraph", p, "text", "نقترح «بضمان».");
    Response first = jor.post(base + "/proposals", body);
    assertThat(first.status()).as(first.text()).isEqualTo(201);
    Response again = jor.post(base + "/proposals", body);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(storedProposals()).isEqualTo(1);
    Response conflict = jor.post(base + "/proposals", Map.of("kind", "comment", "paragraph", p, "text", "نص آخر"));
    assertProblem(conflict, 422, "idempotency-key-reused");
    assertThat(storedProposals()).isEqualTo(1);

    // Concurrent first attempts with one key: one proposal, the same answer for all.
    ApiClient racer = delegates.get("JOR").withHeader("Idempotency-Key", "race-1");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> racer.post(base + "/proposals", Map.of("kind", "question", "paragraph", p,
            "text", "هل المقصود مكتب تنمية الاتصالات (BDT)؟"))));
      }
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (Future<Response> f : futures) {
        Response r = f.get();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        ids.add(r.json().get("id").asText());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedProposals()).isEqualTo(2);
    assertProblem(delegates.get("JOR").withHeader("Idempotency-Key", "two words").post(base + "/proposals", body), 400,
        "validation");
  }

  @Test
  @DisplayName("invited co-sponsors accept or decline; only accepted ones are shown to everyone")
  void cosponsors() {
    long p = paragraphWith("لا يزال 2,9 مليار شخص");
    Response created = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "anchor", Map.of("exact", "2,9"), "text", "2,6", "onBehalfOf", "ARAB", "cosponsors", List.of("IRQ", "ARE", "SAU")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String url = base + "/proposals/" + created.json().get("id").asLong();
    Response accepted = delegates.get("IRQ").put(url + "/cosponsors/IRQ", Map.of("answer", "accept"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    assertThat(delegates.get("SAU").put(url + "/cosponsors/SAU", Map.of("answer", "decline")).status()).isEqualTo(200);
    assertProblem(delegates.get("MAR").put(url + "/cosponsors/ARE", Map.of("answer", "accept")), 403, "forbidden");
    assertProblem(delegates.get("MAR").put(url + "/cosponsors/MAR", Map.of("answer", "accept")), 404, "not-found");
    assertProblem(delegates.get("IRQ").put(url + "/cosponsors/IRQ", Map.of("answer", "maybe")), 400, "validation");

    JsonNode publicView = delegates.get("USA").get(url).json();
    assertThat(publicView.get("cosponsors").toString()).isEqualTo("[\"IRQ\"]");
    assertThat(publicView.has("invitations")).isFalse();
    JsonNode authorView = delegates.get("EGY").get(url).json();
    assertThat(authorView.get("invitations").toString()).contains("{\"delegation\":\"SAU\",\"state\":\"declined\"}")
        .contains("{\"delegation\":\"ARE\",\"state\":\"invited\"}");
    Response more = delegates.get("EGY").post(url + "/cosponsors", Map.of("delegations", List.of("JOR", "QQQ")));
    assertProblem(more, 400, "validation");
    assertThat(more.json().get("errors").get(0).get("field").asText()).isEqualTo("cosponsors[1]");
    // a real delegation that does not take part could never answer (issue 11 item 13): refused on invitation
    // and on submission, naming the field
    Response absent = delegates.get("EGY").post(url + "/cosponsors", Map.of("delegations", List.of("JOR", "BRA")));
    assertProblem(absent, 400, "validation");
    assertThat(absent.json().get("errors").get(0).get("field").asText()).isEqualTo("cosponsors[1]");
    assertThat(absent.json().get("errors").get(0).get("message").asText()).contains("BRA does not take part");
    Response submitted = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p,
        "text", "لا يزال 2,6 مليار شخص", "cosponsors", List.of("BRA")));
    assertProblem(submitted, 400, "validation");
    assertThat(submitted.json().get("errors").get(0).get("field").asText()).isEqualTo("cosponsors[0]");
    assertThat(delegates.get("EGY").post(url + "/cosponsors", Map.of("delegations", List.of("JOR"))).status()).isEqualTo(200);
    assertThat(delegates.get("JOR").put(url + "/cosponsors/JOR", Map.of("answer", "accept")).json().get("cosponsors"))
        .hasSize(2);
    assertThat(ids("?delegation=JOR")).containsExactly(created.json().get("id").asLong());
    // The paragraph view reads proposals joined with their invitations in one query: this proposal comes once
    // (not once per invitation), with its accepted co-sponsors in invitation order.
    int seen = 0;
    for (JsonNode x : delegates.get("EGY").get(base + "/paragraphs/" + p).json().get("proposals")) {
      if (x.get("id").asLong() == created.json().get("id").asLong()) {
        seen++;
        assertThat(x.get("cosponsors").toString()).isEqualTo("[\"IRQ\",\"JOR\"]");
        assertThat(x.get("invitations")).hasSize(4);
      }
    }
    assertThat(seen).isEqualTo(1);
  }

  @Test
  @DisplayName("replies form a thread; facilitators answer, observers only read")
  void replies() {
    long id = amendP9();
    String url = base + "/proposals/" + id + "/replies";
    Response q = delegates.get("MAR").post(url, Map.of("text", "هل يشمل التصحيح الفقرة 3 أيضاً؟"));
    assertThat(q.status()).as(q.text()).isEqualTo(201);
    long first = q.json().get("id").asLong();
    ApiClient facilitator = server.participant(n, "chair@itu.test", "facilitator", null);
    Response a = facilitator.post(url, Map.of("text", "نعم، الفقرتان 2 و3.", "inReplyTo", first));
    assertThat(a.status()).as(a.text()).isEqualTo(201);
    assertProblem(facilitator.post(url, Map.of("text", "x", "inReplyTo", 99999)), 400, "validation");
    ApiClient observer = server.participant(n, "observer@un.test", "observer", null);
    assertProblem(observer.post(url, Map.of("text", "x")), 403, "forbidden");
    JsonNode thread = observer.get(url).json().get("replies");
    assertThat(thread).hasSize(2);
    assertThat(thread.get(0).get("delegation").asText()).isEqualTo("MAR");
    assertThat(thread.get(1).get("inReplyTo").asLong()).isEqualTo(first);
  }

  @Test
  @DisplayName("after the comment deadline new proposals and edits are refused with a problem that says the deadline")
  void deadline() {
    long id = amendP9();
    ApiClient facilitator = server.participant(n, "chair@itu.test", "facilitator", null);
    assertProblem(delegates.get("EGY").put(base + "/comment-window", Map.of("deadline", "2030-01-01T00:00:00Z")), 403,
        "forbidden");
    assertProblem(facilitator.put(base + "/comment-window", Map.of("deadline", "2020-01-01T00:00:00Z")), 400, "validation");
    assertProblem(facilitator.put(base + "/comment-window", Map.of("deadline", "tomorrow")), 400, "validation");
    Response set = facilitator.put(base + "/comment-window", Map.of("deadline", "2030-01-01T12:00:00+03:00"));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    assertThat(set.json().get("deadline").asText()).isEqualTo("2030-01-01T09:00:00Z");
    assertThat(set.json().get("open").asBoolean()).isTrue();

    // The window closes (moved into the past directly: the API only accepts future deadlines).
    server.plenary().database().dsl().update(REVISION)
        .set(REVISION.COMMENT_DEADLINE, OffsetDateTime.of(2026, 1, 5, 17, 0, 0, 0, ZoneOffset.UTC))
        .where(REVISION.ID.eq(r)).execute();
    server.plenary().changes().everything(); // no event moved the read caches
    long before = storedProposals();
    Response late = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment",
        "paragraph", paragraphWith("بضمن استمرار"), "text", "متأخر"));
    assertProblem(late, 409, "comment-window-closed");
    assertThat(late.json().get("detail").asText()).contains("2026-01-05 17:00:00 UTC");
    assertThat(late.json().get("deadline").asText()).isEqualTo("2026-01-05T17:00:00Z");
    assertThat(storedProposals()).isEqualTo(before);
    assertProblem(delegates.get("JOR").withHeader("If-Match", "*").patch(base + "/proposals/" + id,
        Map.of("rationale", "x")), 409, "comment-window-closed");
    assertThat(delegates.get("JOR").get(base + "/comment-window").json().get("open").asBoolean()).isFalse();
    // The facilitator extends it: proposals are accepted again.
    assertThat(facilitator.put(base + "/comment-window", Map.of("deadline", "2031-01-01T00:00:00Z")).status())
        .isEqualTo(200);
    assertThat(delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment",
        "paragraph", paragraphWith("بضمن استمرار"), "text", "في الموعد")).status()).isEqualTo(201);
  }

  @Test
  @DisplayName("under silence procedure only objections on named paragraphs are accepted, and who broke silence on what is listed")
  void silenceProcedure() {
    ApiClient facilitator = server.participant(n, "chair@itu.test", "facilitator", null);
    assertProblem(facilitator.put(base + "/comment-window", "{\"silence\": true, \"deadline\": null}"), 400,
        "validation");
    Response set = facilitator.put(base + "/comment-window", Map.of("deadline", "2030-01-01T00:00:00Z", "silence", true));
    assertThat(set.status()).as(set.text()).isEqualTo(200);
    long p = paragraphWith("يدعو المؤسسات المالية الدولية");
    Response amend = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "amend", "paragraph", p, "text", "نص"));
    assertProblem(amend, 409, "silence-procedure");
    assertThat(amend.json().get("detail").asText()).contains("2030-01-01 00:00:00 UTC");
    Response objection = delegates.get("TUN").post(base + "/proposals", Map.of("kind", "object", "paragraph", p,
        "text", "نكسر الصمت: الصياغة تحتاج إلى مشاورات."));
    assertThat(objection.status()).as(objection.text()).isEqualTo(201);
    assertThat(objection.json().get("breaksSilence").asBoolean()).isTrue();
    assertThat(storedProposals()).isEqualTo(1);
    Response breaks = delegates.get("USA").get(base + "/silence-breaks");
    assertThat(breaks.status()).isEqualTo(200);
    assertThat(breaks.json().get("broken").asBoolean()).isTrue();
    assertThat(breaks.json().get("breaks")).hasSize(1);
    assertThat(breaks.json().get("breaks").get(0).get("delegation").asText()).isEqualTo("TUN");
    assertThat(breaks.json().get("breaks").get(0).get("paragraph").asLong()).isEqualTo(p);
  }

  @Test
  @DisplayName("user text is stored as plain text: bidi controls balanced, control characters and overlong text refused")
  void plainText() {
    long p = paragraphWith("بضمن استمرار");
    String rlo = "\u202E";
    Response c = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment", "paragraph", p,
        "text", "تعليق " + rlo + "WSIS+20 \u202C\u202C (ITU) ١٢٣ مُعَدَّل\r\nسطر " + "\u2067" + "ثانٍ",
        "rationale", "<b>ليس HTML</b>"));
    assertThat(c.status()).as(c.text()).isEqualTo(201);
    assertThat(c.json().get("text").asText())
        .isEqualTo("تعليق " + rlo + "WSIS+20 \u202C (ITU) ١٢٣ مُعَدَّل\nسطر \u2067ثانٍ\u2069");
    assertThat(c.json().get("rationale").asText()).isEqualTo("<b>ليس HTML</b>");
    long before = storedProposals();
    Response bell = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment", "paragraph", p,
        "text", "a\u0007b"));
    assertProblem(bell, 400, "validation");
    assertThat(bell.json().get("errors").get(0).get("message").asText()).contains("U+0007");
    Response longText = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment", "paragraph", p,
        "text", "ن".repeat(20_001)));
    assertProblem(longText, 400, "validation");
    assertThat(longText.json().get("errors").get(0).get("message").asText()).contains("at most 20000");
    Response noKind = delegates.get("EGY").post(base + "/proposals", Map.of("paragraph", p, "text", "x"));
    assertProblem(noKind, 400, "validation");
    assertThat(noKind.json().get("errors").get(0).get("field").asText()).isEqualTo("kind");
    assertThat(storedProposals()).isEqualTo(before);
  }
}
