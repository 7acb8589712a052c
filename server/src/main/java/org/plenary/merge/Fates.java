package org.plenary.merge;

import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.PROPOSAL_FATE;
import static org.plenary.schema.Tables.REVISION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Role;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;

/**
 * What became of proposals: the fates detected when a revision is uploaded rather than built here, carrying the
 * open ones forward with one call, and each proposal's chain across revisions ("proposed on Rev.1 → carried
 * forward → accepted-modified in Rev.3") with the text that resulted.
 */
public final class Fates {
  /**
   * The fates whose resulting text publishing leaves unstored when it is the proposal's paragraph's in the new
   * revision (read from there instead).
   */
  static final Set<String> DERIVED_TEXT = Set.of("accepted", "accepted-modified", "combined", "not-retained", "noted",
      "carried-forward");

  /** A detected fate counts as reflected at this share of the proposal's word changes found in the new text. */
  static final double REFLECTED = 0.999;

  /** The filters of {@code GET …/fates}. */
  public record Query(String delegation, Long revision, Long paragraph, String fate) {}

  /**
   * Gives every proposal of the revision {@code uploaded} is based on a detected fate: {@code reflected}, {@code
   * partly-reflected} (with the share of its word changes found), {@code not-reflected} or {@code
   * paragraph-deleted}; withdrawn ones {@code withdrawn}; supports and objections their target's. Runs in the
   * upload's transaction.
   */
  public static void detect(DSLContext dsl, long n, long uploaded) {
    Workspaces.Rev rev = Workspaces.revision(dsl, n, uploaded).orElseThrow();
    if (rev.basedOn() == null) {
      return;
    }
    Map<Long, Workspaces.Para> before = Publication.standingById(Workspaces.paragraphs(dsl, rev.basedOn()));
    List<Workspaces.Para> all = Workspaces.paragraphs(dsl, uploaded);
    Map<Long, Workspaces.Para> after = Publication.standingById(all);
    List<Workspaces.Para> inserted = all.stream().filter(p -> p.position() != null && !before.containsKey(p.id()))
        .toList();
    // a paragraph merged into another lives on in it (the import's lineage): its proposals are judged there
    Map<Long, Long> mergedInto = new HashMap<>();
    dsl.select(org.plenary.schema.Tables.PARAGRAPH_VERSION.PARAGRAPH_ID, org.plenary.schema.Tables.PARAGRAPH_VERSION.MERGED_INTO)
        .from(org.plenary.schema.Tables.PARAGRAPH_VERSION)
        .where(org.plenary.schema.Tables.PARAGRAPH_VERSION.REVISION_ID.eq(uploaded)
            .and(org.plenary.schema.Tables.PARAGRAPH_VERSION.MERGED_INTO.isNotNull()))
        .forEach(x -> mergedInto.put(x.value1(), x.value2()));
    List<Proposal> proposals = Proposals.all(dsl, rev.basedOn());
    Map<Long, Publication.Fate> byId = new HashMap<>();
    List<Publication.Fate> fates = new ArrayList<>();
    for (Proposal p : proposals) {
      if (p.kind() == ProposalKind.SUPPORT || p.kind() == ProposalKind.OBJECT) {
        continue;
      }
      Workspaces.Para now = after.get(p.paragraphId());
      if (now == null && mergedInto.containsKey(p.paragraphId())) {
        now = after.get(mergedInto.get(p.paragraphId()));
      }
      Publication.Fate f = Proposal.WITHDRAWN.equals(p.state()) ? new Publication.Fate(p, "withdrawn", null, null, false)
          : detected(p, before.get(p.paragraphId()), now, inserted);
      byId.put(p.id(), f);
      fates.add(f);
    }
    fates.addAll(Publication.followers(proposals, byId));
    if (fates.isEmpty()) {
      return;
    }
    Publication.writeFates(dsl, uploaded, fates, f -> f.text(), false);
  }

  /** The fate of one proposal against the uploaded text of its paragraph (null: not in it any more). */
  static Publication.Fate detected(Proposal p, Workspaces.Para old, Workspaces.Para now,
      List<Workspaces.Para> inserted) {
    if (p.kind() == ProposalKind.DELETE && p.anchor() == null) {
      return now == null ? new Publication.Fate(p, "reflected", null, 1.0, false)
          : new Publication.Fate(p, "not-reflected", now.text(), 0.0, false);
    }
    if (p.kind() == ProposalKind.INSERT) {
      double best = 0;
      String text = null;
      for (Workspaces.Para c : inserted) {
        double s = similarity(p.proposedParagraph("", null), c.text());
        if (s > best) {
          best = s;
          text = c.text();
        }
      }
      String fate = best >= 0.9 ? "reflected" : best >= 0.5 ? "partly-reflected" : "not-reflected";
      return new Publication.Fate(p, fate, text, best, false);
    }
    if (now == null || old == null) {
      return new Publication.Fate(p, "paragraph-deleted", null, null, false);
    }
    String theirs = p.proposedParagraph(old.text(), old.number());
    if (theirs == null || theirs.equals(old.text())) {
      // a comment, question, reservation or retain: reflected only if the text stayed as it was for a retain
      boolean kept = p.kind() == ProposalKind.RETAIN && old.text().equals(now.text());
      return new Publication.Fate(p, kept ? "reflected" : "not-reflected", now.text(), kept ? 1.0 : 0.0, false);
    }
    double share = share(old.text(), theirs, now.text());
    String fate = share >= REFLECTED ? "reflected" : share > 0 ? "partly-reflected" : "not-reflected";
    return new Publication.Fate(p, fate, now.text(), share, false);
  }

  /** The share of the proposal's word changes (old → theirs) that the new text carries. */
  static double share(String old, String theirs, String now) {
    List<TokenMerge.Op> ops = TokenMerge.ops(old, theirs);
    if (ops.isEmpty()) {
      return 1;
    }
    if (theirs.equals(now)) {
      return 1;
    }
    // an op is carried when merging it into the new text changes nothing: the new text has it already
    int carried = 0;
    List<String> base = TokenMerge.tokens(old);
    for (TokenMerge.Op op : ops) {
      StringBuilder one = new StringBuilder();
      for (int i = 0; i < op.start(); i++) {
        one.append(base.get(i));
      }
      one.append(op.inserted());
      for (int i = op.end(); i < base.size(); i++) {
        one.append(base.get(i));
      }
      TokenMerge.Outcome o = TokenMerge.merge(old, now, one.toString());
      if (o instanceof TokenMerge.Merged m && m.text().equals(now)) {
        carried++;
      }
    }
    return (double) carried / ops.size();
  }

  /** Dice similarity of the word multisets of two texts, 0…1. */
  static double similarity(String a, String b) {
    Map<String, Integer> x = words(a);
    Map<String, Integer> y = words(b);
    int common = 0;
    int total = 0;
    for (var e : x.entrySet()) {
      common += Math.min(e.getValue(), y.getOrDefault(e.getKey(), 0));
      total += e.getValue();
    }
    for (int v : y.values()) {
      total += v;
    }
    return total == 0 ? 0 : 2.0 * common / total;
  }

  private static Map<String, Integer> words(String text) {
    Map<String, Integer> out = new HashMap<>();
    for (String t : TokenMerge.tokens(text == null ? "" : text)) {
      if (org.plenary.text.Tokenizer.isWord(t)) {
        out.merge(t, 1, Integer::sum);
      }
    }
    return out;
  }

  /**
   * Carries open proposals of the revision before uploaded revision {@code r} forward onto it: those named, or
   * all whose detected fate is not-reflected or partly-reflected. Each gets the fate carried-forward.
   */
  public Publication.Published carryForward(DSLContext dsl, Membership m, long n, long r, List<Long> ids) {
    MergeService.requireChair(m);
    Workspaces.lockNegotiation(dsl, n);
    Workspaces.Rev rev = Workspaces.revision(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
    if (rev.editing()) {
      throw DomainException.conflict("not-published", "revision " + r + " is a workspace: publishing it carries "
          + "the open proposals forward");
    }
    if (rev.basedOn() == null) {
      return new Publication.Published(r, rev.label(), Map.of(), 0, 0); // the first revision: nothing came before
    }
    Set<Long> already = new HashSet<>(dsl.select(PROPOSAL.CARRIED_FROM).from(PROPOSAL)
        .where(PROPOSAL.REVISION_ID.eq(r).and(PROPOSAL.CARRIED_FROM.isNotNull())).fetch(PROPOSAL.CARRIED_FROM));
    List<Proposal> proposals = Proposals.all(dsl, rev.basedOn());
    Map<Long, Proposal> byId = new HashMap<>();
    proposals.forEach(p -> byId.put(p.id(), p));
    Map<Long, String> detected = new HashMap<>();
    dsl.select(PROPOSAL.ID, PROPOSAL_FATE.FATE).from(PROPOSAL).join(PROPOSAL_FATE)
        .on(PROPOSAL_FATE.PROPOSAL_ID.eq(PROPOSAL.ID)).where(PROPOSAL.REVISION_ID.eq(rev.basedOn()))
        .forEach(x -> detected.put(x.value1(), x.value2()));
    Map<Long, Workspaces.Para> before = Publication.standingById(Workspaces.paragraphs(dsl, rev.basedOn()));
    Map<Long, Workspaces.Para> after = Publication.standingById(Workspaces.paragraphs(dsl, r));
    List<Publication.Fate> carried = new ArrayList<>();
    Set<Long> chosen = new HashSet<>();
    if (ids != null) {
      for (int i = 0; i < ids.size(); i++) {
        Proposal p = byId.get(ids.get(i));
        if (p == null) {
          throw DomainException.invalid("proposals[" + i + "]", "proposal " + ids.get(i) + " is not on revision "
              + rev.basedOn());
        }
        if (!Proposal.SUBMITTED.equals(p.state()) || !after.containsKey(p.paragraphId())) {
          throw DomainException.invalid("proposals[" + i + "]", "proposal " + p.id() + " cannot be carried: it is "
              + (after.containsKey(p.paragraphId()) ? p.state() : "on a paragraph the new revision deleted"));
        }
        chosen.add(p.id());
      }
    } else {
      for (Proposal p : proposals) {
        String f = detected.get(p.id());
        if (Proposal.SUBMITTED.equals(p.state()) && after.containsKey(p.paragraphId())
            && ("not-reflected".equals(f) || "partly-reflected".equals(f))) {
          chosen.add(p.id());
        }
      }
    }
    for (Proposal p : proposals) {
      boolean follower = p.kind() == ProposalKind.SUPPORT || p.kind() == ProposalKind.OBJECT;
      boolean take = follower ? p.targetId() != null && chosen.contains(p.targetId()) && Proposal.SUBMITTED.equals(
          p.state()) : chosen.contains(p.id());
      if (take && !already.contains(p.id())) {
        carried.add(new Publication.Fate(p, "carried-forward", after.get(p.paragraphId()) == null ? null
            : after.get(p.paragraphId()).text(), null, true));
      }
    }
    return new Publication().settle(dsl, m, n, r, rev.label(), rev.basedOn(), before, after, carried,
        "revision.carried-forward");
  }

  /**
   * Each proposal's chain across revisions, for the proposals {@code m} may follow: a delegate its own
   * delegation's and its groups', everyone else all. Only published revisions appear.
   */
  public List<Map<String, Object>> chains(DSLContext dsl, Membership m, long n, Query q) {
    Set<String> allowed = null;
    if (m.role() == Role.DELEGATE) {
      allowed = new HashSet<>();
      allowed.add(m.delegation());
      allowed.addAll(dsl.select(DELEGATION_MEMBER.GROUP_CODE).from(DELEGATION_MEMBER)
          .where(DELEGATION_MEMBER.MEMBER_CODE.eq(m.delegation())).fetch(DELEGATION_MEMBER.GROUP_CODE));
      if (q.delegation() != null && !allowed.contains(q.delegation())) {
        throw DomainException.forbidden("a delegation follows its own proposals and its groups': "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    var pv = PARAGRAPH_VERSION.as("pv");
    var rows = dsl.select(PROPOSAL.ID, PROPOSAL.REVISION_ID, REVISION.LABEL, PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND,
            PROPOSAL.DELEGATION_CODE, PROPOSAL.AUTHOR_DELEGATION, PROPOSAL.TEXT, Proposals.STATE, PROPOSAL_FATE.FATE,
            PROPOSAL_FATE.REVISION_ID, PROPOSAL_FATE.TEXT, PROPOSAL_FATE.SIMILARITY, PROPOSAL.CARRIED_FROM,
            PROPOSAL.NEEDS_REBASE, pv.TEXT)
        .from(Proposals.WITH_FATE).join(REVISION).on(REVISION.ID.eq(PROPOSAL.REVISION_ID))
        .leftJoin(pv).on(pv.REVISION_ID.eq(PROPOSAL_FATE.REVISION_ID).and(pv.PARAGRAPH_ID.eq(PROPOSAL.PARAGRAPH_ID))
            .and(pv.POSITION.isNotNull()))
        .where(PROPOSAL.NEGOTIATION_ID.eq(n).and(REVISION.STATE.eq("published")))
        .orderBy(PROPOSAL.ID).fetch();
    Map<Long, Map<String, Object>> links = new LinkedHashMap<>();
    Map<Long, Long> next = new HashMap<>();
    Map<Long, String> labels = new HashMap<>();
    dsl.select(REVISION.ID, REVISION.LABEL).from(REVISION).where(REVISION.NEGOTIATION_ID.eq(n))
        .forEach(x -> labels.put(x.value1(), x.value2()));
    for (var x : rows) {
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("proposal", x.value1());
      link.put("revision", x.value2());
      link.put("revisionLabel", x.value3());
      link.put("paragraph", x.value4());
      link.put("kind", x.value5());
      link.put("delegation", x.value6());
      link.put("submittedBy", x.value7());
      link.put("text", x.value8());
      link.put("state", x.value9());
      link.put("fate", x.value10());
      link.put("fateRevision", x.value11());
      link.put("fateRevisionLabel", x.value11() == null ? null : labels.get(x.value11()));
      link.put("resultingText", x.value12() != null || x.value10() == null || !DERIVED_TEXT.contains(x.value10())
          ? x.value12() : x.value16());
      link.put("similarity", x.value13());
      link.put("carriedFrom", x.value14());
      link.put("needsRebase", x.value15());
      links.put(x.value1(), link);
      if (x.value14() != null) {
        next.put(x.value14(), x.value1());
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> origin : links.values()) {
      Object from = origin.get("carriedFrom");
      if (from != null && links.containsKey((Long) from)) {
        continue; // not the start of a chain
      }
      if (allowed != null && !allowed.contains((String) origin.get("delegation"))) {
        continue;
      }
      if (q.delegation() != null && !q.delegation().equals(origin.get("delegation"))) {
        continue;
      }
      List<Map<String, Object>> chain = new ArrayList<>();
      Long at = (Long) origin.get("proposal");
      while (at != null && links.containsKey(at) && chain.size() < 100) {
        chain.add(links.get(at));
        at = next.get(at);
      }
      Map<String, Object> last = chain.get(chain.size() - 1);
      if (q.revision() != null && chain.stream().noneMatch(l -> q.revision().equals(l.get("revision"))
          || q.revision().equals(l.get("fateRevision")))) {
        continue;
      }
      if (q.paragraph() != null && chain.stream().noneMatch(l -> q.paragraph().equals(l.get("paragraph")))) {
        continue;
      }
      String current = last.get("fate") == null ? "open" : (String) last.get("fate");
      if (q.fate() != null && !q.fate().equals(current)) {
        continue;
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("proposal", origin.get("proposal"));
      c.put("delegation", origin.get("delegation"));
      c.put("kind", origin.get("kind"));
      c.put("fate", current);
      c.put("resultingText", last.get("resultingText"));
      c.put("chain", chain);
      out.add(c);
    }
    return out;
  }
}
