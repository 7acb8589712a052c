package org.plenary.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
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
import org.plenary.testing.Samples;
import org.plenary.testing.SseClient;
import org.plenary.testing.TestServer;

/**
 * The Arab Group prepares its notes on the Arabic draft of Resolution 88 in Plenary: Egypt coordinates ARAB;
 * Saudi Arabia, Iraq, the UAE, Jordan and Qatar are members; ESCWA is invited. Nothing of the stage is visible
 * outside the group before the submission, on any channel.
 */
@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("A group's private stage over HTTP")
class GroupStageHttpTest {
  static final String SECRET = "ملاحظة سرية للمجموعة العربية";

  @Parameter Backend backend;
  TestServer server;
  long n;
  long r;
  String base;
  String group;
  long figures;
  long other;
  String figuresText;
  ApiClient egypt;
  ApiClient saudi;
  ApiClient iraq;
  ApiClient jordan;
  ApiClient escwa;
  ApiClient usa;
  ApiClient brazil;
  ApiClient observer;
  ApiClient facilitator;
  ApiClient secretariat;
  String usaToken;

  @BeforeEach
  void start(TestServer server) {
    this.server = server;
    n = server.negotiation("القرار 88 (كيغالي، 2022)", "ar");
    JsonNode revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    r = revision.get("id").asLong();
    base = "/api/v1/negotiations/" + n + "/revisions/" + r;
    group = base + "/groups/ARAB";
    figures = Samples.paragraphWith(revision, "لا يزال 2,9 مليار شخص");
    for (JsonNode p : revision.get("paragraphs")) {
      if (p.get("id").asLong() == figures) {
        figuresText = p.get("text").asText();
      }
    }
    other = Samples.paragraphWith(revision, "بضمن استمرار مكتب تنمية الاتصالات");
    egypt = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    saudi = server.participant(n, "sau@delegation.test", "delegate", "SAU");
    iraq = server.participant(n, "irq@delegation.test", "delegate", "IRQ");
    jordan = server.participant(n, "jor@delegation.test", "delegate", "JOR");
    server.participant(n, "are@delegation.test", "delegate", "ARE");
    server.participant(n, "qat@delegation.test", "delegate", "QAT");
    usa = server.participant(n, "usa@delegation.test", "delegate", "USA");
    brazil = server.participant(n, "bra@delegation.test", "delegate", "BRA");
    observer = server.participant(n, "observer@un.test", "observer", null);
    facilitator = server.participant(n, "chair@un.test", "facilitator", null);
    secretariat = server.participant(n, "secretariat@un.test", "secretariat", null);
    ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "ARAB")));
    ok(server.admin.put("/api/v1/negotiations/" + n + "/delegations/ARAB/coordinator", Map.of("coordinator", "EGY")));
    ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "G77")));
    ok(server.admin.put("/api/v1/negotiations/" + n + "/delegations/G77/coordinator", Map.of("coordinator", "BRA")));
    ok(server.admin.post("/api/v1/negotiations/" + n + "/delegations", Map.of("code", "ESCWA", "kind", "organisation",
        "nameEn", "Economic and Social Commission for Western Asia", "nameAr", "اللجنة الاقتصادية والاجتماعية لغربي آسيا")));
    escwa = server.participant(n, "escwa@un.test", "delegate", "ESCWA");
    usaToken = token("usa@delegation.test");
  }

  static void assertProblem(Response r, int status, String type) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
  }

  static Response ok(Response r) {
    assertThat(r.status()).as(r.text()).isBetween(200, 299);
    return r;
  }

  String token(String email) {
    Response t = server.client().post("/api/v1/session", Map.of("email", email, "password", "password-of-" + email));
    return ok(t).json().get("token").asText();
  }

  String deadline() {
    return Instant.now().plusSeconds(86_400).toString();
  }

  void openStage() {
    Response opened = egypt.put(group + "/stage", Map.of("deadline", deadline(), "guests", List.of("ESCWA")));
    assertThat(opened.status()).as(opened.text()).isEqualTo(201);
  }

  long note(ApiClient as, Map<String, Object> body) {
    Response r = as.post(group + "/notes", body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    assertThat(r.json().get("visibility").asText()).isEqualTo("group:ARAB");
    return r.json().get("id").asLong();
  }

  Map<String, Object> amend(String exact, String text) {
    Map<String, Object> body = new HashMap<>();
    body.put("kind", "amend");
    body.put("paragraph", figures);
    body.put("anchor", Map.of("exact", exact));
    body.put("text", text);
    return body;
  }

  @Test
  @DisplayName("the Arab Group's flow: members' notes, a combination, adoption, stances, the Arabic notes document, submission with co-sponsors, fates back to members")
  void arabGroupFlow() throws Exception {
    openStage();
    // members write, through the group's route and through the proposals route with a visibility
    long saudiFigure = note(saudi, amend("2,9 مليار", "2,6 مليار"));
    long iraqWords = note(iraq, amend("شخص", "إنسان"));
    Map<String, Object> viaProposals = new HashMap<>(Map.of("kind", "comment", "paragraph", other, "text", SECRET,
        "visibility", "group:ARAB"));
    Response posted = jordan.post(base + "/proposals", viaProposals);
    assertThat(posted.status()).as(posted.text()).isEqualTo(201);
    long jordanComment = posted.json().get("id").asLong();
    assertThat(posted.header("Location")).contains("/groups/ARAB/notes/" + jordanComment);
    long escwaComment = note(escwa, Map.of("kind", "question", "paragraph", other, "text", "هل تشمل الفقرة الإسكوا؟"));
    // a guest comments and asks; it does not propose text
    assertProblem(escwa.post(group + "/notes", amend("2,9 مليار", "3 مليار")), 403, "forbidden");
    // support inside the group, and the rules of stances
    note(jordan, Map.of("kind", "support", "target", saudiFigure));
    assertProblem(saudi.post(group + "/notes", Map.of("kind", "support", "target", saudiFigure)), 409, "own-proposal");

    // the coordinator combines the two amendments of PP9 by the three-way merge of their words
    JsonNode combined = ok(egypt.post(group + "/combinations", Map.of("notes", List.of(saudiFigure, iraqWords))))
        .json();
    JsonNode item = combined.get("items").get(0);
    assertThat(item.get("origin").asText()).isEqualTo("combined");
    assertThat(item.get("text").asText()).contains("2,6 مليار").contains("إنسان").doesNotContain("2,9 مليار");
    assertThat(item.get("cosponsors").toString()).contains("SAU", "IRQ", "JOR");
    long combinedItem = item.get("id").asLong();
    // conflicting amendments are not merged silently
    long clash = note(jordan, amend("2,9 مليار", "2,7 مليار"));
    long clash2 = note(iraq, amend("2,9 مليار", "2,8 مليار"));
    assertProblem(egypt.post(group + "/combinations", Map.of("notes", List.of(clash, clash2))), 409, "merge-conflict");
    ok(egypt.put(group + "/notes/" + clash + "/decision", Map.of("decision", "not-retained")));
    ok(egypt.put(group + "/notes/" + clash2 + "/decision", Map.of("decision", "noted")));
    // Jordan's remark is adopted with the coordinator's words; ESCWA's question is noted
    JsonNode position = ok(egypt.put(group + "/notes/" + jordanComment + "/decision",
        Map.of("decision", "adopt-modified", "text", "تؤكد المجموعة العربية على أهمية استمرار مكتب التنمية"))).json();
    assertThat(position.get("items")).hasSize(2);
    ok(egypt.put(group + "/notes/" + escwaComment + "/decision", Map.of("decision", "noted")));
    // the notes read back with their decisions before the submission (items without a proposal yet)
    JsonNode decided = ok(saudi.get(group + "/notes")).json().get("notes");
    assertThat(decided.findValuesAsText("decision")).contains("combined", "adopt-modified", "noted");
    // only the coordinator decides
    assertProblem(saudi.put(group + "/notes/" + escwaComment + "/decision", Map.of("decision", "adopt")), 403, "forbidden");
    // members' stances: Qatar-free; the UAE is silent; Iraq opts out of co-sponsoring the combined item
    ok(iraq.put(group + "/position/" + combinedItem + "/stance", Map.of("stance", "support", "cosponsor", false)));
    ok(saudi.put(group + "/position/" + combinedItem + "/stance", Map.of("stance", "support")));
    position = ok(jordan.get(group + "/position")).json();
    JsonNode first = position.get("items").get(0);
    assertThat(first.get("cosponsors").toString()).contains("SAU", "JOR").doesNotContain("IRQ");
    assertThat(first.get("optedOut").toString()).contains("IRQ");

    // the notes document, in Arabic, as the coordinator circulates it
    Response html = ok(saudi.get(group + "/notes?format=html"));
    assertThat(html.text()).contains("dir=\"rtl\"").contains(SECRET).contains("<ins>2,6 </ins>مليار").contains("الإسكوا")
        .contains("اعتُمدت مع تعديل");
    Response docx = ok(egypt.get(group + "/notes?format=docx&part=position"));
    String document = documentXml(docx.body());
    assertThat(document).contains("w:ins").contains("2,6").contains("تؤكد المجموعة العربية").doesNotContain(SECRET);
    assertThat(docx.header("Content-Disposition")).contains("ARAB-notes.docx");
    libreOfficeKeeps(ok(egypt.get(group + "/notes?format=docx")).body());
    JsonNode json = ok(jordan.get(group + "/notes?format=json&attributed=false")).json();
    assertThat(json.toString()).contains(SECRET).doesNotContain("\"JOR\"");

    // nothing of it outside the group yet
    assertThat(usa.get(base + "/proposals").json().get("proposals")).isEmpty();

    // the submission: one transaction, on behalf of the group, with co-sponsors; idempotent
    Response submitted = egypt.post(group + "/submission", Map.of());
    assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
    List<Long> ids = new ArrayList<>();
    submitted.json().get("proposals").forEach(x -> ids.add(x.asLong()));
    assertThat(ids).hasSize(2);
    Response again = egypt.post(group + "/submission", Map.of());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("proposals").toString()).isEqualTo(submitted.json().get("proposals").toString());
    JsonNode publicList = usa.get(base + "/proposals").json().get("proposals");
    assertThat(publicList).hasSize(2);
    JsonNode amendment = publicList.get(0);
    assertThat(amendment.get("delegation").asText()).isEqualTo("ARAB");
    assertThat(amendment.get("submittedBy").asText()).isEqualTo("EGY");
    assertThat(amendment.get("cosponsors").toString()).contains("SAU", "JOR").doesNotContain("IRQ");
    assertThat(publicList.toString()).doesNotContain(SECRET);
    assertThat(server.admin.get("/api/v1/negotiations/" + n + "/audit?limit=1000").json().get("events").findValuesAsText("type"))
        .containsOnlyOnce("group.submitted").noneMatch(t -> t.startsWith("group.") && !t.equals("group.submitted"));
    // after the submission the stage takes no more notes
    assertProblem(saudi.post(group + "/notes", amend("2,9 مليار", "2 مليار")), 409, "group-position-submitted");

    // the facilitators accept the group's amendment into Rev.1; Saudi Arabia sees its note's fate
    long ws = ok(facilitator.post(base + "/successor", Map.of("label", "Rev.1"))).json().get("id").asLong();
    String etag = facilitator.get(base + "/proposals/" + ids.get(0)).header("ETag");
    ok(facilitator.withHeader("If-Match", etag).put(base + "/proposals/" + ids.get(0) + "/decision",
        Map.of("decision", "accept")));
    ok(facilitator.post("/api/v1/negotiations/" + n + "/revisions/" + ws + "/publish", Map.of()));
    JsonNode mine = ok(saudi.get(group + "/notes?mine=true")).json().get("notes");
    JsonNode outcome = mine.get(0).get("outcome");
    assertThat(outcome.get("decision").asText()).isEqualTo("combined");
    assertThat(outcome.get("proposal").asLong()).isEqualTo(ids.get(0));
    assertThat(outcome.get("fate").asText()).isEqualTo("accepted");
    assertThat(outcome.get("fateRevision").asText()).isEqualTo("Rev.1");
  }

  @Test
  @DisplayName("before the submission nobody outside the group sees a note, a count or an event: not another delegation, an observer, a facilitator, the secretariat or another group's member")
  void nothingLeaks() throws Exception {
    try (SseClient live = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events", usaToken, null)) {
      openStage();
      note(saudi, Map.of("kind", "comment", "paragraph", figures, "text", SECRET));
      long amendment = note(iraq, amend("2,9 مليار", "2,6 مليار"));
      ok(egypt.put(group + "/notes/" + amendment + "/decision", Map.of("decision", "adopt")));
      Map<String, ApiClient> outsiders = Map.of("USA", usa, "observer", observer, "facilitator", facilitator,
          "secretariat", secretariat, "BRA (G77 only)", brazil, "admin", server.admin);
      for (var e : outsiders.entrySet()) {
        ApiClient as = e.getValue();
        for (String path : List.of(group + "/stage", group + "/notes", group + "/notes/" + amendment, group + "/position",
            group + "/notes?format=html")) {
          Response refused = as.get(path);
          assertThat(refused.status()).as(e.getKey() + " GET " + path).isEqualTo(404);
          assertThat(refused.text()).doesNotContain(SECRET).doesNotContain("2,6");
        }
        assertThat(as.get(base + "/groups").status()).as(e.getKey()).isIn(200, 404);
        if (as.get(base + "/groups").status() == 200) {
          assertThat(as.get(base + "/groups").json().get("stages")).as(e.getKey()).isEmpty();
        }
        JsonNode listing = as.get(base + "/proposals").json();
        assertThat(listing.get("proposals")).as(e.getKey()).isEmpty();
        assertThat(listing.get("counts")).as(e.getKey()).isEmpty();
        assertThat(as.get(base + "/paragraphs/" + figures).text()).as(e.getKey()).doesNotContain(SECRET);
        assertThat(as.get(base + "/compilation?format=html").text()).as(e.getKey()).doesNotContain(SECRET)
            .doesNotContain("2,6 مليار");
        assertThat(as.get(base + "/akn").text()).as(e.getKey()).doesNotContain(SECRET);
      }
      // a non-member cannot write into the group, by either route; the refusal names nothing of it
      Response forged = usa.post(base + "/proposals", Map.of("kind", "comment", "paragraph", figures, "text", "x",
          "visibility", "group:ARAB"));
      assertThat(forged.status()).isEqualTo(404);
      assertThat(brazil.post(group + "/notes", Map.of("kind", "comment", "paragraph", figures, "text", "x")).status())
          .isEqualTo(404);
      // the same refusal for a group stage that does not exist
      Response none = usa.get(base + "/groups/G77/notes");
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.json().get("type").asText()).isEqualTo(usa.get(group + "/notes").json().get("type").asText());
      // the secretariat's audit log lists none of the stage's events, and the chain still verifies
      JsonNode audit = secretariat.get("/api/v1/negotiations/" + n + "/audit?limit=1000").json();
      assertThat(audit.get("events").findValuesAsText("type")).noneMatch(t -> t.startsWith("group."));
      assertThat(audit.get("verification").get("intact").asBoolean()).isTrue();
      // live and replay: the outsider's stream has nothing of the group
      server.drainNotifications();
      List<SseClient.Event> seen = new ArrayList<>();
      SseClient.Event e;
      while ((e = live.next(Duration.ofMillis(700))) != null) {
        seen.add(e);
      }
      assertThat(seen).extracting(SseClient.Event::type).noneMatch(t -> t.startsWith("group."));
      assertThat(seen).extracting(SseClient.Event::data).noneMatch(d -> d.contains(SECRET));
    }
    try (SseClient replay = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events", usaToken, "0")) {
      List<SseClient.Event> seen = new ArrayList<>();
      SseClient.Event e;
      while ((e = replay.next(Duration.ofMillis(700))) != null) {
        seen.add(e);
      }
      assertThat(seen).isNotEmpty();
      assertThat(seen).extracting(SseClient.Event::type).noneMatch(t -> t.startsWith("group."));
    }
    // a member gets the group's events, live and on replay
    try (SseClient member = SseClient.open(server.client().base(), "/api/v1/negotiations/" + n + "/events",
        token("jor@delegation.test"), "0")) {
      assertThat(member.await("group.note-created", Duration.ofSeconds(5))).isNotNull();
    }
  }

  @Test
  @DisplayName("a member of two groups keeps the two stages apart")
  void twoGroups() {
    openStage();
    ApiClient brazilCoordinator = brazil;
    Response g77 = brazilCoordinator.put(base + "/groups/G77/stage", Map.of("deadline", deadline()));
    assertThat(g77.status()).as(g77.text()).isEqualTo(201);
    note(saudi, Map.of("kind", "comment", "paragraph", figures, "text", SECRET));
    Response inG77 = saudi.post(base + "/groups/G77/notes", Map.of("kind", "comment", "paragraph", figures,
        "text", "ملاحظة لمجموعة الـ77"));
    assertThat(inG77.status()).as(inG77.text()).isEqualTo(201);
    assertThat(brazil.get(base + "/groups/G77/notes").text()).doesNotContain(SECRET).contains("مجموعة الـ77");
    assertThat(saudi.get(base + "/groups/G77/notes").text()).doesNotContain(SECRET);
    assertThat(saudi.get(group + "/notes").text()).contains(SECRET).doesNotContain("مجموعة الـ77");
    assertThat(saudi.get(base + "/groups").json().get("stages").findValuesAsText("group")).containsExactly("ARAB", "G77");
    // Egypt is in both groups too (it coordinates ARAB); the United States is in neither
    assertThat(egypt.get(base + "/groups").json().get("stages").findValuesAsText("group")).containsExactly("ARAB", "G77");
    assertThat(usa.get(base + "/groups").json().get("stages")).isEmpty();
  }

  @Test
  @DisplayName("bad input and wrong callers get a problem naming the field, and store nothing")
  void refusals() {
    assertProblem(saudi.put(group + "/stage", Map.of("deadline", deadline())), 403, "forbidden");
    assertProblem(egypt.put(group + "/stage", Map.of("deadline", "2020-01-01T00:00:00Z")), 400, "validation");
    assertProblem(egypt.put(group + "/stage", Map.of("deadline", deadline(), "guests", List.of("FRA"))), 400, "validation");
    assertProblem(egypt.put(group + "/stage", Map.of("deadline", deadline(), "guests", List.of("SAU"))), 400, "validation");
    assertProblem(egypt.put(group + "/stage", Map.of("deadline", deadline(), "colour", "green")), 400, "validation");
    assertThat(saudi.get(group + "/stage").status()).isEqualTo(404);
    openStage();
    Response unknown = saudi.post(group + "/notes", Map.of("kind", "comment", "paragraph", figures, "text", "x",
        "visibilty", "group:ARAB"));
    assertProblem(unknown, 400, "validation");
    assertThat(unknown.text()).contains("visibilty");
    Response typo = saudi.post(base + "/proposals", Map.of("kind", "comment", "paragraph", figures, "text", "x",
        "visibility", "group ARAB"));
    assertProblem(typo, 400, "validation");
    assertProblem(saudi.post(group + "/notes", Map.of("kind", "comment", "paragraph", figures, "text", "x",
        "visibility", "group:G77")), 400, "validation");
    assertProblem(saudi.post(group + "/notes", Map.of("kind", "comment", "paragraph", figures, "text", "x",
        "onBehalfOf", "ARAB")), 400, "validation");
    assertProblem(egypt.post(group + "/combinations", Map.of("notes", List.of(1))), 400, "validation");
    assertProblem(egypt.post(group + "/submission", Map.of()), 409, "empty-position");
    assertThat(usa.get(base + "/proposals").json().get("proposals")).isEmpty();
    assertThat(saudi.get(group + "/notes").json().get("notes")).isEmpty();
  }

  @org.junit.jupiter.api.io.TempDir java.nio.file.Path temp;

  /** LibreOffice reads the Arabic notes document with our paragraphs, text and direction, and its tracked changes. */
  void libreOfficeKeeps(byte[] ours) throws Exception {
    String soffice = org.plenary.compile.LibreOfficeTest.soffice();
    if (System.getenv("PLENARY_REQUIRE_LIBREOFFICE") != null && soffice == null) {
      throw new AssertionError("PLENARY_REQUIRE_LIBREOFFICE is set but LibreOffice is not on the PATH");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(soffice != null, "LibreOffice is not on the PATH");
    java.nio.file.Path docx = temp.resolve("ARAB-notes.docx");
    java.nio.file.Files.write(docx, ours);
    java.nio.file.Path again = java.nio.file.Files.createDirectories(temp.resolve("again"));
    java.nio.file.Path resaved = org.plenary.compile.LibreOfficeTest.convert(soffice, docx, "docx:MS Word 2007 XML", again);
    assertThat(resaved).exists();
    var expected = org.plenary.compile.LibreOfficeTest.paragraphs(org.plenary.compile.DocxExporterTest.documentXml(ours));
    var actual = org.plenary.compile.LibreOfficeTest.paragraphs(org.plenary.compile.DocxExporterTest.documentXml(
        java.nio.file.Files.readAllBytes(resaved)));
    assertThat(actual).containsExactlyElementsOf(expected);
    assertThat(expected).anySatisfy(p -> assertThat(p).startsWith("rtl|").contains(SECRET));
    assertThat(documentXml(java.nio.file.Files.readAllBytes(resaved))).contains("w:ins").contains("w:del");
  }

  static String documentXml(byte[] docx) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no word/document.xml");
  }
}
