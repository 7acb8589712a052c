package org.plenary.draft;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an uploaded draft into paragraphs. Text and Markdown must be UTF-8; each non-blank line is a
 * paragraph (the structured importer refines kinds and numbers).
 */
public final class DraftReader {
  /** Longest paragraph accepted, in characters; longer ones are almost surely not a draft. */
  public static final int MAX_PARAGRAPH_CHARS = 100_000;

  private DraftReader() {}

  public static ImportedDraft read(byte[] content, SourceFormat format) throws ImportException {
    if (content == null || content.length == 0) {
      throw new ImportException("body", "the draft is empty");
    }
    if (format == SourceFormat.DOCX) {
      throw new ImportException("body", "DOCX import is not available in this version; send text/plain or text/markdown");
    }
    String text = decodeUtf8(content);
    ImportedDraft draft = segment(text, format == SourceFormat.MARKDOWN);
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

  static ImportedDraft segment(String text, boolean markdown) throws ImportException {
    List<DraftParagraph> out = new ArrayList<>();
    int lineNo = 0;
    for (String raw : text.split("\n", -1)) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      ParagraphKind kind = ParagraphKind.TEXT;
      if (markdown && line.startsWith("#")) {
        line = line.replaceFirst("^#+\\s*", "");
        kind = out.isEmpty() ? ParagraphKind.TITLE : ParagraphKind.HEADING;
      }
      if (line.length() > MAX_PARAGRAPH_CHARS) {
        throw new ImportException("body", "line " + lineNo + " is longer than " + MAX_PARAGRAPH_CHARS
            + " characters");
      }
      out.add(new DraftParagraph(kind, null, -1, line, Direction.of(line), Brackets.count(line)));
    }
    return new ImportedDraft(out);
  }
}
