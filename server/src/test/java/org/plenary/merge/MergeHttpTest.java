package org.plenary.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The facilitators' merge over HTTP, with the Arabic zero draft and its sample proposals")
class MergeHttpTest {
  @Parameter Backend backend;
  TestServer server;
  Res88Negotiation res;
  ApiClient chair;

  @BeforeEach
  void start(TestServer server, Res88Negotiation res) {
    this.server = server;
    this.res = res;
    chair = server.participant(res.n, "chair@un.test", "facilitator", null);
  }

  static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
  }

  private long openWorkspace() {
    Response ws = chair.post(res.base() + "/successor", Map.of("label", "Rev.1"));
    assertThat(ws.status()).as(ws.text()).isEqualTo(201);
    assertThat(ws.json().get("state").asText()).isEqualTo("editing");
    return ws.json().get("id").asLong();
  }

  private String etag(String sample) {
    Response p = chair.get(res.base() + "/proposals/" + res.proposal(sample));
    assertThat(p.status()).as(p.text()).isEqualTo(200);
    return p.header("ETag");
  }

  private Response decide(String sample, String decision) {
    return decide(sample, decision, null);
  }

  private Response decide(String sample, String decision, String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("decision", decision);
    if (text != null) {
      body.put("text", text);
    }
    return chair.withHeader("If-Match", etag(sample)).put(res.base() + "/proposals/" + res.proposal(sample)
        + "/decision", body);
  }

  private static Response ok(Response r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  private String workspaceText(long ws, long paragraph) {
    for (JsonNode p : ok(chair.get(res.negotiation() + "/revisions/" + ws)).json().get("paragraphs")) {
      if (p.get("id").asLong() == paragraph) {
        return p.get("text").asText();
      }
    }
    return null;
  }

  private JsonNode proposalsOn(long revision) {
    return ok(chair.get(res.negotiation() + "/revisions/" + revision + "/proposals")).json().get("proposals");
  }

  @Test
  @DisplayName("accept p1, p2, p9, p11, note p7, not-retain p4 and publish: the diff is exactly those changes; every proposal has its fate; p3 is carried forward")
  void facilitatorBuildsRev1() {
    long ws = openWorkspace();
    assertProblem(chair.post(res.base() + "/successor", Map.of("label", "again")), 409, "workspace-open");
    ok(decide("p1", "accept"));
    Response clash = decide("p12", "accept");
    assertProblem(clash, 409, "merge-conflict");
    assertThat(clash.json().get("workspaceOps").size()).isPositive();
    assertThat(clash.json().get("proposalOps").toString()).contains("2024");
    ok(decide("p2", "accept"));
    ok(decide("p9", "accept"));
    ok(decide("p11", "accept"));
    ok(decide("p7", "noted"));
    ok(decide("p4", "not-retained"));
    long p9paragraph = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
    assertThat(workspaceText(ws, p9paragraph)).startsWith("بضمان استمرار");
    JsonNode overview = ok(chair.get(res.base() + "/successor-workspace")).json();
    assertThat(overview.get("progress").get("decided").asInt()).isEqualTo(6);

    JsonNode published = ok(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of())).json();
    assertThat(published.get("fates").get("accepted").asInt()).isEqualTo(5); // p1, p2, p9, p11 and p6 (p1's support)
    assertThat(published.get("fates").get("noted").asInt()).isEqualTo(1);
    assertThat(published.get("fates").get("not-retained").asInt()).isEqualTo(1);

    JsonNode diff = ok(res.delegate("EGY").get(res.negotiation() + "/diff?from=" + res.r + "&to=" + ws
        + "&format=json")).json();
    JsonNode summary = diff.get("summary");
    assertThat(summary.get("modified").asInt()).as(summary.toString()).isEqualTo(2);
    assertThat(summary.get("inserted").asInt()).isEqualTo(1);
    assertThat(summary.get("deleted").asInt()).isEqualTo(1);
    assertThat(summary.get("moved").asInt() + summary.get("moved_modified").asInt() + summary.get("renumbered").asInt()
        + summary.get("split").asInt() + summary.get("merged").asInt()).isZero();
    String changed = diff.get("paragraphs").toString();
    assertThat(changed).contains("2,6", "بضمان", "70/125");

    // fates, and the open ones on Rev.1
    JsonNode rev1Proposals = proposalsOn(ws);
    Map<Long, JsonNode> carried = new HashMap<>();
    rev1Proposals.forEach(p -> carried.put(p.get("carriedFrom").asLong(), p));
    assertThat(carried).containsKeys(res.proposal("p3"), res.proposal("p5"), res.proposal("p10"),
        res.proposal("p12"), res.proposal("p13"), res.proposal("p8"));
    assertThat(carried).doesNotContainKeys(res.proposal("p1"), res.proposal("p7"), res.proposal("p4"));
    assertThat(carried.get(res.proposal("p3")).get("needsRebase").asBoolean()).isFalse();
    assertThat(carried.get(res.proposal("p3")).get("delegation").asText()).isEqualTo("SAU");
    assertThat(carried.get(res.proposal("p12")).get("needsRebase").asBoolean())
        .as("p12 changes the very words p1 changed").isTrue();

    JsonNode mine = ok(res.delegate("EGY").get(res.negotiation() + "/fates")).json().get("fates");
    Map<Long, String> fate = new HashMap<>();
    mine.forEach(f -> fate.put(f.get("proposal").asLong(), f.get("fate").asText()));
    assertThat(fate).containsEntry(res.proposal("p1"), "accepted").containsEntry(res.proposal("p13"), "open");
    assertThat(fate).doesNotContainKey(res.proposal("p4")); // the EU's, not Egypt's
    assertProblem(res.delegate("EGY").get(res.negotiation() + "/fates?delegation=EU"), 403, "forbidden");
    JsonNode all = ok(chair.get(res.negotiation() + "/fates")).json().get("fates");
    assertThat(all.toString()).contains("\"fate\":\"not-retained\"", "\"fate\":\"noted\"", "\"fate\":\"open\"");
    JsonNode p1 = null;
    for (JsonNode f : mine) {
      if (f.get("proposal").asLong() == res.proposal("p1")) {
        p1 = f;
      }
    }
    assertThat(p1.get("resultingText").asText()).contains("2,6 مليار");

    // the zero draft is superseded: no new proposals there, reading stays
    Response late = res.delegate("MAR").post(res.base() + "/proposals", Map.of("kind", "comment",
        "paragraph", p9paragraph, "text", "ملاحظة متأخرة"));
    assertProblem(late, 409, "superseded");
    ok(res.delegate("MAR").get(res.base() + "/proposals"));
    ok(res.delegate("MAR").post(res.negotiation() + "/revisions/" + ws + "/proposals", Map.of("kind", "comment",
        "paragraph", p9paragraph, "text", "ملاحظة على النص الجديد")));
    // every step is in the audit log
    String audit = ok(server.admin.get(res.negotiation() + "/audit?limit=1000")).text();
    assertThat(audit).contains("workspace.decision", "revision.published", "proposal.carried-forward");
  }

  @Test
  @DisplayName("an open proposal whose paragraph was edited in other words is rebased; one whose very words changed needs a rebase")
  void carryForwardRebases() {
    long ws = openWorkspace();
    long p3paragraph = res.paragraph("بضمن تخصيص الموارد اللازمة");
    long p10paragraph = res.paragraph("تعزيز التقدم نحو التوصيلية الهادفة");
    edit(ws, p3paragraph, t -> t.replace("بضمن تخصيص", "بضمان تخصيص"));
    edit(ws, p10paragraph, t -> t.replace("الهادفة والتحول", "الهادفة والشاملة والتحول"));
    ok(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of()));
    Map<Long, JsonNode> carried = new HashMap<>();
    proposalsOn(ws).forEach(p -> carried.put(p.get("carriedFrom").asLong(), p));
    JsonNode p3 = carried.get(res.proposal("p3"));
    assertThat(p3.get("needsRebase").asBoolean()).isFalse();
    assertThat(p3.get("text").asText()).contains("بضمان تخصيص", "ومن الموارد من خارج الميزانية");
    assertThat(carried.get(res.proposal("p10")).get("needsRebase").asBoolean()).isTrue();
    // co-sponsors travel with the proposal
    assertThat(carried.get(res.proposal("p10")).toString()).contains("PAK");
  }

  private void edit(long ws, long paragraph, java.util.function.UnaryOperator<String> change) {
    String path = res.negotiation() + "/revisions/" + ws + "/paragraphs/" + paragraph;
    Response before = chair.get(res.base() + "/successor-workspace");
    String etag = null;
    String text = null;
    for (JsonNode p : before.json().get("paragraphs")) {
      if (p.get("id").asLong() == paragraph) {
        etag = p.get("etag").asText();
        text = p.get("text").asText();
      }
    }
    assertProblem(chair.patch(path, Map.of("text", change.apply(text))), 428, "precondition-required");
    Response done = chair.withHeader("If-Match", etag).patch(path, Map.of("text", change.apply(text)));
    assertThat(done.status()).as(done.text()).isEqualTo(200);
    assertThat(done.header("ETag")).isNotEqualTo(etag);
  }

  @Test
  @DisplayName("two facilitators save one paragraph at once: one wins, the other gets 412 with the newer text; nothing is lost")
  void racingFacilitators() throws Exception {
    long ws = openWorkspace();
    ApiClient second = server.participant(res.n, "chair2@un.test", "facilitator", null);
    long paragraph = res.paragraph("بضمن تخصيص الموارد اللازمة");
    String etag = null;
    for (JsonNode p : ok(chair.get(res.base() + "/successor-workspace")).json().get("paragraphs")) {
      if (p.get("id").asLong() == paragraph) {
        etag = p.get("etag").asText();
      }
    }
    String path = res.negotiation() + "/revisions/" + ws + "/paragraphs/" + paragraph;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      String e = etag;
      List<Callable<Response>> calls = List.of(
          () -> chair.withHeader("If-Match", e).patch(path, Map.of("text", "نص الميسر الأول")),
          () -> second.withHeader("If-Match", e).patch(path, Map.of("text", "نص الميسر الثاني")));
      List<Response> out = new ArrayList<>();
      for (Future<Response> f : pool.invokeAll(calls)) {
        out.add(f.get());
      }
      assertThat(out).extracting(Response::status).containsExactlyInAnyOrder(200, 412);
      Response winner = out.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
      Response loser = out.stream().filter(r -> r.status() == 412).findFirst().orElseThrow();
      assertThat(loser.json().get("text").asText()).isEqualTo(winner.json().get("text").asText());
      assertThat(workspaceText(ws, paragraph)).isEqualTo(winner.json().get("text").asText());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("two facilitators decide on different paragraphs and edit the order while a third publishes: every "
      + "answer is a decision, a 409 or a 412, and every decision that answered 200 has its fate")
  void decisionsRaceWithPublishing() throws Exception {
    long ws = openWorkspace();
    ApiClient second = server.participant(res.n, "chair2@un.test", "facilitator", null);
    long op2 = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
    long op3 = res.paragraph("بضمن تخصيص الموارد اللازمة");
    Map<String, String> etags = new HashMap<>();
    for (String sample : List.of("p2", "p4", "p7", "p9", "p11")) {
      etags.put(sample, etag(sample));
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Callable<List<Object[]>> first = () -> {
        List<Object[]> out = new ArrayList<>();
        for (String[] d : new String[][] {{"p9", "accept"}, {"p2", "accept"}, {"p7", "noted"}}) {
          out.add(new Object[] {d[0], d[1], chair.withHeader("If-Match", etags.get(d[0])).put(res.base()
              + "/proposals/" + res.proposal(d[0]) + "/decision", Map.of("decision", d[1]))});
        }
        return out;
      };
      Callable<List<Object[]>> other = () -> {
        List<Object[]> out = new ArrayList<>();
        for (String[] d : new String[][] {{"p11", "accept"}, {"p4", "not-retained"}}) {
          out.add(new Object[] {d[0], d[1], second.withHeader("If-Match", etags.get(d[0])).put(res.base()
              + "/proposals/" + res.proposal(d[0]) + "/decision", Map.of("decision", d[1]))});
        }
        Response inserted = second.post(res.negotiation() + "/revisions/" + ws + "/paragraphs", Map.of("after", op3,
            "text", "بضمان تقديم تقرير سنوي إلى المجلس؛"));
        out.add(new Object[] {null, null, inserted});
        if (inserted.status() == 201) {
          out.add(new Object[] {null, null, second.withHeader("If-Match", inserted.header("ETag")).post(
              res.negotiation() + "/revisions/" + ws + "/paragraphs/" + inserted.json().get("id").asLong() + "/move",
              Map.of("after", op2))});
        }
        return out;
      };
      Callable<List<Object[]>> publisher = () -> {
        Thread.sleep(30);
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"publish", null, server.participant(res.n, "chair3@un.test", "facilitator", null)
            .post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of())});
        return out;
      };
      List<Object[]> answers = new ArrayList<>();
      for (Future<List<Object[]>> f : pool.invokeAll(List.of(first, other, publisher))) {
        answers.addAll(f.get());
      }
      for (Object[] a : answers) {
        Response r = (Response) a[2];
        assertThat(r.status()).as(a[0] + " " + a[1] + ": " + r.text()).isIn(200, 201, 409, 412);
      }
      assertThat(answers.stream().filter(a -> "publish".equals(a[0])).map(a -> ((Response) a[2]).status()))
          .containsExactly(200);
      // each decision that answered 200 was taken before the publication and has its fate in it
      Map<Long, String> fates = new HashMap<>();
      for (JsonNode f : ok(chair.get(res.negotiation() + "/fates")).json().get("fates")) {
        fates.put(f.get("proposal").asLong(), f.get("fate").asText());
      }
      for (Object[] a : answers) {
        if (a[0] != null && a[1] != null && ((Response) a[2]).status() == 200) {
          String expected = a[1].equals("accept") ? "accepted" : (String) a[1];
          assertThat(fates.get(res.proposal((String) a[0]))).as((String) a[0]).isEqualTo(expected);
        }
      }
      // the published revision is numbered 0..n-1 again
      JsonNode paragraphs = ok(chair.get(res.negotiation() + "/revisions/" + ws)).json().get("paragraphs");
      for (int i = 0; i < paragraphs.size(); i++) {
        assertThat(paragraphs.get(i).get("position").asInt()).isEqualTo(i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, Object> item(String sample, String decision) {
    Map<String, Object> item = new HashMap<>();
    item.put("proposal", res.proposal(sample));
    item.put("etag", etag(sample));
    item.put("decision", decision);
    return item;
  }

  @Test
  @DisplayName("a batch of decisions: applied in order in one transaction; a refused item (stale, colliding) is reported and the rest kept; atomic keeps nothing")
  void batchOfDecisions() {
    long ws = openWorkspace();
    String decisions = res.base() + "/decisions";
    long p9paragraph = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
    long p1paragraph = res.paragraph("لا يزال 2,9 مليار شخص");
    String p1before = workspaceText(ws, p1paragraph);
    Map<String, Object> stale = item("p4", "not-retained");
    stale.put("etag", "\"p" + res.proposal("p4") + "v99\"");
    // p12 collides with p1, accepted just before it in the same batch
    JsonNode out = ok(chair.post(decisions, Map.of("decisions", List.of(item("p1", "accept"), item("p12", "accept"),
        item("p9", "accept"), item("p7", "noted"), stale)))).json();
    assertThat(out.get("decided").asInt()).isEqualTo(3);
    assertThat(out.get("refused").asInt()).isEqualTo(2);
    JsonNode results = out.get("results");
    assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(results.get(0).get("etag").asText()).isEqualTo("\"p" + res.proposal("p1") + "v2\"");
    assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
    assertThat(results.get(1).get("problem").get("type").asText()).isEqualTo("urn:plenary:problem:merge-conflict");
    assertThat(results.get(1).get("problem").get("workspaceOps").size()).isPositive();
    assertThat(results.get(0).get("paragraph").get("text").asText()).contains("2,6");
    assertThat(results.get(3).get("paragraph").isNull()).as("noted changes no text").isTrue();
    assertThat(results.get(4).get("status").asInt()).isEqualTo(412);
    assertThat(results.get(4).get("proposal").asLong()).isEqualTo(res.proposal("p4"));
    assertThat(workspaceText(ws, p1paragraph)).isNotEqualTo(p1before).contains("2,6");
    assertThat(workspaceText(ws, p9paragraph)).startsWith("بضمان");
    JsonNode overview = ok(chair.get(res.base() + "/successor-workspace")).json();
    assertThat(overview.get("progress").get("decided").asInt()).isEqualTo(3);
    String audit = ok(server.admin.get(res.negotiation() + "/audit?limit=1000")).text();
    assertThat(audit.split("workspace.decision", -1)).hasSize(4); // one event per kept decision
    assertThat(ok(server.admin.get(res.negotiation() + "/audit")).json().get("verification").get("intact")
        .asBoolean()).isTrue();

    // atomic: the stale item refuses the batch, and the decision before it is not kept either
    String p11paragraphText = workspaceText(ws, res.paragraph("المشاركة بفعالية في تقديم التقارير وتبادل الخبرات")); // p11 deletes it
    Response atomic = chair.post(decisions, Map.of("atomic", true, "decisions", List.of(item("p11", "accept"),
        item("p13", "noted"), stale)));
    assertProblem(atomic, 412, "precondition-failed");
    assertThat(atomic.json().get("index").asInt()).isEqualTo(2);
    assertThat(atomic.json().get("proposal").asLong()).isEqualTo(res.proposal("p4"));
    assertThat(workspaceText(ws, res.paragraph("المشاركة بفعالية في تقديم التقارير وتبادل الخبرات"))).isEqualTo(p11paragraphText);
    assertThat(ok(chair.get(res.base() + "/successor-workspace")).json().get("progress").get("decided").asInt())
        .isEqualTo(3);

    // bad input: one 400 naming every field, nothing written
    Map<String, Object> unknown = item("p13", "noted");
    unknown.put("visibility", "group:ARAB");
    Response bad = chair.post(decisions, Map.of("decisions", List.of(item("p13", "noted"), item("p13", "defer"))));
    assertProblem(bad, 400, "validation");
    assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("decisions[1].proposal");
    Response badFields = chair.post(decisions, Map.of("decisions", List.of(unknown, Map.of("proposal", "x",
        "decision", "noted"))));
    assertProblem(badFields, 400, "validation");
    assertThat(badFields.json().get("errors").findValuesAsText("field")).contains("decisions[0].visibility",
        "decisions[1].proposal", "decisions[1].etag");
    assertProblem(chair.post(decisions, Map.of("decisions", List.of())), 400, "validation");
    assertProblem(res.delegate("EGY").post(decisions, Map.of("decisions", List.of(item("p13", "noted")))), 403,
        "forbidden");
    assertThat(ok(chair.get(res.base() + "/successor-workspace")).json().get("progress").get("decided").asInt())
        .isEqualTo(3);
  }

  @Test
  @DisplayName("a batch larger than one chunk (120 notes, DecisionBatch.CHUNK = 50): every item kept or reported in order, a stale one in the second chunk refused alone")
  void batchOverSeveralChunks() {
    long paragraph = res.paragraph("لا يزال 2,9 مليار شخص");
    List<Long> comments = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Response c = res.delegate("EGY").post(res.base() + "/proposals", Map.of("kind", "comment", "paragraph",
          paragraph, "text", "تعليق رقم " + i));
      assertThat(c.status()).as(c.text()).isEqualTo(201);
      comments.add(c.json().get("id").asLong());
    }
    openWorkspace();
    List<Map<String, Object>> items = new java.util.ArrayList<>();
    for (long id : comments) {
      items.add(new HashMap<>(Map.of("proposal", id, "etag", "\"p" + id + "v1\"", "decision", "noted")));
    }
    items.get(70).put("etag", "\"p" + comments.get(70) + "v9\"");
    JsonNode out = ok(chair.post(res.base() + "/decisions", Map.of("decisions", items))).json();
    assertThat(out.get("decided").asInt()).isEqualTo(119);
    assertThat(out.get("refused").asInt()).isEqualTo(1);
    JsonNode results = out.get("results");
    assertThat(results).hasSize(120);
    for (int i = 0; i < 120; i++) {
      assertThat(results.get(i).get("proposal").asLong()).as("item " + i + " in order").isEqualTo(comments.get(i));
      assertThat(results.get(i).get("status").asInt()).as("item " + i).isEqualTo(i == 70 ? 412 : 200);
    }
    String audit = ok(server.admin.get(res.negotiation() + "/audit?limit=1000")).text();
    assertThat(audit.split("workspace.decision", -1)).hasSize(120);
  }

  @Test
  @DisplayName("a carried span amendment whose words Rev.1 changed needs a rebase: accepting it is 409 needs-rebase, never a wrong text or a 500; its compilation still renders")
  void carriedSpanNeedsRebase() {
    long p1paragraph = res.paragraph("لا يزال 2,9 مليار شخص");
    Response span = res.delegate("MAR").post(res.base() + "/proposals", Map.of("kind", "amend", "paragraph",
        p1paragraph, "anchor", Map.of("exact", "2,9 مليار"), "text", "2,7 مليار"));
    assertThat(span.status()).as(span.text()).isEqualTo(201);
    long ws = openWorkspace();
    ok(decide("p1", "accept")); // 2,9 → 2,6: the very words of the span amendment, at the same offsets
    ok(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of()));
    JsonNode carried = null;
    for (JsonNode p : proposalsOn(ws)) {
      if (p.get("carriedFrom").asLong() == span.json().get("id").asLong()) {
        carried = p;
      }
    }
    assertThat(carried).isNotNull();
    assertThat(carried.get("needsRebase").asBoolean()).isTrue();
    String rev1 = res.negotiation() + "/revisions/" + ws;
    ok(chair.post(rev1 + "/successor", Map.of("label", "Rev.2")));
    String etag = ok(chair.get(rev1 + "/proposals/" + carried.get("id").asLong())).header("ETag");
    Response accept = chair.withHeader("If-Match", etag).put(rev1 + "/proposals/" + carried.get("id").asLong()
        + "/decision", Map.of("decision", "accept"));
    assertProblem(accept, 409, "needs-rebase");
    assertProblem(res.delegate("MAR").get(rev1 + "/proposals/" + carried.get("id").asLong() + "/diff"), 409,
        "needs-rebase");
    assertThat(accept.json().get("exact").asText()).isEqualTo("2,9 مليار");
    assertThat(ok(chair.get(rev1 + "/successor-workspace")).toString()).doesNotContain("2,7 مليار شخص");
    JsonNode batch = ok(chair.post(rev1 + "/decisions", Map.of("decisions", List.of(Map.of("proposal",
        carried.get("id").asLong(), "etag", etag, "decision", "accept"))))).json();
    assertThat(batch.get("results").get(0).get("problem").get("type").asText())
        .isEqualTo("urn:plenary:problem:needs-rebase");
    ok(chair.withHeader("If-Match", etag).put(rev1 + "/proposals/" + carried.get("id").asLong() + "/decision",
        Map.of("decision", "accept-modified", "text", workspaceText(ws, p1paragraph).replace("2,6", "2,7"))));
    for (String format : List.of("json", "html", "md", "csv", "docx")) {
      Response c = chair.get(rev1 + "/compilation?format=" + format);
      assertThat(c.status()).as(format + ": " + c.text()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("deciding again replaces a decision, 'open' takes it back, and a combination decides several at once")
  void undoAndCombine() {
    long ws = openWorkspace();
    long p9paragraph = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
    String original = workspaceText(ws, p9paragraph);
    ok(decide("p9", "accept"));
    assertThat(workspaceText(ws, p9paragraph)).startsWith("بضمان");
    ok(decide("p9", "open"));
    assertThat(workspaceText(ws, p9paragraph)).isEqualTo(original);
    ok(decide("p9", "accept-modified", original.replace("بضمن", "بضمان").replace("مركزي", "رئيسي")));
    assertThat(workspaceText(ws, p9paragraph)).contains("بضمان", "رئيسي");
    assertProblem(decide("p9", "accept-modified"), 400, "validation");
    assertProblem(decide("p7", "accept"), 400, "validation");
    Response stale = chair.withHeader("If-Match", "\"p1v99\"").put(res.base() + "/proposals/" + res.proposal("p1")
        + "/decision", Map.of("decision", "noted"));
    assertProblem(stale, 412, "precondition-failed");
    // p1 and p12 combined in one facilitator text
    long p1paragraph = res.paragraph("لا يزال 2,9 مليار شخص");
    String combined = workspaceText(ws, p1paragraph).replace("2,9", "2,6").replace("في 2022", "في 2024");
    Response c = chair.post(res.base() + "/successor-workspace/combinations", Map.of("proposals",
        List.of(res.proposal("p1"), res.proposal("p12")), "text", combined));
    assertThat(c.status()).as(c.text()).isEqualTo(201);
    assertThat(workspaceText(ws, p1paragraph)).contains("2,6", "2024");
    JsonNode published = ok(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of())).json();
    assertThat(published.get("fates").get("combined").asInt()).as("p1, p12 and p6, the support of p1").isEqualTo(3);
    assertThat(published.get("fates").get("accepted-modified").asInt()).isEqualTo(1);
    assertProblem(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of()), 409, "published");
  }

  @Test
  @DisplayName("inserting, moving and deleting in the workspace: an inserted operative paragraph is numbered bis")
  void structure() {
    long ws = openWorkspace();
    long op2 = res.paragraph("بضمن استمرار مكتب تنمية الاتصالات");
    long op3 = res.paragraph("بضمن تخصيص الموارد اللازمة");
    Response inserted = chair.post(res.negotiation() + "/revisions/" + ws + "/paragraphs", Map.of("after", op2,
        "text", "بضمان تقديم تقرير سنوي إلى المجلس؛"));
    assertThat(inserted.status()).as(inserted.text()).isEqualTo(201);
    assertThat(inserted.json().get("number").asText()).isEqualTo("2 مكرراً");
    long bis = inserted.json().get("id").asLong();
    JsonNode moved = ok(chair.withHeader("If-Match", inserted.header("ETag"))
        .post(res.negotiation() + "/revisions/" + ws + "/paragraphs/" + bis + "/move", Map.of("after", op3))).json();
    assertThat(moved.get("position").asInt()).isGreaterThan(inserted.json().get("position").asInt());
    assertProblem(chair.withHeader("If-Match", inserted.header("ETag"))
        .post(res.negotiation() + "/revisions/" + ws + "/paragraphs/" + bis + "/move", Map.of("after", op2)), 412,
        "precondition-failed");
    Response gone = chair.withHeader("If-Match", moved.get("etag").asText())
        .delete(res.negotiation() + "/revisions/" + ws + "/paragraphs/" + bis);
    assertThat(gone.status()).as(gone.text()).isEqualTo(204);
    assertProblem(chair.post(res.negotiation() + "/revisions/" + ws + "/paragraphs", Map.of("text", "x")), 400,
        "validation");
  }

  @Test
  @DisplayName("delegates and observers never see the workspace: not over REST, diff, exports or the event stream")
  void workspaceIsTheChairs() {
    ApiClient observer = server.participant(res.n, "observer@un.test", "observer", null);
    long ws = openWorkspace();
    ok(decide("p9", "accept"));
    for (ApiClient outside : List.of(res.delegate("EGY"), observer)) {
      assertThat(outside.get(res.negotiation() + "/revisions/" + ws).status()).isEqualTo(404);
      assertThat(outside.get(res.negotiation() + "/revisions").text()).doesNotContain("Rev.1");
      assertThat(outside.get(res.negotiation() + "/diff?from=" + res.r + "&to=" + ws).status()).isEqualTo(404);
      assertThat(outside.get(res.negotiation() + "/revisions/" + ws + "/compilation?format=json").status())
          .isEqualTo(404);
      assertThat(outside.get(res.base() + "/successor-workspace").status()).isIn(403, 404);
    }
    String egypt = tokenOf("egy@delegation.test");
    try (SseClient sse = SseClient.open(server.client().base(), res.negotiation() + "/events?since=0", egypt, null)) {
      assertThat(sse.status()).isEqualTo(200);
      server.participant(res.n, "late@delegation.test", "delegate", "MAR");
      List<SseClient.Event> got = sse.until(e -> e.data().contains("late@") || e.type().equals("participant.added")
          && e.json().get("subject").asText().equals("account:" + accountOf("late@delegation.test")), Duration.ofSeconds(10));
      assertThat(got).extracting(SseClient.Event::type).noneMatch(t -> t.startsWith("workspace."));
      assertThat(got).extracting(SseClient.Event::data).noneMatch(d -> d.contains("\"revision\":" + ws));
    }
  }

  private String tokenOf(String email) {
    Response r = server.client().post("/api/v1/session", Map.of("email", email, "password", "password-of-" + email));
    return r.json().get("token").asText();
  }

  private long accountOf(String email) {
    for (JsonNode p : server.admin.get(res.negotiation() + "/participants").json().get("participants")) {
      if (p.get("email").asText().equals(email)) {
        return p.get("accountId").asLong();
      }
    }
    throw new AssertionError(email);
  }

  @Test
  @DisplayName("an uploaded Rev.1 gives every zero-draft proposal a detected fate; open ones are carried forward with one call")
  void uploadedRevisionFates() {
    JsonNode rev1 = server.upload(res.n, "Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    long r1 = rev1.get("id").asLong();
    JsonNode fates = ok(chair.get(res.negotiation() + "/fates?revision=" + r1)).json().get("fates");
    assertThat(fates.size()).isGreaterThanOrEqualTo(13);
    assertThat(fates.findValuesAsText("fate")).allMatch(f -> List.of("reflected", "partly-reflected", "not-reflected",
        "paragraph-deleted", "withdrawn").contains(f));
    JsonNode carried = ok(chair.post(res.negotiation() + "/revisions/" + r1 + "/carry-forward", Map.of())).json();
    assertThat(carried.get("carried").asInt()).isPositive();
    assertThat(proposalsOn(r1).size()).isEqualTo(carried.get("carried").asInt());
    // carrying again carries nothing twice
    JsonNode again = ok(chair.post(res.negotiation() + "/revisions/" + r1 + "/carry-forward", Map.of())).json();
    assertThat(again.get("carried").asInt()).isZero();
    assertProblem(res.delegate("EGY").post(res.negotiation() + "/revisions/" + r1 + "/carry-forward", Map.of()), 403,
        "forbidden");
  }

  @Test
  @DisplayName("once Rev.1 is published, the zero draft's compilation carries the status of proposals in every format")
  void compilationHasTheDisposition() throws Exception {
    ApiClient morocco = res.delegate("MAR");
    assertThat(ok(morocco.get(res.base() + "/compilation?format=json")).json().get("fates").size()).isZero();
    long ws = openWorkspace();
    ok(decide("p1", "accept"));
    ok(decide("p4", "not-retained"));
    ok(chair.post(res.negotiation() + "/revisions/" + ws + "/publish", Map.of()));
    JsonNode fates = ok(morocco.get(res.base() + "/compilation?format=json")).json().get("fates");
    assertThat(fates.findValuesAsText("fate")).contains("accepted", "not-retained", "carried-forward");
    assertThat(fates.findValuesAsText("fateLabel")).contains("مقبول", "غير مستبقى");
    assertThat(fates.findValuesAsText("revision")).containsOnly("Rev.1");
    assertThat(fates.get(0).get("id").isNumber()).isTrue();
    assertThat(ok(morocco.get(res.base() + "/compilation?format=html")).text()).contains("حالة المقترحات", "مقبول");
    assertThat(ok(morocco.get(res.base() + "/compilation?format=md")).text()).contains("## حالة المقترحات");
    String csv = ok(morocco.get(res.base() + "/compilation?format=csv")).text();
    assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",fate");
    assertThat(csv).contains("not-retained");
    byte[] docx = ok(morocco.get(res.base() + "/compilation?format=docx")).body();
    try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
      String document = null;
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          document = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
      assertThat(document).contains("حالة المقترحات", "غير مستبقى");
    }
  }
}
