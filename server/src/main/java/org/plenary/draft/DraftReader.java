package org.plenary.draft;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uploaded draft into structured paragraphs: plain text (a paragraph per line), Markdown or DOCX,
 * then {@link StructureRecognizer} finds titles, headings, numbered and lettered items, footnotes and
 * report sections.
 *
 * <pre>
 *   ImportedDraft draft = DraftReader.read(bytes, SourceFormat.TEXT);
 *   draft.paragraphs().get(0).kind();   // TITLE
 * </pre>
 *
 * Every failure is an {@link ImportException} with a message the uploader can act on; nothing else escapes.
 */
public final class DraftReader {
  /** Longest paragraph accepted, in characters; longer ones are almost surely not a draft. */
  public static final int MAX_PARAGRAPH_CHARS = 100_000;
  /** Most paragraphs in one draft (a long report has a few thousand). */
  public static final int MAX_PARAGRAPHS = 50_000;
  /** Most characters in one draft, all paragraphs together (a 1 MB text has about a million). */
  public static final long MAX_CHARACTERS = 10_000_000;

  private DraftReader() {}

  public static ImportedDraft read(byte[] content, SourceFormat format) throws ImportException {
    if (content == null || content.length == 0) {
      throw new ImportException("body", "the draft is empty");
    }
    List<SourceBlock> blocks;
    try {
      blocks = switch (format) {
        case DOCX -> DocxReader.blocks(content);
        case MARKDOWN -> MarkdownReader.blocks(decodeUtf8(content));
        case TEXT -> lines(decodeUtf8(content));
      };
    } catch (ImportException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // An importer bug must not become a 500 with a stack trace; the uploader learns the file was not read.
      throw new ImportException("body", "the draft could not be read (" + e.getClass().getSimpleName() + ")", e);
    }
    if (blocks.size() > MAX_PARAGRAPHS) {
      throw new ImportException("body", "the draft has more than " + MAX_PARAGRAPHS + " paragraphs");
    }
    ImportedDraft draft = StructureRecognizer.recognise(blocks);
    if (draft.paragraphs().isEmpty()) {
      throw new ImportException("body", "the draft has no text, only blank lines");
    }
    return draft;
  }

  /** Strict UTF-8 (a malformed byte is an error, not a replacement character), without BOM, in NFC. */
  public static String decodeUtf8(byte[] content) throws ImportException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ImportException("body", "the draft is not valid UTF-8 text (" + e.getMessage()
          + "); save it as UTF-8 or upload the DOCX");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new ImportException("body", "the draft contains NUL characters: it looks like a binary file");
    }
    return Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
  }

  /**
   * Plain text: each non-blank line is a paragraph (drafts pasted from Word have one per line). Lines are
   * taken one at a time and counted as they come: reading stops at the first limit passed.
   */
  static List<SourceBlock> lines(String text) throws ImportException {
    List<SourceBlock> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : eachLine(text)) {
      lineNo++;
      if (line.length() > MAX_PARAGRAPH_CHARS) {
        throw new ImportException("body", "line " + lineNo + " is longer than " + MAX_PARAGRAPH_CHARS
            + " characters");
      }
      if (line.isBlank()) {
        continue;
      }
      out.add(SourceBlock.plain(line));
      if (out.size() > MAX_PARAGRAPHS) {
        throw new ImportException("body", "the draft has more than " + MAX_PARAGRAPHS + " paragraphs");
      }
    }
    return out;
  }

  /** The lines of {@code text} one at a time, without splitting it all first. */
  static Iterable<String> eachLine(String text) {
    return () -> new java.util.Iterator<>() {
      private int start = 0;

      @Override
      public boolean hasNext() {
        return start <= text.length();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = text.length();
        }
        String line = text.substring(start, end);
        start = end + 1;
        return line;
      }
    };
  }
}
