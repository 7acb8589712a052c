package org.plenary.compile;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/**
 * The consolidated document as WordprocessingML (DOCX). Each amendment is a copy of its paragraph with the
 * proposed change as real tracked changes ({@code w:ins}/{@code w:del}, author = the delegations, date =
 * the submission), so a facilitator accepts or rejects them in Word or LibreOffice. Arabic paragraphs are
 * right-to-left ({@code w:bidi}), Arabic runs {@code w:rtl} with a complex-script font and size.
 *
 * <p>The main part is streamed with {@link TagWriter} straight into the zip, never held as a DOM: a 5,000-proposal
 * compilation stays small in memory and fast (see {@code bench/compile}). POI reads the result back in
 * the tests.
 */
public final class DocxExporter implements Exporter {
  static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String FONT = "Arial";
  private static final String CS_FONT = "Arial";
  /** Text width of an A4 page with 2 cm margins, in twentieths of a point. */
  private static final int TEXT_WIDTH = 9638;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  @Override
  public void write(ConsolidatedDocument doc, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    entry(zip, "[Content_Types].xml", CONTENT_TYPES);
    entry(zip, "_rels/.rels", ROOT_RELS);
    entry(zip, "docProps/core.xml", core(doc));
    entry(zip, "word/_rels/document.xml.rels", DOCUMENT_RELS);
    entry(zip, "word/styles.xml", styles(doc.labels().language()));
    entry(zip, "word/settings.xml", SETTINGS);
    zip.putNextEntry(new ZipEntry("word/document.xml"));
    Writer w = new OutputStreamWriter(new NonClosing(zip), StandardCharsets.UTF_8);
    try {
      new Body(doc, new TagWriter(w)).write();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
    zip.closeEntry();
    zip.finish();
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Writes the body; one instance per document (it numbers the revisions). */
  private static final class Body {
    private final ConsolidatedDocument doc;
    private final TagWriter x;
    private final Labels labels;
    private final boolean docRtl;
    private int revisionId;

    Body(ConsolidatedDocument doc, TagWriter x) {
      this.doc = doc;
      this.x = x;
      this.labels = doc.labels();
      this.docRtl = labels.language().rtl();
    }

    void write() {
      x.declaration();
      x.start("w:document").attr("xmlns:w", W);
      x.start("w:body");
      header();
      if (doc.options().layout() == Layout.TABLE) {
        entriesAsTable();
      } else {
        for (Entry e : doc.entries()) {
          entry(e);
        }
      }
      if (!doc.general().isEmpty()) {
        simple("Heading1", docRtl, labels.generalRemarks(), false, false);
        for (Remark r : doc.general()) {
          remark(r);
        }
      }
      if (!doc.fates().isEmpty()) {
        // the disposition ("status of proposals"), as secretariats circulate it
        simple("Heading1", docRtl, labels.statusOfProposals(), false, false);
        int[] w3 = {1700, 1700, 2638, 1900, 1700};
        tableStart(w3);
        java.util.List<String> c = labels.fateColumns();
        row(true, w3, c.get(0), c.get(1), c.get(2), c.get(3), c.get(4));
        for (ConsolidatedDocument.FateRow f : doc.fates()) {
          row(false, w3, f.paragraph(), f.kind(), f.by(), f.fateLabel(), f.revision());
        }
        x.end();
      }
      sectPr();
      x.end();
      x.end();
      x.finish();
    }

    private void header() {
      ConsolidatedDocument.Header h = doc.header();
      simple("Title", Direction.of(h.negotiation()) == Direction.RTL, h.negotiation(), false, false);
      simple("Subtitle", docRtl, labels.title() + " — " + h.revision() + " — " + DAY.format(h.date()), false, false);
      ConsolidatedDocument.Counts c = h.counts();
      String sep = docRtl ? "، " : " · ";
      String counts = labels.paragraphs() + ": " + c.paragraphs() + sep + labels.contested() + ": " + c.contested()
          + sep + labels.amendments() + ": " + c.amendments() + sep + labels.reactions() + ": " + c.reactions()
          + sep + labels.remarks() + ": " + c.remarks()
          + (doc.options().attributed() ? sep + labels.delegations() + ": " + c.delegations() : "");
      simple("Normal", docRtl, counts, false, false);

      simple("Heading1", docRtl, labels.summaryByParagraph(), false, false);
      int[] w1 = {2438, 1800, 1800, 1800, 1800};
      tableStart(w1);
      row(true, w1, labels.paragraph(), labels.amendments(), labels.reactions(), labels.remarks(),
          labels.delegations());
      for (ConsolidatedDocument.ParagraphRow r : doc.summary().paragraphs()) {
        row(false, w1, r.label(), n(r.amendments()), n(r.reactions()), n(r.remarks()),
            doc.options().attributed() ? n(r.delegations()) : "—");
      }
      x.end();
      if (doc.options().attributed()) {
        simple("Heading1", docRtl, labels.summaryByDelegation(), false, false);
        int[] w2 = {2638, 1400, 1400, 1400, 1400, 1400};
        tableStart(w2);
        row(true, w2, labels.delegation(), labels.amendments(), labels.cosponsored(), labels.reactions(),
            labels.remarks(), labels.paragraphs());
        for (ConsolidatedDocument.DelegationRow r : doc.summary().delegations()) {
          row(false, w2, r.name().equals(r.code()) ? r.code() : r.name() + " (" + r.code() + ")", n(r.amendments()),
              n(r.cosponsored()), n(r.reactions()), n(r.remarks()), n(r.paragraphs()));
        }
        x.end();
      }
      pageBreak();
    }

    private static String n(int i) {
      return Integer.toString(i);
    }

    private void entry(Entry e) {
      simple("Heading2", docRtl, labels.paragraph() + " " + e.paragraph().label(), false, false);
      simple("Draft", e.paragraph().direction() == Direction.RTL, e.paragraph().text(), false, false);
      for (Amendment a : e.amendments()) {
        amendment(a);
      }
      for (Remark r : e.remarks()) {
        remark(r);
      }
    }

    private void entriesAsTable() {
      int[] w = {4319, 5319};
      tableStart(w);
      row(true, w, labels.paragraph(), labels.amendments());
      for (Entry e : doc.entries()) {
        x.start("w:tr");
        cellStart(w[0]);
        simple("Heading2", docRtl, labels.paragraph() + " " + e.paragraph().label(), false, false);
        simple("Draft", e.paragraph().direction() == Direction.RTL, e.paragraph().text(), false, false);
        x.end();
        cellStart(w[1]);
        boolean any = false;
        for (Amendment a : e.amendments()) {
          amendment(a);
          any = true;
        }
        for (Remark r : e.remarks()) {
          remark(r);
          any = true;
        }
        if (!any) {
          simple("Remark", docRtl, labels.noInput(), false, true);
        }
        x.end();
        x.end();
      }
      x.end();
    }

    private void amendment(Amendment a) {
      String head = "[" + a.seq() + "] " + a.kindLabel() + (a.ituLabel() == null ? "" : " (" + a.ituLabel() + ")")
          + " — " + a.attribution();
      simple("Attribution", docRtl, head, true, false);
      boolean rtl = a.direction() == Direction.RTL;
      String date = DateTimeFormatter.ISO_INSTANT.format(a.date().truncatedTo(ChronoUnit.SECONDS));
      x.start("w:p");
      x.start("w:pPr");
      style("Amendment");
      if (rtl) {
        x.empty("w:bidi");
      }
      if (a.kind() == ProposalKind.INSERT || a.kind() == ProposalKind.DELETE && a.text().isEmpty()) {
        // The paragraph mark itself is inserted or deleted, so accepting removes or keeps the whole paragraph.
        x.start("w:rPr");
        mark(a.kind() == ProposalKind.INSERT ? "ins" : "del", a.author(), date);
        x.end();
      }
      x.end();
      for (DiffOp op : CompilationBuilder.separated(a.changes())) {
        switch (op.type()) {
          case EQUAL -> runs(op.text(), rtl, false, false, false);
          case INSERT -> {
            x.start("w:ins");
            revisionAttributes(a.author(), date);
            runs(op.text(), rtl, false, false, false);
            x.end();
          }
          case DELETE -> {
            x.start("w:del");
            revisionAttributes(a.author(), date);
            runs(op.text(), rtl, false, false, true);
            x.end();
          }
        }
      }
      x.end();
      for (String r : a.rationales()) {
        simple("Rationale", Direction.of(r) == Direction.RTL, labels.rationale() + ": " + r, false, true);
      }
      for (Remark r : a.reactions()) {
        remark(r);
      }
    }

    private void remark(Remark r) {
      String who = r.by() == null ? "" : " — " + r.by();
      String concerns = r.target() > 0 ? " (" + labels.concerns() + " [" + r.target() + "])" : "";
      x.start("w:p");
      x.start("w:pPr");
      style("Remark");
      if (docRtl) {
        x.empty("w:bidi");
      }
      x.end();
      runs(r.kindLabel() + concerns + who + (r.text().isEmpty() ? "" : ": "), docRtl, true, false, false);
      runs(r.text(), r.direction() == Direction.RTL, false, false, false);
      x.end();
    }

    private void mark(String kind, String author, String date) {
      x.empty("w:" + kind);
      revisionAttributes(author, date);
    }

    private void revisionAttributes(String author, String date) {
      x.attr("w:id", Integer.toString(++revisionId));
      x.attr("w:author", Xml.clean(author));
      x.attr("w:date", date);
    }

    /** A paragraph of one style with plain text, cut into directional runs. */
    private void simple(String style, boolean rtl, String text, boolean bold, boolean italic)
        {
      x.start("w:p");
      x.start("w:pPr");
      style(style);
      if (rtl) {
        x.empty("w:bidi");
      }
      x.end();
      runs(text, rtl, bold, italic, false);
      x.end();
    }

    private void style(String style) {
      x.empty("w:pStyle");
      x.attr("w:val", style);
    }

    /**
     * Runs of one direction each. A run says only what differs from its style: right-to-left and Arabic
     * ({@code w:rtl}, {@code w:lang w:bidi}) or Latin ({@code w:lang w:val}), bold, italic for Latin only;
     * sizes and fonts come from the styles.
     */
    private void runs(String text, boolean paragraphRtl, boolean bold, boolean italic, boolean deleted) {
      for (BidiRuns.Run run : BidiRuns.split(Xml.clean(text), paragraphRtl)) {
        x.start("w:r");
        x.start("w:rPr");
        if (bold) {
          x.empty("w:b");
          x.empty("w:bCs");
        }
        if (italic && !run.rtl()) {
          x.empty("w:i"); // Arabic is never italicised: no w:iCs, no w:i on a right-to-left run
        }
        if (run.rtl()) {
          x.empty("w:rtl");
        }
        x.empty("w:lang");
        if (run.rtl()) {
          x.attr("w:bidi", "ar-SA");
        } else {
          x.attr("w:val", "en-GB");
        }
        x.end();
        x.start(deleted ? "w:delText" : "w:t");
        x.attr("xml:space", "preserve");
        x.text(run.text());
        x.end();
        x.end();
      }
    }

    private void tableStart(int[] widths) {
      x.start("w:tbl");
      x.start("w:tblPr");
      if (docRtl) {
        x.empty("w:bidiVisual");
      }
      x.empty("w:tblW");
      x.attr("w:w", Integer.toString(TEXT_WIDTH));
      x.attr("w:type", "dxa");
      x.start("w:tblBorders");
      for (String side : new String[] {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        x.empty("w:" + side);
        x.attr("w:val", "single");
        x.attr("w:sz", "4");
        x.attr("w:space", "0");
        x.attr("w:color", "999999");
      }
      x.end();
      x.empty("w:tblLayout");
      x.attr("w:type", "fixed");
      x.end();
      x.start("w:tblGrid");
      for (int w : widths) {
        x.empty("w:gridCol");
        x.attr("w:w", Integer.toString(w));
      }
      x.end();
    }

    private void row(boolean header, int[] widths, String... cells) {
      x.start("w:tr");
      if (header) {
        x.start("w:trPr");
        x.empty("w:tblHeader");
        x.end();
      }
      for (int i = 0; i < cells.length; i++) {
        cellStart(widths[i]);
        simple("TableText", i == 0 && !header ? Direction.of(cells[i]) == Direction.RTL : docRtl, cells[i], header,
            false);
        x.end();
      }
      x.end();
    }

    private void cellStart(int width) {
      x.start("w:tc");
      x.start("w:tcPr");
      x.empty("w:tcW");
      x.attr("w:w", Integer.toString(width));
      x.attr("w:type", "dxa");
      x.end();
    }

    private void pageBreak() {
      x.start("w:p");
      x.start("w:r");
      x.empty("w:br");
      x.attr("w:type", "page");
      x.end();
      x.end();
    }

    private void sectPr() {
      x.start("w:sectPr");
      x.empty("w:pgSz");
      x.attr("w:w", "11906");
      x.attr("w:h", "16838");
      x.empty("w:pgMar");
      for (String[] a : new String[][] {{"top", "1134"}, {"right", "1134"}, {"bottom", "1134"}, {"left", "1134"},
          {"header", "709"}, {"footer", "709"}, {"gutter", "0"}}) {
        x.attr("w:" + a[0], a[1]);
      }
      if (docRtl) {
        x.empty("w:bidi");
      }
      x.end();
    }
  }

  private static String core(ConsolidatedDocument doc) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<dc:title>" + Xml.escape(doc.header().negotiation() + " — " + doc.header().revision()) + "</dc:title>"
        + "<dc:subject>" + Xml.escape(doc.labels().title()) + "</dc:subject>"
        + "<dc:creator>Plenary</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
        + DateTimeFormatter.ISO_INSTANT.format(doc.header().date().truncatedTo(ChronoUnit.SECONDS))
        + "</dcterms:created></cp:coreProperties>";
  }

  private static String styles(Language language) {
    String lang = "<w:lang w:val=\"" + (language == Language.AR ? "ar-SA" : "en-GB") + "\" w:bidi=\"ar-SA\"/>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<w:styles xmlns:w=\"" + W + "\">"
        + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"" + FONT + "\" w:hAnsi=\"" + FONT
        + "\" w:eastAsia=\"" + FONT + "\" w:cs=\"" + CS_FONT + "\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"24\"/>"
        + lang + "</w:rPr></w:rPrDefault>"
        + "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
        + "</w:docDefaults>"
        + style("Normal", "Normal", null, "", "", true)
        + style("Title", "Title", "Normal", "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
            "<w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"40\"/>", false)
        + style("Subtitle", "Subtitle", "Normal", "<w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/>",
            "<w:color w:val=\"444444\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"28\"/>", false)
        + style("Heading1", "heading 1", "Normal", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>"
            + "<w:outlineLvl w:val=\"0\"/>", "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"32\"/>", false)
        + style("Heading2", "heading 2", "Normal", "<w:keepNext/><w:spacing w:before=\"280\" w:after=\"80\"/>"
            + "<w:outlineLvl w:val=\"1\"/>", "<w:b/><w:bCs/><w:color w:val=\"1F3864\"/><w:sz w:val=\"24\"/>"
            + "<w:szCs w:val=\"28\"/>", false)
        + style("Draft", "Draft paragraph", "Normal", "<w:spacing w:after=\"160\"/><w:jc w:val=\"both\"/>",
            "<w:sz w:val=\"24\"/><w:szCs w:val=\"28\"/>", false)
        + style("Attribution", "Proposal attribution", "Normal",
            "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"40\"/><w:ind w:start=\"284\"/>",
            "<w:color w:val=\"1F3864\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"22\"/>", false)
        + style("Amendment", "Proposed text", "Normal", "<w:ind w:start=\"567\"/><w:jc w:val=\"both\"/>",
            "<w:sz w:val=\"24\"/><w:szCs w:val=\"28\"/>", false)
        + style("Rationale", "Rationale", "Normal", "<w:ind w:start=\"567\"/>",
            "<w:color w:val=\"555555\"/><w:sz w:val=\"20\"/><w:szCs w:val=\"22\"/>", false)
        + style("Remark", "Remark", "Normal", "<w:ind w:start=\"567\"/>",
            "<w:sz w:val=\"20\"/><w:szCs w:val=\"22\"/>", false)
        + style("TableText", "Table text", "Normal", "<w:spacing w:after=\"0\"/>",
            "<w:sz w:val=\"20\"/><w:szCs w:val=\"22\"/>", false)
        + "</w:styles>";
  }

  private static String style(String id, String name, String basedOn, String pPr, String rPr, boolean dflt) {
    return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"" + (dflt ? " w:default=\"1\"" : "") + ">"
        + "<w:name w:val=\"" + name + "\"/>" + (basedOn == null ? "" : "<w:basedOn w:val=\"" + basedOn + "\"/>")
        + "<w:qFormat/>" + (pPr.isEmpty() ? "" : "<w:pPr>" + pPr + "</w:pPr>")
        + (rPr.isEmpty() ? "" : "<w:rPr>" + rPr + "</w:rPr>") + "</w:style>";
  }

  private static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.document.main+xml\"/>"
      + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.styles+xml\"/>"
      + "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
      + ".wordprocessingml.settings+xml\"/>"
      + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package"
      + ".core-properties+xml\"/>"
      + "</Types>";

  private static final String ROOT_RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/officeDocument\" Target=\"word/document.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata"
      + "/core-properties\" Target=\"docProps/core.xml\"/>"
      + "</Relationships>";

  private static final String DOCUMENT_RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/styles\" Target=\"styles.xml\"/>"
      + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
      + "/settings\" Target=\"settings.xml\"/>"
      + "</Relationships>";

  /** Shows the tracked changes as markup when the file opens (Word and LibreOffice honour it). */
  private static final String SETTINGS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<w:settings xmlns:w=\"" + W + "\"><w:revisionView w:markup=\"true\" w:insDel=\"true\"/>"
      + "<w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\""
      + " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";

  /** Keeps the StAX writer's close from closing the zip. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
