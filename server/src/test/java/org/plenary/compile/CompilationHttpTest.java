package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@PlenaryServer
@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The compilation over HTTP")
class CompilationHttpTest {
  @Parameter Backend backend;
  TestServer server;
  long n;
  long r;
  String base;
  final Map<String, ApiClient> delegates = new HashMap<>();
  final Map<String, Long> stored = new LinkedHashMap<>();

  @BeforeEach
  void start(TestServer server, Res88Negotiation res) {
    // The 13 sample proposals, submitted by their delegations (Qatar does not coordinate the Arab Group here,
    // so it speaks for itself); Iraq accepts co-sponsoring Egypt's amendment, the others stay invited.
    this.server = server;
    n = res.n;
    r = res.r;
    base = res.base();
    for (String d : Res88Negotiation.DELEGATIONS) {
      delegates.put(d, res.delegate(d));
    }
    res.samples().keySet().forEach(id -> stored.put(id, res.proposal(id)));
    Response accepted = delegates.get("IRQ").put(base + "/proposals/" + stored.get("p1") + "/cosponsors/IRQ",
        Map.of("answer", "accept"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
  }

  static long paragraphWith(JsonNode revision, String quote) {
    return Samples.paragraphWith(revision, quote);
  }

  static void assertProblem(Response res, int status, String type) {
    assertThat(res.status()).as(res.text()).isEqualTo(status);
    assertThat(res.contentType()).startsWith("application/problem+json");
    assertThat(res.json().get("type").asText()).isEqualTo("urn:plenary:problem:" + type);
  }

  private static List<Element> all(Document d, String local) {
    NodeList nodes = d.getElementsByTagNameNS(DocxExporter.W, local);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  @Test
  @DisplayName("a delegate downloads the DOCX: tracked changes authored by the delegations, a sensible file name")
  void docx() throws Exception {
    Response res = delegates.get("MAR").get(base + "/compilation?format=docx");
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    assertThat(res.contentType()).isEqualTo(Format.DOCX.mediaType());
    assertThat(res.header("Content-Disposition")).startsWith("attachment; filename=\"Res88-Zero-draft-compilation.docx\"");
    Document d = DocxExporterTest.documentXml(res.body());
    // the negotiation is in Arabic: names and labels in Arabic by default
    assertThat(all(d, "ins")).anySatisfy(e -> {
      assertThat(e.getTextContent()).contains("2,6");
      assertThat(e.getAttributeNS(DocxExporter.W, "author")).isEqualTo("المجموعة العربية (مصر)");
    });
    assertThat(all(d, "ins")).anySatisfy(e -> {
      assertThat(e.getTextContent()).isEqualTo("بضمان "); // with the space after it: the words stay apart
      assertThat(e.getAttributeNS(DocxExporter.W, "author")).isEqualTo("الأردن");
    });
    assertThat(all(d, "del")).anySatisfy(e -> assertThat(e.getAttributeNS(DocxExporter.W, "author"))
        .isEqualTo("الولايات المتحدة الأمريكية"));
  }

  @Test
  @DisplayName("JSON in English: Egypt for the Arab Group with only the accepted co-sponsor, the support under it")
  void json() {
    Response res = delegates.get("EGY").get(base + "/compilation?format=json&lang=en");
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    assertThat(res.contentType()).startsWith("application/json");
    JsonNode doc = res.json();
    assertThat(doc.at("/counts/amendments").asInt()).isEqualTo(10);
    assertThat(doc.at("/counts/reactions").asInt()).isEqualTo(2);
    JsonNode p1 = null;
    JsonNode p12 = null;
    for (JsonNode p : doc.get("paragraphs")) {
      for (JsonNode a : p.get("amendments")) {
        if (a.get("ids").get(0).asLong() == stored.get("p1")) {
          p1 = a;
        }
        if (a.get("ids").get(0).asLong() == stored.get("p12")) {
          p12 = a;
        }
      }
    }
    assertThat(p1).isNotNull();
    assertThat(p1.at("/sponsors/0/delegation").asText()).isEqualTo("EGY");
    assertThat(p1.at("/sponsors/0/onBehalfOf").asText()).isEqualTo("ARAB");
    assertThat(p1.at("/sponsors/0/cosponsors").toString()).isEqualTo("[\"IRQ\"]");
    assertThat(p1.get("attribution").asText()).isEqualTo("Egypt on behalf of Arab Group, co-sponsored by Iraq");
    assertThat(p1.at("/reactions/0/kind").asText()).isEqualTo("support");
    assertThat(p1.at("/reactions/0/delegation").asText()).isEqualTo("ARE");
    assertThat(p12.at("/sponsors/0/delegation").asText()).isEqualTo("QAT");
    assertThat(p12.at("/sponsors/0/onBehalfOf").isNull()).isTrue();
  }

  @Test
  @DisplayName("the non-attributed HTML and CSV name no delegation; filters apply; every format has its type")
  void formatsAndOptions() {
    Response html = delegates.get("TUN").get(base + "/compilation?format=html&attributed=false");
    assertThat(html.status()).as(html.text()).isEqualTo(200);
    assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
    assertThat(html.text()).contains("dir=\"rtl\"").contains("<ins>").contains("المقترح 1");
    Response csv = delegates.get("TUN").get(base + "/compilation?format=csv&attributed=false");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.header("Content-Disposition")).contains("Res88-Zero-draft-compilation.csv");
    for (Response res : List.of(html, csv)) {
      for (String name : List.of("EGY", "مصر", "QAT", "قطر", "TUN", "تونس", "الأردن")) {
        assertThat(res.text().contains(name)).as("mentions %s", name).isFalse();
      }
    }
    Response md = delegates.get("TUN").get(base + "/compilation?format=md&delegation=JOR&empty=false");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.text()).contains("<del>بضمن </del><ins>بضمان </ins>").doesNotContain("2,6");
    Response grouped = delegates.get("TUN").get(base + "/compilation?format=json&group=EU");
    assertThat(grouped.json().at("/counts/amendments").asInt()).isEqualTo(1);
    Response observer = server.participant(n, "observer@un.test", "observer", null)
        .get(base + "/compilation?format=json");
    assertThat(observer.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("a withdrawn proposal leaves the compilation, and comes back when asked for by state")
  void withdrawn() {
    long p12 = stored.get("p12");
    Response withdrawn = delegates.get("QAT").withHeader("If-Match", "\"p" + p12 + "v1\"")
        .post(base + "/proposals/" + p12 + "/withdraw", "{}");
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    Response now = delegates.get("EGY").get(base + "/compilation?format=json");
    assertThat(now.json().at("/counts/amendments").asInt()).isEqualTo(9);
    assertThat(now.text()).doesNotContain("\"" + p12 + "\"");
    Response asked = delegates.get("EGY").get(base + "/compilation?format=json&state=withdrawn&empty=false");
    assertThat(asked.json().at("/counts/amendments").asInt()).isEqualTo(1);
    assertThat(asked.json().at("/paragraphs/0/amendments/0/ids/0").asText()).isEqualTo(Long.toString(p12));
  }

  @Test
  @DisplayName("a closed window's compilation comes from memory with an ETag (304), after the access check only; "
      + "a reopened window is read afresh, and a change shows at once")
  void closedWindowFromMemory() {
    Response open = delegates.get("EGY").get(base + "/compilation");
    assertThat(open.status()).as(open.text()).isEqualTo(200);
    assertThat(open.header("ETag")).as("an open window's compilation is never kept").isNull();
    assertThat(open.header("Cache-Control")).isEqualTo("private, no-store");

    closeWindow();
    Response first = delegates.get("EGY").get(base + "/compilation");
    String etag = first.header("ETag");
    assertThat(etag).startsWith("\"");
    assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
    assertThat(first.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'");
    assertThat(first.text()).isEqualTo(open.text());
    Response again = delegates.get("MAR").get(base + "/compilation");
    assertThat(again.header("ETag")).isEqualTo(etag);
    assertThat(again.header("Content-Disposition")).isEqualTo(first.header("Content-Disposition"));
    assertThat(again.text()).isEqualTo(first.text());
    assertThat(delegates.get("MAR").withHeader("If-None-Match", etag).get(base + "/compilation").status())
        .isEqualTo(304);
    // other options, other bytes
    Response docx = delegates.get("MAR").get(base + "/compilation?format=docx");
    assertThat(docx.header("ETag")).isNotEqualTo(etag);
    assertThat(docx.contentType()).isEqualTo(Format.DOCX.mediaType());
    // the tag tells an outsider nothing: 404 before any cache is consulted
    long other = server.negotiation("Other negotiation", "en");
    ApiClient outsider = server.participant(other, "outsider2@example.test", "delegate", "FRA");
    assertProblem(outsider.withHeader("If-None-Match", etag).get(base + "/compilation"), 404, "not-found");

    // reopened: read afresh and streamed; a new proposal shows, and closing again gives another tag
    Response reopened = server.admin.put(base + "/comment-window", Map.of("deadline", "2099-12-31T17:00:00Z"));
    assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
    Response comment = delegates.get("EGY").post(base + "/proposals", Map.of("kind", "comment",
        "paragraph", paragraphWith(server.admin.get(base).json(), "بضمن استمرار"), "text", "تعليق بعد إعادة الفتح"));
    assertThat(comment.status()).as(comment.text()).isEqualTo(201);
    Response fresh = delegates.get("EGY").get(base + "/compilation");
    assertThat(fresh.header("ETag")).isNull();
    assertThat(fresh.text()).contains("تعليق بعد إعادة الفتح");
    closeWindow();
    Response closedAgain = delegates.get("EGY").get(base + "/compilation");
    assertThat(closedAgain.header("ETag")).isNotEqualTo(etag);
    assertThat(closedAgain.text()).isEqualTo(fresh.text());
  }

  /** Moves the deadline into the past directly (the API only takes future ones); no event: caches told by hand. */
  private void closeWindow() {
    server.plenary().database().dsl().update(org.plenary.schema.Tables.REVISION)
        .set(org.plenary.schema.Tables.REVISION.COMMENT_DEADLINE,
            java.time.OffsetDateTime.of(2026, 1, 5, 17, 0, 0, 0, java.time.ZoneOffset.UTC))
        .where(org.plenary.schema.Tables.REVISION.ID.eq(r)).execute();
    server.plenary().changes().everything();
  }

  @Test
  @DisplayName("bad options get one problem naming each parameter; outsiders and unknown revisions get 404")
  void errors() {
    Response bad = delegates.get("EGY").get(base + "/compilation?format=pdf&kind=shout&from=x&colour=red");
    assertProblem(bad, 400, "validation");
    List<String> fields = new ArrayList<>();
    bad.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("format", "kind", "from", "colour");
    assertProblem(delegates.get("EGY").get(base + "/akn?format=docx"), 400, "validation");

    long other = server.negotiation("Other negotiation", "en");
    ApiClient outsider = server.participant(other, "outsider@example.test", "delegate", "FRA");
    assertProblem(outsider.get(base + "/compilation?format=docx"), 404, "not-found");
    assertProblem(outsider.get(base + "/akn"), 404, "not-found");
    assertProblem(delegates.get("EGY").get("/api/v1/negotiations/" + n + "/revisions/999999/compilation"), 404,
        "not-found");
    assertProblem(server.client().get(base + "/compilation"), 401, "unauthorized");
  }

  @Test
  @DisplayName("the revision as Akoma Ntoso is valid against the OASIS schema and lists the amendments")
  void akn() throws Exception {
    Response res = delegates.get("SAU").get(base + "/akn");
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    assertThat(res.contentType()).isEqualTo("application/akn+xml; charset=utf-8");
    assertThat(res.header("Content-Disposition")).contains("Res88-Zero-draft-akn.xml");
    AknExporterTest.validate(res.body());
    String xml = new String(res.body(), StandardCharsets.UTF_8);
    assertThat(xml).contains("<amendmentList").contains("/akn/un/statement/deliberation/plenary/")
        .contains("القرار 88 (كيغالي، 2022)");
    assertThat(xml.split("<amendment ", -1)).hasSize(11);
    Response anonymous = delegates.get("SAU").get(base + "/akn?attributed=false");
    assertThat(anonymous.text()).doesNotContain("مصر").doesNotContain("EGY");
    AknExporterTest.validate(anonymous.body());
  }

  @Test
  @DisplayName("the proposal's diff and the compilation read a pasted paragraph number alike: «(أ) …» is not a change")
  void pastedNumberAgrees() throws Exception {
    JsonNode compilation = new ObjectMapper().readTree(delegates.get("EGY").get(base + "/compilation?format=json")
        .body());
    for (String sample : List.of("p1", "p2", "p3")) {
      long id = stored.get(sample);
      JsonNode diff = delegates.get("EGY").get(base + "/proposals/" + id + "/diff").json();
      JsonNode amendment = null;
      for (JsonNode p : compilation.get("paragraphs")) {
        for (JsonNode a : p.get("amendments")) {
          for (JsonNode i : a.get("ids")) {
            if (i.asLong() == id) {
              amendment = a;
            }
          }
        }
      }
      assertThat(amendment).as(sample).isNotNull();
      assertThat(diff.get("proposed").asText()).as(sample).isEqualTo(amendment.get("text").asText())
          .doesNotStartWith("(").doesNotStartWith("3 ");
      List<String> changed = new ArrayList<>();
      diff.get("ops").forEach(op -> {
        if (!op.get("type").asText().equals("equal")) {
          changed.add(op.get("type").asText() + ":" + op.get("text").asText());
        }
      });
      List<String> compiled = new ArrayList<>();
      amendment.get("changes").forEach(op -> {
        if (!op.get("op").asText().equals("equal")) {
          compiled.add(op.get("op").asText() + ":" + op.get("text").asText());
        }
      });
      assertThat(changed).as(sample).isEqualTo(compiled).noneMatch(c -> c.matches("insert:\\(.\\)\\s*"));
    }
  }

  @Test
  @DisplayName("?wordComments=true adds word/comments.xml; Akoma Ntoso takes itu and dates by the negotiation")
  void wordCommentsAndAkn() throws Exception {
    Response plain = delegates.get("MAR").get(base + "/compilation?format=docx");
    assertThat(ExportGoldenTest.parts(plain.body())).doesNotContainKey("word/comments.xml");
    Response with = delegates.get("MAR").get(base + "/compilation?format=docx&wordComments=true");
    assertThat(with.status()).as(with.text()).isEqualTo(200);
    try (var poi = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(with.body()))) {
      // the sample's comment and reservation
      assertThat(poi.getComments()).hasSize(2);
    }
    assertProblem(delegates.get("MAR").get(base + "/compilation?format=docx&wordComments=maybe"), 400, "validation");
    String first = delegates.get("SAU").get(base + "/akn").text();
    String itu = delegates.get("SAU").get(base + "/akn?itu=true").text();
    assertThat(first).doesNotContain("(تعديل)");
    assertThat(itu).contains("(تعديل)");
    Thread.sleep(1100);
    assertThat(delegates.get("SAU").get(base + "/akn").text()).as("the same identifiers and dates a second later")
        .isEqualTo(first);
  }
}
