package org.plenary.proposal;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A stored proposal as read back. {@code delegation} is on whose behalf it was made (a state, or a group such
 * as ARAB), {@code submittedBy} the delegation whose delegate submitted it. {@code cosponsors} holds every
 * invitation; {@link #acceptedCosponsors} is what the public sees.
 */
public record Proposal(long id, long negotiationId, long revisionId, long paragraphId, ProposalKind kind,
    String placement, Long targetId, String text, String rationale, Anchor anchor, String delegation,
    String submittedBy, long authorAccountId, boolean breaksSilence, String state, int version,
    OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Cosponsor> cosponsors, Lineage lineage) {

  public Proposal(long id, long negotiationId, long revisionId, long paragraphId, ProposalKind kind,
      String placement, Long targetId, String text, String rationale, Anchor anchor, String delegation,
      String submittedBy, long authorAccountId, boolean breaksSilence, String state, int version,
      OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Cosponsor> cosponsors) {
    this(id, negotiationId, revisionId, paragraphId, kind, placement, targetId, text, rationale, anchor, delegation,
        submittedBy, authorAccountId, breaksSilence, state, version, createdAt, updatedAt, cosponsors, Lineage.NONE);
  }

  /**
   * Where a proposal came from and what became of it: the proposal it continues on a newer revision
   * ({@code carriedFrom}), whether it could not be rebased there by itself, and its fate once the next revision
   * was published (null while open).
   */
  public record Lineage(Long carriedFrom, boolean needsRebase, String fate) {
    public static final Lineage NONE = new Lineage(null, false, null);
  }

  public static final String SUBMITTED = "submitted";
  public static final String WITHDRAWN = "withdrawn";
  /** Published over: its fate is settled (read from its fate, never stored in its row). */
  public static final String DECIDED = "decided";

  /** One invited co-sponsor: {@code state} is invited, accepted or declined. */
  public record Cosponsor(String delegation, String state) {}

  public List<String> acceptedCosponsors() {
    return cosponsors.stream().filter(c -> c.state().equals("accepted")).map(Cosponsor::delegation).toList();
  }

  /** The strong entity tag of this version: a client sends it back in {@code If-Match} to edit or withdraw. */
  public String etag() {
    return etag(id, version);
  }

  public static String etag(long id, int version) {
    return "\"p" + id + "v" + version + "\"";
  }

  /**
   * The paragraph text this proposal asks for, as {@link #proposedParagraph(String)}, without a leading copy of
   * the paragraph's number that the delegation pasted ("(أ) أنه …" for paragraph "(أ)", whose stored text has no
   * number); an insertion loses any leading number it pasted, as its number comes from where it is inserted.
   */
  public String proposedParagraph(String current, String number) {
    String proposed = proposedParagraph(current);
    if (proposed == null || anchor != null) {
      return proposed;
    }
    if (kind == ProposalKind.INSERT) {
      return withoutPastedNumber(proposed);
    }
    return kind == ProposalKind.AMEND ? withoutNumber(proposed, number, current) : proposed;
  }

  /** A new paragraph's text without a leading number the delegation pasted ("(ح) بقرار …" → "بقرار …"). */
  public static String withoutPastedNumber(String proposed) {
    return PASTED_NUMBER.matcher(proposed.strip()).replaceFirst("");
  }

  private static final java.util.regex.Pattern PASTED_NUMBER =
      java.util.regex.Pattern.compile("^(\\(\\S{1,6}\\)|[0-9\\u0660-\\u0669]{1,3}(\\.[0-9\\u0660-\\u0669]{1,3})?\\.?)\\s+");

  /**
   * The proposed text without a leading copy of the paragraph's number: delegations paste "3 بضمن …"
   * or "(أ) أنه …" while the stored paragraph text is without its number.
   */
  public static String withoutNumber(String proposed, String number, String paragraphText) {
    String p = proposed.strip();
    if (number == null || number.isBlank() || paragraphText.startsWith(number)) {
      return p;
    }
    String n = number.strip();
    if (p.startsWith(n) && p.length() > n.length() && Character.isWhitespace(p.charAt(n.length()))) {
      return p.substring(n.length()).strip();
    }
    return p;
  }

  /** The paragraph text this proposal asks for, when it changes text (amend, insert); else null. */
  public String proposedParagraph(String current) {
    if (kind == ProposalKind.AMEND) {
      return anchor == null ? text : anchor.apply(current, text);
    }
    if (kind == ProposalKind.INSERT) {
      return text;
    }
    if (kind == ProposalKind.DELETE) {
      return anchor == null ? "" : anchor.apply(current, "");
    }
    if (kind == ProposalKind.RETAIN) {
      return current;
    }
    return null;
  }
}
