package org.plenary.word;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.plenary.compile.BidiRuns;
import org.plenary.compile.DocxParts;
import org.plenary.compile.TagWriter;
import org.plenary.compile.Xml;

/**
 * A revision "for comments" as a Word document: the clean text styled as a UN/ITU draft, for a delegation
 * to edit with Track Changes (the file opens with change tracking on) and send back.
 *
 * <ul>
 *   <li>Each paragraph is enclosed in a hidden bookmark {@code _Plenary_p<id>} (Word hides bookmarks whose
 *       name starts with "_"; Word and LibreOffice keep them through editing and saving), so the file can be
 *       mapped back to the revision's paragraphs even after renumbering or moving ({@link TrackedChangesReader}).
 *   <li>Styles carry every size and font, Latin and complex-script alike (runs only say {@code w:rtl}); an
 *       Arabic document is right-to-left throughout ({@code w:bidi} on paragraphs and the section). Italics
 *       are set with {@code w:i} only, never {@code w:iCs}: Arabic is not italicised.
 *   <li>The display number ("3", "(أ)", "2.1") is the paragraph's first run, followed by a tab; footnotes are
 *       paragraphs of the "Footnote text" style where the revision has them.
 * </ul>
 *
 * <pre>
 *   new ForCommentsDocx().write(new ForCommentsDocx.Draft("Resolution 88", "Rev.1", true, date, paragraphs), out);
 * </pre>
 */
public final class ForCommentsDocx {
  static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  /** The bookmark name of a paragraph: {@code _Plenary_p} and its id. */
  public static final String BOOKMARK_PREFIX = "_Plenary_p";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** What the document is made of. {@code rtl}: the document's language is written right to left. */
  public record Draft(String title, String revisionLabel, boolean rtl, Instant date, List<Paragraph> paragraphs) {
    public Draft {
      requireNonNull(title, "title");
      requireNonNull(revisionLabel, "revisionLabel");
      requireNonNull(date, "date");
      paragraphs = List.copyOf(paragraphs);
    }
  }

  /** One paragraph: its stable id, kind code ("operative", …), display number or null, text, direction. */
  public record Paragraph(long id, String kind, String number, String text, boolean rtl) {
    public Paragraph {
      requireNonNull(kind, "kind");
      requireNonNull(text, "text");
    }
  }

  public void write(Draft draft, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    DocxParts.entry(zip, "[Content_Types].xml", DocxParts.CONTENT_TYPES);
    DocxParts.entry(zip, "_rels/.rels", DocxParts.ROOT_RELS);
    DocxParts.entry(zip, "docProps/core.xml", core(draft));
    DocxParts.entry(zip, "word/_rels/document.xml.rels", DocxParts.DOCUMENT_RELS);
    DocxParts.entry(zip, "word/styles.xml", styles(draft.rtl()));
    DocxParts.entry(zip, "word/settings.xml", SETTINGS);
    zip.putNextEntry(new ZipEntry("word/document.xml"));
    Writer w = new OutputStreamWriter(new DocxParts.NonClosing(zip), StandardCharsets.UTF_8);
    try {
      body(draft, new TagWriter(w));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    w.flush();
    zip.closeEntry();
    zip.finish();
  }

  /** The style a paragraph kind gets. */
  static String style(String kind) {
    return switch (kind) {
      case "title" -> "Title";
      case "subtitle" -> "Subtitle";
      case "authority" -> "Authority";
      case "heading" -> "CallHeading";
      case "section", "annex" -> "Heading1";
      case "preambular" -> "Preambular";
      case "operative", "report_paragraph" -> "Operative";
      case "subparagraph" -> "SubParagraph";
      case "footnote" -> "FootnoteText";
      default -> "Normal";
    };
  }

  private static void body(Draft d, TagWriter x) {
    x.declaration();
    x.start("w:document").attr("xmlns:w", W);
    x.start("w:body");
    plain(x, "DraftHeader", d.rtl(), d.title() + " — " + d.revisionLabel() + " — " + (d.rtl() ? "للتعليق" : "for comments")
        + " — " + DAY.format(d.date()));
    int bookmark = 0;
    for (Paragraph p : d.paragraphs()) {
      x.start("w:p");
      x.start("w:pPr");
      x.empty("w:pStyle").attr("w:val", style(p.kind()));
      if (p.rtl()) {
        x.empty("w:bidi");
      }
      x.end();
      bookmark++;
      x.empty("w:bookmarkStart").attr("w:id", Integer.toString(bookmark))
          .attr("w:name", BOOKMARK_PREFIX + p.id());
      if (p.number() != null && !p.number().isBlank()) {
        runs(x, p.number(), p.rtl());
        x.start("w:r");
        x.empty("w:tab");
        x.end();
      }
      runs(x, p.text(), p.rtl());
      x.empty("w:bookmarkEnd").attr("w:id", Integer.toString(bookmark));
      x.end();
    }
    x.start("w:sectPr");
    x.empty("w:pgSz").attr("w:w", "11906").attr("w:h", "16838");
    x.empty("w:pgMar").attr("w:top", "1418").attr("w:right", "1134").attr("w:bottom", "1418")
        .attr("w:left", "1134").attr("w:header", "709").attr("w:footer", "709").attr("w:gutter", "0");
    if (d.rtl()) {
      x.empty("w:bidi");
    }
    x.end();
    x.end();
    x.end();
    x.finish();
  }

  private static void plain(TagWriter x, String style, boolean rtl, String text) {
    x.start("w:p");
    x.start("w:pPr");
    x.empty("w:pStyle").attr("w:val", style);
    if (rtl) {
      x.empty("w:bidi");
    }
    x.end();
    runs(x, text, rtl);
    x.end();
  }

  /** Directional runs; sizes and fonts come from the styles, so a run says only that it is right-to-left. */
  private static void runs(TagWriter x, String text, boolean paragraphRtl) {
    for (BidiRuns.Run run : BidiRuns.split(Xml.clean(text), paragraphRtl)) {
      x.start("w:r");
      if (run.rtl()) {
        x.start("w:rPr");
        x.empty("w:rtl");
        x.end();
      }
      x.start("w:t").attr("xml:space", "preserve").text(run.text()).end();
      x.end();
    }
  }

  private static String core(Draft d) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<dc:title>" + esc(d.title() + " — " + d.revisionLabel()) + "</dc:title>"
        + "<dc:creator>Plenary</dc:creator>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
        + DateTimeFormatter.ISO_INSTANT.format(d.date().truncatedTo(ChronoUnit.SECONDS))
        + "</dcterms:created></cp:coreProperties>";
  }

  private static String esc(String s) {
    return Xml.clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * UN/ITU draft styles. Sizes: 12 pt Latin ({@code w:sz 24}), 14 pt Arabic ({@code w:szCs 28}), the usual
   * pairing for Arabic documents at the UN; the complex-script font is Traditional Arabic with Arial as
   * Latin font.
   */
  static String styles(boolean rtl) {
    String lang = "<w:lang w:val=\"" + (rtl ? "ar-SA" : "en-GB") + "\" w:bidi=\"ar-SA\"/>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<w:styles xmlns:w=\"" + W + "\">"
        + "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
        + " w:eastAsia=\"Times New Roman\" w:cs=\"Traditional Arabic\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"28\"/>"
        + lang + "</w:rPr></w:rPrDefault>"
        + "<w:pPrDefault><w:pPr><w:spacing w:before=\"120\" w:after=\"0\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        + style("Normal", "Normal", null, "<w:jc w:val=\"both\"/>", "", true)
        + style("DraftHeader", "Draft header", "Normal", "<w:spacing w:after=\"240\"/><w:jc w:val=\"end\"/>",
            "<w:sz w:val=\"18\"/><w:szCs w:val=\"22\"/>", false)
        + style("Title", "Title", "Normal", "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
            + "<w:jc w:val=\"center\"/>", "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"34\"/>", false)
        + style("Subtitle", "Subtitle", "Normal", "<w:keepNext/><w:jc w:val=\"center\"/>",
            "<w:i/><w:sz w:val=\"24\"/><w:szCs w:val=\"28\"/>", false)
        + style("Heading1", "heading 1", "Normal", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/>"
            + "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>", "<w:b/><w:bCs/>", false)
        + style("Authority", "Authority", "Normal", "<w:spacing w:before=\"240\"/><w:ind w:firstLine=\"567\"/>", "",
            false)
        + style("CallHeading", "Call", "Normal", "<w:keepNext/><w:spacing w:before=\"240\"/>",
            "<w:i/><w:b/><w:bCs/>", false)
        + style("Preambular", "Preambular paragraph", "Normal", "<w:ind w:firstLine=\"567\"/>", "", false)
        + style("Operative", "Operative paragraph", "Normal", "<w:tabs><w:tab w:val=\"left\" w:pos=\"567\"/></w:tabs>"
            + "<w:ind w:start=\"567\" w:hanging=\"567\"/>", "", false)
        + style("SubParagraph", "Sub-paragraph", "Normal", "<w:tabs><w:tab w:val=\"left\" w:pos=\"1134\"/></w:tabs>"
            + "<w:ind w:start=\"1134\" w:hanging=\"567\"/>", "", false)
        + style("FootnoteText", "footnote text", "Normal", "<w:spacing w:before=\"60\"/>",
            "<w:sz w:val=\"20\"/><w:szCs w:val=\"24\"/>", false)
        + "</w:styles>";
  }

  private static String style(String id, String name, String basedOn, String pPr, String rPr, boolean dflt) {
    return "<w:style w:type=\"paragraph\" w:styleId=\"" + id + "\"" + (dflt ? " w:default=\"1\"" : "") + ">"
        + "<w:name w:val=\"" + name + "\"/>" + (basedOn == null ? "" : "<w:basedOn w:val=\"" + basedOn + "\"/>")
        + "<w:qFormat/>" + (pPr.isEmpty() ? "" : "<w:pPr>" + pPr + "</w:pPr>")
        + (rPr.isEmpty() ? "" : "<w:rPr>" + rPr + "</w:rPr>") + "</w:style>";
  }




  /** Change tracking is on when the file opens: every edit the delegation makes is a tracked change. */
  private static final String SETTINGS = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<w:settings xmlns:w=\"" + W + "\"><w:trackRevisions/><w:defaultTabStop w:val=\"567\"/>"
      + "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\""
      + " w:val=\"15\"/></w:compat></w:settings>";
}
