package org.plenary.word;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.plenary.draft.Direction;
import org.plenary.draft.DraftParagraph;
import org.plenary.draft.DraftReader;
import org.plenary.draft.SourceFormat;
import org.plenary.testing.Samples;

/** A sample draft as the revision's paragraphs (ids from 101 in order), its Word file, and zip helpers. */
final class WordSamples {
  final List<DraftParagraph> paragraphs;
  final List<WordProposals.Target> targets = new ArrayList<>();
  final ForCommentsDocx.Draft draft;

  WordSamples(String sample, String title) throws Exception {
    paragraphs = DraftReader.read(Samples.bytes(sample), SourceFormat.TEXT).paragraphs();
    List<ForCommentsDocx.Paragraph> out = new ArrayList<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      DraftParagraph p = paragraphs.get(i);
      targets.add(new WordProposals.Target(101 + i, p.number(), null, p.text()));
      out.add(new ForCommentsDocx.Paragraph(101 + i, p.kind().code(), p.number(), p.text(),
          p.direction() == Direction.RTL));
    }
    boolean rtl = sample.startsWith("ar-");
    draft = new ForCommentsDocx.Draft(title, "Rev.1", rtl, Instant.parse("2026-11-30T09:00:00Z"), out);
  }

  byte[] docx() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ForCommentsDocx().write(draft, out);
    return out.toByteArray();
  }

  /** The target whose text contains {@code quote} (exactly one). */
  WordProposals.Target with(String quote) {
    List<WordProposals.Target> found = targets.stream().filter(t -> t.text().contains(quote)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " paragraphs contain \"" + quote + "\"");
    }
    return found.get(0);
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  static byte[] zip(Map<String, byte[]> parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static String part(byte[] docx, String name) throws IOException {
    return new String(unzip(docx).get(name), StandardCharsets.UTF_8);
  }

  /** The DOCX with one part replaced. */
  static byte[] withPart(byte[] docx, String name, String content) throws IOException {
    Map<String, byte[]> parts = unzip(docx);
    parts.put(name, content.getBytes(StandardCharsets.UTF_8));
    return zip(parts);
  }
}
