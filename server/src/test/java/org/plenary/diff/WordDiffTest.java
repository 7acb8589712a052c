package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.diff.DiffOp.Type;
import org.plenary.testing.Samples;
import org.plenary.text.Normaliser.Ignore;

@DisplayName("The word diff")
class WordDiffTest {
  static final String ZERO = Samples.text("ar-itu-res88-zero.txt");
  static final String REV1 = Samples.text("ar-itu-res88-rev1.txt");

  /** The paragraph (line) of a sample that contains {@code marker}. */
  static String line(String sample, String marker) {
    return sample.lines().filter(l -> l.contains(marker)).findFirst().orElseThrow().strip();
  }

  static List<DiffOp> changes(List<DiffOp> ops) {
    return ops.stream().filter(op -> op.type() != Type.EQUAL).toList();
  }

  static String plain(List<DiffOp> ops) {
    StringBuilder b = new StringBuilder();
    for (DiffOp op : ops) {
      switch (op.type()) {
        case EQUAL -> b.append(op.text());
        case DELETE -> b.append("[-").append(op.text()).append("-]");
        case INSERT -> b.append("{+").append(op.text()).append("+}");
      }
    }
    return b.toString();
  }

  @Test
  @DisplayName("the typo fix بضمن → بضمان is one replaced word")
  void typoFixIsOneWord() {
    List<DiffOp> ops = WordDiff.diff(line(ZERO, "بضمن استمرار"), line(REV1, "بضمان استمرار"));
    assertThat(changes(ops)).containsExactly(new DiffOp(Type.DELETE, "بضمن"), new DiffOp(Type.INSERT, "بضمان"));
  }

  @Test
  @DisplayName("in the considering (أ) paragraph each fix is its own one-word change: 2,9→2,6, 2022→2025, يفترق→يفتقر, للنفذ→للنفاذ")
  void figuresAndTyposAreSeparateWords() {
    List<DiffOp> ops = WordDiff.diff(line(ZERO, "يفترق"), line(REV1, "يفتقر"));
    assertThat(changes(ops)).containsExactly(
        new DiffOp(Type.DELETE, "2,9"), new DiffOp(Type.INSERT, "2,6"),
        new DiffOp(Type.DELETE, "2022"), new DiffOp(Type.INSERT, "2025"),
        new DiffOp(Type.DELETE, "يفترق"), new DiffOp(Type.INSERT, "يفتقر"),
        new DiffOp(Type.DELETE, "للنفذ"), new DiffOp(Type.INSERT, "للنفاذ"));
  }

  @Test
  @DisplayName("والأقليمية → والأقاليمية stays a change with diacritics and hamza ignored; a tashkeel-only change does not")
  void foldingKeepsLetterChanges() {
    DiffOptions loose = DiffOptions.ignoring(Ignore.DIACRITICS, Ignore.HAMZA);
    String old = line(ZERO, "والأقليمية");
    String neu = line(REV1, "والأقاليمية");
    assertThat(changes(WordDiff.diff(old, neu, loose)))
        .containsExactly(new DiffOp(Type.DELETE, "والأقليمية"), new DiffOp(Type.INSERT, "والأقاليمية"));

    String tashkeel = neu.replace("المساعدة التقنية", "المُساعَدة التِقْنِيَّة");
    List<DiffOp> ignored = WordDiff.diff(neu, tashkeel, loose);
    assertThat(changes(ignored)).isEmpty();
    assertThat(ignored).anySatisfy(op -> {
      assertThat(op.oldText()).isEqualTo("المساعدة");
      assertThat(op.text()).isEqualTo("المُساعَدة");
    });
    assertThat(changes(WordDiff.diff(neu, tashkeel))).isNotEmpty();
  }

  @Test
  @DisplayName("the reworded (ج): a bracketed insertion and an inserted phrase, each one run")
  void bracketedInsertion() {
    List<DiffOp> ops = WordDiff.diff(line(ZERO, "أهمية إشراك"), line(REV1, "أهمية إشراك"));
    assertThat(changes(ops)).extracting(DiffOp::type).containsExactly(Type.INSERT, Type.INSERT);
    assertThat(changes(ops).get(0).text()).contains("[ولا سيما الحكومات]");
    assertThat(changes(ops).get(1).text().strip()).isEqualTo("والميسورة التكلفة");
    assertThat(changes(ops).get(1).text()).startsWith("والميسورة");
  }

  @Test
  @DisplayName("tiny equalities between changes are absorbed: a phrase is replaced, not confetti")
  void semanticCleanup() {
    List<DiffOp> ops = WordDiff.diff("قرر المؤتمر أن يدعو الدول", "طلب المجلس أن يحث الأعضاء");
    assertThat(plain(ops)).isEqualTo("[-قرر المؤتمر أن يدعو الدول-]{+طلب المجلس أن يحث الأعضاء+}");
    assertThat(plain(WordDiff.diff("قرر المؤتمر، يدعو", "طلب المجلس، يدعو")))
        .isEqualTo("[-قرر المؤتمر-]{+طلب المجلس+}، يدعو");
    List<DiffOp> raw = WordDiff.diff("قرر المؤتمر أن يدعو الدول", "طلب المجلس أن يحث الأعضاء",
        DiffOptions.EXACT.withCleanup(false));
    assertThat(changes(raw).size()).isGreaterThan(2);
  }

  @Test
  @DisplayName("white space ignored: re-spacing is no change, but the real spacing is shown")
  void whitespace() {
    List<DiffOp> ops = WordDiff.diff("تعزيز  التقدم ، نحو", "تعزيز التقدم، نحو", DiffOptions.ignoring(Ignore.WHITESPACE));
    assertThat(changes(ops)).isEmpty();
    assertThat(ops.stream().map(DiffOp::text).reduce("", String::concat)).isEqualTo("تعزيز التقدم، نحو");
    assertThat(changes(WordDiff.diff("تعزيز  التقدم", "تعزيز التقدم"))).isNotEmpty();
  }

  @Test
  @DisplayName("Arabic-Indic digits and Latin digits compare equal when digits are ignored")
  void digits() {
    assertThat(changes(WordDiff.diff("في ٢٠٢٥", "في 2025", DiffOptions.ignoring(Ignore.DIGITS)))).isEmpty();
    assertThat(changes(WordDiff.diff("في ٢٠٢٥", "في 2025"))).hasSize(2);
  }

  @Test
  @DisplayName("the two-argument diff that tracked changes use still works, and empty texts are handled")
  void legacyAndEmpty() {
    assertThat(WordDiff.diff("", "")).isEmpty();
    assertThat(WordDiff.diff("", "نص")).containsExactly(new DiffOp(Type.INSERT, "نص"));
    assertThat(WordDiff.diff("نص", "")).containsExactly(new DiffOp(Type.DELETE, "نص"));
    assertThat(WordDiff.diff("بضمن استمرار", "بضمان استمرار")).containsExactly(new DiffOp(Type.DELETE, "بضمن"),
        new DiffOp(Type.INSERT, "بضمان"), new DiffOp(Type.EQUAL, " استمرار"));
  }
}
