package org.plenary.merge;

import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PROPOSAL_FATE;
import static org.plenary.schema.Tables.REVISION;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Anchor;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;
import org.plenary.store.Sql;

/**
 * Publishing a workspace, and what becomes of the proposals of the revision before: each gets exactly one fate
 * (from its decision, or detected for an uploaded revision), and the open ones are carried forward onto the new
 * revision as new proposals linked to their origin ({@code carriedFrom}), rebased on the new text
 * ({@link Rebase}) or marked {@code needsRebase}. Supports and objections follow their target. One transaction;
 * multi-row writes, so a workspace with thousands of decided proposals publishes in well under a second.
 */
public final class Publication {
  /** Rows per multi-row statement: PostgreSQL takes at most 32,767 bound values in one. */
  private static final int CHUNK = 1000;

  /** What publishing did. */
  public record Published(long revisionId, String label, Map<String, Integer> fates, int carried, int needsRebase) {}

  /** The fate of one proposal, with the text that resulted (the paragraph in the new revision) and a similarity. */
  record Fate(Proposal proposal, String fate, String text, Double similarity, boolean carry) {}

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** Publishes workspace {@code wsId}: immutable, open for comments; every proposal of its base gets its fate. */
  public Published publish(DSLContext dsl, Membership m, long n, long wsId) {
    MergeService.requireChair(m);
    Workspaces.lockNegotiation(dsl, n);
    Workspaces.Rev ws = MergeService.editing(dsl, n, wsId);
    // every change of the workspace holds its row or some of its paragraphs: publishing waits for them all, and
    // any that waits for these locks finds the workspace published
    Workspaces.lockWorkspace(dsl, ws.id());
    Workspaces.lockAllParagraphs(dsl, ws.id());
    ws = MergeService.editing(dsl, n, wsId);
    long base = ws.basedOn();
    Map<Long, Workspaces.Para> before = standingById(Workspaces.paragraphs(dsl, base));
    List<Workspaces.Para> now = Workspaces.paragraphs(dsl, ws.id());
    markChanges(dsl, ws.id(), before, now);
    int brackets = now.stream().filter(p -> p.position() != null)
        .mapToInt(p -> org.plenary.draft.Brackets.count(p.text())).sum();
    int alts = (int) now.stream().filter(p -> p.position() != null && p.alt() != null).count();
    dsl.update(REVISION).set(REVISION.STATE, "published").set(REVISION.PUBLISHED_AT, now())
        .set(REVISION.BRACKET_COUNT, brackets).set(REVISION.ALT_COUNT, alts)
        .where(REVISION.ID.eq(ws.id())).execute();
    Map<Long, Workspaces.Para> after = standingById(now);
    Map<Long, Workspaces.Decision> decisions = new HashMap<>();
    Workspaces.decisions(dsl, ws.id()).forEach(d -> decisions.put(d.proposalId(), d));
    List<Fate> fates = decidedFates(Proposals.all(dsl, base), decisions, after);
    return settle(dsl, m, n, ws.id(), ws.label(), base, before, after, fates, "revision.published");
  }

  /** Records fates, carries forward the proposals marked so, and appends the events. */
  Published settle(DSLContext dsl, Membership m, long n, long newRevision, String label, long base,
      Map<Long, Workspaces.Para> before, Map<Long, Workspaces.Para> after, List<Fate> fates, String eventType) {
    OffsetDateTime at = now();
    recordFates(dsl, newRevision, fates, after);
    List<Fate> carried = fates.stream().filter(Fate::carry).toList();
    List<long[]> links = carry(dsl, newRevision, carried, before, after, at);
    int needsRebase = (int) links.stream().filter(l -> l[2] == 1).count();
    Map<String, Integer> counts = new TreeMap<>();
    fates.forEach(f -> counts.merge(f.fate(), 1, Integer::sum));
    AuditLog.Actor actor = new AuditLog.Actor(m.accountId(), null);
    List<AuditLog.Pending> events = new ArrayList<>();
    Map<String, Object> published = new LinkedHashMap<>();
    published.put("revision", newRevision);
    published.put("label", label);
    published.put("basedOn", base);
    published.put("fates", counts);
    published.put("carried", links.size());
    published.put("needsRebase", needsRebase);
    events.add(new AuditLog.Pending(actor, eventType, "revision:" + newRevision, published));
    for (long[] l : links) {
      events.add(new AuditLog.Pending(actor, "proposal.carried-forward", "proposal:" + l[0], Map.of("proposal", l[0],
          "carriedFrom", l[1], "revision", newRevision, "needsRebase", l[2] == 1)));
    }
    for (int i = 0; i < events.size(); i += CHUNK) {
      AuditLog.appendAll(dsl, n, events.subList(i, Math.min(events.size(), i + CHUNK)));
    }
    return new Published(newRevision, label, counts, links.size(), needsRebase);
  }

  static Map<Long, Workspaces.Para> standingById(List<Workspaces.Para> paragraphs) {
    Map<Long, Workspaces.Para> out = new LinkedHashMap<>();
    paragraphs.stream().filter(p -> p.position() != null).forEach(p -> out.put(p.id(), p));
    return out;
  }

  /** Each paragraph's change against the base (inserted, unchanged, modified, moved, moved_modified, deleted). */
  private static void markChanges(DSLContext dsl, long ws, Map<Long, Workspaces.Para> before,
      List<Workspaces.Para> now) {
    List<Workspaces.Para> standing = now.stream().filter(p -> p.position() != null).toList();
    List<Workspaces.Para> common = standing.stream().filter(p -> before.containsKey(p.id())).toList();
    boolean[] kept = longestIncreasing(common.stream().mapToInt(p -> before.get(p.id()).position()).toArray());
    Map<Long, Boolean> moved = new HashMap<>();
    for (int i = 0; i < common.size(); i++) {
      moved.put(common.get(i).id(), !kept[i]);
    }
    // the workspace's gapped positions become 0..n-1 again (below Workspaces.OFFSET, so no number meets one still
    // in use; a workspace opened before the gaps is cleared first)
    if (standing.stream().anyMatch(p -> p.position() <= Workspaces.OFFSET)) {
      dsl.update(PARAGRAPH_VERSION).set(PARAGRAPH_VERSION.POSITION, (Integer) null)
          .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws)).execute();
    }
    var batch = dsl.batch(dsl.update(PARAGRAPH_VERSION).set(PARAGRAPH_VERSION.CHANGE, (String) null)
        .set(PARAGRAPH_VERSION.PREVIOUS_NUMBER, (String) null).set(PARAGRAPH_VERSION.PREVIOUS_POSITION, (Integer) null)
        .set(PARAGRAPH_VERSION.STATUS, (String) null).set(PARAGRAPH_VERSION.POSITION, (Integer) null)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq((Long) null).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq((Long) null))));
    int position = 0;
    for (Workspaces.Para p : now) {
      Workspaces.Para old = before.get(p.id());
      String change;
      String status = p.status();
      if (p.position() == null) {
        change = "deleted";
        status = "deleted";
      } else if (old == null) {
        change = "inserted";
      } else {
        boolean modified = !old.text().equals(p.text());
        change = moved.get(p.id()) ? (modified ? "moved_modified" : "moved") : modified ? "modified" : "unchanged";
      }
      batch.bind(change, old == null ? null : old.number(), old == null ? null : old.position(), status,
          p.position() == null ? null : position++, ws, p.id());
    }
    if (!now.isEmpty()) {
      batch.execute();
    }
  }

  /** Which elements belong to one longest strictly increasing subsequence (the paragraphs that did not move). */
  static boolean[] longestIncreasing(int[] a) {
    int n = a.length;
    int[] tails = new int[n];
    int[] tailIdx = new int[n];
    int[] prev = new int[n];
    int len = 0;
    for (int i = 0; i < n; i++) {
      int lo = 0;
      int hi = len;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (tails[mid] < a[i]) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      tails[lo] = a[i];
      tailIdx[lo] = i;
      prev[i] = lo > 0 ? tailIdx[lo - 1] : -1;
      len = Math.max(len, lo + 1);
    }
    boolean[] kept = new boolean[n];
    for (int i = len > 0 ? tailIdx[len - 1] : -1; i >= 0; i = prev[i]) {
      kept[i] = true;
    }
    return kept;
  }

  /** The fates from the facilitators' decisions; undecided and deferred proposals are carried forward. */
  static List<Fate> decidedFates(List<Proposal> proposals, Map<Long, Workspaces.Decision> decisions,
      Map<Long, Workspaces.Para> after) {
    Map<Long, Fate> byId = new HashMap<>();
    List<Fate> out = new ArrayList<>();
    for (Proposal p : proposals) {
      if (p.kind() == ProposalKind.SUPPORT || p.kind() == ProposalKind.OBJECT) {
        continue;
      }
      Workspaces.Para para = after.get(p.paragraphId());
      String text = para == null ? null : para.text();
      Fate f;
      if (Proposal.WITHDRAWN.equals(p.state())) {
        f = new Fate(p, "withdrawn", null, null, false);
      } else {
        Workspaces.Decision d = decisions.get(p.id());
        String decision = d == null ? "defer" : d.decision();
        String result = d != null && d.structuralParagraphId() != null && after.containsKey(d.structuralParagraphId())
            ? after.get(d.structuralParagraphId()).text() : text;
        f = switch (decision) {
          case "accept" -> new Fate(p, "accepted", result, null, false);
          case "accept-modified" -> new Fate(p, "accepted-modified", result, null, false);
          case "combined" -> new Fate(p, "combined", result, null, false);
          case "not-retained" -> new Fate(p, "not-retained", text, null, false);
          case "noted" -> new Fate(p, "noted", text, null, false);
          default -> para == null ? new Fate(p, "paragraph-deleted", null, null, false)
              : new Fate(p, "carried-forward", text, null, true);
        };
      }
      byId.put(p.id(), f);
      out.add(f);
    }
    out.addAll(followers(proposals, byId));
    return out;
  }

  /** Supports and objections take their target's fate, and are carried with it. */
  static List<Fate> followers(List<Proposal> proposals, Map<Long, Fate> byId) {
    List<Fate> out = new ArrayList<>();
    for (Proposal p : proposals) {
      if (p.kind() != ProposalKind.SUPPORT && p.kind() != ProposalKind.OBJECT) {
        continue;
      }
      if (Proposal.WITHDRAWN.equals(p.state())) {
        out.add(new Fate(p, "withdrawn", null, null, false));
        continue;
      }
      Fate target = p.targetId() == null ? null : byId.get(p.targetId());
      if (target == null) {
        // an objection on a paragraph (silence procedure): noted
        out.add(new Fate(p, "noted", null, null, false));
      } else {
        out.add(new Fate(p, target.fate(), target.text(), target.similarity(), target.carry()));
      }
    }
    return out;
  }

  /**
   * Records each proposal's fate: settled, as publishing gives it (the proposal then reads {@code decided}). The
   * resulting text is stored only where it is not the text of the proposal's own paragraph in the new revision
   * ({@link Fates#DERIVED_TEXT}): most proposals share their paragraph's, and thousands of copies of it made most of
   * what publishing wrote.
   */
  private static void recordFates(DSLContext dsl, long newRevision, List<Fate> fates,
      Map<Long, Workspaces.Para> after) {
    writeFates(dsl, newRevision, fates, f -> storedText(f, after), true);
  }

  /**
   * Writes the fates given by revision {@code revision} into {@code proposal_fate}, replacing any a proposal had
   * (a fate detected on an upload, then carried forward): {@value #CHUNK} rows per multi-row statement. Inserts
   * into a narrow table: as updates of {@code proposal} (thirteen indexes on H2, which updates a row by taking it
   * out of every index and putting it back) they were two thirds of a publication's time.
   */
  static void writeFates(DSLContext dsl, long revision, List<Fate> fates,
      java.util.function.Function<Fate, String> text, boolean settled) {
    for (int i = 0; i < fates.size(); i += CHUNK) {
      List<Fate> chunk = fates.subList(i, Math.min(fates.size(), i + CHUNK));
      List<Long> ids = chunk.stream().map(f -> f.proposal().id()).toList();
      dsl.deleteFrom(PROPOSAL_FATE).where(PROPOSAL_FATE.PROPOSAL_ID.in(ids)).execute();
      String sql = "insert into proposal_fate (proposal_id, revision_id, fate, text, similarity, settled) values "
          + Sql.rows(chunk.size(), 6);
      dsl.connectionResult(c -> {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          int k = 0;
          for (Fate f : chunk) {
            ps.setLong(++k, f.proposal().id());
            ps.setLong(++k, revision);
            ps.setString(++k, f.fate());
            ps.setString(++k, text.apply(f));
            if (f.similarity() == null) {
              ps.setNull(++k, java.sql.Types.DOUBLE);
            } else {
              ps.setDouble(++k, f.similarity());
            }
            ps.setBoolean(++k, settled && !Proposal.WITHDRAWN.equals(f.proposal().state()));
          }
          return ps.executeUpdate();
        }
      });
    }
  }

  /** The resulting text as stored: null when it is the proposal's paragraph's in the new revision. */
  private static String storedText(Fate f, Map<Long, Workspaces.Para> after) {
    Workspaces.Para own = after.get(f.proposal().paragraphId());
    return f.text() != null && own != null && Fates.DERIVED_TEXT.contains(f.fate()) && f.text().equals(own.text())
        ? null : f.text();
  }

  private static final String INSERT = "insert into proposal (negotiation_id, revision_id, paragraph_id, kind,"
      + " placement, target_id, text, rationale, anchor_exact, anchor_prefix, anchor_suffix, anchor_start, anchor_end,"
      + " delegation_code, author_delegation, author_account_id, breaks_silence, created_at, updated_at, carried_from,"
      + " needs_rebase) values ";

  /** A proposal as carried: where it goes and how it reads on the new text. */
  private record Carried(Proposal from, Long target, String text, Anchor anchor, boolean needsRebase) {}

  /**
   * Creates the carried proposals on the new revision (main proposals first, then the supports and objections
   * re-targeted to them) with their co-sponsors; returns {new id, old id, needsRebase} for each.
   */
  private static List<long[]> carry(DSLContext dsl, long newRevision, List<Fate> carried,
      Map<Long, Workspaces.Para> before, Map<Long, Workspaces.Para> after, OffsetDateTime at) {
    List<Carried> mains = new ArrayList<>();
    List<Proposal> followers = new ArrayList<>();
    for (Fate f : carried) {
      Proposal p = f.proposal();
      if (p.kind() == ProposalKind.SUPPORT || p.kind() == ProposalKind.OBJECT) {
        followers.add(p);
        continue;
      }
      mains.add(rebased(p, before.get(p.paragraphId()), after.get(p.paragraphId())));
    }
    List<long[]> out = new ArrayList<>();
    Map<Long, Long> newIds = new HashMap<>();
    for (int i = 0; i < mains.size(); i += CHUNK) {
      List<Carried> chunk = mains.subList(i, Math.min(mains.size(), i + CHUNK));
      long[] ids = insert(dsl, newRevision, chunk, at);
      for (int j = 0; j < ids.length; j++) {
        newIds.put(chunk.get(j).from().id(), ids[j]);
        out.add(new long[] {ids[j], chunk.get(j).from().id(), chunk.get(j).needsRebase() ? 1 : 0});
      }
    }
    List<Carried> second = new ArrayList<>();
    for (Proposal p : followers) {
      second.add(new Carried(p, newIds.get(p.targetId()), p.text(), p.anchor(), false));
    }
    for (int i = 0; i < second.size(); i += CHUNK) {
      List<Carried> chunk = second.subList(i, Math.min(second.size(), i + CHUNK));
      long[] ids = insert(dsl, newRevision, chunk, at);
      for (int j = 0; j < ids.length; j++) {
        newIds.put(chunk.get(j).from().id(), ids[j]);
        out.add(new long[] {ids[j], chunk.get(j).from().id(), 0});
      }
    }
    copyCosponsors(dsl, newIds);
    return out;
  }

  private static Carried rebased(Proposal p, Workspaces.Para oldP, Workspaces.Para newP) {
    if (oldP == null || newP == null) {
      return new Carried(p, null, p.text(), p.anchor(), false);
    }
    Anchor a = p.anchor();
    String text = p.kind() == ProposalKind.AMEND && a == null && p.text() != null
        ? Proposal.withoutNumber(p.text(), oldP.number(), oldP.text()) : p.text();
    Rebase.Result r = Rebase.carry(new Rebase.Proposal(p.kind().code(), text,
        a == null ? null : new Rebase.Span(a.exact(), a.start(), a.end())), oldP.text(), newP.text());
    Anchor anchor = a;
    if (!r.needsRebase() && r.span() != null && (r.span().start() != a.start() || r.span().end() != a.end())) {
      anchor = withContext(newP.text(), r.span());
    }
    return new Carried(p, null, r.text(), anchor, r.needsRebase());
  }

  /** An anchor at a span of {@code text}, with up to 32 code points of context each side. */
  private static Anchor withContext(String text, Rebase.Span span) {
    int[] cps = text.codePoints().toArray();
    int from = Math.max(0, span.start() - 32);
    int to = Math.min(cps.length, span.end() + 32);
    return new Anchor(new String(cps, span.start(), span.end() - span.start()),
        new String(cps, from, span.start() - from), new String(cps, span.end(), to - span.end()), span.start(),
        span.end());
  }

  private static long[] insert(DSLContext dsl, long newRevision, List<Carried> rows, OffsetDateTime at) {
    if (rows.isEmpty()) {
      return new long[0];
    }
    String sql = INSERT + Sql.rows(rows.size(), 21);
    return dsl.connectionResult(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
        int i = 0;
        for (Carried x : rows) {
          Proposal p = x.from();
          Anchor a = x.anchor();
          ps.setLong(++i, p.negotiationId());
          ps.setLong(++i, newRevision);
          ps.setLong(++i, p.paragraphId());
          ps.setString(++i, p.kind().code());
          ps.setString(++i, p.placement());
          Sql.setLong(ps, ++i, x.target());
          ps.setString(++i, x.text());
          ps.setString(++i, p.rationale());
          ps.setString(++i, a == null ? null : a.exact());
          ps.setString(++i, a == null ? null : a.prefix());
          ps.setString(++i, a == null ? null : a.suffix());
          Sql.setInt(ps, ++i, a == null ? null : a.start());
          Sql.setInt(ps, ++i, a == null ? null : a.end());
          ps.setString(++i, p.delegation());
          ps.setString(++i, p.submittedBy());
          ps.setLong(++i, p.authorAccountId());
          ps.setBoolean(++i, false);
          ps.setObject(++i, at);
          ps.setObject(++i, at);
          ps.setLong(++i, p.id());
          ps.setBoolean(++i, x.needsRebase());
        }
        ps.executeUpdate();
        return Sql.generatedIds(ps, rows.size());
      }
    });
  }

  private static void copyCosponsors(DSLContext dsl, Map<Long, Long> newIds) {
    if (newIds.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, Long>> pairs = new ArrayList<>(newIds.entrySet());
    for (int i = 0; i < pairs.size(); i += CHUNK) {
      List<Map.Entry<Long, Long>> chunk = pairs.subList(i, Math.min(pairs.size(), i + CHUNK));
      var cases = org.jooq.impl.DSL.choose(org.plenary.schema.Tables.PROPOSAL_COSPONSOR.PROPOSAL_ID);
      org.jooq.CaseWhenStep<Long, Long> step = null;
      for (var e : chunk) {
        step = step == null ? cases.when(e.getKey(), e.getValue()) : step.when(e.getKey(), e.getValue());
      }
      var pc = org.plenary.schema.Tables.PROPOSAL_COSPONSOR;
      dsl.insertInto(pc, pc.PROPOSAL_ID, pc.DELEGATION_CODE, pc.STATE, pc.INVITED_AT, pc.ANSWERED_AT, pc.ANSWERED_BY)
          .select(dsl.select(step.otherwise((Long) null), pc.DELEGATION_CODE, pc.STATE, pc.INVITED_AT, pc.ANSWERED_AT,
              pc.ANSWERED_BY).from(pc).where(pc.PROPOSAL_ID.in(chunk.stream().map(Map.Entry::getKey).toList())))
          .execute();
    }
  }

  static DomainException notPublished(long r) {
    return DomainException.conflict("not-published", "revision " + r + " is not published");
  }
}
