package org.plenary.proposal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.access.Membership;
import org.plenary.access.Role;

/**
 * The JSON shapes of proposals, paragraphs with their proposals, comment windows and the audit events of
 * proposals, built from the records {@link ProposalService} returns. Invitations show differently to each
 * viewer, so a proposal is rendered per {@link Viewer}.
 *
 * <pre>
 *   Json.send(ctx, 200, ProposalViews.proposal(stored, Viewer.of(membership)));
 * </pre>
 */
final class ProposalViews {
  private ProposalViews() {}

  /** What a caller sees: invitations are shown to the proposing side, the invitee and the chair. */
  record Viewer(Role role, String delegation) {
    static Viewer of(Membership m) {
      return new Viewer(m.role(), m.delegation());
    }
  }

  /** The path of a proposal under {@code /api/v1}. */
  static String location(long n, long r, long id) {
    return "/negotiations/" + n + "/revisions/" + r + "/proposals/" + id;
  }

  /** The proposal for one viewer: pending and declined invitations only for those concerned. */
  static Map<String, Object> proposal(Proposal x, Viewer v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", x.id());
    out.put("negotiation", x.negotiationId());
    out.put("revision", x.revisionId());
    out.put("paragraph", x.paragraphId());
    out.put("kind", x.kind().code());
    out.put("itu", x.kind().ituCode() == null ? null : Map.of("code", x.kind().ituCode(), "ar", x.kind().ituArabic()));
    out.put("placement", x.placement());
    out.put("target", x.targetId());
    out.put("text", x.text());
    out.put("rationale", x.rationale());
    out.put("anchor", x.anchor() == null ? null : x.anchor().selector());
    out.put("delegation", x.delegation());
    out.put("submittedBy", x.submittedBy());
    out.put("cosponsors", x.acceptedCosponsors());
    boolean concerned = ProposalPermissions.seesAllInvitations(v.role()) || v.delegation() != null
        && (v.delegation().equals(x.delegation()) || v.delegation().equals(x.submittedBy()));
    List<Proposal.Cosponsor> invitations = x.cosponsors().stream()
        .filter(c -> concerned || c.delegation().equals(v.delegation())).toList();
    if (!invitations.isEmpty()) {
      out.put("invitations", invitations);
    }
    out.put("state", x.state());
    out.put("version", x.version());
    out.put("etag", x.etag());
    out.put("breaksSilence", x.breaksSilence());
    if (x.lineage() != Proposal.Lineage.NONE) {
      out.put("carriedFrom", x.lineage().carriedFrom());
      out.put("needsRebase", x.lineage().needsRebase());
      out.put("fate", x.lineage().fate());
    }
    out.put("createdAt", x.createdAt());
    out.put("updatedAt", x.updatedAt());
    return out;
  }

  /** A list of proposals with the counts per paragraph (the heat map). */
  static Map<String, Object> listing(ProposalService.Listing listing, Viewer v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("proposals", listing.proposals().stream().map(x -> proposal(x, v)).toList());
    out.put("counts", listing.counts());
    return out;
  }

  /** What the audit log (and the live stream built on it) records: nothing that only some may see. */
  static Map<String, Object> event(Proposal x) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("proposal", x.id());
    out.put("revision", x.revisionId());
    out.put("paragraph", x.paragraphId());
    out.put("kind", x.kind().code());
    out.put("delegation", x.delegation());
    out.put("submittedBy", x.submittedBy());
    out.put("state", x.state());
    out.put("version", x.version());
    return out;
  }

  /** The proposed text against the paragraph's current one, with the word diff between them. */
  static Map<String, Object> diff(ProposalService.ProposedChange change) {
    Proposal found = change.proposal();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("proposal", found.id());
    out.put("paragraph", found.paragraphId());
    out.put("kind", found.kind().code());
    out.put("current", change.current());
    out.put("proposed", change.proposed());
    out.put("ops", change.ops().stream().map(op -> Map.of("type", op.type().code(), "text", op.text())).toList());
    return out;
  }

  /** A paragraph as it stands in revision {@code r}, with its proposals as {@code v} sees them. */
  static Map<String, Object> paragraph(ProposalService.ParagraphView view, long r, Viewer v) {
    Proposals.Target paragraph = view.paragraph();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", paragraph.id());
    out.put("revision", r);
    out.put("number", paragraph.number());
    out.put("kind", paragraph.kind());
    out.put("text", paragraph.text());
    out.put("direction", paragraph.direction());
    out.put("proposals", view.proposals().stream().map(x -> proposal(x, v)).toList());
    return out;
  }

  /** The comment window as it stands at {@code now}. */
  static Map<String, Object> window(CommentWindow w, OffsetDateTime now) {
    Map<String, Object> out = new LinkedHashMap<>();
    // RFC 3339 always with seconds ("2099-12-31T17:00:00Z"; OffsetDateTime.toString() drops zero seconds)
    out.put("deadline", w.deadline() == null ? null : w.deadline().withOffsetSameInstant(ZoneOffset.UTC)
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    out.put("silence", w.silence());
    out.put("open", w.isOpen(now));
    return out;
  }

  /** The comment window and who broke silence on which paragraph. */
  static Map<String, Object> silenceBreaks(CommentWindowService.Breaks breaks, OffsetDateTime now) {
    Map<String, Object> out = window(breaks.window(), now);
    out.put("broken", !breaks.breaks().isEmpty());
    out.put("breaks", breaks.breaks());
    return out;
  }
}
