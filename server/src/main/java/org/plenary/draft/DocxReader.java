package org.plenary.draft;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.xwpf.usermodel.BodyElementType;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFNum;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTNumPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.plenary.text.Numbering;

/**
 * DOCX (Word) into source blocks, through Apache POI. The file is untrusted: the size is capped, POI's
 * {@link ZipSecureFile} refuses entries that inflate more than 100-fold or beyond {@link #MAX_ENTRY_BYTES}
 * (zip bombs), and POI's XML parsing refuses document type declarations (no external entities).
 *
 * <p>What counts is what a reader sees: paragraph styles (Title, Subtitle, Heading n), Word's automatic
 * numbering turned into the display number it prints ("1.", "(a)", "(أ)" in abjad order, "(i)"), tracked
 * insertions kept and deletions dropped (the text as if all changes were accepted), footnotes placed after
 * the paragraph that cites them with a superscript marker in the citing text. Fonts, colours, bookmarks,
 * comments, headers and footers are noise.
 */
final class DocxReader {
  /** Largest DOCX accepted, compressed. */
  static final int MAX_DOCX_BYTES = 20 * 1024 * 1024;
  /** Largest single part once inflated (document.xml of a 1 MB text is about 10 MB). */
  static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
  /** An entry inflating to more than 100 times its compressed size is refused. */
  static final double MIN_INFLATE_RATIO = 0.01;

  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  static {
    // These limits are process-wide in POI; they suit every DOCX Plenary reads.
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxTextSize(20_000_000);
  }

  private final XWPFDocument doc;
  private final List<SourceBlock> out = new ArrayList<>();
  private final Map<BigInteger, int[]> counters = new HashMap<>();
  private int footnotes;

  private DocxReader(XWPFDocument doc) {
    this.doc = doc;
  }

  static List<SourceBlock> blocks(byte[] content) throws ImportException {
    if (content.length > MAX_DOCX_BYTES) {
      throw new ImportException("body", "the DOCX is larger than " + MAX_DOCX_BYTES / (1024 * 1024) + " MB");
    }
    FileMagic magic;
    try {
      magic = FileMagic.valueOf(content);
    } catch (RuntimeException e) {
      magic = FileMagic.UNKNOWN;
    }
    if (magic == FileMagic.OLE2) {
      throw new ImportException("body", "this is a Word 97-2003 (.doc) or password-protected file: save it as"
          + " an unprotected .docx and upload again");
    }
    if (magic != FileMagic.OOXML) {
      throw new ImportException("body", "this is not a DOCX (Word) file: a .docx is a ZIP package");
    }
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(content))) {
      DocxReader reader = new DocxReader(doc);
      reader.body(doc.getBodyElements());
      return reader.out;
    } catch (ImportException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // POIXMLException, OpenXML4JRuntimeException, XmlException wrappers …: all mean the file is unreadable.
      throw new ImportException("body", describe(e), e);
    }
  }

  /** A message for a DOCX POI could not open, without internals. */
  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("zip bomb") || m.contains("max entry size") || m.contains("inflate ratio")
          || m.contains("exceeds the maximum") || m.contains("max text size")) {
        return "the DOCX expands to far more than its size (a zip bomb?) and was not read";
      }
      if (m.contains("doctype") || m.contains("entity")) {
        return "the DOCX contains a document type declaration or entities, which Plenary does not read";
      }
      if (t instanceof InvalidFormatException || t instanceof NotOfficeXmlFileException) {
        return "the DOCX is not a valid Word package (" + t.getClass().getSimpleName() + ")";
      }
    }
    return "the DOCX is damaged or not a Word document and could not be read";
  }

  private void body(List<IBodyElement> elements) throws ImportException {
    for (IBodyElement e : elements) {
      if (e.getElementType() == BodyElementType.PARAGRAPH) {
        paragraph((XWPFParagraph) e);
      } else if (e.getElementType() == BodyElementType.TABLE) {
        for (XWPFTableRow row : ((XWPFTable) e).getRows()) {
          for (XWPFTableCell cell : row.getTableCells()) {
            body(cell.getBodyElements());
          }
        }
      }
      if (out.size() > DraftReader.MAX_PARAGRAPHS) {
        throw new ImportException("body", "the draft has more than " + DraftReader.MAX_PARAGRAPHS + " paragraphs");
      }
    }
  }

  private void paragraph(XWPFParagraph p) throws ImportException {
    List<String> cited = new ArrayList<>();
    String text = text(p, cited);
    if (text.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
      throw new ImportException("body", "paragraph " + (out.size() + 1) + " is longer than "
          + DraftReader.MAX_PARAGRAPH_CHARS + " characters");
    }
    SourceBlock.Hint hint = SourceBlock.Hint.NONE;
    int level = 0;
    String style = styleName(p);
    if (style.equals("title") || style.equals("restitle") || style.equals("resno")) {
      hint = SourceBlock.Hint.TITLE;
    } else if (style.equals("subtitle")) {
      hint = SourceBlock.Hint.SUBTITLE;
    } else if (style.startsWith("heading ")) {
      hint = SourceBlock.Hint.HEADING;
      level = Math.max(1, Numbering.parseDigits(style.substring(8).strip()));
    }
    String number = number(p);
    if (number != null && number.equals("•")) {
      if (hint == SourceBlock.Hint.NONE) {
        hint = SourceBlock.Hint.BULLET;
      }
    } else if (number != null && !number.isBlank()) {
      text = number + " " + text;
    }
    if (!text.isBlank()) {
      out.add(new SourceBlock(text, hint, level));
    }
    for (String f : cited) {
      out.add(new SourceBlock(f, SourceBlock.Hint.FOOTNOTE, 0));
    }
  }

  private String styleName(XWPFParagraph p) {
    String id = p.getStyleID();
    if (id == null || doc.getStyles() == null) {
      return "";
    }
    XWPFStyle s = doc.getStyles().getStyle(id);
    String name = s == null ? id : s.getName();
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  /**
   * The paragraph's visible text: runs, tabs and breaks, tracked insertions; not deleted or moved-away text
   * nor field instructions. A footnote reference becomes a superscript marker and the footnote's text is
   * added to {@code cited}.
   */
  private String text(XWPFParagraph p, List<String> cited) {
    StringBuilder b = new StringBuilder();
    try (XmlCursor c = p.getCTP().newCursor()) {
      int depth = 0;
      while (true) {
        XmlCursor.TokenType t = c.toNextToken();
        if (t == XmlCursor.TokenType.NONE || t == XmlCursor.TokenType.ENDDOC) {
          break;
        }
        if (t == XmlCursor.TokenType.END) {
          if (--depth < 0) {
            break;
          }
          continue;
        }
        if (t != XmlCursor.TokenType.START) {
          continue;
        }
        QName q = c.getName();
        String name = W.equals(q.getNamespaceURI()) ? q.getLocalPart() : "";
        switch (name) {
          case "t" -> {
            b.append(c.getTextValue());
            c.toEndToken();
          }
          case "tab", "ptab" -> {
            b.append('\t');
            c.toEndToken();
          }
          case "br", "cr" -> {
            b.append(' ');
            c.toEndToken();
          }
          case "noBreakHyphen" -> {
            b.append('-');
            c.toEndToken();
          }
          case "footnoteReference" -> {
            footnotes++;
            String marker = Numbering.superscriptNumber(footnotes);
            b.append(marker);
            String id = c.getAttributeText(new QName(W, "id"));
            String note = footnoteText(id);
            if (note != null && !note.isBlank()) {
              cited.add(marker + " " + note);
            }
            c.toEndToken();
          }
          case "del", "moveFrom", "delText", "instrText", "pPr", "rPr", "sym", "object", "pict", "drawing",
              "footnoteRef", "endnoteReference", "commentReference" -> c.toEndToken();
          default -> depth++;
        }
      }
    }
    return b.toString();
  }

  private String footnoteText(String id) {
    if (id == null) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(id.strip());
    } catch (NumberFormatException e) {
      return null;
    }
    XWPFFootnote note = doc.getFootnoteByID(n);
    if (note == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (XWPFParagraph fp : note.getParagraphs()) {
      String t = text(fp, new ArrayList<>()).strip();
      if (!t.isEmpty()) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(t);
      }
    }
    return b.toString();
  }

  // --- Word numbering → display numbers ----------------------------------------------------------------

  /** The number Word prints before this paragraph ("1.", "(أ)"), "•" for a bullet, or null. */
  private String number(XWPFParagraph p) {
    XWPFNumbering numbering = doc.getNumbering();
    if (numbering == null) {
      return null;
    }
    BigInteger numId = p.getNumID();
    BigInteger ilvl = p.getNumIlvl();
    if (numId == null) {
      CTNumPr styleNum = styleNumPr(p);
      if (styleNum == null || styleNum.getNumId() == null) {
        return null;
      }
      numId = styleNum.getNumId().getVal();
      ilvl = styleNum.getIlvl() == null ? null : styleNum.getIlvl().getVal();
    }
    if (numId == null || numId.signum() == 0) {
      return null;
    }
    int level = ilvl == null ? 0 : Math.min(8, Math.max(0, ilvl.intValue()));
    XWPFNum num = numbering.getNum(numId);
    if (num == null || num.getCTNum().getAbstractNumId() == null) {
      return null;
    }
    XWPFAbstractNum abs = numbering.getAbstractNum(num.getCTNum().getAbstractNumId().getVal());
    if (abs == null) {
      return null;
    }
    CTAbstractNum ct = abs.getCTAbstractNum();
    CTLvl[] levels = new CTLvl[9];
    for (CTLvl l : ct.getLvlList()) {
      int i = l.getIlvl() == null ? 0 : l.getIlvl().intValue();
      if (i >= 0 && i < 9) {
        levels[i] = l;
      }
    }
    CTLvl lvl = levels[level];
    if (lvl == null) {
      return null;
    }
    int[] count = counters.computeIfAbsent(numId, k -> new int[9]);
    count[level] = count[level] == 0 ? start(num, levels, level) : count[level] + 1;
    for (int i = level + 1; i < 9; i++) {
      count[i] = 0;
    }
    String fmt = format(lvl);
    if (fmt.equals("bullet")) {
      return "•";
    }
    if (fmt.equals("none")) {
      return null;
    }
    String pattern = lvl.getLvlText() == null || lvl.getLvlText().getVal() == null ? "%" + (level + 1) + "."
        : lvl.getLvlText().getVal();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' && i + 1 < pattern.length() && pattern.charAt(i + 1) >= '1' && pattern.charAt(i + 1) <= '9') {
        int k = pattern.charAt(i + 1) - '1';
        int value = count[k] == 0 ? start(num, levels, k) : count[k];
        b.append(render(value, levels[k] == null ? "decimal" : format(levels[k])));
        i++;
      } else {
        b.append(c);
      }
    }
    return b.toString().strip();
  }

  private CTNumPr styleNumPr(XWPFParagraph p) {
    String id = p.getStyleID();
    for (int hops = 0; id != null && doc.getStyles() != null && hops < 5; hops++) {
      XWPFStyle s = doc.getStyles().getStyle(id);
      if (s == null) {
        return null;
      }
      CTPPrGeneral ppr = s.getCTStyle().getPPr();
      if (ppr != null && ppr.getNumPr() != null) {
        return ppr.getNumPr();
      }
      id = s.getBasisStyleID();
    }
    return null;
  }

  private static int start(XWPFNum num, CTLvl[] levels, int level) {
    for (CTNumLvl o : num.getCTNum().getLvlOverrideList()) {
      if (o.getIlvl() != null && o.getIlvl().intValue() == level && o.getStartOverride() != null) {
        return o.getStartOverride().getVal().intValue();
      }
    }
    CTLvl l = levels[level];
    return l != null && l.getStart() != null ? l.getStart().getVal().intValue() : 1;
  }

  private static String format(CTLvl lvl) {
    return lvl.getNumFmt() == null || lvl.getNumFmt().getVal() == null ? "decimal" : lvl.getNumFmt().getVal().toString();
  }

  /** One counter in one of Word's number formats. */
  static String render(int value, String format) {
    return switch (format) {
      case "lowerLetter" -> letters(value, false);
      case "upperLetter" -> letters(value, true);
      case "lowerRoman" -> value >= 1 && value < 4000 ? Numbering.roman(value) : Integer.toString(value);
      case "upperRoman" -> value >= 1 && value < 4000 ? Numbering.roman(value).toUpperCase(Locale.ROOT)
          : Integer.toString(value);
      case "arabicAbjad" -> orElse(Numbering.abjad(value), value);
      case "arabicAlpha" -> orElse(Numbering.arabicAlpha(value), value);
      case "hindiNumbers", "hindiCounting" -> Numbering.arabicIndicDigits(Integer.toString(value));
      case "decimalZero" -> value < 10 ? "0" + value : Integer.toString(value);
      default -> Integer.toString(value);
    };
  }

  private static String orElse(String letter, int value) {
    return letter != null ? letter : Integer.toString(value);
  }

  /** Word's letter numbering: a … z, then aa … zz. */
  private static String letters(int value, boolean upper) {
    if (value < 1) {
      return Integer.toString(value);
    }
    String l = Numbering.latin((value - 1) % 26 + 1).repeat((value - 1) / 26 + 1);
    return upper ? l.toUpperCase(Locale.ROOT) : l;
  }
}
