package org.plenary.draft;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.plenary.text.Numbering;

/**
 * DOCX (Word) into source blocks, read as a stream (StAX) so that memory stays flat whatever the file holds.
 * The file is untrusted: the size is capped; every part is inflated through {@link DocxPackage}, which stops
 * a zip bomb while it inflates; paragraphs and characters are counted as they are read, and reading stops at
 * the first limit passed (a 100 MB document.xml with two million paragraphs is refused after its first
 * 50,001); document type declarations are refused and entities never resolved (no XXE).
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
  /** Most styles, lists or footnotes one part may define. */
  static final int MAX_DEFINITIONS = 20_000;
  /** Most {@code w:p} elements read, blank ones included (blank ones make no paragraph but cost reading). */
  static final int MAX_RAW_PARAGRAPHS = 4 * DraftReader.MAX_PARAGRAPHS;

  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String PR = "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String DAMAGED = "the DOCX is damaged or not a Word document and could not be read";

  /** A paragraph's numbering: list instance and level, either possibly absent. */
  private record NumPr(BigInteger numId, BigInteger ilvl) {}

  /** A style: its name, the style it is based on, its numbering (null when its pPr has none). */
  private record Style(String name, String basedOn, NumPr numPr) {}

  /** One level of a list definition; null fields are absent in the file. */
  private record Level(Integer start, String format, String text) {}

  /** A list instance: its definition and the levels whose start it overrides. */
  private record Num(BigInteger abstractNumId, Map<Integer, Integer> startOverrides) {}

  private final Map<String, Style> styles;
  private final Map<BigInteger, Num> nums;
  private final Map<BigInteger, Level[]> abstractNums;
  private final Map<Integer, String> footnoteTexts;
  private final List<SourceBlock> out = new ArrayList<>();
  private final Map<BigInteger, int[]> counters = new HashMap<>();
  private int footnotes;
  private int rawParagraphs;
  private long characters;

  private DocxReader(Map<String, Style> styles, Map<BigInteger, Num> nums, Map<BigInteger, Level[]> abstractNums,
      Map<Integer, String> footnoteTexts) {
    this.styles = styles;
    this.nums = nums;
    this.abstractNums = abstractNums;
    this.footnoteTexts = footnoteTexts;
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
    try (DocxPackage pkg = DocxPackage.open(content)) {
      String main = target(pkg, "_rels/.rels", "", "/officeDocument");
      if (main == null) {
        throw new ImportException("body", "the DOCX is not a valid Word package (it names no main document)");
      }
      String dir = main.contains("/") ? main.substring(0, main.lastIndexOf('/') + 1) : "";
      String rels = dir + "_rels/" + main.substring(dir.length()) + ".rels";
      String stylesPart = target(pkg, rels, dir, "/styles");
      String numberingPart = target(pkg, rels, dir, "/numbering");
      String footnotesPart = target(pkg, rels, dir, "/footnotes");
      DocxReader reader = new DocxReader(
          stylesPart == null ? null : readStyles(pkg, stylesPart),
          numberingPart == null ? null : new HashMap<>(),
          numberingPart == null ? null : new HashMap<>(),
          new HashMap<>());
      if (numberingPart != null) {
        reader.readNumbering(pkg, numberingPart);
      }
      if (footnotesPart != null) {
        reader.readFootnotes(pkg, footnotesPart);
      }
      reader.readDocument(pkg, main);
      return reader.out;
    } catch (ImportException e) {
      throw e;
    } catch (IOException | XMLStreamException | RuntimeException e) {
      throw new ImportException("body", describe(e), e);
    }
  }

  /** A message for a DOCX that could not be read, without internals. */
  private static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // The parser wraps the bomb check's exception without keeping it as the cause: its message says it.
      if (t instanceof DocxPackage.BombException || String.valueOf(t.getMessage()).contains(DocxPackage.EXPANDS)) {
        return "the DOCX expands to far more than its size (a zip bomb?) and was not read";
      }
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("doctype") || m.contains("entity")) {
        return "the DOCX contains a document type declaration or entities, which Plenary does not read";
      }
      if (m.contains("not a valid zip")) {
        return "the DOCX is not a valid Word package (damaged ZIP)";
      }
    }
    return DAMAGED;
  }

  // --- parts --------------------------------------------------------------------------------------------

  private static XMLStreamReader xml(InputStream in) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f.createXMLStreamReader(in);
  }

  /** The next start or end element; a document type declaration is refused. */
  private static int next(XMLStreamReader r) throws XMLStreamException, ImportException {
    while (r.hasNext()) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT, XMLStreamConstants.CHARACTERS,
            XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          return ev;
        }
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw new ImportException("body",
            "the DOCX contains a document type declaration or entities, which Plenary does not read");
        default -> {
          // comments, processing instructions
        }
      }
    }
    return XMLStreamConstants.END_DOCUMENT;
  }

  /** Moves to the root element; null when the part is empty. */
  private static String root(XMLStreamReader r) throws XMLStreamException, ImportException {
    int ev;
    do {
      ev = next(r);
    } while (ev != XMLStreamConstants.START_ELEMENT && ev != XMLStreamConstants.END_DOCUMENT);
    return ev == XMLStreamConstants.START_ELEMENT ? r.getLocalName() : null;
  }

  /** Skips the element whose start the reader is on, to its end. */
  private static void skip(XMLStreamReader r) throws XMLStreamException, ImportException {
    int depth = 0;
    while (true) {
      int ev = next(r);
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth-- == 0) {
          return;
        }
      } else if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new XMLStreamException("unexpected end of the part");
      }
    }
  }

  /**
   * The next child element of the element the reader is in: true on its start, false on the parent's end.
   */
  private static boolean child(XMLStreamReader r) throws XMLStreamException, ImportException {
    while (true) {
      int ev = next(r);
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (ev == XMLStreamConstants.END_ELEMENT) {
        return false;
      }
      if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new XMLStreamException("unexpected end of the part");
      }
    }
  }

  private static boolean isW(XMLStreamReader r, String local) {
    return W.equals(r.getNamespaceURI()) && local.equals(r.getLocalName());
  }

  private static String val(XMLStreamReader r) {
    return r.getAttributeValue(W, "val");
  }

  private static BigInteger number(String s) {
    if (s == null) {
      return null;
    }
    try {
      return new BigInteger(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The target of the first relationship of {@code rels} whose type ends with {@code typeSuffix}, as a part
   * name (relative targets resolved against {@code dir}); null when there is none.
   */
  private static String target(DocxPackage pkg, String rels, String dir, String typeSuffix)
      throws IOException, XMLStreamException, ImportException {
    try (InputStream in = pkg.part(rels)) {
      if (in == null) {
        return null;
      }
      XMLStreamReader r = xml(in);
      if (root(r) == null) {
        return null;
      }
      while (child(r)) {
        if (PR.equals(r.getNamespaceURI()) && "Relationship".equals(r.getLocalName())) {
          String type = r.getAttributeValue(null, "Type");
          String target = r.getAttributeValue(null, "Target");
          String mode = r.getAttributeValue(null, "TargetMode");
          if (type != null && type.endsWith(typeSuffix) && target != null && !"External".equals(mode)) {
            return resolve(dir, target);
          }
        }
        skip(r);
      }
      return null;
    }
  }

  private static String resolve(String dir, String target) {
    String path = target.startsWith("/") ? target.substring(1) : dir + target;
    List<String> parts = new ArrayList<>();
    for (String s : path.split("/")) {
      if (s.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else if (!s.isEmpty() && !s.equals(".")) {
        parts.add(s);
      }
    }
    return String.join("/", parts);
  }

  private static Map<String, Style> readStyles(DocxPackage pkg, String part)
      throws IOException, XMLStreamException, ImportException {
    Map<String, Style> styles = new HashMap<>();
    try (InputStream in = pkg.part(part)) {
      if (in == null) {
        return null;
      }
      XMLStreamReader r = xml(in);
      if (root(r) == null) {
        return styles;
      }
      while (child(r)) {
        if (!isW(r, "style")) {
          skip(r);
          continue;
        }
        String id = r.getAttributeValue(W, "styleId");
        String name = null;
        String basedOn = null;
        NumPr numPr = null;
        while (child(r)) {
          if (isW(r, "name")) {
            name = val(r);
            skip(r);
          } else if (isW(r, "basedOn")) {
            basedOn = val(r);
            skip(r);
          } else if (isW(r, "pPr")) {
            numPr = numPrOf(r);
          } else {
            skip(r);
          }
        }
        if (id != null) {
          styles.putIfAbsent(id, new Style(name, basedOn, numPr));
          if (styles.size() > MAX_DEFINITIONS) {
            throw new ImportException("body", "the DOCX defines more than " + MAX_DEFINITIONS + " styles");
          }
        }
      }
    }
    return styles;
  }

  /** The direct numPr of the pPr the reader is on (read to its end), or null. */
  private static NumPr numPrOf(XMLStreamReader r) throws XMLStreamException, ImportException {
    NumPr numPr = null;
    while (child(r)) {
      if (isW(r, "numPr") && numPr == null) {
        BigInteger numId = null;
        BigInteger ilvl = null;
        while (child(r)) {
          if (isW(r, "numId")) {
            numId = number(val(r));
          } else if (isW(r, "ilvl")) {
            ilvl = number(val(r));
          }
          skip(r);
        }
        numPr = new NumPr(numId, ilvl);
      } else {
        skip(r);
      }
    }
    return numPr;
  }

  private void readNumbering(DocxPackage pkg, String part) throws IOException, XMLStreamException, ImportException {
    try (InputStream in = pkg.part(part)) {
      if (in == null) {
        return;
      }
      XMLStreamReader r = xml(in);
      if (root(r) == null) {
        return;
      }
      while (child(r)) {
        if (isW(r, "abstractNum")) {
          BigInteger id = number(r.getAttributeValue(W, "abstractNumId"));
          Level[] levels = new Level[9];
          while (child(r)) {
            if (isW(r, "lvl")) {
              BigInteger ilvl = number(r.getAttributeValue(W, "ilvl"));
              int i = ilvl == null ? 0 : ilvl.intValue();
              Level level = level(r);
              if (i >= 0 && i < 9) {
                levels[i] = level;
              }
            } else {
              skip(r);
            }
          }
          if (id != null) {
            abstractNums.putIfAbsent(id, levels);
          }
        } else if (isW(r, "num")) {
          BigInteger id = number(r.getAttributeValue(W, "numId"));
          BigInteger abstractId = null;
          boolean hasAbstract = false;
          Map<Integer, Integer> overrides = new HashMap<>();
          while (child(r)) {
            if (isW(r, "abstractNumId") && !hasAbstract) {
              hasAbstract = true;
              abstractId = number(val(r));
              skip(r);
            } else if (isW(r, "lvlOverride")) {
              BigInteger ilvl = number(r.getAttributeValue(W, "ilvl"));
              while (child(r)) {
                if (isW(r, "startOverride") && ilvl != null) {
                  BigInteger start = number(val(r));
                  if (start != null) {
                    overrides.putIfAbsent(ilvl.intValue(), start.intValue());
                  }
                }
                skip(r);
              }
            } else {
              skip(r);
            }
          }
          if (id != null) {
            nums.putIfAbsent(id, new Num(hasAbstract ? abstractId : null, overrides));
          }
        } else {
          skip(r);
        }
        if (nums.size() + abstractNums.size() > MAX_DEFINITIONS) {
          throw new ImportException("body", "the DOCX defines more than " + MAX_DEFINITIONS + " lists");
        }
      }
    }
  }

  private static Level level(XMLStreamReader r) throws XMLStreamException, ImportException {
    Integer start = null;
    String format = null;
    String text = null;
    while (child(r)) {
      if (isW(r, "start")) {
        BigInteger s = number(val(r));
        start = s == null ? null : s.intValue();
      } else if (isW(r, "numFmt")) {
        format = val(r);
      } else if (isW(r, "lvlText")) {
        text = val(r);
      }
      skip(r);
    }
    return new Level(start, format, text);
  }

  private void readFootnotes(DocxPackage pkg, String part) throws IOException, XMLStreamException, ImportException {
    try (InputStream in = pkg.part(part)) {
      if (in == null) {
        return;
      }
      XMLStreamReader r = xml(in);
      if (root(r) == null) {
        return;
      }
      while (child(r)) {
        if (!isW(r, "footnote")) {
          skip(r);
          continue;
        }
        BigInteger id = number(r.getAttributeValue(W, "id"));
        StringBuilder b = new StringBuilder();
        while (child(r)) {
          if (isW(r, "p")) {
            String t = paragraph(r, null).text().strip();
            if (!t.isEmpty()) {
              if (b.length() > 0) {
                b.append(' ');
              }
              b.append(t);
            }
          } else {
            skip(r);
          }
        }
        if (id != null) {
          footnoteTexts.putIfAbsent(id.intValue(), b.toString());
          if (footnoteTexts.size() > MAX_DEFINITIONS) {
            throw new ImportException("body", "the DOCX has more than " + MAX_DEFINITIONS + " footnotes");
          }
        }
      }
    }
  }

  // --- the document ---------------------------------------------------------------------------------------

  private void readDocument(DocxPackage pkg, String part) throws IOException, XMLStreamException, ImportException {
    try (InputStream in = pkg.part(part)) {
      if (in == null) {
        throw new ImportException("body", "the DOCX is not a valid Word package (its main document is missing)");
      }
      XMLStreamReader r = xml(in);
      if (root(r) == null || !isW(r, "document")) {
        throw new ImportException("body", DAMAGED);
      }
      while (child(r)) {
        if (isW(r, "body")) {
          blocks(r);
        } else {
          skip(r);
        }
      }
      // Whatever follows the root is inflated too (through the bomb checks): a valid part ends there.
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /** The paragraphs and tables of the body or a table cell the reader is in, to its end. */
  private void blocks(XMLStreamReader r) throws XMLStreamException, ImportException {
    while (child(r)) {
      if (isW(r, "p")) {
        paragraph(r);
      } else if (isW(r, "tbl")) {
        while (child(r)) {
          if (isW(r, "tr")) {
            while (child(r)) {
              if (isW(r, "tc")) {
                blocks(r);
              } else {
                skip(r);
              }
            }
          } else {
            skip(r);
          }
        }
      } else {
        skip(r);
      }
    }
  }

  /** A paragraph's text and the properties that matter. */
  private record Paragraph(String text, String styleId, NumPr numPr) {}

  private void paragraph(XMLStreamReader r) throws XMLStreamException, ImportException {
    if (++rawParagraphs > MAX_RAW_PARAGRAPHS) {
      throw new ImportException("body", "the draft has more than " + DraftReader.MAX_PARAGRAPHS + " paragraphs");
    }
    List<String> cited = new ArrayList<>();
    Paragraph p = paragraph(r, cited);
    String text = p.text();
    SourceBlock.Hint hint = SourceBlock.Hint.NONE;
    int level = 0;
    String style = styleName(p.styleId());
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
    if (out.size() > DraftReader.MAX_PARAGRAPHS) {
      throw new ImportException("body", "the draft has more than " + DraftReader.MAX_PARAGRAPHS + " paragraphs");
    }
  }

  /**
   * Reads the paragraph whose start the reader is on, to its end: its visible text (runs, tabs and breaks,
   * tracked insertions; not deleted or moved-away text nor field instructions) and its direct properties. A
   * footnote reference becomes a superscript marker and the footnote's text is added to {@code cited} (inside
   * a footnote, {@code cited} is null and references are dropped).
   */
  private Paragraph paragraph(XMLStreamReader r, List<String> cited) throws XMLStreamException, ImportException {
    StringBuilder b = new StringBuilder();
    String styleId = null;
    NumPr numPr = null;
    boolean sawPPr = false;
    int depth = 0;
    while (true) {
      int ev = next(r);
      if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new XMLStreamException("unexpected end of the part");
      }
      if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth-- == 0) {
          break;
        }
        continue;
      }
      if (ev != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String name = W.equals(r.getNamespaceURI()) ? r.getLocalName() : "";
      switch (name) {
        case "t" -> text(r, b);
        case "tab", "ptab" -> {
          b.append('\t');
          skip(r);
        }
        case "br", "cr" -> {
          b.append(' ');
          skip(r);
        }
        case "noBreakHyphen" -> {
          b.append('-');
          skip(r);
        }
        case "footnoteReference" -> {
          if (cited != null) {
            footnotes++;
            String marker = Numbering.superscriptNumber(footnotes);
            b.append(marker);
            String note = footnote(r.getAttributeValue(W, "id"));
            if (note != null && !note.isBlank()) {
              cited.add(marker + " " + note);
            }
          }
          skip(r);
        }
        case "pPr" -> {
          if (depth == 0 && !sawPPr) {
            sawPPr = true;
            Object[] props = paragraphProperties(r);
            styleId = (String) props[0];
            numPr = (NumPr) props[1];
          } else {
            skip(r);
          }
        }
        case "del", "moveFrom", "delText", "instrText", "rPr", "sym", "object", "pict", "drawing",
            "footnoteRef", "endnoteReference", "commentReference" -> skip(r);
        default -> depth++;
      }
      if (b.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
        throw new ImportException("body", "paragraph " + (out.size() + 1) + " is longer than "
            + DraftReader.MAX_PARAGRAPH_CHARS + " characters");
      }
    }
    characters += b.length();
    if (characters > DraftReader.MAX_CHARACTERS) {
      throw new ImportException("body", "the draft has more than " + DraftReader.MAX_CHARACTERS + " characters");
    }
    return new Paragraph(b.toString(), styleId, numPr);
  }

  /** The text of the {@code w:t} the reader is on, appended to {@code b}; stops early past the length limit. */
  private static void text(XMLStreamReader r, StringBuilder b) throws XMLStreamException, ImportException {
    int depth = 0;
    while (true) {
      int ev = next(r);
      if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA || ev == XMLStreamConstants.SPACE) {
        b.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
        if (b.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
          return;
        }
      } else if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        if (depth-- == 0) {
          return;
        }
      } else {
        throw new XMLStreamException("unexpected end of the part");
      }
    }
  }

  /** {pStyle, numPr} of the pPr the reader is on (read to its end). */
  private static Object[] paragraphProperties(XMLStreamReader r) throws XMLStreamException, ImportException {
    String styleId = null;
    NumPr numPr = null;
    while (child(r)) {
      if (isW(r, "pStyle") && styleId == null) {
        styleId = val(r);
        skip(r);
      } else if (isW(r, "numPr") && numPr == null) {
        BigInteger numId = null;
        BigInteger ilvl = null;
        while (child(r)) {
          if (isW(r, "numId")) {
            numId = number(val(r));
          } else if (isW(r, "ilvl")) {
            ilvl = number(val(r));
          }
          skip(r);
        }
        numPr = new NumPr(numId, ilvl);
      } else {
        skip(r);
      }
    }
    return new Object[] {styleId, numPr};
  }

  private String footnote(String id) {
    if (id == null) {
      return null;
    }
    try {
      return footnoteTexts.get(Integer.parseInt(id.strip()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String styleName(String id) {
    if (id == null || styles == null) {
      return "";
    }
    Style s = styles.get(id);
    String name = s == null ? id : s.name();
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }

  // --- Word numbering → display numbers ----------------------------------------------------------------

  /** The number Word prints before this paragraph ("1.", "(أ)"), "•" for a bullet, or null. */
  private String number(Paragraph p) {
    if (nums == null) {
      return null;
    }
    BigInteger numId = p.numPr() == null ? null : p.numPr().numId();
    BigInteger ilvl = p.numPr() == null ? null : p.numPr().ilvl();
    if (numId == null) {
      NumPr styleNum = styleNumPr(p.styleId());
      if (styleNum == null || styleNum.numId() == null) {
        return null;
      }
      numId = styleNum.numId();
      ilvl = styleNum.ilvl();
    }
    if (numId.signum() == 0) {
      return null;
    }
    int level = ilvl == null ? 0 : Math.min(8, Math.max(0, ilvl.intValue()));
    Num num = nums.get(numId);
    if (num == null || num.abstractNumId() == null) {
      return null;
    }
    Level[] levels = abstractNums.get(num.abstractNumId());
    if (levels == null) {
      return null;
    }
    Level lvl = levels[level];
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
    String pattern = lvl.text() == null ? "%" + (level + 1) + "." : lvl.text();
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

  private NumPr styleNumPr(String styleId) {
    String id = styleId;
    for (int hops = 0; id != null && styles != null && hops < 5; hops++) {
      Style s = styles.get(id);
      if (s == null) {
        return null;
      }
      if (s.numPr() != null) {
        return s.numPr();
      }
      id = s.basedOn();
    }
    return null;
  }

  private static int start(Num num, Level[] levels, int level) {
    Integer override = num.startOverrides().get(level);
    if (override != null) {
      return override;
    }
    Level l = levels[level];
    return l != null && l.start() != null ? l.start() : 1;
  }

  private static String format(Level lvl) {
    return lvl.format() == null ? "decimal" : lvl.format();
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
