package org.plenary.merge;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;
import org.plenary.text.Numbering;

/**
 * The facilitators' merge: a workspace (the successor revision, state {@code editing}) built from Rev.N with the
 * same paragraph ids, decisions on Rev.N's proposals that change it by three-way merges on word tokens
 * ({@link TokenMerge}), direct edits, and publishing with a fate for every proposal ({@link Publication}).
 * Every method runs in the caller's transaction, takes the negotiation's lock first (the workspace changes one
 * step at a time, so two facilitators never lose each other's work), checks the caller's role, and appends its
 * audit event last. Refusals are {@link DomainException}s.
 *
 * <pre>
 *   Workspaces.Rev ws = merge.open(dsl, m, n, rev0, "Rev.1");
 *   merge.decide(dsl, m, n, rev0, proposal, "\"p12v1\"", "accept", null, null);   // 409 merge-conflict when it collides
 *   merge.publish(dsl, m, n, ws.id());
 * </pre>
 */
public final class MergeService {
  /** The decisions a facilitator can take on one proposal; "open" takes a decision back. */
  public static final List<String> DECISIONS = List.of("accept", "accept-modified", "not-retained", "noted", "defer",
      "open");

  /** Paragraph statuses in a workspace. */
  public static final List<String> STATUSES = List.of("open", "bracketed", "suggested-for-closure", "agreed-ad-ref",
      "agreed");

  /** What a decision did: the decision as stored (null when taken back) and the workspace paragraph after it. */
  public record Decided(long proposalId, String decision, Workspaces.Para paragraph, int proposalVersion) {}

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  static void requireChair(Membership m) {
    if (m.role() != Role.SECRETARIAT && m.role() != Role.FACILITATOR) {
      throw DomainException.forbidden("only the facilitators and the secretariat build the next revision");
    }
  }

  static AuditLog.Actor actor(Membership m) {
    return new AuditLog.Actor(m.accountId(), null);
  }

  // --- the workspace -------------------------------------------------------------------------------------------

  /** Opens the successor workspace of published revision {@code r}: 409 when one is open or {@code r} is superseded. */
  public Workspaces.Rev open(DSLContext dsl, Membership m, long n, long r, String label) {
    requireChair(m);
    Workspaces.lockNegotiation(dsl, n);
    Workspaces.Rev base = Workspaces.revision(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
    if (base.editing()) {
      throw DomainException.conflict("not-published", "revision " + r + " is itself a workspace: publish it first");
    }
    // one workspace per revision (and only the latest published revision may have one: see superseded below)
    Optional<Workspaces.Rev> open = Workspaces.workspaceOf(dsl, n, r);
    if (open.isPresent()) {
      throw DomainException.conflict("workspace-open", "the workspace " + open.get().label() + " (revision "
          + open.get().id() + ") is open: publish it before opening another", Map.of("workspace", open.get().id()));
    }
    Optional<Workspaces.Rev> newer = Workspaces.publishedAfter(dsl, n, base.seq());
    if (newer.isPresent()) {
      throw superseded(r, newer.get());
    }
    String name = label == null || label.isBlank() ? "Rev." + Workspaces.nextSeq(dsl, n) : label.strip();
    long id = Workspaces.createWorkspace(dsl, base, name, m.accountId());
    Workspaces.Rev ws = Workspaces.revision(dsl, n, id).orElseThrow();
    AuditLog.append(dsl, n, actor(m), "revision.created", "revision:" + id, Map.of("revision", id, "label", name,
        "seq", ws.seq(), "basedOn", r, "workspace", true));
    return ws;
  }

  static DomainException superseded(long r, Workspaces.Rev newer) {
    return DomainException.conflict("superseded", "revision " + r + " is superseded by " + newer.label()
        + " (revision " + newer.id() + ")", Map.of("supersededBy", newer.id(), "label", newer.label()));
  }

  /** The open workspace built on {@code r}; 409 when there is none. */
  static Workspaces.Rev workspaceOn(DSLContext dsl, long n, long r) {
    Optional<Workspaces.Rev> ws = Workspaces.workspaceOf(dsl, n, r);
    if (ws.isPresent()) {
      return ws.get();
    }
    Workspaces.revision(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
    throw DomainException.conflict("no-workspace",
        "no workspace is open on revision " + r + ": POST …/revisions/" + r + "/successor opens one");
  }

  /** An editing revision by id; 409 when it is published. */
  static Workspaces.Rev editing(DSLContext dsl, long n, long ws) {
    Workspaces.Rev rev = Workspaces.revision(dsl, n, ws).orElseThrow(() -> DomainException.notFound("revision " + ws));
    if (!rev.editing()) {
      throw DomainException.conflict("published", rev.label() + " is published, and a published revision never changes");
    }
    return rev;
  }

  // --- decisions -----------------------------------------------------------------------------------------------

  /**
   * Decides on proposal {@code proposalId} of revision {@code r}: the decision replaces any earlier one (whose
   * change is taken out of the workspace first), and "open" takes it back. {@code ifMatch} must name the
   * proposal's current version, which the decision then advances, so two facilitators deciding at once get 412.
   */
  public Decided decide(DSLContext dsl, Membership m, long n, long r, long proposalId, String ifMatch,
      String decision, String text, String note) {
    requireChair(m);
    Workspaces.Rev ws = workspaceOn(dsl, n, r);
    Proposal p = Proposals.get(dsl, r, proposalId).orElseThrow(() -> DomainException.notFound("proposal " + proposalId));
    Optional<Workspaces.Decision> seen = Workspaces.decision(dsl, proposalId);
    Set<Long> paragraphs = new HashSet<>();
    boolean order = WorkspaceLocks.needs(p, decision, seen.orElse(null), paragraphs);
    ws = WorkspaceLocks.lock(dsl, n, r, ws, order, paragraphs);
    Optional<Workspaces.Decision> current = Workspaces.decision(dsl, proposalId);
    WorkspaceLocks.unchanged(p, seen.orElse(null), current.orElse(null));
    DecisionBatch.Item item = new DecisionBatch.Item(proposalId, ifMatch, decision, text, note);
    Step step = decideOne(dsl, m, r, ws, p, current, item, true, null);
    AuditLog.append(dsl, n, actor(m), step.event().type(), step.event().subject(), step.event().payload());
    return step.decided();
  }

  private record Step(Decided decided, AuditLog.Pending event) {}

  /**
   * Decides on several proposals of revision {@code r} in one transaction, in order, as {@link #decide} would
   * one by one (the negotiation's lock is taken once, the proposals and their decisions are read at once, the
   * audit events are appended together). Each item stands alone: a refused item (stale ETag, merge conflict, a
   * decision its kind does not take) is rolled back to a savepoint and reported, the others are kept. With
   * {@code atomic}, the first refusal instead refuses the whole batch, nothing kept, as a {@link DomainException}
   * whose extensions name the item ({@code index}, {@code proposal}).
   */
  public List<DecisionBatch.Outcome> decideAll(DSLContext dsl, Membership m, long n, long r,
      List<DecisionBatch.Item> items, boolean atomic) {
    requireChair(m);
    DecisionBatch.check(items);
    Set<Long> ids = new HashSet<>();
    items.forEach(i -> ids.add(i.proposalId()));
    Workspaces.Rev ws = workspaceOn(dsl, n, r);
    Map<Long, Proposal> proposals = Proposals.getAll(dsl, r, ids);
    Map<Long, Workspaces.Decision> seen = Workspaces.decisionsOf(dsl, ids);
    Set<Long> paragraphs = new HashSet<>();
    boolean order = false;
    for (DecisionBatch.Item item : items) {
      Proposal p = proposals.get(item.proposalId());
      if (p != null) {
        order |= WorkspaceLocks.needs(p, item.decision(), seen.get(p.id()), paragraphs);
      }
    }
    ws = WorkspaceLocks.lock(dsl, n, r, ws, order, paragraphs);
    proposals.putAll(Proposals.lockAll(dsl, r, proposals));
    Map<Long, Workspaces.Decision> current = Workspaces.decisionsOf(dsl, ids);
    List<DecisionBatch.Outcome> outcomes = new ArrayList<>();
    List<AuditLog.Pending> events = new ArrayList<>();
    DecisionBatch.Deferred deferred = new DecisionBatch.Deferred();
    for (int i = 0; i < items.size(); i++) {
      DecisionBatch.Item item = items.get(i);
      try {
        Workspaces.Rev locked = ws;
        Proposal p = proposals.get(item.proposalId());
        // an item that writes only once nothing can refuse it any more needs no savepoint: a first decision that
        // changes at most its paragraph's text (refusals come before the writes; the version bump cannot fail with
        // the proposal locked and read again); its decision row and version bump wait for the others' (Deferred)
        boolean first = p != null && current.get(p.id()) == null && seen.get(p.id()) == null
            && !WorkspaceLocks.needs(p, item.decision(), null, new HashSet<>());
        if (!first) {
          deferred.flush(dsl);
        }
        Step step = first ? decideOne(dsl, m, r, ws, p, item, seen, current, deferred)
            : atomic ? decideOne(dsl, m, r, ws, p, item, seen, current, null)
            : dsl.transactionResult(cfg -> decideOne(cfg.dsl(), m, r, locked, p, item, seen, current, null));
        events.add(step.event());
        outcomes.add(new DecisionBatch.Outcome(item, step.decided(), null));
      } catch (DomainException e) {
        if (atomic) {
          Map<String, Object> ext = new LinkedHashMap<>(e.extensions());
          ext.put("index", i);
          ext.put("proposal", item.proposalId());
          throw new DomainException(e.kind(), e.type(), "decision " + i + " (proposal " + item.proposalId() + "): "
              + e.detail() + "; nothing of the batch was kept", e.errors(), ext);
        }
        outcomes.add(new DecisionBatch.Outcome(item, null, e));
      }
    }
    deferred.flush(dsl);
    AuditLog.appendAll(dsl, n, events);
    return outcomes;
  }

  private Step decideOne(DSLContext dsl, Membership m, long r, Workspaces.Rev ws, Proposal p, DecisionBatch.Item item,
      Map<Long, Workspaces.Decision> seen, Map<Long, Workspaces.Decision> current, DecisionBatch.Deferred deferred) {
    if (p == null) {
      throw DomainException.notFound("proposal " + item.proposalId());
    }
    WorkspaceLocks.unchanged(p, seen.get(p.id()), current.get(p.id()));
    // in a batch, a decision that changes no text on an undecided proposal leaves its paragraph as it was: the
    // result then names no paragraph, and the paragraph is not read back
    Optional<Workspaces.Decision> earlier = Optional.ofNullable(current.get(p.id()));
    return decideOne(dsl, m, r, ws, p, earlier, item, earlier.isPresent(), deferred);
  }

  /**
   * One decision in the caller's transaction, the lock held and the workspace read; the audit event is returned.
   * With {@code deferred}, its decision row and version bump are left to it (a first decision of a batch).
   */
  private Step decideOne(DSLContext dsl, Membership m, long r, Workspaces.Rev ws, Proposal p,
      Optional<Workspaces.Decision> current, DecisionBatch.Item item, boolean readBack,
      DecisionBatch.Deferred deferred) {
    requireVersion(item.etag(), p);
    if (!Proposal.SUBMITTED.equals(p.state())) {
      throw DomainException.conflict("not-submitted", "proposal " + p.id() + " is " + p.state()
          + ": only a submitted proposal is decided");
    }
    String decision = item.decision();
    checkDecision(p, decision, item.text());
    Undo.undo(dsl, ws, current);
    Workspaces.Para para = null;
    if (!"open".equals(decision)) {
      para = apply(dsl, m, r, ws, p, decision, item.text(), item.note(), deferred);
    }
    if (deferred != null) {
      deferred.bump(p.id());
    } else if (!Proposals.bumpVersion(dsl, p.id(), p.version())) {
      throw DomainException.preconditionFailed("proposal " + p.id() + " changed while it was being decided: read it "
          + "again, then decide", Map.of("proposal", p.id()));
    }
    int version = p.version() + 1;
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("revision", ws.id());
    payload.put("base", r);
    payload.put("proposal", p.id());
    payload.put("decision", decision);
    payload.put("paragraph", p.paragraphId());
    payload.put("delegation", p.delegation());
    if (para == null && readBack) {
      para = Workspaces.paragraph(dsl, ws.id(), p.paragraphId()).orElse(null);
    }
    return new Step(new Decided(p.id(), "open".equals(decision) ? null : decision, para, version),
        new AuditLog.Pending(actor(m), "workspace.decision", "proposal:" + p.id(), payload));
  }

  private static void requireVersion(String ifMatch, Proposal p) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw DomainException.preconditionRequired("If-Match", "send the proposal's ETag in If-Match (it is "
          + p.etag() + ")", Map.of("etag", p.etag()));
    }
    if (!ifMatch.strip().equals(p.etag())) {
      throw DomainException.preconditionFailed("the proposal has changed since you read it (now " + p.etag()
          + "): read it again, then decide", Map.of("etag", p.etag(), "version", p.version()));
    }
  }

  private static boolean changesText(ProposalKind kind) {
    return kind == ProposalKind.AMEND || kind == ProposalKind.INSERT || kind == ProposalKind.DELETE
        || kind == ProposalKind.RETAIN;
  }

  private static void checkDecision(Proposal p, String decision, String text) {
    if (decision == null || !DECISIONS.contains(decision)) {
      throw DomainException.invalid("decision", "must be one of " + String.join(", ", DECISIONS));
    }
    if (p.kind() == ProposalKind.SUPPORT || p.kind() == ProposalKind.OBJECT) {
      throw DomainException.invalid("decision", "a " + p.kind().code() + " follows the proposal it concerns ("
          + p.targetId() + "): decide on that one");
    }
    boolean accepting = decision.equals("accept") || decision.equals("accept-modified");
    if (accepting && !changesText(p.kind())) {
      throw DomainException.invalid("decision", "a " + p.kind().code() + " changes no text: decide noted, "
          + "not-retained or defer");
    }
    if (decision.equals("accept-modified") && (text == null || text.isBlank())) {
      throw DomainException.invalid("text", "is required with accept-modified: the paragraph's text as you accept it");
    }
    if (!decision.equals("accept-modified") && text != null) {
      throw DomainException.invalid("text", "only goes with accept-modified");
    }
  }

  /** Applies a decision to the workspace and stores it; returns the workspace paragraph it changed, if any. */
  private Workspaces.Para apply(DSLContext dsl, Membership m, long r, Workspaces.Rev ws, Proposal p,
      String decision, String text, String note, DecisionBatch.Deferred deferred) {
    String before = null;
    String after = null;
    Long structural = null;
    Workspaces.Para changed = null;
    boolean accepting = decision.equals("accept") || decision.equals("accept-modified");
    if (accepting) {
      // the paragraph in Rev.N and in the workspace, in one read
      Map<Long, Workspaces.Para> both = Workspaces.paragraphIn(dsl, p.paragraphId(), r, ws.id());
      Workspaces.Para baseP = both.get(r);
      if (p.kind() == ProposalKind.INSERT) {
        String body = decision.equals("accept") ? p.proposedParagraph(baseP.text(), baseP.number()) : text;
        structural = WorkspaceOrder.insertNextTo(dsl, ws.negotiationId(), ws.id(), p.paragraphId(), !"before".equals(p.placement()),
            baseP.kind(), body);
        changed = Workspaces.paragraph(dsl, ws.id(), structural).orElseThrow();
        before = "";
        after = body;
      } else if (p.kind() == ProposalKind.DELETE && p.anchor() == null && decision.equals("accept")) {
        Workspaces.Para cur = WorkspaceOrder.standing(both.get(ws.id()), p.paragraphId());
        WorkspaceOrder.removeFromOrder(dsl, ws.id(), cur.id());
        structural = cur.id();
        before = cur.text();
        after = "";
        changed = Workspaces.paragraph(dsl, ws.id(), cur.id()).orElseThrow();
      } else {
        String theirs = decision.equals("accept") ? p.proposedParagraph(baseP.text(), baseP.number())
            : Proposal.withoutNumber(text, baseP.number(), baseP.text());
        if (theirs == null) {
          throw DomainException.conflict("needs-rebase", "the words proposal " + p.id() + " changes (\""
              + p.anchor().exact() + "\") are no longer in the paragraph: decide accept-modified with the text you "
              + "accept, or ask the delegation to rebase it", Map.of("paragraph", p.paragraphId(), "exact",
                  p.anchor().exact()));
        }
        Workspaces.Para cur = WorkspaceOrder.standing(both.get(ws.id()), p.paragraphId());
        changed = mergeText(dsl, ws.id(), cur, baseP.text(), theirs);
        before = cur.text();
        after = changed.text();
      }
    }
    Workspaces.Decision stored = new Workspaces.Decision(p.id(), ws.id(), decision,
        decision.equals("accept-modified") ? text : null, note, null, p.paragraphId(), before, after, structural,
        m.accountId(), now(), 1);
    if (deferred != null) {
      deferred.put(stored);
    } else {
      Workspaces.putDecision(dsl, stored);
    }
    return changed;
  }

  /**
   * Merges {@code theirs} (the paragraph as a proposal or the facilitator wants it, against {@code base}, the
   * paragraph in Rev.N) into the workspace's text; returns {before, after}. A collision is a 409
   * {@code merge-conflict} with both sides' token ops, and nothing changes.
   */
  private static String[] applyText(DSLContext dsl, long ws, long paragraphId, String base, String theirs) {
    Workspaces.Para cur = WorkspaceOrder.standing(dsl, ws, paragraphId);
    return new String[] {cur.text(), mergeText(dsl, ws, cur, base, theirs).text()};
  }

  /** {@link #applyText} on the paragraph {@code cur} already read; returns the paragraph as it is after. */
  private static Workspaces.Para mergeText(DSLContext dsl, long ws, Workspaces.Para cur, String base, String theirs) {
    long paragraphId = cur.id();
    TokenMerge.Outcome o = TokenMerge.merge(base, cur.text(), theirs);
    if (o instanceof TokenMerge.Conflict c) {
      Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("paragraph", paragraphId);
      ext.put("base", base);
      ext.put("workspace", cur.text());
      ext.put("proposed", theirs);
      ext.put("workspaceOps", c.ours());
      ext.put("proposalOps", c.theirs());
      ext.put("etag", cur.etag());
      throw DomainException.conflict("merge-conflict", "this change and the workspace change the same words of "
          + "paragraph " + paragraphId + ": resolve it with accept-modified or a combination", ext);
    }
    String merged = ((TokenMerge.Merged) o).text();
    if (merged.equals(cur.text())) {
      return cur;
    }
    Workspaces.setText(dsl, ws, paragraphId, merged);
    return cur.withText(merged);
  }

  /**
   * Combines several proposals of one paragraph into one facilitator text: each is then decided "combined".
   * Earlier decisions on them are taken out first.
   */
  public Workspaces.Combination combine(DSLContext dsl, Membership m, long n, long r, List<Long> proposalIds,
      List<String> ifMatch, String text, String note) {
    requireChair(m);
    Workspaces.Rev ws = workspaceOn(dsl, n, r);
    if (proposalIds.size() < 2) {
      throw DomainException.invalid("proposals", "name at least two proposals to combine");
    }
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("text", "is required: the paragraph's text combining the proposals");
    }
    List<Proposal> members = new ArrayList<>();
    Long paragraph = null;
    for (int i = 0; i < proposalIds.size(); i++) {
      long id = proposalIds.get(i);
      Proposal p = Proposals.get(dsl, r, id).orElseThrow(() -> DomainException.notFound("proposal " + id));
      if (ifMatch != null && i < ifMatch.size() && ifMatch.get(i) != null) {
        requireVersion(ifMatch.get(i), p);
      }
      if (!Proposal.SUBMITTED.equals(p.state())) {
        throw DomainException.invalid("proposals[" + i + "]", "proposal " + id + " is " + p.state());
      }
      if (p.kind() != ProposalKind.AMEND && p.kind() != ProposalKind.DELETE && p.kind() != ProposalKind.RETAIN) {
        throw DomainException.invalid("proposals[" + i + "]", "a " + p.kind().code()
            + " cannot be combined into a paragraph's text");
      }
      if (paragraph != null && paragraph != p.paragraphId()) {
        throw DomainException.invalid("proposals[" + i + "]", "all combined proposals concern one paragraph");
      }
      paragraph = p.paragraphId();
      members.add(p);
    }
    Map<Long, Workspaces.Decision> seen = Workspaces.decisionsOf(dsl, proposalIds);
    Set<Long> paragraphs = new HashSet<>();
    boolean order = false;
    for (Proposal p : members) {
      order |= WorkspaceLocks.needs(p, "combined", seen.get(p.id()), paragraphs);
    }
    ws = WorkspaceLocks.lock(dsl, n, r, ws, order, paragraphs);
    Map<Long, Workspaces.Decision> current = Workspaces.decisionsOf(dsl, proposalIds);
    for (Proposal p : members) {
      WorkspaceLocks.unchanged(p, seen.get(p.id()), current.get(p.id()));
    }
    for (Proposal p : members) {
      Undo.undo(dsl, ws, p.id());
    }
    Workspaces.Para baseP = Workspaces.paragraph(dsl, r, paragraph).orElseThrow();
    String[] texts = applyText(dsl, ws.id(), paragraph, baseP.text(), text);
    long id = Workspaces.insertCombination(dsl, ws.id(), paragraph, text, note, texts[0], texts[1], m.accountId());
    for (Proposal p : members) {
      Workspaces.putDecision(dsl, new Workspaces.Decision(p.id(), ws.id(), "combined", null, note, id, paragraph,
          null, null, null, m.accountId(), now(), 1));
      Proposals.bumpVersion(dsl, p.id());
    }
    AuditLog.append(dsl, n, actor(m), "workspace.combination", "revision:" + ws.id(), Map.of("revision", ws.id(),
        "base", r, "combination", id, "paragraph", paragraph, "proposals", proposalIds));
    return Workspaces.combination(dsl, id).orElseThrow();
  }

  /** The decisions of the workspace on {@code r}, by proposal. */
  public Map<Long, Workspaces.Decision> decisions(DSLContext dsl, long n, long r) {
    Workspaces.Rev ws = workspaceOn(dsl, n, r);
    Map<Long, Workspaces.Decision> out = new LinkedHashMap<>();
    Workspaces.decisions(dsl, ws.id()).forEach(d -> out.put(d.proposalId(), d));
    return out;
  }

  /** The workspace on {@code r}, if open. */
  public Optional<Workspaces.Rev> workspace(DSLContext dsl, long n, long r) {
    return Workspaces.workspaceOf(dsl, n, r);
  }
}
