package org.plenary.compile;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
 * <p>The main part is streamed with StAX straight into the zip, never held as a DOM: a 5,000-proposal
 * compilation stays small in memory and fast (see {@code bench/compile}). POI reads the result back in
 * the tests.
 */
public final class DocxExporter implements Exporter {
  static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
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
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(new NonClosing(zip), "UTF-8");
      new Body(doc, x).write();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write the document", e);
    }
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
    private final XMLStreamWriter x;
    private final Labels labels;
    private final boolean docRtl;
    private int revisionId;

    Body(ConsolidatedDocument doc, XMLStreamWriter x) {
      this.doc = doc;
      this.x = x;
      this.labels = doc.labels();
      this.docRtl = labels.language().rtl();
    }

    void write() throws XMLStreamException {
      x.writeStartDocument("UTF-8", "1.0");
      x.setPrefix("w", W);
      x.writeStartElement("w", "document", W);
      x.writeNamespace("w", W);
      x.writeStartElement(W, "body");
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
      sectPr();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
    }

    private void header() throws XMLStreamException {
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
      x.writeEndElement();
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
        x.writeEndElement();
      }
      pageBreak();
    }

    private static String n(int i) {
      return Integer.toString(i);
    }

    private void entry(Entry e) throws XMLStreamException {
      simple("Heading2", docRtl, labels.paragraph() + " " + e.paragraph().label(), false, false);
      simple("Draft", e.paragraph().direction() == Direction.RTL, e.paragraph().text(), false, false);
      for (Amendment a : e.amendments()) {
        amendment(a);
      }
      for (Remark r : e.remarks()) {
        remark(r);
      }
    }

    private void entriesAsTable() throws XMLStreamException {
      int[] w = {4319, 5319};
      tableStart(w);
      row(true, w, labels.paragraph(), labels.amendments());
      for (Entry e : doc.entries()) {
        x.writeStartElement(W, "tr");
        cellStart(w[0]);
        simple("Heading2", docRtl, labels.paragraph() + " " + e.paragraph().label(), false, false);
        simple("Draft", e.paragraph().direction() == Direction.RTL, e.paragraph().text(), false, false);
        x.writeEndElement();
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
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
    }

    private void amendment(Amendment a) throws XMLStreamException {
      String head = "[" + a.seq() + "] " + a.kindLabel() + (a.ituLabel() == null ? "" : " (" + a.ituLabel() + ")")
          + " — " + a.attribution();
      simple("Attribution", docRtl, head, true, false);
      boolean rtl = a.direction() == Direction.RTL;
      String date = DateTimeFormatter.ISO_INSTANT.format(a.date().truncatedTo(ChronoUnit.SECONDS));
      x.writeStartElement(W, "p");
      x.writeStartElement(W, "pPr");
      style("Amendment");
      if (rtl) {
        x.writeEmptyElement(W, "bidi");
      }
      if (a.kind() == ProposalKind.INSERT || a.kind() == ProposalKind.DELETE) {
        // The paragraph mark itself is inserted or deleted, so accepting removes or keeps the whole paragraph.
        x.writeStartElement(W, "rPr");
        mark(a.kind() == ProposalKind.INSERT ? "ins" : "del", a.author(), date);
        x.writeEndElement();
      }
      x.writeEndElement();
      for (DiffOp op : a.changes()) {
        switch (op.type()) {
          case EQUAL -> runs(op.text(), rtl, false, false, false);
          case INSERT -> {
            x.writeStartElement(W, "ins");
            revisionAttributes(a.author(), date);
            runs(op.text(), rtl, false, false, false);
            x.writeEndElement();
          }
          case DELETE -> {
            x.writeStartElement(W, "del");
            revisionAttributes(a.author(), date);
            runs(op.text(), rtl, false, false, true);
            x.writeEndElement();
          }
        }
      }
      x.writeEndElement();
      for (String r : a.rationales()) {
        simple("Rationale", Direction.of(r) == Direction.RTL, labels.rationale() + ": " + r, false, true);
      }
      for (Remark r : a.reactions()) {
        remark(r);
      }
    }

    private void remark(Remark r) throws XMLStreamException {
      String who = r.by() == null ? "" : " — " + r.by();
      String concerns = r.target() > 0 ? " (" + labels.concerns() + " [" + r.target() + "])" : "";
      x.writeStartElement(W, "p");
      x.writeStartElement(W, "pPr");
      style("Remark");
      if (docRtl) {
        x.writeEmptyElement(W, "bidi");
      }
      x.writeEndElement();
      runs(r.kindLabel() + concerns + who + (r.text().isEmpty() ? "" : ": "), docRtl, true, false, false);
      runs(r.text(), r.direction() == Direction.RTL, false, false, false);
      x.writeEndElement();
    }

    private void mark(String kind, String author, String date) throws XMLStreamException {
      x.writeEmptyElement(W, kind);
      revisionAttributes(author, date);
    }

    private void revisionAttributes(String author, String date) throws XMLStreamException {
      x.writeAttribute("w", W, "id", Integer.toString(++revisionId));
      x.writeAttribute("w", W, "author", Xml.clean(author));
      x.writeAttribute("w", W, "date", date);
    }

    /** A paragraph of one style with plain text, cut into directional runs. */
    private void simple(String style, boolean rtl, String text, boolean bold, boolean italic)
        throws XMLStreamException {
      x.writeStartElement(W, "p");
      x.writeStartElement(W, "pPr");
      style(style);
      if (rtl) {
        x.writeEmptyElement(W, "bidi");
      }
      x.writeEndElement();
      runs(text, rtl, bold, italic, false);
      x.writeEndElement();
    }

    private void style(String style) throws XMLStreamException {
      x.writeEmptyElement(W, "pStyle");
      x.writeAttribute("w", W, "val", style);
    }

    private void runs(String text, boolean paragraphRtl, boolean bold, boolean italic, boolean deleted)
        throws XMLStreamException {
      for (BidiRuns.Run run : BidiRuns.split(Xml.clean(text), paragraphRtl)) {
        x.writeStartElement(W, "r");
        if (bold || italic || run.rtl()) {
          x.writeStartElement(W, "rPr");
          if (run.rtl()) {
            x.writeEmptyElement(W, "rFonts");
            x.writeAttribute("w", W, "cs", CS_FONT);
          }
          if (bold) {
            x.writeEmptyElement(W, "b");
            x.writeEmptyElement(W, "bCs");
          }
          if (italic) {
            x.writeEmptyElement(W, "i");
            x.writeEmptyElement(W, "iCs");
          }
          if (run.rtl()) {
            x.writeEmptyElement(W, "szCs");
            x.writeAttribute("w", W, "val", "24");
            x.writeEmptyElement(W, "rtl");
          }
          x.writeEndElement();
        }
        x.writeStartElement(W, deleted ? "delText" : "t");
        x.writeAttribute("xml", XML_NS, "space", "preserve");
        x.writeCharacters(run.text());
        x.writeEndElement();
        x.writeEndElement();
      }
    }

    private void tableStart(int[] widths) throws XMLStreamException {
      x.writeStartElement(W, "tbl");
      x.writeStartElement(W, "tblPr");
      if (docRtl) {
        x.writeEmptyElement(W, "bidiVisual");
      }
      x.writeEmptyElement(W, "tblW");
      x.writeAttribute("w", W, "w", Integer.toString(TEXT_WIDTH));
      x.writeAttribute("w", W, "type", "dxa");
      x.writeStartElement(W, "tblBorders");
      for (String side : new String[] {"top", "left", "bottom", "right", "insideH", "insideV"}) {
        x.writeEmptyElement(W, side);
        x.writeAttribute("w", W, "val", "single");
        x.writeAttribute("w", W, "sz", "4");
        x.writeAttribute("w", W, "space", "0");
        x.writeAttribute("w", W, "color", "999999");
      }
      x.writeEndElement();
      x.writeEmptyElement(W, "tblLayout");
      x.writeAttribute("w", W, "type", "fixed");
      x.writeEndElement();
      x.writeStartElement(W, "tblGrid");
      for (int w : widths) {
        x.writeEmptyElement(W, "gridCol");
        x.writeAttribute("w", W, "w", Integer.toString(w));
      }
      x.writeEndElement();
    }

    private void row(boolean header, int[] widths, String... cells) throws XMLStreamException {
      x.writeStartElement(W, "tr");
      if (header) {
        x.writeStartElement(W, "trPr");
        x.writeEmptyElement(W, "tblHeader");
        x.writeEndElement();
      }
      for (int i = 0; i < cells.length; i++) {
        cellStart(widths[i]);
        simple("TableText", i == 0 && !header ? Direction.of(cells[i]) == Direction.RTL : docRtl, cells[i], header,
            false);
        x.writeEndElement();
      }
      x.writeEndElement();
    }

    private void cellStart(int width) throws XMLStreamException {
      x.writeStartElement(W, "tc");
      x.writeStartElement(W, "tcPr");
      x.writeEmptyElement(W, "tcW");
      x.writeAttribute("w", W, "w", Integer.toString(width));
      x.writeAttribute("w", W, "type", "dxa");
      x.writeEndElement();
    }

    private void pageBreak() throws XMLStreamException {
      x.writeStartElement(W, "p");
      x.writeStartElement(W, "r");
      x.writeEmptyElement(W, "br");
      x.writeAttribute("w", W, "type", "page");
      x.writeEndElement();
      x.writeEndElement();
    }

    private void sectPr() throws XMLStreamException {
      x.writeStartElement(W, "sectPr");
      x.writeEmptyElement(W, "pgSz");
      x.writeAttribute("w", W, "w", "11906");
      x.writeAttribute("w", W, "h", "16838");
      x.writeEmptyElement(W, "pgMar");
      for (String[] a : new String[][] {{"top", "1134"}, {"right", "1134"}, {"bottom", "1134"}, {"left", "1134"},
          {"header", "709"}, {"footer", "709"}, {"gutter", "0"}}) {
        x.writeAttribute("w", W, a[0], a[1]);
      }
      if (docRtl) {
        x.writeEmptyElement(W, "bidi");
      }
      x.writeEndElement();
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
