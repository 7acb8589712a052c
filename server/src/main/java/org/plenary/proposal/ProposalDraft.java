package org.plenary.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plenary.domain.DomainException;

/**
 * A new proposal as the client sent it, checked field by field before anything is stored. {@link #check}
 * needs the target paragraph's text (to resolve an anchor) and, for support/object, the proposal concerned.
 *
 * <pre>
 *   new ProposalDraft("MOD", 12L, null, null, "النص المقترح", "تصحيح", null, null, List.of("IRQ")).check(...)
 * </pre>
 */
public record ProposalDraft(String kind, Long paragraph, String placement, Long target, String text,
    String rationale, Anchor.Input anchor, String onBehalfOf, List<String> cosponsors) {

  public static final int MAX_TEXT = 20_000;
  public static final int MAX_RATIONALE = 5_000;
  public static final int MAX_COSPONSORS = 60;

  /** The proposal concerned by a support or an objection, as far as the check needs it. */
  public record Target(long id, long revisionId, long paragraphId, ProposalKind kind, String state) {}

  /** A draft that passed every check: ready to store. */
  public record Checked(ProposalKind kind, long paragraphId, String placement, Long targetId, String text,
      String rationale, Anchor anchor, List<String> cosponsors) {}

  /**
   * Checks the draft against the paragraph it concerns. {@code paragraphText} is null when the paragraph is
   * not in the revision; {@code target} is null when none was named or it does not exist in this revision.
   */
  public Checked check(long revisionId, String paragraphText, Target target) {
    List<DomainException.FieldError> errors = new ArrayList<>();
    ProposalKind k = ProposalKind.parse(kind);
    if (kind == null) {
      errors.add(new DomainException.FieldError("kind", "is required: one of " + ProposalKind.accepted()));
    } else if (k == null) {
      errors.add(new DomainException.FieldError("kind", "\"" + kind + "\" is not a kind; use one of " + ProposalKind.accepted()));
    }
    String where = placement;
    if (k == ProposalKind.INSERT && ProposalKind.placementOf(kind) != null) {
      if (placement != null && !placement.equals(ProposalKind.placementOf(kind))) {
        errors.add(new DomainException.FieldError("placement", "contradicts the kind " + kind));
      }
      where = ProposalKind.placementOf(kind);
    }
    long paragraphId = paragraph == null ? 0 : paragraph;
    Long targetId = null;
    if (k != null && k.onProposal() && this.target != null) {
      if (target == null) {
        errors.add(new DomainException.FieldError("target", "proposal " + this.target + " does not exist in this revision"));
      } else if (!target.state().equals(Proposal.SUBMITTED)) {
        errors.add(new DomainException.FieldError("target", "proposal " + target.id() + " is " + target.state()));
      } else if (target.kind().onProposal()) {
        errors.add(new DomainException.FieldError("target", "a " + target.kind().code() + " cannot itself be supported or objected to; "
            + "reply to it instead"));
      } else if (paragraph != null && paragraph != target.paragraphId()) {
        errors.add(new DomainException.FieldError("paragraph", "proposal " + target.id() + " concerns paragraph "
            + target.paragraphId() + ", not " + paragraph));
      } else {
        targetId = target.id();
        paragraphId = target.paragraphId();
      }
    } else if (this.target != null && k != null) {
      errors.add(new DomainException.FieldError("target", "only support and object concern another proposal"));
    } else if (k == ProposalKind.SUPPORT) {
      errors.add(new DomainException.FieldError("target", "is required: the id of the proposal supported"));
    }
    if (targetId == null && paragraph == null && !(k == ProposalKind.SUPPORT)) {
      errors.add(new DomainException.FieldError("paragraph", "is required: the id of the paragraph concerned"));
    } else if (targetId == null && paragraph != null && paragraphText == null) {
      errors.add(new DomainException.FieldError("paragraph", "paragraph " + paragraph + " is not in revision " + revisionId));
    }
    if (k == ProposalKind.INSERT) {
      if (where == null) {
        errors.add(new DomainException.FieldError("placement", "is required for an insertion: \"after\" or \"before\""));
      } else if (!where.equals("after") && !where.equals("before")) {
        errors.add(new DomainException.FieldError("placement", "must be \"after\" or \"before\""));
      }
    } else if (placement != null && k != null) {
      errors.add(new DomainException.FieldError("placement", "only an insertion has a placement"));
    }
    String cleanText = cleaned("text", text, MAX_TEXT, errors);
    String cleanRationale = cleaned("rationale", rationale, MAX_RATIONALE, errors);
    if (cleanText != null && cleanText.isBlank()) {
      cleanText = k == ProposalKind.AMEND && anchor != null ? cleanText : null;
    }
    if (cleanRationale != null && cleanRationale.isBlank()) {
      cleanRationale = null;
    }
    Anchor resolved = null;
    if (k != null) {
      if (k.proposesText() && cleanText == null && !(k == ProposalKind.AMEND && anchor != null)) {
        errors.add(new DomainException.FieldError("text", k == ProposalKind.AMEND
            ? "is required: the full proposed text of the paragraph, or the replacement of the anchored span"
            : "is required: the text of the new paragraph"));
      }
      if ((k == ProposalKind.RETAIN || k == ProposalKind.DELETE) && cleanText != null) {
        errors.add(new DomainException.FieldError("text", "a " + k.code() + " proposal has no text; give reasons in rationale"));
      }
      if ((k == ProposalKind.COMMENT || k == ProposalKind.QUESTION || k == ProposalKind.RESERVATION) && cleanText == null) {
        errors.add(new DomainException.FieldError("text", "is required: what the " + k.code() + " says"));
      }
      if (k == ProposalKind.INSERT && anchor != null) {
        errors.add(new DomainException.FieldError("anchor", "an insertion is a new paragraph; anchor nothing"));
      }
      if (k == ProposalKind.AMEND && anchor == null && cleanText != null && Objects.equals(cleanText, paragraphText)) {
        errors.add(new DomainException.FieldError("text", "is the paragraph's current text; propose retain instead"));
      }
    }
    if (anchor != null && paragraphText != null && k != ProposalKind.INSERT) {
      try {
        resolved = Anchor.resolve(paragraphText, anchor);
      } catch (DomainException p) {
        errors.addAll(p.errors());
      }
    }
    List<String> invited = new ArrayList<>();
    if (cosponsors != null) {
      if (cosponsors.size() > MAX_COSPONSORS) {
        errors.add(new DomainException.FieldError("cosponsors", "at most " + MAX_COSPONSORS + " delegations"));
      }
      for (int i = 0; i < cosponsors.size(); i++) {
        String c = cosponsors.get(i);
        if (c == null || !c.matches("[A-Z0-9_-]{2,32}")) {
          errors.add(new DomainException.FieldError("cosponsors[" + i + "]", "must be a delegation code such as \"IRQ\""));
        } else if (invited.contains(c)) {
          errors.add(new DomainException.FieldError("cosponsors[" + i + "]", c + " is listed twice"));
        } else {
          invited.add(c);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
    return new Checked(k, paragraphId, k == ProposalKind.INSERT ? where : null, targetId, cleanText, cleanRationale,
        resolved, List.copyOf(invited));
  }

  /** Cleans one free-text field; records a field error and returns null when it cannot be stored. */
  static String cleaned(String field, String value, int max, List<DomainException.FieldError> errors) {
    if (value == null) {
      return null;
    }
    String problem = PlainText.problem(value);
    if (problem != null) {
      errors.add(new DomainException.FieldError(field, problem));
      return null;
    }
    String clean = PlainText.clean(value).strip();
    if (PlainText.length(clean) > max) {
      errors.add(new DomainException.FieldError(field, "is " + PlainText.length(clean) + " characters long; at most " + max
          + " are accepted"));
      return null;
    }
    return clean;
  }
}
