package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.http.Problem;

/**
 * The importers count as they read and stop at the first limit passed. Each hostile file below is malformed
 * after the limit: a reader that parses everything first (as POI's DOM and {@code String.split} did) reports
 * the damage or the long line; a streaming one never reaches it.
 */
@DisplayName("Draft import stops at its limits while reading")
class StreamingImportLimitsTest {
  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  private static byte[] docx(String bodyXml) {
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" + W
        + "\"><w:body>" + bodyXml;
    return TestDocx.withPart(TestDocx.englishDraft("to act."), "word/document.xml",
        xml.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code count} copies of {@code xml} with {@code %s} replaced by a random word each: it compresses as text does. */
  private static String paragraphs(String xml, int count) {
    Random random = new Random(11);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < count; i++) {
      b.append(xml.replace("%s", Long.toString(random.nextLong() & 0xffffffffL, 36)));
    }
    return b.toString();
  }

  @Test
  @DisplayName("a DOCX with more than 50,000 paragraphs is refused at paragraph 50,001, before the rest is read")
  void docxParagraphs() {
    String p = "<w:p><w:r><w:t>القرار %s</w:t></w:r></w:p>";
    byte[] bomb = docx(paragraphs(p, DraftReader.MAX_PARAGRAPHS + 1) + "<w:p><<< not XML");
    assertThatThrownBy(() -> DraftReader.read(bomb, SourceFormat.DOCX)).isInstanceOf(ImportException.class)
        .hasMessage("the draft has more than 50000 paragraphs");
  }

  @Test
  @DisplayName("blank Word paragraphs are counted too: 200,001 of them stop the reading")
  void docxBlankParagraphs() {
    byte[] bomb = docx(paragraphs("<w:p w:rsidR=\"%s\"/>", DocxReader.MAX_RAW_PARAGRAPHS + 1) + "<w:p><<< not XML");
    assertThatThrownBy(() -> DraftReader.read(bomb, SourceFormat.DOCX)).isInstanceOf(ImportException.class)
        .hasMessage("the draft has more than 50000 paragraphs");
  }

  @Test
  @DisplayName("a Word paragraph longer than 100,000 characters is refused as soon as it is")
  void docxLongParagraph() {
    byte[] bomb = docx("<w:p><w:r><w:t>" + paragraphs("%s ", DraftReader.MAX_PARAGRAPH_CHARS / 4) + "<<< not XML");
    assertThatThrownBy(() -> DraftReader.read(bomb, SourceFormat.DOCX)).isInstanceOf(ImportException.class)
        .hasMessageContaining("is longer than 100000 characters");
  }

  @Test
  @DisplayName("plain text and Markdown with more than 50,000 paragraphs stop there, before a later bad line")
  void textAndMarkdown() {
    String text = "فقرة\n".repeat(DraftReader.MAX_PARAGRAPHS + 1) + "x".repeat(DraftReader.MAX_PARAGRAPH_CHARS + 1);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DraftReader.read(bytes, SourceFormat.TEXT)).isInstanceOf(ImportException.class)
        .hasMessage("the draft has more than 50000 paragraphs");
    String md = "- item\n".repeat(DraftReader.MAX_PARAGRAPHS + 2) + "x".repeat(DraftReader.MAX_PARAGRAPH_CHARS + 1);
    byte[] mdBytes = md.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DraftReader.read(mdBytes, SourceFormat.MARKDOWN)).isInstanceOf(ImportException.class)
        .hasMessage("the draft has more than 50000 paragraphs");
  }

  @Test
  @DisplayName("a Markdown paragraph running over many lines is refused past 100,000 characters")
  void markdownLongParagraph() {
    byte[] md = "word ".repeat(10).concat("\n").repeat(3_000).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DraftReader.read(md, SourceFormat.MARKDOWN)).isInstanceOf(ImportException.class)
        .hasMessageContaining("longer than 100000 characters");
  }

  @Test
  @DisplayName("beyond the bound of concurrent imports an upload is refused with 503 busy and Retry-After")
  void busy() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ImportGate gate = new ImportGate(1);
      CountDownLatch hold = new CountDownLatch(1);
      Future<String> first = gate.run(vertx, () -> {
        hold.await(10, TimeUnit.SECONDS);
        return "first";
      });
      Future<String> second = gate.run(vertx, () -> "second");
      assertThat(second.failed()).isTrue();
      Problem p = (Problem) second.cause();
      assertThat(p.status()).isEqualTo(503);
      assertThat(p.type()).isEqualTo("busy");
      assertThat(p.extensions()).containsEntry("retryAfter", ImportGate.RETRY_AFTER_SECONDS);
      hold.countDown();
      assertThat(first.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("first");
      assertThat(gate.run(vertx, () -> "third").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
          .isEqualTo("third");
    } finally {
      vertx.close().await();
    }
  }
}
