package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The importer never fails with anything but an {@link ImportException}, whatever it is given. */
@Label("The importer on arbitrary input")
class ImporterPropertiesTest {
  /** Pieces drafts are made of, so that the generator reaches the interesting paths. */
  private static final List<String> PIECES = List.of("(أ) ", "(ح) ", "- (ب) ", "1 ", "1. ", "1 - ", "٣ ", "2.1\t",
      "6 bis ", "6 مكرراً ", "(i) ", "(ii) ", "a) ", "¹ ", "[1] ", "[", "]", "Alt 1 ", "البديل 2 ", "إذ يذكّر",
      "وإذ يلاحظ", "يقرر", "يدعو", "recalling", "resolves", "Decides ", "The General Assembly,",
      "إن المؤتمر العالمي،", "Annex", "الملحق", "# ", "## ", "* ", "[^1]", "[^1]: ", "**", "_", "\t", "\n", "\n\n",
      "\r\n", " ", "؛", "،", ",", ".", ":", "WSIS+20", "(ITU)", "\u202E", "\u200F", "\uFEFF", "ـ", "ً", "___", "---");

  @Provide
  Arbitrary<String> drafts() {
    Arbitrary<String> piece = Arbitraries.of(PIECES);
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(12);
    Arbitrary<String> word = Arbitraries.strings().withCharRange('\u0621', '\u064A').ofMinLength(1).ofMaxLength(8);
    return Combinators.combine(piece, noise, word).as((p, n, w) -> p + w + " " + n).list().ofMaxSize(40)
        .map(parts -> String.join("", parts));
  }

  @Property(tries = 400)
  @Label("text built from draft pieces gives paragraphs or an ImportException, never another exception")
  void structuredText(@ForAll("drafts") String draft) {
    for (SourceFormat f : List.of(SourceFormat.TEXT, SourceFormat.MARKDOWN)) {
      readsOrRefuses(draft.getBytes(StandardCharsets.UTF_8), f);
    }
  }

  @Property(tries = 300)
  @Label("any Unicode text gives paragraphs or an ImportException")
  void anyText(@ForAll @Size(max = 400) String text) {
    for (SourceFormat f : List.of(SourceFormat.TEXT, SourceFormat.MARKDOWN)) {
      readsOrRefuses(text.getBytes(StandardCharsets.UTF_8), f);
    }
  }

  @Property(tries = 300)
  @Label("any bytes, in every format, give paragraphs or an ImportException")
  void anyBytes(@ForAll @Size(max = 600) byte[] bytes) {
    for (SourceFormat f : SourceFormat.values()) {
      readsOrRefuses(bytes, f);
    }
  }

  @Property(tries = 60)
  @Label("a DOCX with bytes flipped gives paragraphs or an ImportException")
  void damagedDocx(@ForAll @Size(min = 1, max = 8) List<Integer> offsets, @ForAll byte value) {
    byte[] docx = TestDocx.englishDraft("to act;", "to report.");
    for (int o : offsets) {
      docx[Math.floorMod(o, docx.length)] = value;
    }
    readsOrRefuses(docx, SourceFormat.DOCX);
  }

  private static void readsOrRefuses(byte[] bytes, SourceFormat format) {
    try {
      ImportedDraft d = DraftReader.read(bytes, format);
      assertThat(d.paragraphs()).isNotEmpty();
      for (int i = 0; i < d.paragraphs().size(); i++) {
        DraftParagraph p = d.paragraphs().get(i);
        assertThat(p.parent()).isBetween(-1, i - 1);
        assertThat(p.brackets()).isNotNegative();
        assertThat(p.text()).doesNotContain("\u202E");
      }
    } catch (ImportException e) {
      assertThat(e.getMessage()).isNotBlank();
      assertThat(e.field()).isEqualTo("body");
    }
  }
}
