package org.plenary.compile;

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
    boolean comments = doc.options().wordComments();
    DocxParts.entry(zip, "[Content_Types].xml", comments ? DocxParts.CONTENT_TYPES.replace("</Types>", COMMENTS_TYPE + "</Types>")
        : DocxParts.CONTENT_TYPES);
    DocxParts.entry(zip, "_rels/.rels", DocxParts.ROOT_RELS);
    DocxParts.entry(zip, "docProps/core.xml", core(doc));
    DocxParts.entry(zip, "word/_rels/document.xml.rels", comments
        ? DocxParts.DOCUMENT_RELS.replace("</Relationships>", COMMENTS_REL + "</Relationships>") : DocxParts.DOCUMENT_RELS);
    DocxParts.entry(zip, "word/styles.xml", styles(doc.labels().language()));
    DocxParts.entry(zip, "word/settings.xml", SETTINGS);
    zip.putNextEntry(new ZipEntry("word/document.xml"));
    Writer w = new OutputStreamWriter(new DocxParts.NonClosing(zip), StandardCharsets.UTF_8);
    Body body = new Body(doc, new TagWriter(w));
    try {
      body.write();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
    zip.closeEntry();
    if (comments) {
      zip.putNextEntry(new ZipEntry("word/comments.xml"));
      Writer c = new OutputStreamWriter(new DocxParts.NonClosing(zip), StandardCharsets.UTF_8);
      try {
        body.comments(new TagWriter(c));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      c.flush();
      zip.closeEntry();
    }
    zip.finish();
  }

  /** The kinds that become Word comments with {@code wordComments=true}. */
  static boolean asWordComment(ProposalKind kind) {
    return kind == ProposalKind.COMMENT || kind == ProposalKind.QUESTION || kind == ProposalKind.RESERVATION;
  }

  /**
   * Column widths (twentieths of a point) that hold every word of every cell unbroken: each column gets at
   * least its longest word (bold in the header row), then the rest of {@code total} in proportion to its
   * longest cell. Estimated for the 10 pt table style (Arial: about 0.6 em a character, bold included).
   */
  static int[] fit(int total, java.util.List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] min = new int[columns];
    int[] weight = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        String cell = row[i] == null ? "" : row[i];
        for (String word : cell.split("[\\s\u00A0]+")) {
          min[i] = Math.max(min[i], wordWidth(word));
        }
        weight[i] = Math.max(weight[i], Math.min(cell.codePointCount(0, cell.length()), 40));
      }
    }
    int sum = 0;
    for (int m : min) {
      sum += m;
    }
    int[] out = new int[columns];
    if (sum >= total) {
      for (int i = 0; i < columns; i++) {
        out[i] = min[i] * total / sum;
      }
      return out;
    }
    int weights = 0;
    for (int wgt : weight) {
      weights += Math.max(wgt, 1);
    }
    int left = total;
    for (int i = 0; i < columns; i++) {
      out[i] = min[i] + (total - sum) * Math.max(weight[i], 1) / weights;
      left -= out[i];
    }
    out[0] += left;
    return out;
  }

  /** A word's width in a 10 pt table cell with its margins: 6 pt a character, 2 × 5.4 pt of margins, 2 pt spare. */
  static int wordWidth(String word) {
    return word.codePointCount(0, word.length()) * 120 + 216 + 40;
  }

  /** Writes the body; one instance per document (it numbers the revisions). */
  private static final class Body {
    private final ConsolidatedDocument doc;
    private final TagWriter x;
    private final Labels labels;
    private final boolean docRtl;
    private int revisionId;
    /** The remarks made Word comments, by comment id (wordComments=true). */
    private final java.util.List<Remark> comments = new java.util.ArrayList<>();

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
          remark(r, wordComment(r));
        }
      }
      if (!doc.fates().isEmpty()) {
        // the disposition ("status of proposals"), as secretariats circulate it
        simple("Heading1", docRtl, labels.statusOfProposals(), false, false);
        java.util.List<String> c = labels.fateColumns();
        java.util.List<String[]> cells = new java.util.ArrayList<>();
        cells.add(c.toArray(String[]::new));
        doc.fates().forEach(f -> cells.add(new String[] {f.paragraph(), f.kind(), f.by(), f.fateLabel(), f.revision()}));
        int[] w3 = fit(TEXT_WIDTH, cells);
        tableStart(w3);
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
      java.util.List<String[]> cells1 = new java.util.ArrayList<>();
      cells1.add(new String[] {labels.paragraph(), labels.amendments(), labels.reactions(), labels.remarks(),
          labels.delegations()});
      doc.summary().paragraphs().forEach(r -> cells1.add(new String[] {r.label(), "000", "000", "000", "000"}));
      int[] w1 = fit(TEXT_WIDTH, cells1);
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
        java.util.List<String[]> cells2 = new java.util.ArrayList<>();
        cells2.add(new String[] {labels.delegation(), labels.amendments(), labels.cosponsored(), labels.reactions(),
            labels.remarks(), labels.paragraphs()});
        doc.summary().delegations().forEach(r -> cells2.add(new String[] {r.name().equals(r.code()) ? r.code()
            : r.name() + " (" + r.code() + ")", "000", "000", "000", "000", "000"}));
        int[] w2 = fit(TEXT_WIDTH, cells2);
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
      draft(e);
      for (Amendment a : e.amendments()) {
        amendment(a);
      }
      for (Remark r : e.remarks()) {
        remark(r, -1);
      }
    }

    /** The comment id for {@code r} when it becomes a Word comment, else -1. */
    private int wordComment(Remark r) {
      if (!doc.options().wordComments() || !asWordComment(r.kind())) {
        return -1;
      }
      comments.add(r);
      return comments.size() - 1;
    }

    /**
     * The paragraph's text; with {@code wordComments}, its comments, questions and reservations as Word
     * comments around the span they are about, or the whole paragraph.
     */
    private void draft(Entry e) {
      boolean rtl = e.paragraph().direction() == Direction.RTL;
      String text = Xml.clean(e.paragraph().text());
      java.util.TreeMap<Integer, java.util.List<int[]>> marks = new java.util.TreeMap<>(); // offset → [id, start?]
      java.util.List<Integer> ids = new java.util.ArrayList<>();
      for (Remark r : e.remarks()) {
        int id = wordComment(r);
        if (id < 0) {
          continue;
        }
        ids.add(id);
        int from = 0;
        int to = text.length();
        if (r.start() != null && r.end() != null) {
          int cps = text.codePointCount(0, text.length());
          if (r.start() < r.end() && r.end() <= cps) {
            from = text.offsetByCodePoints(0, r.start());
            to = text.offsetByCodePoints(0, r.end());
          }
        }
        marks.computeIfAbsent(from, k -> new java.util.ArrayList<>()).add(new int[] {id, 1});
        marks.computeIfAbsent(to, k -> new java.util.ArrayList<>()).add(new int[] {id, 0});
      }
      x.start("w:p");
      x.start("w:pPr");
      style("Draft");
      if (rtl) {
        x.empty("w:bidi");
      }
      x.end();
      int at = 0;
      for (var m : marks.entrySet()) {
        runs(text.substring(at, m.getKey()), rtl, false, false, false);
        at = m.getKey();
        for (int[] mark : m.getValue()) {
          if (mark[1] == 0) {
            x.empty("w:commentRangeEnd");
            x.attr("w:id", Integer.toString(mark[0]));
          }
        }
        for (int[] mark : m.getValue()) {
          if (mark[1] == 1) {
            x.empty("w:commentRangeStart");
            x.attr("w:id", Integer.toString(mark[0]));
          }
        }
      }
      runs(text.substring(at), rtl, false, false, false);
      for (int id : ids) {
        commentReference(id);
      }
      x.end();
    }

    private void commentReference(int id) {
      x.start("w:r");
      x.empty("w:commentReference");
      x.attr("w:id", Integer.toString(id));
      x.end();
    }

    /** word/comments.xml: each comment's author (the delegation, or the kind when non-attributed), date and text. */
    void comments(TagWriter c) {
      c.declaration();
      c.start("w:comments").attr("xmlns:w", W);
      for (int id = 0; id < comments.size(); id++) {
        Remark r = comments.get(id);
        c.start("w:comment");
        c.attr("w:id", Integer.toString(id));
        c.attr("w:author", Xml.clean(r.by() != null ? r.by() : r.kindLabel()));
        c.attr("w:date", DateTimeFormatter.ISO_INSTANT.format(r.date().truncatedTo(ChronoUnit.SECONDS)));
        if (r.delegation() != null) {
          c.attr("w:initials", r.delegation());
        }
        boolean rtl = r.direction() == Direction.RTL;
        c.start("w:p");
        c.start("w:pPr");
        c.empty("w:pStyle");
        c.attr("w:val", "CommentText");
        if (rtl) {
          c.empty("w:bidi");
        }
        c.end();
        c.start("w:r");
        c.empty("w:annotationRef");
        c.end();
        String concerns = r.target() > 0 ? " (" + labels.concerns() + " [" + r.target() + "])" : "";
        Body.runs(c, r.kindLabel() + concerns + (r.text().isEmpty() ? "" : ": " + r.text()), rtl, false, false,
            false);
        c.end();
        c.end();
      }
      c.end();
      c.finish();
    }

    private void entriesAsTable() {
      int[] w = {4319, 5319};
      tableStart(w);
      row(true, w, labels.paragraph(), labels.amendments());
      for (Entry e : doc.entries()) {
        x.start("w:tr");
        cellStart(w[0]);
        simple("Heading2", docRtl, labels.paragraph() + " " + e.paragraph().label(), false, false);
        draft(e);
        x.end();
        cellStart(w[1]);
        boolean any = false;
        for (Amendment a : e.amendments()) {
          amendment(a);
          any = true;
        }
        for (Remark r : e.remarks()) {
          remark(r, -1);
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
      java.util.List<Integer> ids = new java.util.ArrayList<>();
      for (Remark r : a.reactions()) {
        int id = wordComment(r);
        if (id >= 0) {
          ids.add(id);
          x.empty("w:commentRangeStart");
          x.attr("w:id", Integer.toString(id));
        }
      }
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
      for (int id : ids) {
        x.empty("w:commentRangeEnd");
        x.attr("w:id", Integer.toString(id));
      }
      for (int id : ids) {
        commentReference(id);
      }
      x.end();
      for (String r : a.rationales()) {
        simple("Rationale", Direction.of(r) == Direction.RTL, labels.rationale() + ": " + r, false, true);
      }
      for (Remark r : a.reactions()) {
        remark(r, -1);
      }
    }

    /** A line of the remarks list; {@code comment} ≥ 0 makes the whole line that Word comment (general remarks). */
    private void remark(Remark r, int comment) {
      String who = r.by() == null ? "" : " — " + r.by();
      String concerns = r.target() > 0 ? " (" + labels.concerns() + " [" + r.target() + "])" : "";
      x.start("w:p");
      x.start("w:pPr");
      style("Remark");
      if (docRtl) {
        x.empty("w:bidi");
      }
      x.end();
      if (comment >= 0) {
        x.empty("w:commentRangeStart");
        x.attr("w:id", Integer.toString(comment));
      }
      runs(r.kindLabel() + concerns + who + (r.text().isEmpty() ? "" : ": "), docRtl, true, false, false);
      runs(r.text(), r.direction() == Direction.RTL, false, false, false);
      if (comment >= 0) {
        x.empty("w:commentRangeEnd");
        x.attr("w:id", Integer.toString(comment));
        commentReference(comment);
      }
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
      runs(x, text, paragraphRtl, bold, italic, deleted);
    }

    static void runs(TagWriter x, String text, boolean paragraphRtl, boolean bold, boolean italic, boolean deleted) {
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


  private static final String COMMENTS_TYPE = "<Override PartName=\"/word/comments.xml\" ContentType=\""
      + "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>";

  private static final String COMMENTS_REL = "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org"
      + "/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/>";



  /** Shows the tracked changes as markup when the file opens (Word and LibreOffice honour it). */
  private static final String SETTINGS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<w:settings xmlns:w=\"" + W + "\"><w:revisionView w:markup=\"true\" w:insDel=\"true\"/>"
      + "<w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\""
      + " w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";
}
