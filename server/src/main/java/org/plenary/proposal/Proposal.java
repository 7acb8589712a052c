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
    OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Cosponsor> cosponsors) {

  public static final String SUBMITTED = "submitted";
  public static final String WITHDRAWN = "withdrawn";

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
