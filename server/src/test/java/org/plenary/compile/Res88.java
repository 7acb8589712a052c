package org.plenary.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenary.draft.Direction;
import org.plenary.testing.Samples;

/**
 * The Arabic zero draft of ITU Resolution 88 as structured paragraphs (title, authority, preambular
 * headings and lettered items, a footnote, operative headings and numbered paragraphs), with the 13 sample
 * proposals attached to the paragraphs their {@code paragraph_quote} identifies.
 */
final class Res88 {
  static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final Pattern LETTERED = Pattern.compile("^-?\\s*(\\([\\p{L}]{1,3}\\))\\s+(.*)$");
  private static final Pattern NUMBERED = Pattern.compile("^(\\d+)\\s+(.*)$");
  private static final Pattern FOOTNOTE = Pattern.compile("^([¹²³])\\s+(.*)$");

  private Res88() {}

  static List<CompilationSource.Paragraph> paragraphs() {
    List<CompilationSource.Paragraph> out = new ArrayList<>();
    String[] lines = Samples.text("ar-itu-res88-zero.txt").split("\n");
    boolean operative = false;
    Long heading = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      long id = 100 + out.size();
      int pos = out.size();
      String kind;
      String number = null;
      String text = line;
      Long parent = null;
      Matcher m;
      if (pos == 0) {
        kind = "title";
      } else if (pos == 1) {
        kind = "subtitle";
      } else if (line.startsWith("إن المؤتمر")) {
        kind = "authority";
      } else if ((m = FOOTNOTE.matcher(line)).matches()) {
        kind = "footnote";
        number = m.group(1);
        text = m.group(2);
        String marker = number;
        parent = out.stream().filter(p -> p.text().contains(marker)).map(CompilationSource.Paragraph::id)
            .findFirst().orElse(null);
      } else if ((m = LETTERED.matcher(line)).matches()) {
        kind = operative ? "subparagraph" : "preambular";
        number = m.group(1);
        text = m.group(2);
        parent = heading;
      } else if ((m = NUMBERED.matcher(line)).matches() && operative) {
        kind = "operative";
        number = m.group(1);
        text = m.group(2);
        parent = heading;
      } else if (line.startsWith("إذ") || line.startsWith("وإذ") || line.startsWith("يقرر")
          || line.startsWith("يدعو")) {
        kind = "heading";
        operative |= line.startsWith("يقرر") || line.startsWith("يدعو");
        heading = id;
      } else {
        kind = operative ? "operative" : "preambular";
        parent = heading;
      }
      out.add(new CompilationSource.Paragraph(id, pos, number, kind, text, Direction.of(text), parent));
    }
    return cited(out);
  }

  /** With the citations the server gives them ("PP9", "OP4"), as the revision would. */
  static List<CompilationSource.Paragraph> cited(List<CompilationSource.Paragraph> paragraphs) {
    List<String> labels = org.plenary.draft.Citations.of(paragraphs.stream().map(p -> new org.plenary.draft.Citations.Item(
        p.id(), p.parentId(), p.kind(), p.number(), null)).toList());
    List<CompilationSource.Paragraph> out = new ArrayList<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      CompilationSource.Paragraph p = paragraphs.get(i);
      out.add(new CompilationSource.Paragraph(p.id(), p.position(), p.number(), p.kind(), p.text(), p.direction(),
          p.parentId(), labels.get(i)));
    }
    return out;
  }

  static List<CompilationSource.Proposal> proposals(List<CompilationSource.Paragraph> paragraphs) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Samples.bytes("ar-itu-res88-zero.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<CompilationSource.Proposal> out = new ArrayList<>();
    int i = 0;
    for (JsonNode p : root.get("proposals")) {
      String quote = p.get("paragraph_quote").asText();
      long paragraph = paragraphs.stream().filter(q -> q.text().contains(quote)).findFirst()
          .orElseThrow(() -> new AssertionError("no paragraph quotes " + quote)).id();
      List<String> cosponsors = new ArrayList<>();
      p.path("cosponsors").forEach(c -> cosponsors.add(c.asText()));
      out.add(new CompilationSource.Proposal(p.get("id").asText(), paragraph,
          ProposalKind.fromCode(p.get("kind").asText()), p.get("delegation").asText(),
          p.hasNonNull("on_behalf_of") ? p.get("on_behalf_of").asText() : null, cosponsors,
          p.path("text").asText(""), p.path("rationale").asText(""),
          p.hasNonNull("target") ? p.get("target").asText() : null, "submitted", T0.plusSeconds(60L * i++)));
    }
    return out;
  }

  /** Names and group membership from the sample delegations.csv. */
  static Map<String, CompilationSource.Names> names() {
    Map<String, CompilationSource.Names> out = new HashMap<>();
    for (String line : Samples.text("delegations.csv").split("\n")) {
      String[] f = line.strip().split(",", -1);
      if (f.length >= 4 && !f[0].equals("code")) {
        out.put(f[0], new CompilationSource.Names(f[2], f[3]));
      }
    }
    return out;
  }

  static Map<String, Set<String>> groups() {
    Map<String, Set<String>> out = new HashMap<>();
    for (String line : Samples.text("delegations.csv").split("\n")) {
      String[] f = line.strip().split(",", -1);
      if (f.length >= 5 && !f[0].equals("code") && !f[4].isBlank()) {
        for (String g : f[4].split(";")) {
          out.computeIfAbsent(g, k -> new HashSet<>()).add(f[0]);
        }
      }
    }
    return out;
  }

  static CompilationSource source() {
    List<CompilationSource.Paragraph> paragraphs = paragraphs();
    return source(paragraphs, proposals(paragraphs));
  }

  static CompilationSource source(List<CompilationSource.Paragraph> paragraphs,
      List<CompilationSource.Proposal> proposals) {
    return new CompilationSource(1, "القرار 88 (كيغالي، 2022)", 2, "Zero draft", Instant.parse("2026-12-01T08:00:00Z"),
        paragraphs, proposals, names(), groups());
  }

  static CompilationSource.Paragraph paragraphQuoting(CompilationSource source, String quote) {
    return source.paragraphs().stream().filter(p -> p.text().contains(quote)).findFirst().orElseThrow();
  }
}
