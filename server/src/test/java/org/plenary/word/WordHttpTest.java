package org.plenary.word;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

@ParameterizedClass(name = "on {0}")
@EnumSource(Backend.class)
@DisplayName("The Word round trip over HTTP")
class WordHttpTest {
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  @Parameter Backend backend;
  @TempDir Path temp;
  TestServer server;
  ApiClient egypt;
  ApiClient observer;
  long n;
  JsonNode revision;
  String base;

  @BeforeEach
  void start() {
    server = TestServer.start(backend, temp);
    n = server.negotiation("القرار 88 (كيغالي، 2022)");
    revision = server.upload(n, "Zero draft", Samples.text("ar-itu-res88-zero.txt"));
    base = "/api/v1/negotiations/" + n + "/revisions/" + revision.get("id").asLong();
    egypt = server.participant(n, "egy@delegation.test", "delegate", "EGY");
    observer = server.participant(n, "obs@delegation.test", "observer", null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response upload(ApiClient who, String query, byte[] docx, String key) {
    ApiClient c = key == null ? who : who.withHeader("Idempotency-Key", key);
    return c.send(base + "/proposals/import" + query, "POST", DOCX, docx);
  }

  private static void assertProblem(Response res, int status, String text) {
    assertThat(res.status()).as(res.text()).isEqualTo(status);
    assertThat(res.contentType()).startsWith("application/problem+json");
    assertThat(res.text()).contains(text);
  }

  /** The exported file with "2,9" replaced by "2,6" as a tracked change, as Word would mark it. */
  private byte[] edited(byte[] exported) throws Exception {
    String doc = WordSamples.part(exported, "word/document.xml");
    assertThat(doc.split("2,9", -1)).hasSize(2);
    String change = "</w:t></w:r><w:del w:id=\"901\" w:author=\"Egypt\" w:date=\"2026-12-01T10:00:00Z\"><w:r><w:rPr>"
        + "<w:rtl/></w:rPr><w:delText>2,9</w:delText></w:r></w:del><w:ins w:id=\"902\" w:author=\"Egypt\""
        + " w:date=\"2026-12-01T10:00:00Z\"><w:r><w:rPr><w:rtl/></w:rPr><w:t>2,6</w:t></w:r></w:ins><w:r><w:rPr>"
        + "<w:rtl/></w:rPr><w:t xml:space=\"preserve\">";
    return WordSamples.withPart(exported, "word/document.xml", doc.replace("2,9", change));
  }

  @Test
  @DisplayName("a delegate downloads the revision for comments with every paragraph's id in a bookmark")
  void download() throws Exception {
    Response res = egypt.get(base + "/docx");
    assertThat(res.status()).as(res.text()).isEqualTo(200);
    assertThat(res.contentType()).isEqualTo(DOCX);
    assertThat(res.header("Content-Disposition")).startsWith("attachment; filename=");
    String doc = WordSamples.part(res.body(), "word/document.xml");
    for (JsonNode p : revision.get("paragraphs")) {
      assertThat(doc).contains("w:name=\"_Plenary_p" + p.get("id").asLong() + "\"");
    }
    assertThat(observer.get(base + "/docx").status()).isEqualTo(200);
    assertThat(server.client().get(base + "/docx").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the file edited with a tracked change: previewed, then stored once as an anchored amendment")
  void previewThenSubmit() throws Exception {
    byte[] file = edited(egypt.get(base + "/docx").body());
    Response preview = upload(egypt, "?dryRun=true", file, null);
    assertThat(preview.status()).as(preview.text()).isEqualTo(200);
    JsonNode p = preview.json().get("proposals");
    assertThat(p).hasSize(1);
    assertThat(p.get(0).get("kind").asText()).isEqualTo("amend");
    assertThat(p.get(0).get("anchor").get("exact").asText()).isEqualTo("2,9");
    assertThat(p.get(0).get("text").asText()).isEqualTo("2,6");
    assertThat(p.get(0).get("mapping").get("by").asText()).isEqualTo("id");
    assertThat(p.get(0).get("paragraph").get("text").asText()).contains("2,9 مليار");
    assertThat(egypt.get(base + "/proposals").json().get("proposals")).isEmpty();

    Response created = upload(egypt, "", file, "import-1");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode stored = created.json().get("created");
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).get("delegation").asText()).isEqualTo("EGY");
    assertThat(stored.get(0).get("anchor").get("exact").asText()).isEqualTo("2,9");
    long id = stored.get(0).get("id").asLong();
    Response diff = egypt.get(base + "/proposals/" + id + "/diff");
    assertThat(diff.json().get("proposed").asText()).contains("2,6 مليار");

    Response again = upload(egypt, "", file, "import-1");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.text()).isEqualTo(created.text());
    assertThat(egypt.get(base + "/proposals").json().get("proposals")).hasSize(1);
    var source = server.plenary().database().dsl().fetchOne(
        "select change_author, change_date, mapped_by from proposal_source where proposal_id = ?", id);
    assertThat(source.get(0, String.class)).isEqualTo("Egypt");
    assertThat(source.get(1, String.class)).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(source.get(2, String.class)).isEqualTo("id");
  }

  @Test
  @DisplayName("a Word-made file that never came from Plenary: six proposals in one transaction, mapped by similarity")
  void wordMade() throws Exception {
    long en = server.negotiation("Resolution 88", "en");
    JsonNode rev = server.upload(en, "Zero draft", Samples.text("en-itu-res88-zero.txt"));
    server.admin.post("/api/v1/negotiations/" + en + "/participants", java.util.Map.of("email", "egy@delegation.test",
        "role", "delegate", "delegation", "EGY"));
    String enBase = "/api/v1/negotiations/" + en + "/revisions/" + rev.get("id").asLong();
    Response preview = egypt.send(enBase + "/proposals/import?dryRun=true", "POST", DOCX,
        WordMadeImportTest.wordMade());
    assertThat(preview.status()).as(preview.text()).isEqualTo(200);
    assertThat(preview.json().get("proposals")).hasSize(6);
    assertThat(preview.json().get("unmapped")).hasSize(1);
    assertThat(preview.json().get("formattingChanges").asInt()).isEqualTo(1);
    List<String> kinds = new ArrayList<>();
    preview.json().get("proposals").forEach(x -> kinds.add(x.get("kind").asText()));
    assertThat(kinds).containsExactlyInAnyOrder("amend", "question", "delete", "insert", "amend", "comment");
    preview.json().get("proposals").forEach(x -> assertThat(x.get("mapping").get("by").asText()).isEqualTo("text"));

    Response created = egypt.withHeader("Idempotency-Key", "word-made").send(enBase + "/proposals/import", "POST",
        DOCX, WordMadeImportTest.wordMade());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("created")).hasSize(6);
    JsonNode listed = egypt.get(enBase + "/proposals").json().get("proposals");
    assertThat(listed).hasSize(6);
    listed.forEach(x -> assertThat(x.get("delegation").asText()).isEqualTo("EGY"));
    assertThat(server.plenary().database().dsl().fetchCount(server.plenary().database().dsl()
        .selectFrom("proposal_source").where("change_author = 'Jane Doe (UK)'"))).isEqualTo(6);
  }

  @Test
  @DisplayName("bad files and callers get clear problems and nothing is stored")
  void problems() throws Exception {
    assertProblem(upload(egypt, "", "not a zip".getBytes(StandardCharsets.UTF_8), null), 400, "not a DOCX");
    byte[] ole = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0};
    assertProblem(upload(egypt, "", ole, null), 400, ".doc");
    byte[] exported = egypt.get(base + "/docx").body();
    String doc = WordSamples.part(exported, "word/document.xml");
    byte[] dtd = WordSamples.withPart(exported, "word/document.xml", doc.replaceFirst("\\?>",
        "?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"));
    assertProblem(upload(egypt, "", dtd, null), 400, "document type declaration");
    assertProblem(upload(egypt, "", exported, null), 400, "no tracked change or comment");
    assertProblem(upload(egypt, "?dryRun=maybe", exported, null), 400, "dryRun");
    assertProblem(egypt.send(base + "/proposals/import", "POST", "text/plain", exported), 415, "DOCX");
    assertProblem(upload(observer, "", edited(exported), null), 403, "");
    assertProblem(upload(egypt, "?onBehalfOf=ARAB", edited(exported), null), 403, "");
    assertProblem(upload(egypt, "", new byte[0], null), 400, "empty");
    assertThat(egypt.get(base + "/proposals").json().get("proposals")).isEmpty();
  }
}
