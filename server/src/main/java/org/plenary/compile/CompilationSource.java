package org.plenary.compile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plenary.draft.Direction;

/**
 * Everything a compilation is made from: one revision's paragraphs in document order and the input of
 * the delegations on it. Plain values, read by a repository or built by a test.
 *
 * @param delegations display names by delegation code (states and groups); codes without a name show as
 *     the code
 * @param groupMembers members by group code, so a filter on a group also finds its members' proposals
 */
public record CompilationSource(long negotiationId, String negotiationTitle, long revisionId,
    String revisionLabel, Instant date, List<Paragraph> paragraphs, List<Proposal> proposals,
    Map<String, Names> delegations, Map<String, Set<String>> groupMembers, Map<String, Fate> fates,
    Instant negotiationCreated, Instant revisionPublished) {

  /** What became of a proposal when the next revision was published: its fate and that revision's label. */
  public record Fate(String fate, String revision) {}

  public CompilationSource(long negotiationId, String negotiationTitle, long revisionId, String revisionLabel,
      Instant date, List<Paragraph> paragraphs, List<Proposal> proposals, Map<String, Names> delegations,
      Map<String, Set<String>> groupMembers) {
    this(negotiationId, negotiationTitle, revisionId, revisionLabel, date, paragraphs, proposals, delegations,
        groupMembers, Map.of());
  }

  public CompilationSource(long negotiationId, String negotiationTitle, long revisionId, String revisionLabel,
      Instant date, List<Paragraph> paragraphs, List<Proposal> proposals, Map<String, Names> delegations,
      Map<String, Set<String>> groupMembers, Map<String, Fate> fates) {
    this(negotiationId, negotiationTitle, revisionId, revisionLabel, date, paragraphs, proposals, delegations,
        groupMembers, fates, null, null);
  }

  /** The same source with the negotiation's creation and the revision's publication (Akoma Ntoso's FRBR dates). */
  public CompilationSource withDates(Instant negotiationCreated, Instant revisionPublished) {
    return new CompilationSource(negotiationId, negotiationTitle, revisionId, revisionLabel, date, paragraphs,
        proposals, delegations, groupMembers, fates, negotiationCreated, revisionPublished);
  }

  /**
   * @param date when the compilation is made (its subtitle)
   * @param negotiationCreated when the negotiation was created, or null (then {@code date})
   * @param revisionPublished when the revision was published, or null (then {@code date})
   */
  public CompilationSource {
    negotiationCreated = negotiationCreated == null ? date : negotiationCreated;
    revisionPublished = revisionPublished == null ? date : revisionPublished;
    fates = Map.copyOf(fates);
    requireNonNull(negotiationTitle, "negotiationTitle");
    requireNonNull(revisionLabel, "revisionLabel");
    requireNonNull(date, "date");
    paragraphs = List.copyOf(paragraphs);
    proposals = List.copyOf(proposals);
    delegations = Map.copyOf(delegations);
    groupMembers = Map.copyOf(groupMembers);
  }

  /**
   * A paragraph of the revision. {@code kind} is the draft's paragraph kind code ("operative", …); {@code citation}
   * how negotiators cite it ("PP3", "OP6 bis"; {@code draft.Citations}), or null.
   */
  public record Paragraph(long id, int position, String number, String kind, String text, Direction direction,
      Long parentId, String citation) {
    public Paragraph {
      requireNonNull(kind, "kind");
      requireNonNull(text, "text");
      requireNonNull(direction, "direction");
    }

    public Paragraph(long id, int position, String number, String kind, String text, Direction direction,
        Long parentId) {
      this(id, position, number, kind, text, direction, parentId, null);
    }
  }

  /**
   * One submission by a delegation.
   *
   * @param paragraphId the paragraph it is made on (for an insertion: the one it follows), or null for a
   *     general remark on the whole revision
   * @param onBehalfOf the group the delegation speaks for, or null
   * @param cosponsors accepted co-sponsors only
   * @param text the full proposed paragraph text for amend and insert; for a delete, empty when the whole
   *     paragraph goes, else the paragraph as it reads without the deleted span; the remark for the others
   * @param target the id of the proposal a support, objection or reservation concerns, or null
   * @param state as stored ("submitted", "withdrawn", "decided", …)
   * @param placement for an insertion, "after" (the default) or "before" the paragraph
   * @param anchorStart for a remark or reaction on a span of the paragraph, where the span starts (code points
   *     into the paragraph's text), else null
   * @param anchorEnd where that span ends (exclusive), else null
   */
  public record Proposal(String id, Long paragraphId, ProposalKind kind, String delegation, String onBehalfOf,
      List<String> cosponsors, String text, String rationale, String target, String state, Instant createdAt,
      String placement, Integer anchorStart, Integer anchorEnd) {
    public Proposal(String id, Long paragraphId, ProposalKind kind, String delegation, String onBehalfOf,
        List<String> cosponsors, String text, String rationale, String target, String state, Instant createdAt,
        String placement) {
      this(id, paragraphId, kind, delegation, onBehalfOf, cosponsors, text, rationale, target, state, createdAt,
          placement, null, null);
    }

    public Proposal(String id, Long paragraphId, ProposalKind kind, String delegation, String onBehalfOf,
        List<String> cosponsors, String text, String rationale, String target, String state, Instant createdAt) {
      this(id, paragraphId, kind, delegation, onBehalfOf, cosponsors, text, rationale, target, state, createdAt,
          null);
    }

    public Proposal {
      placement = "before".equals(placement) ? "before" : "after";
      requireNonNull(id, "id");
      requireNonNull(kind, "kind");
      requireNonNull(delegation, "delegation");
      cosponsors = cosponsors == null ? List.of() : List.copyOf(cosponsors);
      text = text == null ? "" : text;
      rationale = rationale == null ? "" : rationale;
      state = state == null ? "submitted" : state;
      requireNonNull(createdAt, "createdAt");
      if (anchorStart == null || anchorEnd == null || anchorStart < 0 || anchorEnd <= anchorStart) {
        anchorStart = null;
        anchorEnd = null;
      }
    }
  }

  /** A delegation's names; either may be null. */
  public record Names(String en, String ar) {
    public String in(Language language, String fallback) {
      String n = language == Language.AR ? (ar != null ? ar : en) : (en != null ? en : ar);
      return n == null || n.isBlank() ? fallback : n;
    }
  }
}
