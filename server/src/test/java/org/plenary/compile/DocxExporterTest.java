package org.plenary.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@DisplayName("The DOCX compilation")
public class DocxExporterTest {
  static final String W = DocxExporter.W;

  static byte[] docx(ConsolidatedDocument doc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocxExporter().write(doc, out);
    return out.toByteArray();
  }

  public static Document documentXml(byte[] docx) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
          f.setNamespaceAware(true);
          return f.newDocumentBuilder().parse(new NonClosing(zip));
        }
      }
    }
    throw new AssertionError("no word/document.xml");
  }

  private static List<Element> all(Document d, String local) {
    NodeList nodes = d.getElementsByTagNameNS(W, local);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static String text(Element e, String local) {
    StringBuilder b = new StringBuilder();
    NodeList nodes = e.getElementsByTagNameNS(W, local);
    for (int i = 0; i < nodes.getLength(); i++) {
      b.append(nodes.item(i).getTextContent());
    }
    return b.toString();
  }

  private static boolean has(Element e, String local) {
    return e.getElementsByTagNameNS(W, local).getLength() > 0;
  }

  @Test
  @DisplayName("each amendment is real Word tracked changes with the delegation as author and the date")
  void trackedChanges() throws Exception {
    ConsolidatedDocument doc = CompilationBuilder.build(Res88.source(), CompilationOptions.DEFAULT);
    Document d = documentXml(docx(doc));
    List<Element> ins = all(d, "ins");
    List<Element> del = all(d, "del");
    assertThat(ins).isNotEmpty();
    assertThat(del).isNotEmpty();
    // JOR corrects "بضمن" to "بضمان": one deletion and one insertion, authored by Jordan (each with the space
    // after it, so the two words stay apart on the page)
    assertThat(del).filteredOn(e -> text(e, "delText").equals("بضمن ") && e.getAttributeNS(W, "author")
        .equals("Jordan")).hasSize(1);
    assertThat(ins).filteredOn(e -> text(e, "t").equals("بضمان ")).singleElement().satisfies(e -> {
      assertThat(e.getAttributeNS(W, "author")).isEqualTo("Jordan");
      assertThat(e.getAttributeNS(W, "date")).isEqualTo("2026-11-20T09:08:00Z");
    });
    // Egypt for the Arab Group updates the figure
    assertThat(ins).filteredOn(e -> text(e, "t").contains("2,6")).singleElement()
        .satisfies(e -> assertThat(e.getAttributeNS(W, "author")).isEqualTo("Arab Group (Egypt)"));
    // deleted text is w:delText, never w:t; ids are unique
    assertThat(del).allSatisfy(e -> assertThat(has(e, "t")).isFalse());
    List<String> ids = new ArrayList<>();
    ins.forEach(e -> ids.add(e.getAttributeNS(W, "id")));
    del.forEach(e -> ids.add(e.getAttributeNS(W, "id")));
    assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isNotBlank());
    // the USA's deletion marks the whole paragraph, mark included, as deleted
    assertThat(all(d, "p")).filteredOn(p -> has(p, "pPr") && ((Element) p.getElementsByTagNameNS(W, "pPr").item(0))
        .getElementsByTagNameNS(W, "del").getLength() == 1).singleElement()
        .satisfies(p -> assertThat(text(p, "delText")).startsWith("المشاركة بفعالية"));
  }

  @Test
  @DisplayName("Arabic paragraphs are right-to-left, runs tagged Arabic or English, sizes from the styles; Latin runs stay left-to-right")
  void rightToLeft() throws Exception {
    ConsolidatedDocument doc = CompilationBuilder.build(Res88.source(), CompilationOptions.DEFAULT);
    Document d = documentXml(docx(doc));
    Element draft = all(d, "p").stream().filter(p -> text(p, "t").startsWith("أنه في حين أن من المعترف"))
        .findFirst().orElseThrow();
    assertThat(has((Element) draft.getElementsByTagNameNS(W, "pPr").item(0), "bidi")).isTrue();
    NodeList runs = draft.getElementsByTagNameNS(W, "r");
    boolean sawLatin = false;
    for (int i = 0; i < runs.getLength(); i++) {
      Element r = (Element) runs.item(i);
      String t = text(r, "t");
      if (t.contains("SDG")) {
        sawLatin = true;
        assertThat(has(r, "rtl")).as("run %s", t).isFalse();
        assertThat(((Element) r.getElementsByTagNameNS(W, "lang").item(0)).getAttributeNS(W, "val")).isEqualTo("en-GB");
      } else {
        assertThat(has(r, "rtl")).as("run %s", t).isTrue();
        assertThat(((Element) r.getElementsByTagNameNS(W, "lang").item(0)).getAttributeNS(W, "bidi")).isEqualTo("ar-SA");
        // font and size come from the styles: a run overriding w:szCs made the Arabic title smaller than its style
        assertThat(has(r, "szCs")).isFalse();
        assertThat(has(r, "rFonts")).isFalse();
      }
    }
    assertThat(sawLatin).isTrue();
    // English labels stay left-to-right
    ConsolidatedDocument en = CompilationBuilder.build(Res88.source(), CompilationOptions.DEFAULT);
    Element heading = all(documentXml(docx(en)), "p").stream().filter(p -> text(p, "t").startsWith("Proposals per"))
        .findFirst().orElseThrow();
    assertThat(has(heading, "bidi")).isFalse();
  }

  @Test
  @DisplayName("POI opens the file and reads the summary, the paragraphs and the accepted text")
  void poiReadsIt() throws Exception {
    ConsolidatedDocument doc = CompilationBuilder.build(Res88.source(), CompilationOptions.DEFAULT);
    try (XWPFDocument x = new XWPFDocument(new ByteArrayInputStream(docx(doc)))) {
      List<String> texts = x.getParagraphs().stream().map(XWPFParagraph::getText).toList();
      assertThat(texts.get(0)).isEqualTo("القرار 88 (كيغالي، 2022)");
      assertThat(texts).contains("Proposals per paragraph", "Proposals per delegation");
      assertThat(x.getTables()).hasSize(2);
      assertThat(x.getTables().get(1).getText()).contains("Egypt (EGY)");
      // POI reads inserted runs as text: the amended paragraph contains the new word
      assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("بضمان استمرار"));
    }
  }

  @Test
  @DisplayName("the non-attributed DOCX names no delegation, and the table layout puts proposals beside paragraphs")
  void nonAttributedTable() throws Exception {
    CompilationOptions o = CompilationOptions.parse(java.util.Map.of("attributed", List.of("false"), "layout",
        List.of("table")), Language.AR);
    byte[] bytes = docx(CompilationBuilder.build(Res88.source(), o));
    Document d = documentXml(bytes);
    String all = d.getDocumentElement().getTextContent();
    for (String name : List.of("Egypt", "مصر", "EGY", "Jordan", "الأردن", "JOR", "ARAB")) {
      // (the Arab Group may still appear in what a delegation wrote: ARE supports "مقترح المجموعة العربية")
      assertThat(all.contains(name)).as("mentions %s", name).isFalse();
    }
    assertThat(all(d, "ins")).allSatisfy(e -> assertThat(e.getAttributeNS(W, "author")).startsWith("المقترح "));
    try (XWPFDocument x = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      assertThat(x.getTables()).hasSize(2); // summary per paragraph, then the layout table
      assertThat(x.getTables().get(1).getRow(0).getTableCells()).hasSize(2);
      assertThat(x.getTables().get(1).getNumberOfRows()).isGreaterThan(20);
    }
  }

  /** Lets the XML parser close the entry without closing the zip. */
  private static final class NonClosing extends java.io.FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
