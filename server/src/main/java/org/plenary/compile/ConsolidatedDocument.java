package org.plenary.compile;

import java.time.Instant;
import java.util.List;
import org.plenary.diff.DiffOp;
import org.plenary.draft.Direction;

/**
 * The consolidated comments document of one revision, ready for any exporter: a header, the summary
 * table, then every paragraph in document order with its amendments (identical ones grouped), their
 * reactions, and the paragraph's comments and questions. Built by {@link CompilationBuilder}.
 */
public record ConsolidatedDocument(Header header, List<Entry> entries, List<Remark> general, Summary summary,
    CompilationOptions options, Labels labels, List<FateRow> fates, java.util.Map<String, String> names) {

  public ConsolidatedDocument(Header header, List<Entry> entries, List<Remark> general, Summary summary,
      CompilationOptions options, Labels labels) {
    this(header, entries, general, summary, options, labels, List.of(), java.util.Map.of());
  }

  /**
   * @param names the display name of every delegation with input, by code, in the document's language (empty in
   *     non-attributed mode)
   */
  public ConsolidatedDocument {
    entries = List.copyOf(entries);
    general = List.copyOf(general);
    fates = List.copyOf(fates);
    names = java.util.Map.copyOf(names);
  }

  /** A delegation's display name, or its code. */
  public String name(String code) {
    return names.getOrDefault(code, code);
  }

  /**
   * One line of the "status of proposals" table UN secretariats circulate: a proposal (its id when attributed),
   * its paragraph, kind and delegation(s), and what became of it in the next revision.
   *
   * @param fate the code (accepted, accepted-modified, combined, not-retained, noted, withdrawn, carried-forward,
   *     reflected, partly-reflected, not-reflected, paragraph-deleted); {@code fateLabel} in the document's language
   */
  public record FateRow(String id, String paragraph, String kind, String by, String fate, String fateLabel,
      String revision) {}

  /**
   * @param date when the compilation is made
   * @param created when the negotiation was created (the Akoma Ntoso work's date)
   * @param published when the revision was published (the expression's date)
   */
  public record Header(long negotiationId, String negotiation, long revisionId, String revision, Instant date,
      Counts counts, Instant created, Instant published) {
    public Header(long negotiationId, String negotiation, long revisionId, String revision, Instant date,
        Counts counts) {
      this(negotiationId, negotiation, revisionId, revision, date, counts, date, date);
    }
  }

  /**
   * @param paragraphs paragraphs listed
   * @param contested paragraphs with at least one amendment
   * @param amendments amendments after grouping
   * @param submissions amendments before grouping
   * @param delegations distinct delegations with input (0 in non-attributed mode)
   * @param reactions supports, objections and reservations
   * @param remarks comments and questions
   */
  public record Counts(int paragraphs, int contested, int amendments, int submissions, int delegations,
      int reactions, int remarks) {}

  public record Entry(Paragraph paragraph, List<Amendment> amendments, List<Remark> remarks) {
    public Entry {
      amendments = List.copyOf(amendments);
      remarks = List.copyOf(remarks);
    }
  }

  /**
   * @param label the number as displayed ("3", "(أ)"), or a position label ("¶12") when unnumbered
   * @param anchor a stable id for links ("p-12")
   */
  public record Paragraph(long id, int position, String number, String label, String anchor, String kind,
      String text, Direction direction, Long parentId) {}

  /**
   * One amendment, possibly proposed identically by several delegations.
   *
   * @param seq its number in the document (1, 2, …)
   * @param ids the source proposals' ids
   * @param sponsors who proposes it, in order of submission; empty in non-attributed mode
   * @param author the tracked-change author: the delegations, or "Proposal 3" when non-attributed
   * @param attribution the line a reader sees ("Egypt on behalf of the Arab Group, co-sponsored by …")
   * @param text the proposed text (for an insertion the new paragraph; for a partial delete what remains;
   *     empty for a whole-paragraph delete and for retain)
   * @param changes the proposed text as word-level changes against the paragraph
   * @param rationales distinct rationales (empty when excluded by the options)
   * @param date the first submission; in non-attributed mode the day only (midnight UTC), so that the document
   *     cannot be matched to the attributed one by its timestamps
   */
  public record Amendment(int seq, List<String> ids, ProposalKind kind, String kindLabel, String ituLabel,
      List<Sponsor> sponsors, String author, String attribution, String text, Direction direction,
      List<DiffOp> changes, List<String> rationales, List<Remark> reactions, Instant date) {
    public Amendment {
      ids = List.copyOf(ids);
      sponsors = List.copyOf(sponsors);
      changes = List.copyOf(changes);
      rationales = List.copyOf(rationales);
      reactions = List.copyOf(reactions);
    }
  }

  /** A delegation behind an amendment, with display names in the compilation's language. */
  public record Sponsor(String delegation, String name, String onBehalfOf, String onBehalfOfName,
      List<String> cosponsors, List<String> cosponsorNames) {
    public Sponsor {
      cosponsors = List.copyOf(cosponsors);
      cosponsorNames = List.copyOf(cosponsorNames);
    }
  }

  /**
   * A support, objection, reservation, comment or question.
   *
   * @param by the attribution ("Tunisia"), or null in non-attributed mode
   * @param target the seq of the amendment it concerns, or 0
   * @param date its submission; in non-attributed mode the day only (midnight UTC)
   * @param start where the span it is about starts in its paragraph's text (code points), or null: the whole
   *     paragraph
   * @param end where that span ends (exclusive), or null
   */
  public record Remark(String id, ProposalKind kind, String kindLabel, String delegation, String by, String text,
      Direction direction, int target, Instant date, Integer start, Integer end) {
    public Remark(String id, ProposalKind kind, String kindLabel, String delegation, String by, String text,
        Direction direction, int target, Instant date) {
      this(id, kind, kindLabel, delegation, by, text, direction, target, date, null, null);
    }
  }

  public record Summary(List<ParagraphRow> paragraphs, List<DelegationRow> delegations) {
    public Summary {
      paragraphs = List.copyOf(paragraphs);
      delegations = List.copyOf(delegations);
    }
  }

  /** Input on one paragraph: the contested paragraphs at a glance. Only paragraphs with input appear. */
  public record ParagraphRow(long id, String label, String anchor, int amendments, int reactions, int remarks,
      int delegations) {}

  /** Input by one delegation (empty in non-attributed mode). */
  public record DelegationRow(String code, String name, int amendments, int cosponsored, int reactions,
      int remarks, int paragraphs) {}
}
