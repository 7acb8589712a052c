package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.plenary.http.MediaTypes;
import org.plenary.testing.ApiClient;
import org.plenary.testing.ApiClient.Response;
import org.plenary.testing.Backend;
import org.plenary.testing.Samples;
import org.plenary.testing.TestServer;

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("Importing revisions over HTTP")
class RevisionImportHttpTest {
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

  private static JsonNode paragraph(JsonNode revision, String start) {
    for (JsonNode p : revision.get("paragraphs")) {
      if (p.get("text").asText().startsWith(start)) {
        return p;
      }
    }
    throw new AssertionError("no paragraph starting " + start);
  }

  private static JsonNode row(JsonNode mapping, long id) {
    for (JsonNode r : mapping) {
      if (r.get("id").asLong() == id) {
        return r;
      }
    }
    throw new AssertionError("no mapping row for " + id);
  }

  @Test
  @DisplayName("Rev.1 of Res. 88 keeps ids across re-lettering and moves, and the mapping table says what happened")
  void arabicZeroThenRev1() {
    long n = server.negotiation("القرار 88 (كيغالي، 2022)");
    String base = "/api/v1/negotiations/" + n + "/revisions";
    Response zeroUp = server.admin.postText(base + "?label=Zero%20draft", Samples.text("ar-itu-res88-zero.txt"));
    assertThat(zeroUp.status()).as(zeroUp.text()).isEqualTo(201);
    JsonNode zero = zeroUp.json();
    assertThat(paragraph(zero, "إذ يذكّر").get("kind").asText()).isEqualTo("heading");
    assertThat(paragraph(zero, "بالقرار 71").get("number").asText()).isEqualTo("(ح)");
    // how negotiators cite them: (ح) of "إذ يذكّر" is the eighth preambular paragraph
    assertThat(paragraph(zero, "بالقرار 71").get("label").asText()).isEqualTo("PP8");
    assertThat(paragraph(zero, "تشمل أقل البلدان").get("label").asText()).isEqualTo("PP2 fn¹");
    assertThat(paragraph(zero, "إذ يذكّر").get("label").isNull()).isTrue();
    assertThat(paragraph(zero, "تشمل أقل البلدان").get("parent").asLong())
        .isEqualTo(paragraph(zero, "بالقرار 135").get("id").asLong());

    Response up = server.admin.postText(base + "?label=Rev.1", Samples.text("ar-itu-res88-rev1.txt"));
    assertThat(up.status()).as(up.text()).isEqualTo(201);
    JsonNode rev1 = up.json();
    assertThat(rev1.get("bracketCount").asInt()).isEqualTo(1);

    long res71 = paragraph(zero, "بالقرار 71").get("id").asLong();
    JsonNode res71Now = paragraph(rev1, "بالقرار 71");
    assertThat(res71Now.get("id").asLong()).isEqualTo(res71);
    assertThat(res71Now.get("number").asText()).isEqualTo("(ط)");
    assertThat(res71Now.get("previousNumber").asText()).isEqualTo("(ح)");
    assertThat(res71Now.get("label").asText()).as("re-lettered, so cited anew").isEqualTo("PP9");

    JsonNode wsis = paragraph(rev1, "بقرار الجمعية العامة");
    assertThat(wsis.get("change").asText()).isEqualTo("inserted");
    assertThat(wsis.get("number").asText()).isEqualTo("(ح)");
    zero.get("paragraphs").forEach(p -> assertThat(p.get("id").asLong()).isNotEqualTo(wsis.get("id").asLong()));

    JsonNode moved = paragraph(rev1, "يدعو المؤسسات");
    assertThat(moved.get("id").asLong()).isEqualTo(paragraph(zero, "يدعو المؤسسات").get("id").asLong());
    assertThat(moved.get("change").asText()).isEqualTo("moved");
    assertThat(paragraph(rev1, "إلى قطع تعهدات").get("change").asText()).isEqualTo("moved_modified");

    long op2 = paragraph(zero, "المشاركة بفعالية").get("id").asLong();
    assertThat(rev1.get("deleted")).hasSize(1);
    assertThat(rev1.get("deleted").get(0).get("id").asLong()).isEqualTo(op2);
    assertThat(rev1.get("deleted").get(0).get("number").asText()).isEqualTo("2");

    JsonNode mapping = rev1.get("mapping");
    JsonNode relettered = row(mapping, res71);
    assertThat(relettered.get("from").asText()).isEqualTo("(ح)");
    assertThat(relettered.get("to").asText()).isEqualTo("(ط)");
    assertThat(relettered.get("renumbered").asBoolean()).isTrue();
    assertThat(relettered.get("kind").asText()).isEqualTo("preambular");
    assertThat(relettered.get("context").asText()).isEqualTo("إذ يذكّر");
    assertThat(relettered.get("excerpt").asText()).startsWith("بالقرار 71");
    JsonNode gone = row(mapping, op2);
    assertThat(gone.get("change").asText()).isEqualTo("deleted");
    assertThat(gone.get("from").asText()).isEqualTo("2");
    assertThat(gone.get("to").isNull()).isTrue();
    assertThat(gone.get("context").asText()).startsWith("يدعو الدول الأعضاء");
    // The deleted operative 2 is listed where it stood: right after the operative paragraph 1 it followed.
    int at = 0;
    while (mapping.get(at).get("id").asLong() != op2) {
      at++;
    }
    assertThat(mapping.get(at - 1).get("excerpt").asText()).startsWith("تعزيز التقدم");
    assertThat(row(mapping, wsis.get("id").asLong()).get("from").isNull()).isTrue();
    assertThat(mapping.size()).isEqualTo(rev1.get("paragraphs").size() + 1);

    long r1 = rev1.get("id").asLong();
    Response read = server.admin.get(base + "/" + r1);
    assertThat(read.json().get("deleted").get(0).get("id").asLong()).isEqualTo(op2);
    assertThat(paragraph(read.json(), "بالقرار 71").get("id").asLong()).isEqualTo(res71);

    Response md = server.admin.get(base + "/" + r1 + "/mapping?format=md");
    assertThat(md.status()).isEqualTo(200);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.text()).startsWith("| Zero draft | Rev.1 | kind | under | change | text |")
        .contains("| (ح) | (ط) | preambular | إذ يذكّر | unchanged, renumbered | بالقرار 71")
        .contains("| 2 | — | operative | يدعو الدول الأعضاء وأعضاء … | deleted | المشاركة بفعالية")
        .contains("| — | (ح) | preambular | إذ يذكّر | inserted |")
        .contains("| moved |");
    Response csv = server.admin.get(base + "/" + r1 + "/mapping?format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.text()).contains("\"(ح)\",\"(ط)\",preambular");
    Response json = server.admin.get(base + "/" + r1 + "/mapping");
    assertThat(json.json().get("basedOnLabel").asText()).isEqualTo("Zero draft");
    assertThat(json.json().get("rows").size()).isEqualTo(mapping.size());
    Response bad = server.admin.get(base + "/" + r1 + "/mapping?format=pdf");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("format");
  }

  @Test
  @DisplayName("an Arabic DOCX uploads with Word numbering as display numbers, then a DOCX revision aligns to it")
  void docxUpload() {
    long n = server.negotiation("Res. 88");
    String base = "/api/v1/negotiations/" + n + "/revisions";
    byte[] docx = TestDocx.arabicResolution();
    Response up = server.admin.send(base + "?label=Zero%20draft&name=res88.docx", "POST", MediaTypes.DOCX, docx);
    assertThat(up.status()).as(up.text()).isEqualTo(201);
    JsonNode rev = up.json();
    assertThat(rev.get("sourceFormat").asText()).isEqualTo("docx");
    assertThat(rev.get("sourceName").asText()).isEqualTo("res88.docx");
    assertThat(rev.get("paragraphs").get(0).get("kind").asText()).isEqualTo("title");
    JsonNode b = paragraph(rev, "بالقرار 135");
    assertThat(b.get("number").asText()).isEqualTo("(ب)");
    assertThat(b.get("direction").asText()).isEqualTo("rtl");
    assertThat(paragraph(rev, "تشمل أقل البلدان").get("parent").asLong()).isEqualTo(b.get("id").asLong());

    // the uploaded file is kept byte for byte and downloadable by participants, under its Arabic name too
    Response source = server.admin.get(base + "/" + rev.get("id").asLong() + "/source");
    assertThat(source.status()).isEqualTo(200);
    assertThat(source.body()).isEqualTo(docx);
    assertThat(source.contentType()).isEqualTo(MediaTypes.DOCX);
    assertThat(source.header("Content-Disposition")).isEqualTo("attachment; filename=\"res88.docx\"; "
        + "filename*=UTF-8''res88.docx");
    Response arabicName = server.admin.send(base + "?name=" + java.net.URLEncoder.encode("القرار 88.docx",
        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), "POST", MediaTypes.DOCX,
        TestDocx.arabicResolution());
    assertThat(arabicName.status()).as(arabicName.text()).isEqualTo(201);
    assertThat(server.admin.get(base + "/" + arabicName.json().get("id").asLong() + "/source")
        .header("Content-Disposition")).contains("filename*=UTF-8''%D8%A7%D9%84%D9%82%D8%B1%D8%A7%D8%B1%2088.docx");
    ApiClient delegate = server.participant(n, "delegate@egypt.test", "delegate", "EGY");
    assertThat(delegate.get(base + "/" + rev.get("id").asLong() + "/source").body()).isEqualTo(docx);
    assertThat(server.admin.get(base + "/987654/source").status()).isEqualTo(404);

    Response en = server.admin.send(base, "POST", MediaTypes.DOCX, TestDocx.englishDraft("to act;", "to report."));
    assertThat(en.status()).as(en.text()).isEqualTo(201);
    Response en2 = server.admin.send(base, "POST", MediaTypes.DOCX,
        TestDocx.englishDraft("to report.", "to act;", "to evaluate."));
    JsonNode rev2 = en2.json();
    assertThat(paragraph(rev2, "to act").get("id").asLong())
        .isEqualTo(paragraph(en.json(), "to act").get("id").asLong());
    assertThat(paragraph(rev2, "to act").get("previousNumber").asText()).isEqualTo("1");
    assertThat(paragraph(rev2, "to act").get("number").asText()).isEqualTo("2");
    assertThat(paragraph(rev2, "to evaluate").get("change").asText()).isEqualTo("inserted");
  }

  @Test
  @DisplayName("a zip bomb, an XXE DOCX, a .doc and a non-ZIP DOCX each get a problem and store nothing")
  void hostileDocx() {
    long n = server.negotiation("Res. 88");
    String base = "/api/v1/negotiations/" + n + "/revisions";
    for (byte[] hostile : new byte[][] {TestDocx.zipBomb(), TestDocx.externalEntity(), TestDocx.ole2(),
        "PK not really".getBytes(), new byte[0]}) {
      Response r = server.admin.send(base, "POST", MediaTypes.DOCX, hostile);
      assertThat(r.status()).as(r.text()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.json().get("type").asText()).isEqualTo("urn:plenary:problem:validation");
      assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
      assertThat(r.text()).doesNotContain("root:").doesNotContain("at org.");
    }
    assertThat(server.admin.get(base).json().get("revisions").size()).isZero();
  }

  @Test
  @DisplayName("a Markdown draft uploads with its headings, lists and footnotes")
  void markdownUpload() {
    long n = server.negotiation("A/80/L.12", "en");
    Response up = server.admin.send("/api/v1/negotiations/" + n + "/revisions", "POST",
        "text/markdown; charset=utf-8", Samples.bytes("en-unga-resolution.md"));
    assertThat(up.status()).as(up.text()).isEqualTo(201);
    JsonNode rev = up.json();
    assertThat(rev.get("altCount").asInt()).isEqualTo(2);
    assertThat(paragraph(rev, "Decides to convene").get("number").asText()).isEqualTo("1.");
    assertThat(paragraph(rev, "Alt 1").get("alt").asText()).isEqualTo("Alt 1");
    assertThat(paragraph(rev, "Annex").get("kind").asText()).isEqualTo("annex");
  }
}
