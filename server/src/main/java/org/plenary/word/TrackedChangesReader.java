package org.plenary.word;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.plenary.word.WordFile.Change;
import org.plenary.word.WordFile.CommentMark;
import org.plenary.word.WordFile.Piece;

/**
 * Reads a DOCX with tracked changes and comments, as Word and LibreOffice write them, into a {@link WordFile}.
 *
 * <ul>
 *   <li>{@code w:ins} and {@code w:moveTo} are insertions, {@code w:del} and {@code w:moveFrom} deletions (a
 *       move is a deletion here and an insertion there); {@code w:pPr/w:rPr/w:ins|w:del} mark a paragraph
 *       mark inserted or deleted, which is how both editors record whole paragraphs added or removed.
 *   <li>Formatting changes ({@code w:rPrChange}, {@code w:pPrChange}, section, table and numbering changes)
 *       are counted, not read.
 *   <li>Text boxes, drawings, embedded objects and field instructions are not text of the draft.
 * </ul>
 *
 * <p>The file is untrusted: it is streamed (StAX, never a DOM), only {@code word/document.xml} and
 * {@code word/comments.xml} are parsed, each at most {@link #MAX_PART_BYTES} inflated and the whole package at most
 * {@link #MAX_INFLATED_BYTES} (a ZIP stream inflates the parts it skips too); DTDs and external entities
 * are refused; paragraphs, their length and the comments are capped. Every refusal is an
 * {@link UnreadableWordFile} with a message for the user.
 */
public final class TrackedChangesReader {
  public static final int MAX_DOCX_BYTES = 20 * 1024 * 1024;
  static final long MAX_PART_BYTES = 100L * 1024 * 1024;
  /** All parts of the package inflated together, read or skipped. */
  static final long MAX_INFLATED_BYTES = 200L * 1024 * 1024;
  static final int MAX_PARAGRAPHS = 50_000;
  static final int MAX_PARAGRAPH_CHARS = 100_000;
  static final int MAX_COMMENTS = 5_000;
  static final int MAX_DEPTH = 200;

  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  private static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
  private static final Set<String> FORMAT_CHANGES = Set.of("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
      "trPrChange", "tcPrChange", "tblGridChange", "numberingChange", "tblPrExChange");
  /** Subtrees without text of the draft. */
  private static final Set<String> SKIPPED = Set.of("instrText", "delInstrText", "drawing", "pict", "object",
      "txbxContent", "footnoteReference", "endnoteReference", "sdtPr", "fldData", "ruby");

  private TrackedChangesReader() {}

  /** Reads the DOCX; throws {@link UnreadableWordFile} when it is not one or breaks a limit. */
  public static WordFile read(byte[] docx) {
    if (docx.length > MAX_DOCX_BYTES) {
      throw new UnreadableWordFile("the file is larger than " + MAX_DOCX_BYTES / (1024 * 1024) + " MB");
    }
    if (docx.length >= 4 && (docx[0] & 0xFF) == 0xD0 && (docx[1] & 0xFF) == 0xCF && (docx[2] & 0xFF) == 0x11) {
      throw new UnreadableWordFile("this is a Word 97-2003 (.doc) or password-protected file: save it as an"
          + " unprotected .docx and upload again");
    }
    if (docx.length < 4 || docx[0] != 'P' || docx[1] != 'K') {
      throw new UnreadableWordFile("this is not a DOCX (Word) file: a .docx is a ZIP package");
    }
    List<WordFile.Paragraph> paragraphs = null;
    Map<String, WordFile.Comment> comments = new LinkedHashMap<>();
    int formatting = 0;
    long[] inflated = {0};
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String name = e.getName();
        if (name.equals("word/document.xml")) {
          Body body = new Body();
          body.parse(limited(zip, inflated));
          paragraphs = body.paragraphs;
          formatting += body.formatting;
        } else if (name.equals("word/comments.xml")) {
          readComments(limited(zip, inflated), comments);
        } else {
          // the other parts are not read, but a ZIP stream inflates them to find the next entry: they count
          limited(zip, inflated).transferTo(OutputStream.nullOutputStream());
        }
      }
    } catch (ZipException e) {
      throw new UnreadableWordFile("the DOCX is damaged: its ZIP package could not be read");
    } catch (IOException e) {
      throw new UnreadableWordFile("the DOCX could not be read (" + e.getMessage() + ")");
    }
    if (paragraphs == null) {
      throw new UnreadableWordFile("the DOCX has no word/document.xml: it is not a Word document");
    }
    return new WordFile(paragraphs, comments, formatting);
  }

  private static XMLStreamReader parser(InputStream in) {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    try {
      return f.createXMLStreamReader(in, "UTF-8");
    } catch (XMLStreamException e) {
      throw new UnreadableWordFile("the DOCX holds XML that could not be parsed");
    }
  }

  /**
   * An inflated part, cut off (with an error) beyond {@link #MAX_PART_BYTES}, and all parts together beyond
   * {@link #MAX_INFLATED_BYTES} ({@code total}); closing leaves the zip open.
   */
  private static InputStream limited(ZipInputStream zip, long[] total) {
    return new FilterInputStream(zip) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      private void count(int n) {
        count += n;
        total[0] += n;
        if (count > MAX_PART_BYTES || total[0] > MAX_INFLATED_BYTES) {
          throw new UnreadableWordFile("the DOCX expands to far more than its size (a zip bomb?) and was not read");
        }
      }

      @Override
      public void close() {}
    };
  }

  private static UnreadableWordFile malformed(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("DOCTYPE") || m.contains("DTD") || m.contains("entity \"")) {
      return new UnreadableWordFile("the DOCX contains a document type declaration or entities, which Plenary"
          + " does not read");
    }
    return new UnreadableWordFile("the DOCX holds XML that is not well-formed");
  }

  /** word/comments.xml: each w:comment's author, date and text. */
  private static void readComments(InputStream in, Map<String, WordFile.Comment> out) {
    XMLStreamReader x = parser(in);
    try {
      String id = null;
      String author = null;
      String date = null;
      StringBuilder text = null;
      boolean paragraphSeen = false;
      while (x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.DTD) {
          throw new UnreadableWordFile("the DOCX contains a document type declaration, which Plenary does not read");
        }
        if (ev == XMLStreamConstants.START_ELEMENT && W.equals(x.getNamespaceURI())) {
          switch (x.getLocalName()) {
            case "comment" -> {
              id = x.getAttributeValue(W, "id");
              author = x.getAttributeValue(W, "author");
              date = x.getAttributeValue(W, "date");
              text = new StringBuilder();
              paragraphSeen = false;
            }
            case "p" -> {
              if (text != null && paragraphSeen) {
                text.append('\n');
              }
              paragraphSeen = true;
            }
            case "t" -> {
              if (text != null) {
                text.append(x.getElementText());
                if (text.length() > MAX_PARAGRAPH_CHARS) {
                  throw new UnreadableWordFile("a comment is longer than " + MAX_PARAGRAPH_CHARS + " characters");
                }
              }
            }
            case "tab" -> {
              if (text != null) {
                text.append('\t');
              }
            }
            default -> { }
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT && W.equals(x.getNamespaceURI())
            && x.getLocalName().equals("comment") && text != null) {
          if (id != null) {
            out.put(id, new WordFile.Comment(id, author, date, text.toString().strip()));
          }
          if (out.size() > MAX_COMMENTS) {
            throw new UnreadableWordFile("the file has more than " + MAX_COMMENTS + " comments");
          }
          text = null;
        }
      }
    } catch (XMLStreamException e) {
      throw malformed(e);
    }
  }

  /** The body of word/document.xml, event by event. */
  private static final class Body {
    final List<WordFile.Paragraph> paragraphs = new ArrayList<>();
    int formatting;

    /** The tracked change the parser is in (innermost last); EQUAL outside any. */
    private final Deque<String[]> changes = new ArrayDeque<>();
    private int tableDepth;
    private final Set<Long> pendingBookmarks = new LinkedHashSet<>();
    private final List<CommentMark> pendingComments = new ArrayList<>();

    // the paragraph being read
    private List<Piece> pieces;
    private StringBuilder text;
    private Change textChange;
    private String textAuthor;
    private String textDate;
    private int length;
    private boolean markIns;
    private boolean markDel;
    private String markAuthor;
    private String markDate;
    private Set<Long> bookmarks;
    private List<CommentMark> comments;

    void parse(InputStream in) {
      XMLStreamReader x = parser(in);
      try {
        int depth = 0;
        while (x.hasNext()) {
          int ev = x.next();
          if (ev == XMLStreamConstants.DTD) {
            throw new UnreadableWordFile("the DOCX contains a document type declaration, which Plenary does not read");
          }
          if (ev == XMLStreamConstants.START_ELEMENT) {
            if (++depth > MAX_DEPTH) {
              throw new UnreadableWordFile("the DOCX nests elements more than " + MAX_DEPTH + " deep");
            }
            if (start(x)) {
              depth--;
            }
          } else if (ev == XMLStreamConstants.END_ELEMENT) {
            depth--;
            end(x);
          }
        }
      } catch (XMLStreamException e) {
        throw malformed(e);
      }
    }

    /** Handles a start tag; true when it consumed the element up to and including its end tag. */
    private boolean start(XMLStreamReader x) throws XMLStreamException {
      String ns = x.getNamespaceURI();
      String name = x.getLocalName();
      if (MC.equals(ns) && name.equals("AlternateContent")) {
        skip(x);
        return true;
      }
      if (!W.equals(ns)) {
        return false;
      }
      if (FORMAT_CHANGES.contains(name)) {
        formatting++;
        skip(x);
        return true;
      }
      if (SKIPPED.contains(name)) {
        skip(x);
        return true;
      }
      switch (name) {
        case "tbl" -> tableDepth++;
        case "p" -> {
          if (pieces != null) { // a paragraph inside a paragraph (a text box Word did not wrap): not draft text
            skip(x);
            return true;
          }
          begin();
        }
        case "pPr" -> {
          paragraphProperties(x);
          return true;
        }
        case "rPr", "tblPr", "trPr", "tcPr", "sectPr", "tblGrid", "tblPrEx" -> {
          countFormatting(x);
          return true;
        }
        case "ins", "moveTo" -> changes.push(new String[] {"ins", x.getAttributeValue(W, "author"),
            x.getAttributeValue(W, "date")});
        case "del", "moveFrom" -> changes.push(new String[] {"del", x.getAttributeValue(W, "author"),
            x.getAttributeValue(W, "date")});
        case "t", "delText" -> {
          append(x.getElementText());
          return true;
        }
        case "tab", "ptab" -> append("\t");
        case "br", "cr" -> append(" ");
        case "noBreakHyphen" -> append("-");
        case "bookmarkStart" -> {
          String b = x.getAttributeValue(W, "name");
          if (b != null && b.startsWith(ForCommentsDocx.BOOKMARK_PREFIX)) {
            try {
              long id = Long.parseLong(b.substring(ForCommentsDocx.BOOKMARK_PREFIX.length()));
              (bookmarks != null ? bookmarks : pendingBookmarks).add(id);
            } catch (NumberFormatException ignored) {
              // a bookmark someone named like ours: not one of ours
            }
          }
        }
        case "commentRangeStart" -> comment(x.getAttributeValue(W, "id"), true, false);
        case "commentRangeEnd" -> comment(x.getAttributeValue(W, "id"), false, false);
        case "commentReference" -> comment(x.getAttributeValue(W, "id"), false, true);
        default -> { }
      }
      return false;
    }

    private void end(XMLStreamReader x) {
      if (!W.equals(x.getNamespaceURI())) {
        return;
      }
      switch (x.getLocalName()) {
        case "tbl" -> tableDepth--;
        case "p" -> finish();
        case "ins", "moveTo", "del", "moveFrom" -> {
          if (!changes.isEmpty()) {
            changes.pop();
          }
        }
        default -> { }
      }
    }

    private void begin() {
      pieces = new ArrayList<>();
      text = new StringBuilder();
      textChange = Change.EQUAL;
      textAuthor = null;
      textDate = null;
      length = 0;
      markIns = false;
      markDel = false;
      markAuthor = null;
      markDate = null;
      bookmarks = new LinkedHashSet<>(pendingBookmarks);
      pendingBookmarks.clear();
      comments = new ArrayList<>(pendingComments);
      pendingComments.clear();
    }

    private void finish() {
      if (pieces == null) {
        return;
      }
      flushPiece();
      paragraphs.add(new WordFile.Paragraph(paragraphs.size(), tableDepth > 0, List.copyOf(pieces), markIns, markDel,
          markAuthor, markDate, Set.copyOf(bookmarks), List.copyOf(comments)));
      if (paragraphs.size() > MAX_PARAGRAPHS) {
        throw new UnreadableWordFile("the file has more than " + MAX_PARAGRAPHS + " paragraphs");
      }
      pieces = null;
    }

    private void comment(String id, boolean start, boolean point) {
      if (id == null) {
        return;
      }
      if (pieces == null) {
        // between paragraphs: a start belongs to the next paragraph, an end to the previous one
        if (start || paragraphs.isEmpty()) {
          pendingComments.add(new CommentMark(id, start, point, 0));
        } else {
          WordFile.Paragraph last = paragraphs.remove(paragraphs.size() - 1);
          List<CommentMark> marks = new ArrayList<>(last.comments());
          int end = last.pieces().stream().mapToInt(p -> p.text().length()).sum();
          marks.add(new CommentMark(id, false, point, end));
          paragraphs.add(new WordFile.Paragraph(last.index(), last.inTable(), last.pieces(), last.markInserted(),
              last.markDeleted(), last.markAuthor(), last.markDate(), last.bookmarks(), List.copyOf(marks)));
        }
        return;
      }
      comments.add(new CommentMark(id, start, point, length));
    }

    private void append(String s) {
      if (pieces == null || s.isEmpty()) {
        return;
      }
      String[] c = changes.peek();
      Change change = c == null ? Change.EQUAL : c[0].equals("ins") ? Change.INSERTED : Change.DELETED;
      String author = c == null ? null : c[1];
      String date = c == null ? null : c[2];
      if (change != textChange || !java.util.Objects.equals(author, textAuthor)
          || !java.util.Objects.equals(date, textDate)) {
        flushPiece();
        textChange = change;
        textAuthor = author;
        textDate = date;
      }
      text.append(s);
      length += s.length();
      if (length > MAX_PARAGRAPH_CHARS) {
        throw new UnreadableWordFile("paragraph " + (paragraphs.size() + 1) + " is longer than " + MAX_PARAGRAPH_CHARS
            + " characters");
      }
    }

    private void flushPiece() {
      if (text.length() > 0) {
        pieces.add(new Piece(textChange, text.toString(), textAuthor, textDate));
        text.setLength(0);
      }
    }

    /** w:pPr: the paragraph mark's own tracked change sits in its w:rPr; the rest is formatting. */
    private void paragraphProperties(XMLStreamReader x) throws XMLStreamException {
      int depth = 1;
      boolean inMark = false;
      while (depth > 0 && x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = x.getLocalName();
          if (!W.equals(x.getNamespaceURI())) {
            continue;
          }
          if (FORMAT_CHANGES.contains(name)) {
            formatting++;
            skip(x);
            depth--;
          } else if (depth == 2 && name.equals("rPr")) {
            inMark = true;
          } else if (inMark && depth == 3 && (name.equals("ins") || name.equals("moveTo"))) {
            markIns = pieces != null;
            markAuthor = x.getAttributeValue(W, "author");
            markDate = x.getAttributeValue(W, "date");
          } else if (inMark && depth == 3 && (name.equals("del") || name.equals("moveFrom"))) {
            markDel = pieces != null;
            markAuthor = x.getAttributeValue(W, "author");
            markDate = x.getAttributeValue(W, "date");
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (depth == 1 && W.equals(x.getNamespaceURI()) && x.getLocalName().equals("rPr")) {
            inMark = false;
          }
        }
      }
    }

    private void countFormatting(XMLStreamReader x) throws XMLStreamException {
      int depth = 1;
      while (depth > 0 && x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (W.equals(x.getNamespaceURI()) && FORMAT_CHANGES.contains(x.getLocalName())) {
            formatting++;
            skip(x);
            depth--;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }

    /** Skips to the end of the current element. */
    private static void skip(XMLStreamReader x) throws XMLStreamException {
      int depth = 1;
      while (depth > 0 && x.hasNext()) {
        int ev = x.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
  }
}
