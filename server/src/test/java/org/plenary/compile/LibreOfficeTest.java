package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * LibreOffice opens the DOCX without repair and keeps its tracked changes: converted to PDF it renders,
 * saved again as DOCX it still holds the same insertions and deletions with their authors. Skipped,
 * with a message, where LibreOffice is not installed ({@code apt-get install libreoffice-writer}).
 */
@DisplayName("The DOCX in LibreOffice")
public class LibreOfficeTest {
  @TempDir Path temp;

  public static String soffice() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("libreoffice", "soffice")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  /** Converts {@code in} with LibreOffice into {@code outDir}; a private profile keeps parallel runs apart. */
  public static Path convert(String soffice, Path in, String filter, Path outDir) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("lo-profile");
    List<String> cmd = new ArrayList<>(List.of(soffice, "-env:UserInstallation=" + profile.toUri(), "--headless",
        "--norestore", "--convert-to", filter, "--outdir", outDir.toString(), in.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outDir.resolve("lo.log").toFile())
        .start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("LibreOffice did not finish in 180 s");
    }
    String base = in.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    String ext = filter.replaceFirst(":.*", "");
    return outDir.resolve(base + "." + ext);
  }

  @Test
  @DisplayName("converts to PDF, and a DOCX saved by LibreOffice still carries the tracked changes and authors")
  void opensAndKeepsTrackedChanges() throws Exception {
    String soffice = soffice();
    if (System.getenv("PLENARY_REQUIRE_LIBREOFFICE") != null && soffice == null) {
      throw new AssertionError("PLENARY_REQUIRE_LIBREOFFICE is set but LibreOffice is not on the PATH");
    }
    assumeTrue(soffice != null, "LibreOffice is not on the PATH: skipping (apt-get install libreoffice-writer)");
    ConsolidatedDocument doc = CompilationBuilder.build(Res88.source(), CompilationOptions.DEFAULT);
    Path docx = temp.resolve("Res88-compilation.docx");
    Files.write(docx, DocxExporterTest.docx(doc));

    Path pdf = convert(soffice, docx, "pdf", temp);
    assertThat(pdf).exists();
    assertThat(Files.size(pdf)).isGreaterThan(10_000);
    assertThat(new String(Files.readAllBytes(pdf), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");

    Path again = temp.resolve("again");
    Files.createDirectories(again);
    Path resaved = convert(soffice, docx, "docx:MS Word 2007 XML", again);
    assertThat(resaved).exists();
    Document d = DocxExporterTest.documentXml(Files.readAllBytes(resaved));
    List<String> insAuthors = authors(d, "ins");
    List<String> delAuthors = authors(d, "del");
    assertThat(insAuthors).contains("Jordan", "Arab Group (Egypt)", "European Union (Germany)", "Group of 77 and China (Iraq)");
    assertThat(delAuthors).contains("Jordan", "United States of America");
    assertThat(d.getDocumentElement().getTextContent()).contains("بضمان").contains("2,6");
  }

  private static List<String> authors(Document d, String local) {
    NodeList nodes = d.getElementsByTagNameNS(DocxExporter.W, local);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      String a = ((Element) nodes.item(i)).getAttributeNS(DocxExporter.W, "author");
      if (!a.isEmpty()) {
        out.add(a);
      }
    }
    return out;
  }

  /** Each non-empty paragraph of a document.xml as "rtl|text" or "ltr|text" (inserted and deleted text included). */
  public static List<String> paragraphs(Document d) {
    List<String> out = new ArrayList<>();
    NodeList ps = d.getElementsByTagNameNS(DocxExporter.W, "p");
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      StringBuilder text = new StringBuilder();
      NodeList all = p.getElementsByTagNameNS(DocxExporter.W, "*");
      boolean rtl = false;
      for (int j = 0; j < all.getLength(); j++) {
        Element e = (Element) all.item(j);
        String local = e.getLocalName();
        if (local.equals("t") || local.equals("delText")) {
          text.append(e.getTextContent());
        } else if (local.equals("bidi") && e.getParentNode().getLocalName().equals("pPr")) {
          String v = e.getAttributeNS(DocxExporter.W, "val");
          rtl = !v.equals("0") && !v.equals("false");
        }
      }
      if (!text.toString().isBlank()) {
        out.add((rtl ? "rtl|" : "ltr|") + text);
      }
    }
    return out;
  }

  @Test
  @DisplayName("LibreOffice reads every paragraph with our text and direction, and keeps the Word comments")
  void textAndDirection() throws Exception {
    String soffice = soffice();
    if (System.getenv("PLENARY_REQUIRE_LIBREOFFICE") != null && soffice == null) {
      throw new AssertionError("PLENARY_REQUIRE_LIBREOFFICE is set but LibreOffice is not on the PATH");
    }
    assumeTrue(soffice != null, "LibreOffice is not on the PATH: skipping (apt-get install libreoffice-writer)");
    for (Language l : Language.values()) {
      ConsolidatedDocument doc = CompilationBuilder.build(ExportGoldenTest.fixture(),
          CompilationOptions.DEFAULT.withLanguage(l).withWordComments(true));
      byte[] ours = DocxExporterTest.docx(doc);
      Path dir = Files.createDirectories(temp.resolve(l.code()));
      Path docx = dir.resolve("Res88-" + l.code() + ".docx");
      Files.write(docx, ours);
      Path again = Files.createDirectories(dir.resolve("again"));
      Path resaved = convert(soffice, docx, "docx:MS Word 2007 XML", again);
      assertThat(resaved).exists();
      List<String> expected = paragraphs(DocxExporterTest.documentXml(ours));
      List<String> actual = paragraphs(DocxExporterTest.documentXml(Files.readAllBytes(resaved)));
      assertThat(actual).as(l + ": paragraphs as LibreOffice reads them").containsExactlyElementsOf(expected);
      assertThat(expected).anySatisfy(p -> assertThat(p).startsWith(l == Language.AR ? "rtl|" : "ltr|"));
      try (var mine = new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(ours));
          var theirs = new org.apache.poi.xwpf.usermodel.XWPFDocument(Files.newInputStream(resaved))) {
        assertThat(theirs.getComments()).extracting(org.apache.poi.xwpf.usermodel.XWPFComment::getText)
            .containsExactlyElementsOf(java.util.Arrays.stream(mine.getComments())
                .map(org.apache.poi.xwpf.usermodel.XWPFComment::getText).toList());
      }
    }
  }
}
