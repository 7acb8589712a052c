package org.plenary.compile;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.plenary.compile.CompilationSource.Proposal;
import org.plenary.compile.ConsolidatedDocument.Amendment;
import org.plenary.compile.ConsolidatedDocument.DelegationRow;
import org.plenary.compile.ConsolidatedDocument.Entry;
import org.plenary.compile.ConsolidatedDocument.Paragraph;
import org.plenary.compile.ConsolidatedDocument.ParagraphRow;
import org.plenary.compile.ConsolidatedDocument.Remark;
import org.plenary.compile.ConsolidatedDocument.Sponsor;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Citations;
import org.plenary.draft.Direction;

/**
 * Builds the consolidated document: filters the input by the options, groups identical amendments of a
 * paragraph into one with all their delegations, diffs each against the paragraph, hangs reactions under
 * the amendment they concern and remarks under their paragraph, and counts.
 *
 * <pre>
 *   ConsolidatedDocument doc = CompilationBuilder.build(source, CompilationOptions.DEFAULT);
 * </pre>
 */
public final class CompilationBuilder {
  private final CompilationSource source;
  private final CompilationOptions options;
  private final Labels labels;

  private CompilationBuilder(CompilationSource source, CompilationOptions options) {
    this.source = requireNonNull(source, "source");
    this.options = requireNonNull(options, "options");
    this.labels = Labels.of(options.language());
  }

  public static ConsolidatedDocument build(CompilationSource source, CompilationOptions options) {
    return new CompilationBuilder(source, options).build();
  }

  private ConsolidatedDocument build() {
    Map<Long, CompilationSource.Paragraph> byId = new HashMap<>();
    for (CompilationSource.Paragraph p : source.paragraphs()) {
      byId.put(p.id(), p);
    }
    List<Proposal> kept = source.proposals().stream().filter(this::keep)
        .filter(p -> p.paragraphId() == null ? options.from() == null && options.to() == null
            : byId.containsKey(p.paragraphId()) && inRange(byId.get(p.paragraphId())))
        .sorted(Comparator.comparing(Proposal::createdAt).thenComparing(Proposal::id))
        .toList();

    // Group the amendments of each paragraph by (kind, normalised text), in order of first submission.
    Map<Long, Map<String, List<Proposal>>> groups = new HashMap<>();
    List<Proposal> reactions = new ArrayList<>();
    List<Proposal> remarks = new ArrayList<>();
    for (Proposal p : kept) {
      if (p.kind().isAmendment() && p.paragraphId() != null) {
        CompilationSource.Paragraph para = byId.get(p.paragraphId());
        String text = proposedText(p, para);
        String key = p.kind().code() + "\u0000" + ProposalText.key(text, options.ignoreDiacritics());
        groups.computeIfAbsent(p.paragraphId(), k -> new LinkedHashMap<>())
            .computeIfAbsent(key, k -> new ArrayList<>()).add(p);
      } else if (p.kind().isReaction()) {
        reactions.add(p);
      } else {
        remarks.add(p);
      }
    }

    // Number the amendments in document order; remember which amendment each source proposal went into.
    Map<String, Integer> seqOfProposal = new HashMap<>();
    Map<Long, List<List<Proposal>>> orderedGroups = new HashMap<>();
    int seq = 0;
    for (CompilationSource.Paragraph para : source.paragraphs()) {
      Map<String, List<Proposal>> g = groups.get(para.id());
      if (g == null) {
        continue;
      }
      List<List<Proposal>> list = new ArrayList<>(g.values());
      list.sort(Comparator.comparing((List<Proposal> l) -> l.get(0).kind() == ProposalKind.INSERT ? 1 : 0)
          .thenComparing(l -> l.get(0).createdAt()).thenComparing(l -> l.get(0).id()));
      for (List<Proposal> members : list) {
        seq++;
        for (Proposal p : members) {
          seqOfProposal.put(p.id(), seq);
        }
      }
      orderedGroups.put(para.id(), list);
    }

    // The word diffs are most of the work (ICU tokens, then Myers): compute them on all cores.
    List<Object[]> tasks = new ArrayList<>();
    for (CompilationSource.Paragraph para : source.paragraphs()) {
      for (List<Proposal> members : orderedGroups.getOrDefault(para.id(), List.of())) {
        tasks.add(new Object[] {para, members});
      }
    }
    Map<Integer, List<DiffOp>> changesBySeq = new java.util.concurrent.ConcurrentHashMap<>();
    tasks.parallelStream().forEach(t -> {
      @SuppressWarnings("unchecked")
      List<Proposal> members = (List<Proposal>) t[1];
      changesBySeq.put(seqOfProposal.get(members.get(0).id()), changes(members.get(0),
          (CompilationSource.Paragraph) t[0]));
    });

    Map<Integer, List<Remark>> reactionsBySeq = new HashMap<>();
    Map<Long, List<Remark>> remarksByParagraph = new HashMap<>();
    List<Remark> general = new ArrayList<>();
    for (Proposal r : reactions) {
      Integer target = r.target() == null ? null : seqOfProposal.get(r.target());
      if (target != null) {
        reactionsBySeq.computeIfAbsent(target, k -> new ArrayList<>()).add(remark(r, target, byId));
      } else if (r.paragraphId() != null) {
        remarksByParagraph.computeIfAbsent(r.paragraphId(), k -> new ArrayList<>()).add(remark(r, 0, byId));
      } else {
        general.add(remark(r, 0, byId));
      }
    }
    for (Proposal r : remarks) {
      if (r.paragraphId() != null) {
        remarksByParagraph.computeIfAbsent(r.paragraphId(), k -> new ArrayList<>()).add(remark(r, 0, byId));
      } else {
        general.add(remark(r, 0, byId));
      }
    }

    List<Entry> entries = new ArrayList<>();
    List<ParagraphRow> paragraphRows = new ArrayList<>();
    int submissions = 0;
    int amendmentCount = 0;
    int reactionCount = 0;
    int remarkCount = 0;
    int contested = 0;
    for (CompilationSource.Paragraph para : source.paragraphs()) {
      if (!inRange(para)) {
        continue;
      }
      Paragraph paragraph = paragraph(para);
      List<Amendment> amendments = new ArrayList<>();
      for (List<Proposal> members : orderedGroups.getOrDefault(para.id(), List.of())) {
        int s = seqOfProposal.get(members.get(0).id());
        amendments.add(amendment(s, members, para, changesBySeq.get(s), reactionsBySeq.getOrDefault(s, List.of())));
        submissions += members.size();
      }
      List<Remark> paraRemarks = remarksByParagraph.getOrDefault(para.id(), List.of());
      if (amendments.isEmpty() && paraRemarks.isEmpty() && !options.emptyParagraphs()) {
        continue;
      }
      entries.add(new Entry(paragraph, amendments, paraRemarks));
      if (!amendments.isEmpty() || !paraRemarks.isEmpty()) {
        int rx = amendments.stream().mapToInt(a -> a.reactions().size()).sum()
            + (int) paraRemarks.stream().filter(r -> r.kind().isReaction()).count();
        int rm = (int) paraRemarks.stream().filter(r -> !r.kind().isReaction()).count();
        Set<String> who = new HashSet<>();
        for (List<Proposal> members : orderedGroups.getOrDefault(para.id(), List.of())) {
          members.forEach(p -> who.add(p.delegation()));
        }
        amendments.forEach(a -> a.reactions().forEach(r -> who.add(r.delegation())));
        paraRemarks.forEach(r -> who.add(r.delegation()));
        paragraphRows.add(new ParagraphRow(para.id(), paragraph.label(), paragraph.anchor(), amendments.size(), rx, rm,
            options.attributed() ? who.size() : 0));
        amendmentCount += amendments.size();
        reactionCount += rx;
        remarkCount += rm;
        if (!amendments.isEmpty()) {
          contested++;
        }
      }
    }
    for (Remark g : general) {
      if (g.kind().isReaction()) {
        reactionCount++;
      } else {
        remarkCount++;
      }
    }
    List<DelegationRow> delegationRows = options.attributed() ? delegationRows(kept, seqOfProposal) : List.of();
    ConsolidatedDocument.Counts counts = new ConsolidatedDocument.Counts(entries.size(), contested, amendmentCount,
        submissions, delegationRows.size(), reactionCount, remarkCount);
    ConsolidatedDocument.Header header = new ConsolidatedDocument.Header(source.negotiationId(),
        source.negotiationTitle(), source.revisionId(), source.revisionLabel(), source.date(), counts,
        source.negotiationCreated(), source.revisionPublished());
    Map<String, String> names = new HashMap<>();
    if (options.attributed()) {
      for (Proposal p : kept) {
        names.put(p.delegation(), name(p.delegation()));
        if (p.onBehalfOf() != null) {
          names.put(p.onBehalfOf(), name(p.onBehalfOf()));
        }
        p.cosponsors().forEach(c -> names.put(c, name(c)));
      }
    }
    return new ConsolidatedDocument(header, entries, general,
        new ConsolidatedDocument.Summary(paragraphRows, delegationRows), options, labels, fateRows(kept), names);
  }

  /** The disposition of the proposals kept, in document order, once the next revision is published. */
  private List<ConsolidatedDocument.FateRow> fateRows(List<Proposal> kept) {
    if (source.fates().isEmpty()) {
      return List.of();
    }
    Map<Long, CompilationSource.Paragraph> byId = new HashMap<>();
    source.paragraphs().forEach(q -> byId.put(q.id(), q));
    List<ConsolidatedDocument.FateRow> out = new ArrayList<>();
    for (Proposal p : kept) {
      CompilationSource.Fate f = source.fates().get(p.id());
      if (f == null) {
        continue;
      }
      CompilationSource.Paragraph para = p.paragraphId() == null ? null : byId.get(p.paragraphId());
      String where = para == null ? "" : para.citation() != null ? para.citation()
          : para.number() != null ? para.number() : "";
      String by = !options.attributed() ? "" : p.onBehalfOf() == null ? name(p.delegation())
          : name(p.onBehalfOf()) + " (" + name(p.delegation()) + ")";
      out.add(new ConsolidatedDocument.FateRow(options.attributed() ? p.id() : null, where, labels.kind(p.kind()),
          by, f.fate(), labels.fate(f.fate()), f.revision()));
    }
    out.sort(java.util.Comparator.comparingInt(r -> source.paragraphs().stream()
        .filter(q -> r.paragraph().equals(q.citation() != null ? q.citation() : q.number())).findFirst()
        .map(CompilationSource.Paragraph::position).orElse(Integer.MAX_VALUE)));
    return out;
  }

  private boolean keep(Proposal p) {
    if (options.states().isEmpty() ? p.state().equals("withdrawn") : !options.states().contains(p.state())) {
      return false;
    }
    if (!options.kinds().isEmpty() && !options.kinds().contains(p.kind())) {
      return false;
    }
    if (!options.delegations().isEmpty() && !options.delegations().contains(p.delegation())
        && (p.onBehalfOf() == null || !options.delegations().contains(p.onBehalfOf()))
        && p.cosponsors().stream().noneMatch(options.delegations()::contains)) {
      return false;
    }
    if (!options.groups().isEmpty()) {
      boolean inGroup = p.onBehalfOf() != null && options.groups().contains(p.onBehalfOf()) || options.groups().stream()
          .anyMatch(g -> source.groupMembers().getOrDefault(g, Set.of()).contains(p.delegation()));
      if (!inGroup) {
        return false;
      }
    }
    return true;
  }

  private boolean inRange(CompilationSource.Paragraph p) {
    return (options.from() == null || p.position() >= options.from())
        && (options.to() == null || p.position() <= options.to());
  }

  private static String proposedText(Proposal p, CompilationSource.Paragraph para) {
    return switch (p.kind()) {
      // the same rule as the proposal's own diff (Proposal.proposedParagraph(current, number))
      case AMEND -> ProposalText.withoutNumber(p.text(), para.number(), para.text());
      case INSERT -> ProposalText.withoutPastedNumber(p.text());
      case DELETE -> p.text().strip();
      default -> "";
    };
  }

  private Paragraph paragraph(CompilationSource.Paragraph p) {
    String label = label(p);
    return new Paragraph(p.id(), p.position(), p.number(), label, "p-" + p.id(), p.kind(), p.text(), p.direction(),
        p.parentId());
  }

  /**
   * The paragraph's name in the document: its citation ("PP3", "OP3 bis") with the written number when that
   * adds something ("PP9 (أ)": the letter under its heading; "OP4 (1)"), else the written number, else "¶" and
   * its place.
   */
  static String label(CompilationSource.Paragraph p) {
    String written = p.number() == null || p.number().isBlank() ? null : p.number().strip();
    if (p.citation() == null) {
      return written != null ? written : opening(p.text(), p.direction(), p.position());
    }
    String n = Citations.number(written);
    if (n == null) {
      return p.citation();
    }
    String base = p.citation().replaceFirst(" Alt.*$", "");
    boolean said = base.equals(n) || base.equals("OP" + n) || base.equals("PP" + n) || base.endsWith("(" + n + ")");
    return said ? p.citation() : p.citation() + " (" + n + ")";
  }

  /**
   * A deletion directly followed by an insertion whose words would run together ("2,9" then "2,6" reads
   * "2,92,6" once printed) takes the space after them into both, which changes neither the old nor the new
   * text: "2,9 " struck through, then "2,6 " inserted, then the rest.
   */
  static List<DiffOp> separated(List<DiffOp> ops) {
    List<DiffOp> out = new ArrayList<>(ops);
    for (int i = 0; i + 2 < out.size(); i++) {
      DiffOp del = out.get(i);
      DiffOp ins = out.get(i + 1);
      DiffOp eq = out.get(i + 2);
      if (del.type() != DiffOp.Type.DELETE || ins.type() != DiffOp.Type.INSERT || eq.type() != DiffOp.Type.EQUAL
          || del.text().isEmpty() || ins.text().isEmpty() || eq.text().isEmpty()) {
        continue;
      }
      char last = del.text().charAt(del.text().length() - 1);
      char first = ins.text().charAt(0);
      char space = eq.text().charAt(0);
      if (Character.isLetterOrDigit(last) && Character.isLetterOrDigit(first) && Character.isWhitespace(space)) {
        out.set(i, new DiffOp(DiffOp.Type.DELETE, del.text() + space));
        out.set(i + 1, new DiffOp(DiffOp.Type.INSERT, ins.text() + space));
        if (eq.text().length() == 1) {
          out.remove(i + 2);
        } else {
          out.set(i + 2, new DiffOp(DiffOp.Type.EQUAL, eq.text().substring(1)));
        }
      }
    }
    return out;
  }

  /**
   * An unnumbered paragraph without a citation is named by its first words, quoted as its language quotes
   * («إذ يذكّر», “recalling”), which a reader recognises; only an empty one falls back to its place.
   */
  static String opening(String text, Direction direction, int position) {
    String[] words = text.strip().split("\\s+");
    if (text.isBlank()) {
      return "#" + (position + 1);
    }
    int n = Math.min(words.length, 4);
    String head = String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[،,;؛:.]+$", "")
        + (words.length > n ? "…" : "");
    return direction == Direction.RTL ? "«" + head + "»" : "“" + head + "”";
  }

  private static List<DiffOp> changes(Proposal first, CompilationSource.Paragraph para) {
    String text = proposedText(first, para);
    return switch (first.kind()) {
      case AMEND -> AmendmentDiffs.diff(para.text(), text);
      case INSERT -> text.isEmpty() ? List.of() : List.of(new DiffOp(DiffOp.Type.INSERT, text));
      // a whole paragraph, or (with the remaining text) the deleted span only
      case DELETE -> text.isEmpty() ? List.of(new DiffOp(DiffOp.Type.DELETE, para.text()))
          : AmendmentDiffs.diff(para.text(), text);
      default -> List.of(new DiffOp(DiffOp.Type.EQUAL, para.text()));
    };
  }

  private Amendment amendment(int seq, List<Proposal> members, CompilationSource.Paragraph para,
      List<DiffOp> changes, List<Remark> reactions) {
    Proposal first = members.get(0);
    String text = proposedText(first, para);
    List<Sponsor> sponsors = new ArrayList<>();
    Set<String> rationales = new LinkedHashSet<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Proposal p : members) {
      ids.add(p.id());
      if (options.rationale() && !p.rationale().isBlank()) {
        rationales.add(p.rationale().strip());
      }
      if (options.attributed()) {
        sponsors.add(new Sponsor(p.delegation(), name(p.delegation()), p.onBehalfOf(),
            p.onBehalfOf() == null ? null : name(p.onBehalfOf()), p.cosponsors(),
            p.cosponsors().stream().map(this::name).toList()));
      }
    }
    String author;
    String attribution;
    if (options.attributed()) {
      // each delegation once, however many of its members proposed the same text
      author = String.join(comma(), new LinkedHashSet<>(sponsors.stream()
          .map(s -> s.onBehalfOf() == null ? s.name() : s.onBehalfOfName() + " (" + s.name() + ")").toList()));
      attribution = String.join(separator(), new LinkedHashSet<>(sponsors.stream().map(this::attribution).toList()));
    } else {
      author = labels.proposal() + " " + seq;
      attribution = author;
    }
    // the amendment reads in its paragraph's direction, even when the proposed text starts with a Latin word
    Direction dir = para.direction();
    String kindLabel = labels.kind(first.kind());
    if (first.kind() == ProposalKind.INSERT) {
      kindLabel += " (" + (first.placement().equals("before") ? labels.insertBefore() : labels.insertAfter()) + " "
          + paragraph(para).label() + ")";
    }
    return new Amendment(seq, options.attributed() ? List.copyOf(ids) : List.of(), first.kind(), kindLabel,
        options.itu() ? labels.itu(first.kind()) : null, sponsors, author, attribution, text, dir, changes,
        List.copyOf(rationales), reactions, when(first.createdAt()));
  }

  private String separator() {
    return options.language() == Language.AR ? "؛ " : "; ";
  }

  /** The list separator of the document's language: "، " in Arabic. */
  private String comma() {
    return options.language() == Language.AR ? "، " : ", ";
  }

  private String attribution(Sponsor s) {
    String comma = comma();
    StringBuilder b = new StringBuilder(s.name());
    if (s.onBehalfOf() != null) {
      b.append(' ').append(labels.onBehalfOf()).append(' ').append(s.onBehalfOfName());
    }
    Set<String> cosponsors = new LinkedHashSet<>(s.cosponsorNames());
    cosponsors.remove(s.name());
    if (s.onBehalfOfName() != null) {
      cosponsors.remove(s.onBehalfOfName());
    }
    if (!cosponsors.isEmpty()) {
      b.append(comma).append(labels.cosponsoredBy()).append(' ').append(String.join(comma, cosponsors));
    }
    return b.toString();
  }

  private Remark remark(Proposal p, int target, Map<Long, CompilationSource.Paragraph> byId) {
    String by = null;
    if (options.attributed()) {
      by = attribution(new Sponsor(p.delegation(), name(p.delegation()), p.onBehalfOf(),
          p.onBehalfOf() == null ? null : name(p.onBehalfOf()), p.cosponsors(),
          p.cosponsors().stream().map(this::name).toList()));
    }
    String text = p.text().strip();
    Direction dir = text.isEmpty() ? (p.paragraphId() != null ? byId.get(p.paragraphId()).direction()
        : Direction.LTR) : Direction.of(text);
    return new Remark(options.attributed() ? p.id() : null, p.kind(), labels.kind(p.kind()),
        options.attributed() ? p.delegation() : null, by, text, dir, target, when(p.createdAt()),
        target > 0 ? null : p.anchorStart(), target > 0 ? null : p.anchorEnd());
  }

  /**
   * A submission time as the document shows it: exact when attributed; the day only otherwise, so that a
   * non-attributed compilation cannot be matched line by line to the attributed one by its timestamps.
   */
  private java.time.Instant when(java.time.Instant t) {
    return options.attributed() ? t : t.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
  }

  private String name(String code) {
    CompilationSource.Names n = source.delegations().get(code);
    return n == null ? code : n.in(options.language(), code);
  }

  private List<DelegationRow> delegationRows(List<Proposal> kept, Map<String, Integer> seqOfProposal) {
    // Per delegation: [amendments, cosponsored, reactions, remarks] and the paragraphs touched. A proposal on
    // behalf of a group counts for the group and for the delegation that submitted it.
    Map<String, int[]> counts = new TreeMap<>();
    Map<String, Set<Long>> touched = new HashMap<>();
    Map<String, Set<Integer>> amendmentsOf = new HashMap<>();
    for (Proposal p : kept) {
      List<String> who = new ArrayList<>(List.of(p.delegation()));
      if (p.onBehalfOf() != null && !p.onBehalfOf().equals(p.delegation())) {
        who.add(p.onBehalfOf());
      }
      for (String d : who) {
        int[] c = counts.computeIfAbsent(d, k -> new int[4]);
        if (p.kind().isAmendment() && seqOfProposal.containsKey(p.id())) {
          // Identical proposals grouped into one amendment count once per delegation.
          if (amendmentsOf.computeIfAbsent(d, k -> new HashSet<>()).add(seqOfProposal.get(p.id()))) {
            c[0]++;
          }
        } else if (p.kind().isReaction()) {
          c[2]++;
        } else if (!p.kind().isAmendment()) {
          c[3]++;
        }
        if (p.paragraphId() != null) {
          touched.computeIfAbsent(d, k -> new HashSet<>()).add(p.paragraphId());
        }
      }
      if (p.kind().isAmendment()) {
        for (String c : p.cosponsors()) {
          counts.computeIfAbsent(c, k -> new int[4])[1]++;
          if (p.paragraphId() != null) {
            touched.computeIfAbsent(c, k -> new HashSet<>()).add(p.paragraphId());
          }
        }
      }
    }
    List<DelegationRow> rows = new ArrayList<>();
    counts.forEach((code, c) -> rows.add(new DelegationRow(code, name(code), c[0], c[1], c[2], c[3],
        touched.getOrDefault(code, Set.of()).size())));
    rows.sort(Comparator.comparingInt((DelegationRow r) -> -(r.amendments() + r.cosponsored() + r.reactions()
        + r.remarks())).thenComparing(DelegationRow::code));
    return rows;
  }
}
