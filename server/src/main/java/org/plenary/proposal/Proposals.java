package org.plenary.proposal;

import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.PROPOSAL_COSPONSOR;
import static org.plenary.schema.Tables.PROPOSAL_FATE;
import static org.plenary.schema.Tables.PROPOSAL_REPLY;
import static org.plenary.schema.Tables.REVISION;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.plenary.draft.Citations;
import org.plenary.store.Sql;

/**
 * Stored proposals, their co-sponsors and replies, and the comment windows of revisions. Plain synchronous
 * jOOQ; callers run it in a transaction off the event loop ({@link org.plenary.store.Database#tx}).
 */
public final class Proposals {
  /** Filters of the list; null means "any". */
  public record Filter(Long paragraph, String delegation, String group, ProposalKind kind, String state) {
    public static final Filter NONE = new Filter(null, null, null, null, null);
  }

  /** The heat map: how many proposals concern a paragraph, and of which kinds. */
  public record ParagraphCount(long paragraph, int total, Map<String, Integer> byKind) {}

  /** One reply in a proposal's thread. */
  public record Reply(long id, long proposalId, Long inReplyTo, String delegation, long authorAccountId, String text,
      OffsetDateTime createdAt) {}

  /** A paragraph of a revision as a proposal sees it. */
  public record Target(long id, String number, String kind, String text, String direction) {}

  /**
   * Who broke silence on what.
   *
   * @param number the paragraph's written number, or its citation when it has none (an English preambular
   *     paragraph is "PP3")
   * @param label the paragraph's citation ("PP3", "OP2 bis Alt 2", "OP1(ح)")
   * @param text what the objection says: its text, or its rationale when it gave only that
   * @param rationale the objection's rationale, or null
   */
  public record SilenceBreak(long proposal, long paragraph, String number, String label, String delegation,
      String submittedBy, String text, String rationale, OffsetDateTime at) {}

  private Proposals() {}

  /** The comment window of revision {@code revisionId} in negotiation {@code negotiationId}, if it exists. */
  public static Optional<CommentWindow> window(DSLContext dsl, long negotiationId, long revisionId) {
    var later = LATER;
    return dsl.select(REVISION.COMMENT_DEADLINE, REVISION.SILENCE_PROCEDURE, later.ID, later.LABEL).from(REVISION)
        .leftJoin(later).on(later.ID.eq(supersedingId()))
        .where(REVISION.ID.eq(revisionId).and(REVISION.NEGOTIATION_ID.eq(negotiationId)))
        .fetchOptional(r -> new CommentWindow(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  private static final org.plenary.schema.tables.Revision LATER = REVISION.as("later");

  /** The first published revision after {@code REVISION} (a correlated subquery), or null. */
  private static org.jooq.Field<Long> supersedingId() {
    var next = REVISION.as("next_published");
    return org.jooq.impl.DSL.field(org.jooq.impl.DSL.select(next.ID).from(next)
        .where(next.NEGOTIATION_ID.eq(REVISION.NEGOTIATION_ID).and(next.STATE.eq("published"))
            .and(next.SEQ.gt(REVISION.SEQ)))
        .orderBy(next.SEQ).limit(1));
  }

  public static void setWindow(DSLContext dsl, long revisionId, OffsetDateTime deadline, boolean silence) {
    dsl.update(REVISION)
        .set(REVISION.COMMENT_DEADLINE, deadline)
        .set(REVISION.SILENCE_PROCEDURE, silence)
        .where(REVISION.ID.eq(revisionId))
        .execute();
  }

  /** A revision's comment window, and the paragraph asked for as it stands there (null when it is not). */
  public record Context(CommentWindow window, Target paragraph) {}

  /** {@link #window} and {@link #paragraph} in one query; empty when the revision is not in the negotiation. */
  public static Optional<Context> context(DSLContext dsl, long negotiationId, long revisionId, Long paragraphId) {
    if (paragraphId == null) {
      return window(dsl, negotiationId, revisionId).map(w -> new Context(w, null));
    }
    return dsl.select(REVISION.COMMENT_DEADLINE, REVISION.SILENCE_PROCEDURE, PARAGRAPH_VERSION.PARAGRAPH_ID,
            PARAGRAPH_VERSION.NUMBER, PARAGRAPH_VERSION.KIND, PARAGRAPH_VERSION.TEXT, PARAGRAPH_VERSION.DIRECTION,
            LATER.ID, LATER.LABEL)
        .from(REVISION)
        .leftJoin(PARAGRAPH_VERSION).on(PARAGRAPH_VERSION.REVISION_ID.eq(REVISION.ID)
            .and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId)).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .leftJoin(LATER).on(LATER.ID.eq(supersedingId()))
        .where(REVISION.ID.eq(revisionId).and(REVISION.NEGOTIATION_ID.eq(negotiationId)))
        .fetchOptional(r -> new Context(new CommentWindow(r.value1(), r.value2(), r.value8(), r.value9()),
            r.value3() == null ? null : new Target(r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
  }

  /** The paragraph as it stands in the revision; empty when it is not there (or was deleted by it). */
  public static Optional<Target> paragraph(DSLContext dsl, long revisionId, long paragraphId) {
    return dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID, PARAGRAPH_VERSION.NUMBER, PARAGRAPH_VERSION.KIND,
            PARAGRAPH_VERSION.TEXT, PARAGRAPH_VERSION.DIRECTION)
        .from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(revisionId).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId))
            .and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .fetchOptional(r -> new Target(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
  }

  /** The proposal a support or objection would concern, when it is in this revision. */
  public static Optional<ProposalDraft.Target> target(DSLContext dsl, long revisionId, long proposalId) {
    return dsl.select(PROPOSAL.ID, PROPOSAL.REVISION_ID, PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND, STATE)
        .from(WITH_FATE)
        .where(PROPOSAL.ID.eq(proposalId).and(PROPOSAL.REVISION_ID.eq(revisionId)))
        .fetchOptional(r -> new ProposalDraft.Target(r.value1(), r.value2(), r.value3(),
            ProposalKind.fromCode(r.value4()), r.value5()));
  }

  /** Delegation codes among {@code codes} that are not in the reference data. */
  public static List<String> unknownDelegations(DSLContext dsl, List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    List<String> known = dsl.select(DELEGATION.CODE).from(DELEGATION).where(DELEGATION.CODE.in(codes))
        .fetch(DELEGATION.CODE);
    return codes.stream().filter(c -> !known.contains(c)).toList();
  }

  /** Of {@code codes}, those that do not take part in negotiation {@code n}. */
  public static List<String> absentFrom(DSLContext dsl, long n, List<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    var nd = org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
    List<String> present = dsl.select(nd.DELEGATION_CODE).from(nd)
        .where(nd.NEGOTIATION_ID.eq(n).and(nd.DELEGATION_CODE.in(codes))).fetch(nd.DELEGATION_CODE);
    return codes.stream().filter(c -> !present.contains(c)).toList();
  }

  /** A checked proposal to store: for whom ({@code delegation}), by whom, and whether it breaks silence. */
  public record New(long negotiationId, long revisionId, ProposalDraft.Checked checked, String delegation,
      String submittedBy, long accountId, boolean breaksSilence) {}

  private static final String INSERT = "insert into proposal (negotiation_id, revision_id, paragraph_id, kind,"
      + " placement, target_id, text, rationale, anchor_exact, anchor_prefix, anchor_suffix, anchor_start, anchor_end,"
      + " delegation_code, author_delegation, author_account_id, breaks_silence, created_at, updated_at) values ";
  /**
   * Stores checked proposals and their co-sponsor invitations with one multi-row insert (plain JDBC, which
   * saves jOOQ's rendering on the hottest write, and one statement instead of one per row); returns them as
   * stored, in order, without reading them back.
   */
  public static List<Proposal> insertAll(DSLContext dsl, List<New> proposals, OffsetDateTime now) {
    if (proposals.isEmpty()) {
      return List.of();
    }
    String sql = INSERT + Sql.rows(proposals.size(), 19);
    long[] ids = dsl.connectionResult(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
        int i = 0;
        for (New p : proposals) {
          ProposalDraft.Checked x = p.checked();
          Anchor a = x.anchor();
          ps.setLong(++i, p.negotiationId());
          ps.setLong(++i, p.revisionId());
          ps.setLong(++i, x.paragraphId());
          ps.setString(++i, x.kind().code());
          ps.setString(++i, x.placement());
          Sql.setLong(ps, ++i, x.targetId());
          ps.setString(++i, x.text());
          ps.setString(++i, x.rationale());
          ps.setString(++i, a == null ? null : a.exact());
          ps.setString(++i, a == null ? null : a.prefix());
          ps.setString(++i, a == null ? null : a.suffix());
          Sql.setInt(ps, ++i, a == null ? null : a.start());
          Sql.setInt(ps, ++i, a == null ? null : a.end());
          ps.setString(++i, p.delegation());
          ps.setString(++i, p.submittedBy());
          ps.setLong(++i, p.accountId());
          ps.setBoolean(++i, p.breaksSilence());
          ps.setObject(++i, now);
          ps.setObject(++i, now);
        }
        ps.executeUpdate();
        return Sql.generatedIds(ps, proposals.size());
      }
    });
    List<Proposal> out = new ArrayList<>(proposals.size());
    for (int i = 0; i < ids.length; i++) {
      New p = proposals.get(i);
      ProposalDraft.Checked c = p.checked();
      invite(dsl, ids[i], c.cosponsors(), now);
      out.add(new Proposal(ids[i], p.negotiationId(), p.revisionId(), c.paragraphId(), c.kind(), c.placement(),
          c.targetId(), c.text(), c.rationale(), c.anchor(), p.delegation(), p.submittedBy(), p.accountId(),
          p.breaksSilence(), Proposal.SUBMITTED, 1, now, now,
          c.cosponsors().stream().map(d -> new Proposal.Cosponsor(d, "invited")).toList()));
    }
    return out;
  }

  /** Invites delegations to co-sponsor; delegations already invited keep their answer. Returns those newly invited. */
  public static List<String> invite(DSLContext dsl, long proposalId, List<String> codes, OffsetDateTime now) {
    if (codes.isEmpty()) {
      return List.of();
    }
    List<String> already = dsl.select(PROPOSAL_COSPONSOR.DELEGATION_CODE).from(PROPOSAL_COSPONSOR)
        .where(PROPOSAL_COSPONSOR.PROPOSAL_ID.eq(proposalId)).fetch(PROPOSAL_COSPONSOR.DELEGATION_CODE);
    List<String> fresh = codes.stream().filter(c -> !already.contains(c)).toList();
    if (!fresh.isEmpty()) {
      var insert = dsl.insertInto(PROPOSAL_COSPONSOR, PROPOSAL_COSPONSOR.PROPOSAL_ID,
          PROPOSAL_COSPONSOR.DELEGATION_CODE, PROPOSAL_COSPONSOR.INVITED_AT);
      for (String code : fresh) {
        insert = insert.values(proposalId, code, now);
      }
      insert.execute();
    }
    return fresh;
  }

  /** Records an invited delegation's answer; false when it was not invited. */
  public static boolean answer(DSLContext dsl, long proposalId, String delegation, boolean accept, long accountId,
      OffsetDateTime now) {
    return dsl.update(PROPOSAL_COSPONSOR)
        .set(PROPOSAL_COSPONSOR.STATE, accept ? "accepted" : "declined")
        .set(PROPOSAL_COSPONSOR.ANSWERED_AT, now)
        .set(PROPOSAL_COSPONSOR.ANSWERED_BY, accountId)
        .where(PROPOSAL_COSPONSOR.PROPOSAL_ID.eq(proposalId).and(PROPOSAL_COSPONSOR.DELEGATION_CODE.eq(delegation)))
        .execute() == 1;
  }

  public static Optional<Proposal> get(DSLContext dsl, long revisionId, long id) {
    List<Proposal> found = read(dsl, PROPOSAL.REVISION_ID.eq(revisionId).and(PROPOSAL.ID.eq(id)));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The proposals of revision {@code revisionId} among {@code ids}, by id (absent ids are left out): one query. */
  public static Map<Long, Proposal> getAll(DSLContext dsl, long revisionId, java.util.Collection<Long> ids) {
    Map<Long, Proposal> out = new LinkedHashMap<>();
    read(dsl, PROPOSAL.REVISION_ID.eq(revisionId).and(PROPOSAL.ID.in(ids))).forEach(p -> out.put(p.id(), p));
    return out;
  }

  /**
   * Locks proposals (by id; on PostgreSQL {@code FOR NO KEY UPDATE}, which lets rows referring to them be inserted)
   * and returns those whose version or state is no longer the one in {@code seen}, read again. A facilitator's
   * decision takes them after its paragraphs' locks: from then on nobody else changes them until it commits.
   */
  public static Map<Long, Proposal> lockAll(DSLContext dsl, long revisionId, Map<Long, Proposal> seen) {
    if (seen.isEmpty()) {
      return Map.of();
    }
    var q = dsl.select(PROPOSAL.ID, PROPOSAL.VERSION, PROPOSAL.STATE).from(PROPOSAL)
        .where(PROPOSAL.ID.in(new java.util.TreeSet<>(seen.keySet()))).orderBy(PROPOSAL.ID);
    List<Long> stale = new ArrayList<>();
    org.plenary.store.Sql.forUpdate(dsl, q).forEach(r -> {
      Proposal p = seen.get(r.value1());
      if (p.version() != r.value2() || !stored(p.state()).equals(r.value3())) {
        stale.add(p.id());
      }
    });
    return stale.isEmpty() ? Map.of() : getAll(dsl, revisionId, stale);
  }

  /**
   * Advances a proposal's version from {@code expected} (a facilitator decided on it, having read it at that
   * version); false when it is no longer at that version (its delegation edited or withdrew it meanwhile).
   */
  public static boolean bumpVersion(DSLContext dsl, long id, int expected) {
    return dsl.update(PROPOSAL).set(PROPOSAL.VERSION, expected + 1)
        .where(PROPOSAL.ID.eq(id).and(PROPOSAL.VERSION.eq(expected))).execute() == 1;
  }

  /**
   * Advances the versions of proposals the caller has locked and read ({@link #lockAll}), in one statement: each
   * one's version is then one more than the caller read. An {@link IllegalStateException} if one is missing.
   */
  public static void bumpVersions(DSLContext dsl, java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    int updated = dsl.update(PROPOSAL).set(PROPOSAL.VERSION, PROPOSAL.VERSION.plus(1))
        .where(PROPOSAL.ID.in(ids)).execute();
    if (updated != ids.size()) {
      throw new IllegalStateException("advanced " + updated + " of " + ids.size() + " locked proposals");
    }
  }

  /** Advances a proposal's version (a facilitator decided on it); returns the new version. */
  public static int bumpVersion(DSLContext dsl, long id) {
    return dsl.update(PROPOSAL).set(PROPOSAL.VERSION, PROPOSAL.VERSION.plus(1)).where(PROPOSAL.ID.eq(id))
        .returningResult(PROPOSAL.VERSION).fetchOne().value1();
  }

  /** Every proposal of a revision, withdrawn ones included, in paragraph then submission order. */
  public static List<Proposal> all(DSLContext dsl, long revisionId) {
    return read(dsl, PROPOSAL.REVISION_ID.eq(revisionId));
  }

  /** The proposals of a revision that pass the filter, in paragraph then submission order. */
  public static List<Proposal> list(DSLContext dsl, long revisionId, Filter filter) {
    return read(dsl, PROPOSAL.REVISION_ID.eq(revisionId).and(condition(filter)));
  }

  /** Per paragraph, the proposals that pass the filter (withdrawn ones only when the filter asks for them). */
  public static List<ParagraphCount> counts(DSLContext dsl, long revisionId, Filter filter) {
    Condition where = PROPOSAL.REVISION_ID.eq(revisionId).and(condition(filter));
    if (filter.state() == null) {
      where = where.and(PROPOSAL.STATE.ne(Proposal.WITHDRAWN));
    }
    Map<Long, Map<String, Integer>> byParagraph = new LinkedHashMap<>();
    dsl.select(PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND, DSL.count())
        .from(WITH_FATE)
        .where(where)
        .groupBy(PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND)
        .orderBy(PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND)
        .forEach(r -> byParagraph.computeIfAbsent(r.value1(), k -> new LinkedHashMap<>()).put(r.value2(), r.value3()));
    List<ParagraphCount> out = new ArrayList<>();
    byParagraph.forEach((p, kinds) -> out.add(new ParagraphCount(p,
        kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds)));
    return out;
  }

  private static Condition condition(Filter f) {
    Condition c = DSL.noCondition();
    if (f.paragraph() != null) {
      c = c.and(PROPOSAL.PARAGRAPH_ID.eq(f.paragraph()));
    }
    if (f.kind() != null) {
      c = c.and(PROPOSAL.KIND.eq(f.kind().code()));
    }
    if (f.state() != null) {
      c = c.and(STATE.eq(f.state()));
    }
    if (f.delegation() != null) {
      // made for it, submitted by it, or co-sponsored by it
      c = c.and(PROPOSAL.DELEGATION_CODE.eq(f.delegation())
          .or(PROPOSAL.AUTHOR_DELEGATION.eq(f.delegation()))
          .or(DSL.exists(DSL.selectOne().from(PROPOSAL_COSPONSOR)
              .where(PROPOSAL_COSPONSOR.PROPOSAL_ID.eq(PROPOSAL.ID))
              .and(PROPOSAL_COSPONSOR.DELEGATION_CODE.eq(f.delegation()))
              .and(PROPOSAL_COSPONSOR.STATE.eq("accepted")))));
    }
    if (f.group() != null) {
      // made on behalf of the group, or by one of its members
      c = c.and(PROPOSAL.DELEGATION_CODE.eq(f.group())
          .or(PROPOSAL.DELEGATION_CODE.in(DSL.select(DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER)
              .where(DELEGATION_MEMBER.GROUP_CODE.eq(f.group())))));
    }
    return c;
  }

  /** Proposals with their fate, when they have one (a left join on its primary key). */
  public static final org.jooq.Table<?> WITH_FATE = PROPOSAL.leftJoin(PROPOSAL_FATE)
      .on(PROPOSAL_FATE.PROPOSAL_ID.eq(PROPOSAL.ID));

  /**
   * The state a proposal reads as, over {@link #WITH_FATE}: {@code decided} once publishing (or carrying forward)
   * settled its fate, else as stored ({@code submitted} or {@code withdrawn}). Publishing writes a fate row per
   * proposal and leaves the proposal's own row alone.
   */
  public static final org.jooq.Field<String> STATE = DSL.when(PROPOSAL.STATE.eq(Proposal.SUBMITTED)
      .and(PROPOSAL_FATE.SETTLED.isTrue()), DSL.inline(Proposal.DECIDED)).otherwise(PROPOSAL.STATE);

  /** Submitted and not settled: a proposal its delegation may still change or withdraw (over {@code proposal}). */
  public static final Condition OPEN = PROPOSAL.STATE.eq(Proposal.SUBMITTED).andNotExists(DSL.selectOne()
      .from(PROPOSAL_FATE).where(PROPOSAL_FATE.PROPOSAL_ID.eq(PROPOSAL.ID).and(PROPOSAL_FATE.SETTLED.isTrue())));

  /** The state as stored in the proposal's row, for a state as read ({@link #STATE}). */
  static String stored(String state) {
    return Proposal.DECIDED.equals(state) ? Proposal.SUBMITTED : state;
  }

  /**
   * The columns a {@link Proposal} is made of, in the order {@link #read} takes them by position (a list of
   * thousands of proposals, for a compilation, spent most of its mapping time finding fields by name).
   */
  private static final org.jooq.SelectField<?>[] COLUMNS = {PROPOSAL.ID, PROPOSAL.NEGOTIATION_ID,
      PROPOSAL.REVISION_ID, PROPOSAL.PARAGRAPH_ID, PROPOSAL.KIND, PROPOSAL.PLACEMENT, PROPOSAL.TARGET_ID,
      PROPOSAL.TEXT, PROPOSAL.RATIONALE, PROPOSAL.ANCHOR_EXACT, PROPOSAL.ANCHOR_PREFIX, PROPOSAL.ANCHOR_SUFFIX,
      PROPOSAL.ANCHOR_START, PROPOSAL.ANCHOR_END, PROPOSAL.DELEGATION_CODE, PROPOSAL.AUTHOR_DELEGATION,
      PROPOSAL.AUTHOR_ACCOUNT_ID, PROPOSAL.BREAKS_SILENCE, STATE.as("state"), PROPOSAL.VERSION, PROPOSAL.CREATED_AT,
      PROPOSAL.UPDATED_AT, PROPOSAL.CARRIED_FROM, PROPOSAL.NEEDS_REBASE, PROPOSAL_FATE.FATE};

  /** The proposals matching {@code where} with their co-sponsors, in one query (a left join on the invitations). */
  private static List<Proposal> read(DSLContext dsl, Condition where) {
    // aliased: a filter may name proposal_cosponsor in a subquery of its own
    var pc = PROPOSAL_COSPONSOR.as("pc");
    int cosponsor = COLUMNS.length;
    Map<Long, org.jooq.Record> rows = new LinkedHashMap<>();
    Map<Long, List<Proposal.Cosponsor>> cosponsors = new HashMap<>();
    dsl.select(COLUMNS).select(pc.DELEGATION_CODE, pc.STATE)
        .from(WITH_FATE)
        .leftJoin(pc).on(pc.PROPOSAL_ID.eq(PROPOSAL.ID))
        .where(where)
        .orderBy(PROPOSAL.PARAGRAPH_ID, PROPOSAL.ID, pc.INVITED_AT, pc.DELEGATION_CODE)
        .forEach(r -> {
          long id = (Long) r.get(0);
          rows.putIfAbsent(id, r);
          String code = (String) r.get(cosponsor);
          if (code != null) {
            cosponsors.computeIfAbsent(id, k -> new ArrayList<>())
                .add(new Proposal.Cosponsor(code, (String) r.get(cosponsor + 1)));
          }
        });
    if (rows.isEmpty()) {
      return List.of();
    }
    List<Proposal> out = new ArrayList<>(rows.size());
    rows.forEach((id, r) -> out.add(toProposal(r, cosponsors.getOrDefault(id, List.of()))));
    return java.util.Collections.unmodifiableList(out);
  }

  /** A row of {@link #COLUMNS} as a proposal. */
  private static Proposal toProposal(org.jooq.Record r, List<Proposal.Cosponsor> cosponsors) {
    String exact = (String) r.get(9);
    Anchor anchor = exact == null ? null : new Anchor(exact, (String) r.get(10), (String) r.get(11),
        (Integer) r.get(12), (Integer) r.get(13));
    Long carriedFrom = (Long) r.get(22);
    boolean needsRebase = Boolean.TRUE.equals(r.get(23));
    String fate = (String) r.get(24);
    return new Proposal((Long) r.get(0), (Long) r.get(1), (Long) r.get(2), (Long) r.get(3),
        ProposalKind.fromCode((String) r.get(4)), (String) r.get(5), (Long) r.get(6), (String) r.get(7),
        (String) r.get(8), anchor, (String) r.get(14), (String) r.get(15), (Long) r.get(16), (Boolean) r.get(17),
        (String) r.get(18), (Integer) r.get(19), (OffsetDateTime) r.get(20), (OffsetDateTime) r.get(21),
        List.copyOf(cosponsors), carriedFrom == null && fate == null && !needsRebase ? Proposal.Lineage.NONE
            : new Proposal.Lineage(carriedFrom, needsRebase, fate));
  }

  /** Replaces text, rationale and anchor if the proposal is still at {@code version}; false when it is not. */
  public static boolean update(DSLContext dsl, long id, int version, String text, String rationale, Anchor anchor,
      OffsetDateTime now) {
    return dsl.update(PROPOSAL)
        .set(PROPOSAL.TEXT, text)
        .set(PROPOSAL.RATIONALE, rationale)
        .set(PROPOSAL.ANCHOR_EXACT, anchor == null ? null : anchor.exact())
        .set(PROPOSAL.ANCHOR_PREFIX, anchor == null ? null : anchor.prefix())
        .set(PROPOSAL.ANCHOR_SUFFIX, anchor == null ? null : anchor.suffix())
        .set(PROPOSAL.ANCHOR_START, anchor == null ? null : anchor.start())
        .set(PROPOSAL.ANCHOR_END, anchor == null ? null : anchor.end())
        .set(PROPOSAL.VERSION, version + 1)
        .set(PROPOSAL.UPDATED_AT, now)
        .where(PROPOSAL.ID.eq(id).and(PROPOSAL.VERSION.eq(version)).and(OPEN))
        .execute() == 1;
  }

  /** Withdraws the proposal if it is still at {@code version}; false when it is not. */
  public static boolean withdraw(DSLContext dsl, long id, int version, OffsetDateTime now) {
    return dsl.update(PROPOSAL)
        .set(PROPOSAL.STATE, Proposal.WITHDRAWN)
        .set(PROPOSAL.VERSION, version + 1)
        .set(PROPOSAL.UPDATED_AT, now)
        .where(PROPOSAL.ID.eq(id).and(PROPOSAL.VERSION.eq(version)).and(OPEN))
        .execute() == 1;
  }

  public static long addReply(DSLContext dsl, long proposalId, Long inReplyTo, String delegation, long accountId,
      String text, OffsetDateTime now) {
    return dsl.insertInto(PROPOSAL_REPLY)
        .set(PROPOSAL_REPLY.PROPOSAL_ID, proposalId)
        .set(PROPOSAL_REPLY.IN_REPLY_TO, inReplyTo)
        .set(PROPOSAL_REPLY.DELEGATION_CODE, delegation)
        .set(PROPOSAL_REPLY.AUTHOR_ACCOUNT_ID, accountId)
        .set(PROPOSAL_REPLY.TEXT, text)
        .set(PROPOSAL_REPLY.CREATED_AT, now)
        .returningResult(PROPOSAL_REPLY.ID)
        .fetchOne()
        .value1();
  }

  /** The thread of a proposal, oldest first; {@code inReplyTo} links a reply to the one it answers. */
  public static List<Reply> replies(DSLContext dsl, long proposalId) {
    return dsl.selectFrom(PROPOSAL_REPLY).where(PROPOSAL_REPLY.PROPOSAL_ID.eq(proposalId))
        .orderBy(PROPOSAL_REPLY.ID)
        .fetch(r -> new Reply(r.getId(), r.getProposalId(), r.getInReplyTo(), r.getDelegationCode(),
            r.getAuthorAccountId(), r.getText(), r.getCreatedAt()));
  }

  /** How many replies each proposal of revision {@code revisionId} has; proposals without replies are absent. */
  public static Map<Long, Integer> replyCounts(DSLContext dsl, long revisionId) {
    Map<Long, Integer> out = new HashMap<>();
    dsl.select(PROPOSAL_REPLY.PROPOSAL_ID, DSL.count()).from(PROPOSAL_REPLY)
        .join(PROPOSAL).on(PROPOSAL.ID.eq(PROPOSAL_REPLY.PROPOSAL_ID))
        .where(PROPOSAL.REVISION_ID.eq(revisionId))
        .groupBy(PROPOSAL_REPLY.PROPOSAL_ID)
        .forEach(r -> out.put(r.value1(), r.value2()));
    return out;
  }

  public static boolean replyExists(DSLContext dsl, long proposalId, long replyId) {
    return dsl.fetchExists(PROPOSAL_REPLY, PROPOSAL_REPLY.ID.eq(replyId).and(PROPOSAL_REPLY.PROPOSAL_ID.eq(proposalId)));
  }

  /** The objections that broke silence on this revision, oldest first. */
  public static List<SilenceBreak> silenceBreaks(DSLContext dsl, long revisionId) {
    var rows = dsl.select(PROPOSAL.ID, PROPOSAL.PARAGRAPH_ID, PARAGRAPH_VERSION.NUMBER, PROPOSAL.DELEGATION_CODE,
            PROPOSAL.AUTHOR_DELEGATION, PROPOSAL.TEXT, PROPOSAL.RATIONALE, PROPOSAL.CREATED_AT)
        .from(PROPOSAL)
        .leftJoin(PARAGRAPH_VERSION).on(PARAGRAPH_VERSION.REVISION_ID.eq(PROPOSAL.REVISION_ID)
            .and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(PROPOSAL.PARAGRAPH_ID)))
        .where(PROPOSAL.REVISION_ID.eq(revisionId).and(PROPOSAL.BREAKS_SILENCE.isTrue())
            .and(PROPOSAL.STATE.ne(Proposal.WITHDRAWN)))
        .orderBy(PROPOSAL.ID)
        .fetch();
    Map<Long, String> labels = rows.isEmpty() ? Map.of() : citations(dsl, revisionId);
    List<SilenceBreak> out = new ArrayList<>(rows.size());
    for (var r : rows) {
      String label = labels.get(r.value2());
      String text = r.value6() != null && !r.value6().isBlank() ? r.value6() : r.value7();
      out.add(new SilenceBreak(r.value1(), r.value2(), r.value3() != null ? r.value3() : label, label, r.value4(),
          r.value5(), text, r.value7(), r.value8()));
    }
    return out;
  }

  /** Each paragraph's citation in a revision ("PP3", "OP2(b)"), worked out as the revision's reads do. */
  private static Map<Long, String> citations(DSLContext dsl, long revisionId) {
    List<Citations.Item> items = dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID, PARAGRAPH_VERSION.PARENT_ID,
            PARAGRAPH_VERSION.KIND, PARAGRAPH_VERSION.NUMBER, PARAGRAPH_VERSION.ALT)
        .from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(revisionId).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .orderBy(PARAGRAPH_VERSION.POSITION)
        .fetch(r -> new Citations.Item(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    List<String> labels = Citations.of(items);
    Map<Long, String> out = new HashMap<>(items.size() * 2);
    for (int i = 0; i < items.size(); i++) {
      out.put(items.get(i).id(), labels.get(i));
    }
    return out;
  }

  /**
   * The delegation a proposal of the negotiation was made for ({@code :id} in the authorization matrix:
   * own, other or coordinator); empty when no such proposal exists there.
   */
  public static Optional<String> delegationOf(DSLContext dsl, long negotiationId, String id) {
    long proposalId;
    try {
      proposalId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return dsl.select(PROPOSAL.DELEGATION_CODE).from(PROPOSAL)
        .where(PROPOSAL.ID.eq(proposalId)).and(PROPOSAL.NEGOTIATION_ID.eq(negotiationId))
        .fetchOptional(PROPOSAL.DELEGATION_CODE);
  }
}
