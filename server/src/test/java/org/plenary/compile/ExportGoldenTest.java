package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every export of the compilation (issues 12 and 15): the Arabic resolution sample with its
 * proposals plus a question, an objection, a reservation on an amendment, a comment on a span and a general
 * remark, built in process at fixed dates, written by each exporter and compared with
 * {@code src/test/resources/goldens/}. A change to any document is then reviewed as a diff. After a
 * deliberate change, regenerate with {@code -Dgolden.write=true} and read the diff before committing it:
 *
 * <pre>
 *   mvn -B -o verify -pl server -am -Dskip.web=true -Dtest='ExportGoldenTest,DiffGoldenTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.write=true
 *   git diff server/src/test/resources/goldens
 * </pre>
 *
 * <p>Single-line formats are stored readably: JSON pretty-printed (the same values), the DOCX parts and Akoma
 * Ntoso with a line break before each block element (nothing else changes), the CSV with LF line ends (its
 * CRLF is checked separately).
 */
@DisplayName("Every export of the compilation matches its golden file")
class ExportGoldenTest {
  static final Path DIR = Path.of("src/test/resources/goldens");
  static final Instant CREATED = Instant.parse("2026-10-05T08:30:00Z");
  static final Instant PUBLISHED = Instant.parse("2026-11-18T16:00:00Z");

  /** The fixture: the Res. 88 sample, its 13 proposals and five more remarks, at fixed dates. */
  static CompilationSource fixture() {
    CompilationSource base = Res88.source();
    // numeric ids, as the API has them: sample "p1" is 801
    List<CompilationSource.Proposal> ps = new ArrayList<>();
    for (CompilationSource.Proposal p : base.proposals()) {
      ps.add(new CompilationSource.Proposal(numeric(p.id()), p.paragraphId(), p.kind(), p.delegation(), p.onBehalfOf(),
          p.cosponsors(), p.text(), p.rationale(), p.target() == null ? null : numeric(p.target()), p.state(),
          p.createdAt(), p.placement()));
    }
    CompilationSource.Paragraph figure = Res88.paragraphQuoting(base, "2,9 مليار");
    CompilationSource.Paragraph budget = Res88.paragraphQuoting(base, "بضمن تخصيص الموارد اللازمة");
    Instant t = Res88.T0.plus(java.time.Duration.ofHours(26)).plusSeconds(17);
    int at = figure.text().codePointCount(0, figure.text().indexOf("2,9 مليار"));
    ps.add(new CompilationSource.Proposal("914", figure.id(), ProposalKind.QUESTION, "PAK", null, List.of(),
        "ما مصدر رقم 2,9 مليار (ITU Facts and Figures 2023)؟", "", null, "submitted", t, null, at, at + 9));
    ps.add(new CompilationSource.Proposal("915", figure.id(), ProposalKind.OBJECT, "USA", null, List.of(),
        "We prefer the current figure.", "", "801", "submitted", t.plusSeconds(61)));
    ps.add(new CompilationSource.Proposal("916", budget.id(), ProposalKind.RESERVATION, "IRN", null, List.of(),
        "تحفظ على الإشارة إلى الميزانية.", "", "803", "submitted", t.plusSeconds(122)));
    ps.add(new CompilationSource.Proposal("917", budget.id(), ProposalKind.COMMENT, "CHN", null, List.of(),
        "The budget line should cite Council decision 2026.", "", null, "submitted", t.plusSeconds(183)));
    ps.add(new CompilationSource.Proposal("918", null, ProposalKind.COMMENT, "TUN", null, List.of(),
        "ملاحظة عامة على المشروع كله.", "", null, "submitted", t.plusSeconds(244)));
    return Res88.source(base.paragraphs(), ps).withDates(CREATED, PUBLISHED);
  }

  private static String numeric(String sampleId) {
    return Integer.toString(800 + Integer.parseInt(sampleId.substring(1)));
  }

  record Case(String name, CompilationOptions options) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    CompilationOptions arabic = CompilationOptions.DEFAULT.withLanguage(Language.AR).withWordComments(true);
    CompilationOptions anonymous = new CompilationOptions(Set.of(), Set.of(), Set.of(), Set.of(), null, null, false,
        Language.EN, true, false, false, Layout.TABLE, true, true);
    return List.of(new Case("res88-ar", arabic), new Case("res88-en-nonattributed", anonymous));
  }

  static byte[] export(Format format, ConsolidatedDocument doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      format.exporter().write(doc, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Compares {@code actual} with the golden file {@code name}, or writes it with -Dgolden.write=true. */
  static void golden(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.write")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (write it with -Dgolden.write=true)", name).exists();
    assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A line break before each block-level start tag of WordprocessingML. */
  static String docxLines(String xml) {
    return xml.replaceAll("(?<=>)(?=<(w:p|w:tbl|w:tr|w:sectPr|w:comment|w:body)[ >])", "\n");
  }

  /** A line break before every start tag between two tags, except inline ones. */
  static String aknLines(String xml) {
    return xml.replaceAll("(?<=>)(?=<(?!/)(?!(ins|del|noteRef|organization|ref|docTitle|docStage|authorialNote|span)[ >/]))",
        "\n");
  }

  static Map<String, String> parts(byte[] docx) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        out.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("HTML, Markdown, JSON, CSV, Akoma Ntoso and the DOCX's document.xml and comments.xml")
  void matchesGoldens(Case c) throws Exception {
    ConsolidatedDocument doc = CompilationBuilder.build(fixture(), c.options());
    golden(c.name() + ".html", new String(export(Format.HTML, doc), StandardCharsets.UTF_8));
    golden(c.name() + ".md", new String(export(Format.MD, doc), StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    golden(c.name() + ".json", json.writeValueAsString(json.readTree(export(Format.JSON, doc))) + "\n");
    String csv = new String(export(Format.CSV, doc), StandardCharsets.UTF_8);
    assertThat(csv.replace("\r\n", "")).as("every CSV line ends with CRLF").doesNotContain("\n");
    golden(c.name() + ".csv", csv.replace("\r\n", "\n"));
    ByteArrayOutputStream akn = new ByteArrayOutputStream();
    new AknExporter().write(doc, akn);
    AknExporterTest.validate(akn.toByteArray());
    golden(c.name() + ".akn.xml", aknLines(akn.toString(StandardCharsets.UTF_8)));
    Map<String, String> parts = parts(export(Format.DOCX, doc));
    golden(c.name() + ".document.xml", docxLines(parts.get("word/document.xml")));
    assertThat(parts.containsKey("word/comments.xml")).isEqualTo(c.options().wordComments());
    if (c.options().wordComments()) {
      golden(c.name() + ".comments.xml", docxLines(parts.get("word/comments.xml")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("the exports do not depend on when or how often they are made")
  void deterministic(Case c) throws Exception {
    for (Format f : Format.values()) {
      byte[] once = export(f, CompilationBuilder.build(fixture(), c.options()));
      byte[] twice = export(f, CompilationBuilder.build(fixture(), c.options()));
      if (f == Format.DOCX) {
        assertThat(parts(twice)).as(f.name()).isEqualTo(parts(once));
      } else {
        assertThat(twice).as(f.name()).isEqualTo(once);
      }
    }
  }
}
