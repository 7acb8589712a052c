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
 * General Assembly-style resolutions in every shape the importer meets: bracketed endings, whole bracketed
 * paragraphs, alternatives on their own lines ("[Alt 2: …]", "Alt.2", "Option 2", "البديل 2") in both parts,
 * "bis" and "ter" paragraphs, lettered items. None of these has a heading, so nothing may be read as one.
 */
@Label("Resolution shapes")
class ResolutionShapePropertiesTest {
  private static final List<String> PREAMBULAR = List.of("Recalling", "Reaffirming", "Noting with deep concern that",
      "Welcoming", "Stressing", "Recognizing", "Acknowledging");
  private static final List<String> OPERATIVE = List.of("Decides", "Requests the Secretary-General", "Encourages",
      "Invites Member States", "Calls upon all States", "Urges");
  private static final List<String> WORDS = List.of("the", "digital", "divide", "financing", "connectivity", "of",
      "meaningful", "broadband", "in", "developing", "countries", "report", "resolution", "70/1", "2030", "skills");
  private static final List<String> ALTERNATIVES = List.of("[Alt %d: %s]", "Alt.%d %s", "Option %d %s",
      "[البديل %d: %s]", "ALT %d: %s");

  /** One generated paragraph line and what it must come back as. */
  record Line(String text, String kind, boolean numbered, boolean alternative) {}

  @Provide
  Arbitrary<List<Line>> resolutions() {
    Arbitrary<String> body = Arbitraries.of(WORDS).list().ofMinSize(2).ofMaxSize(14).map(w -> String.join(" ", w));
    Arbitrary<Integer> bracketing = Arbitraries.integers().between(0, 3);
    Arbitrary<List<Line>> preambular = Combinators.combine(Arbitraries.of(PREAMBULAR), body, body, bracketing,
        Arbitraries.integers().between(0, 3), Arbitraries.of(ALTERNATIVES))
        .as((kw, a, b, br, alts, altForm) -> paragraphWithAlternatives(kw + " " + a, b, br, ",", null, alts, altForm,
            "preambular"))
        .list().ofMinSize(1).ofMaxSize(6).map(ResolutionShapePropertiesTest::flatten);
    Arbitrary<List<Line>> operative = Combinators.combine(Arbitraries.of(OPERATIVE), body, body, bracketing,
        Arbitraries.integers().between(0, 3), Arbitraries.of(ALTERNATIVES), Arbitraries.integers().between(0, 2),
        Arbitraries.of("", " bis", " ter"))
        .as((kw, a, b, br, alts, altForm, items, suffix) -> {
          List<Line> out = new ArrayList<>(paragraphWithAlternatives(kw + " " + a, b, br, items > 0 ? ":" : ";", suffix,
              items > 0 ? 0 : alts, altForm, "operative"));
          for (int i = 0; i < items; i++) {
            out.add(new Line("(" + (char) ('a' + i) + ") " + b + ";", "subparagraph", false, false));
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
          String suffix = l.text().startsWith("#bis") ? " bis" : l.text().startsWith("#ter") ? " ter" : "";
          if (suffix.isEmpty() || number == 0) {
            number++;
            suffix = "";
          }
          all.add(new Line(number + suffix + ". " + l.text().replaceFirst("^#(bis|ter)?", ""), l.kind(), true,
              l.alternative()));
        } else {
          all.add(l);
        }
      }
      return all;
    });
  }

  /**
   * A paragraph ({@code numberSuffix} null: unnumbered) with {@code alternatives} more versions of it on their
   * own lines. Bracketing: 0 none, 1 the final clause, 2 the whole paragraph, 3 a phrase in the middle.
   */
  private static List<Line> paragraphWithAlternatives(String opening, String clause, int bracketing, String end,
      String numberSuffix, int alternatives, String altForm, String kind) {
    String text = switch (bracketing) {
      case 1 -> opening + ", [and " + clause + end + "]";
      case 2 -> "[" + opening + ", " + clause + end + "]";
      case 3 -> opening + " [" + clause + "] " + clause + end;
      default -> opening + ", " + clause + end;
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

  private static ImportedDraft read(List<Line> lines) throws ImportException {
    StringBuilder b = new StringBuilder("Draft resolution A/80/L.1\n\nThe digital divide\n\nThe General Assembly,\n\n");
    for (Line l : lines) {
      b.append(l.text()).append("\n\n");
    }
    return DraftReader.read(b.toString().getBytes(StandardCharsets.UTF_8), SourceFormat.TEXT);
  }

  @Property(tries = 300)
  @Label("in a resolution without headings, a numbered paragraph never hangs under an unnumbered one")
  void numberedNeverUnderUnnumbered(@ForAll("resolutions") List<Line> lines) throws ImportException {
    List<DraftParagraph> ps = read(lines).paragraphs();
    for (DraftParagraph p : ps) {
      assertThat(p.kind()).as(p.text()).isNotEqualTo(ParagraphKind.HEADING);
      if (p.number() != null && p.parent() >= 0) {
        assertThat(ps.get(p.parent()).number()).as("parent of " + p.number() + " " + p.text()).isNotNull();
      }
    }
  }

  @Property(tries = 300)
  @Label("each line comes back as the kind it was written as; alternatives are alternatives of their paragraph")
  void kindsAndAlternatives(@ForAll("resolutions") List<Line> lines) throws ImportException {
    List<DraftParagraph> ps = read(lines).paragraphs();
    // Title, subtitle and "The General Assembly," come first.
    assertThat(ps).hasSize(lines.size() + 3);
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
