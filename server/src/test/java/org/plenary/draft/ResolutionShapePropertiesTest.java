package org.plenary.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * General Assembly-style resolutions in every shape the importer meets, in English and in Arabic: bracketed
 * endings, whole bracketed paragraphs, alternatives on their own lines ("[Alt 2: …]", "Alt.2", "Option 2",
 * "[البديل 2: …]", "الخيار 2:") in both parts, "bis" and "ter" paragraphs ("مكرراً", "مكرراً ثانياً"), lettered
 * items. None of these has a heading, so nothing may be read as one.
 */
@Label("Resolution shapes")
class ResolutionShapePropertiesTest {
  /** What a generated resolution is written with in one language. */
  record Language(List<String> preambular, List<String> operative, List<String> words, List<String> alternatives,
      String comma, String and, String preambularEnd, String operativeEnd, String numberFormat, String bis, String ter,
      List<String> letters, String head) {}

  static final Language ENGLISH = new Language(
      List.of("Recalling", "Reaffirming", "Noting with deep concern that", "Welcoming", "Stressing", "Recognizing",
          "Acknowledging"),
      List.of("Decides", "Requests the Secretary-General", "Encourages", "Invites Member States",
          "Calls upon all States", "Urges"),
      List.of("the", "digital", "divide", "financing", "connectivity", "of", "meaningful", "broadband", "in",
          "developing", "countries", "report", "resolution", "70/1", "2030", "skills"),
      List.of("[Alt %d: %s]", "Alt.%d %s", "Option %d %s", "[البديل %d: %s]", "ALT %d: %s"),
      ",", "and ", ",", ";", "%s. ", " bis", " ter", List.of("a", "b", "c"),
      "Draft resolution A/80/L.1\n\nThe digital divide\n\nThe General Assembly,\n\n");

  static final Language ARABIC = new Language(
      List.of("إذ تشير إلى", "وإذ تؤكد من جديد", "وإذ تلاحظ مع بالغ القلق أن", "وإذ ترحب", "وإذ تشدد على", "وإذ تسلم",
          "وإذ تقر"),
      List.of("تقرر", "تطلب إلى الأمين العام", "تشجع", "تدعو الدول الأعضاء", "تهيب بجميع الدول", "تحث",
          "تحيط علماً", "تطالب", "تشدد على", "تعرب عن"),
      List.of("سد", "الفجوة", "الرقمية", "التمويل", "التوصيلية", "في", "الهادفة", "النطاق", "العريض", "البلدان",
          "النامية", "تقرير", "القرار", "70/1", "2030", "المهارات"),
      List.of("[البديل %d: %s]", "البديل %d: %s", "الخيار %d: %s", "[الخيار %d: %s]", "[Alt %d: %s]"),
      "،", "و", "،", "؛", "%s - ", " مكرراً", " مكرراً ثانياً", List.of("أ", "ب", "ج"),
      "مشروع قرار A/80/L.1\n\nسد الفجوة الرقمية\n\nإن الجمعية العامة،\n\n");

  /** One generated paragraph line and what it must come back as. */
  record Line(String text, String kind, boolean numbered, boolean alternative) {}

  /** A resolution: its language and its lines after the head (title, subtitle, authority). */
  record Resolution(Language language, List<Line> lines) {}

  @Provide
  Arbitrary<Resolution> resolutions() {
    return Arbitraries.of(ENGLISH, ARABIC).flatMap(this::resolutionsIn);
  }

  private Arbitrary<Resolution> resolutionsIn(Language lang) {
    Arbitrary<String> body = Arbitraries.of(lang.words()).list().ofMinSize(2).ofMaxSize(14)
        .map(w -> String.join(" ", w));
    Arbitrary<Integer> bracketing = Arbitraries.integers().between(0, 3);
    Arbitrary<List<Line>> preambular = Combinators.combine(Arbitraries.of(lang.preambular()), body, body, bracketing,
        Arbitraries.integers().between(0, 3), Arbitraries.of(lang.alternatives()))
        .as((kw, a, b, br, alts, altForm) -> paragraphWithAlternatives(lang, kw + " " + a, b, br, lang.preambularEnd(),
            null, alts, altForm, "preambular"))
        .list().ofMinSize(1).ofMaxSize(6).map(ResolutionShapePropertiesTest::flatten);
    Arbitrary<List<Line>> operative = Combinators.combine(Arbitraries.of(lang.operative()), body, body, bracketing,
        Arbitraries.integers().between(0, 3), Arbitraries.of(lang.alternatives()), Arbitraries.integers().between(0, 2),
        Arbitraries.of("", "bis", "ter"))
        .as((kw, a, b, br, alts, altForm, items, suffix) -> {
          List<Line> out = new ArrayList<>(paragraphWithAlternatives(lang, kw + " " + a, b, br,
              items > 0 ? ":" : lang.operativeEnd(), suffix, items > 0 ? 0 : alts, altForm, "operative"));
          for (int i = 0; i < items; i++) {
            out.add(new Line("(" + lang.letters().get(i) + ") " + b + lang.operativeEnd(), "subparagraph", false,
                false));
          }
          return out;
        })
        .list().ofMinSize(1).ofMaxSize(6).map(ResolutionShapePropertiesTest::flatten);
    return Combinators.combine(preambular, operative).as((p, o) -> {
      List<Line> all = new ArrayList<>(p);
      int number = 0;
      for (Line l : o) {
        if (l.numbered()) {
          // "bis"/"ter" go after the number before them; a plain one takes the next number.
          String suffix = l.text().startsWith("#bis") ? lang.bis() : l.text().startsWith("#ter") ? lang.ter() : "";
          if (suffix.isEmpty() || number == 0) {
            number++;
            suffix = "";
          }
          all.add(new Line(String.format(lang.numberFormat(), number + suffix)
              + l.text().replaceFirst("^#(bis|ter)?", ""), l.kind(), true, l.alternative()));
        } else {
          all.add(l);
        }
      }
      return new Resolution(lang, all);
    });
  }

  /**
   * A paragraph ({@code numberSuffix} null: unnumbered) with {@code alternatives} more versions of it on their
   * own lines. Bracketing: 0 none, 1 the final clause, 2 the whole paragraph, 3 a phrase in the middle.
   */
  private static List<Line> paragraphWithAlternatives(Language lang, String opening, String clause, int bracketing,
      String end, String numberSuffix, int alternatives, String altForm, String kind) {
    String c = lang.comma();
    String text = switch (bracketing) {
      case 1 -> opening + c + " [" + lang.and() + clause + end + "]";
      case 2 -> "[" + opening + c + " " + clause + end + "]";
      case 3 -> opening + " [" + clause + "] " + clause + end;
      default -> opening + c + " " + clause + end;
    };
    List<Line> out = new ArrayList<>();
    boolean numbered = numberSuffix != null;
    String marker = numbered ? "#" + numberSuffix.strip() : "";
    out.add(new Line(marker + text, kind, numbered, false));
    for (int k = 2; k <= alternatives + 1; k++) {
      out.add(new Line(String.format(altForm, k, opening + " " + clause + end), kind, false, true));
    }
    return out;
  }

  private static List<Line> flatten(List<List<Line>> lists) {
    List<Line> out = new ArrayList<>();
    lists.forEach(out::addAll);
    return out;
  }

  private static ImportedDraft read(Resolution r) throws ImportException {
    StringBuilder b = new StringBuilder(r.language().head());
    for (Line l : r.lines()) {
      b.append(l.text()).append("\n\n");
    }
    return DraftReader.read(b.toString().getBytes(StandardCharsets.UTF_8), SourceFormat.TEXT);
  }

  @Property(tries = 400)
  @Label("in a resolution without headings (English or Arabic), a numbered paragraph never hangs under an unnumbered one")
  void numberedNeverUnderUnnumbered(@ForAll("resolutions") Resolution r) throws ImportException {
    List<DraftParagraph> ps = read(r).paragraphs();
    for (DraftParagraph p : ps) {
      assertThat(p.kind()).as(p.text()).isNotEqualTo(ParagraphKind.HEADING);
      if (p.number() != null && p.parent() >= 0) {
        assertThat(ps.get(p.parent()).number()).as("parent of " + p.number() + " " + p.text()).isNotNull();
      }
    }
  }

  @Property(tries = 400)
  @Label("each line comes back as the kind it was written as; alternatives are alternatives of their paragraph")
  void kindsAndAlternatives(@ForAll("resolutions") Resolution r) throws ImportException {
    List<Line> lines = r.lines();
    List<DraftParagraph> ps = read(r).paragraphs();
    // Title, subtitle and the authority ("The General Assembly,", "إن الجمعية العامة،") come first.
    assertThat(ps).hasSize(lines.size() + 3);
    assertThat(ps.get(2).kind()).isEqualTo(ParagraphKind.AUTHORITY);
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      DraftParagraph p = ps.get(i + 3);
      assertThat(p.kind().code()).as(l.text()).isEqualTo(l.kind());
      if (l.alternative()) {
        assertThat(p.alt()).as(l.text()).isNotNull();
        assertThat(p.number()).as(l.text()).isNull();
        assertThat(p.parent()).as(l.text()).isEqualTo(ps.get(i + 2).parent());
      }
    }
  }
}
