package org.plenary.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown into source blocks: ATX and setext headings, bulleted and ordered list items, footnote
 * definitions ({@code [^1]: …}, cited as {@code [^1]}), paragraphs that run over several lines. Emphasis,
 * escapes and block quotes are formatting and dropped; the text is what a reader sees.
 */
final class MarkdownReader {
  private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t]*#*[ \\t]*$");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern BULLET = Pattern.compile("^([ \\t]*)[-*+][ \\t]+(.*)$");
  private static final Pattern ORDERED = Pattern.compile("^[ \\t]*([0-9\\u0660-\\u0669]{1,3}[.)])[ \\t]+(.*)$");
  private static final Pattern FOOTNOTE_DEF = Pattern.compile("^\\[\\^(\\d{1,3})\\]:[ \\t]*(.*)$");
  private static final Pattern FOOTNOTE_REF = Pattern.compile("\\[\\^(\\d{1,3})\\]");
  private static final Pattern RULE = Pattern.compile("^ {0,3}([-*_])([ \\t]*\\1){2,}[ \\t]*$");
  // Emphasis spans are bounded in length so that a line full of unmatched "_" stays linear, not quadratic.
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.{1,400}?)(?<=\\S)\\1");
  private static final Pattern EMPHASIS = Pattern.compile(
      "(?<![\\w*])([*_])(?=\\S)(.{1,400}?)(?<=\\S)\\1(?![\\w*])");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!|])");

  private MarkdownReader() {}

  static List<SourceBlock> blocks(String text) throws ImportException {
    List<SourceBlock> out = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    SourceBlock.Hint hint = SourceBlock.Hint.NONE;
    for (String raw : DraftReader.eachLine(text)) {
      if (out.size() > DraftReader.MAX_PARAGRAPHS) {
        throw new ImportException("body", "the draft has more than " + DraftReader.MAX_PARAGRAPHS + " paragraphs");
      }
      if (raw.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
        throw new ImportException("body", "a line is longer than " + DraftReader.MAX_PARAGRAPH_CHARS + " characters");
      }
      String line = raw.startsWith(">") ? raw.replaceFirst("^>+ ?", "") : raw;
      if (line.isBlank()) {
        hint = flush(out, paragraph, hint);
        continue;
      }
      Matcher setext = SETEXT.matcher(line);
      if (setext.matches() && paragraph.length() > 0 && hint == SourceBlock.Hint.NONE) {
        int level = setext.group(1).startsWith("=") ? 1 : 2;
        out.add(new SourceBlock(inline(paragraph.toString()), SourceBlock.Hint.HEADING, level));
        paragraph.setLength(0);
        continue;
      }
      if (RULE.matcher(line).matches()) {
        hint = flush(out, paragraph, hint);
        continue;
      }
      Matcher atx = ATX.matcher(line);
      if (atx.matches()) {
        hint = flush(out, paragraph, hint);
        out.add(new SourceBlock(inline(atx.group(2)), SourceBlock.Hint.HEADING, atx.group(1).length()));
        continue;
      }
      Matcher def = FOOTNOTE_DEF.matcher(line);
      Matcher bullet = BULLET.matcher(line);
      Matcher ordered = ORDERED.matcher(line);
      if (def.matches()) {
        hint = flush(out, paragraph, hint);
        paragraph.append('[').append(def.group(1)).append("] ").append(def.group(2));
        hint = SourceBlock.Hint.FOOTNOTE;
      } else if (bullet.matches()) {
        hint = flush(out, paragraph, hint);
        paragraph.append(bullet.group(2));
        // "- (a) …" is a lettered item written as a list; "- text" is a bullet.
        hint = SourceBlock.Hint.BULLET;
      } else if (ordered.matches()) {
        hint = flush(out, paragraph, hint);
        paragraph.append(ordered.group(1)).append(' ').append(ordered.group(2));
      } else {
        if (paragraph.length() > 0) {
          paragraph.append(' ');
        }
        paragraph.append(line.strip());
        if (paragraph.length() > DraftReader.MAX_PARAGRAPH_CHARS) {
          throw new ImportException("body", "a paragraph is longer than " + DraftReader.MAX_PARAGRAPH_CHARS
              + " characters");
        }
      }
    }
    flush(out, paragraph, hint);
    return out;
  }

  private static SourceBlock.Hint flush(List<SourceBlock> out, StringBuilder paragraph, SourceBlock.Hint hint) {
    if (paragraph.length() > 0) {
      String text = inline(paragraph.toString());
      SourceBlock.Hint h = hint;
      if (h == SourceBlock.Hint.BULLET && Marker.read(text.strip(), 0, 0).type() != Marker.Type.NONE) {
        h = SourceBlock.Hint.NONE;
      }
      out.add(new SourceBlock(text, h, 0));
      paragraph.setLength(0);
    }
    return SourceBlock.Hint.NONE;
  }

  /** Inline Markdown made plain: emphasis dropped, escapes resolved, footnote references as "[1]". */
  static String inline(String text) {
    String t = FOOTNOTE_REF.matcher(text).replaceAll("[$1]");
    t = STRONG.matcher(t).replaceAll("$2");
    t = EMPHASIS.matcher(t).replaceAll("$2");
    return ESCAPE.matcher(t).replaceAll("$1");
  }
}
