package org.plenary.merge;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.PARAGRAPH;
import static org.plenary.schema.Tables.PARAGRAPH_VERSION;
import static org.plenary.schema.Tables.PROPOSAL_COMBINATION;
import static org.plenary.schema.Tables.PROPOSAL_DECISION;
import static org.plenary.schema.Tables.REVISION;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.draft.Brackets;
import org.plenary.store.Sql;
import org.plenary.schema.tables.records.ParagraphVersionRecord;
import org.plenary.schema.tables.records.ProposalDecisionRecord;
import org.plenary.schema.tables.records.RevisionRecord;

/**
 * The merge workspace's storage: the successor revision (state {@code editing}) and its paragraph versions, the
 * decisions and combinations. Synchronous jOOQ, run by {@link MergeService} inside one transaction; returns
 * records of this package, never jOOQ records.
 */
final class Workspaces {
  /** A revision as the merge sees it. */
  record Rev(long id, long negotiationId, int seq, String label, Long basedOn, String state) {
    boolean editing() {
      return "editing".equals(state);
    }
  }

  /** A paragraph of a revision ({@code position} null: deleted in it). */
  record Para(long id, Integer position, String kind, String number, Long parent, String text, String direction,
      String status, String change, String previousNumber, Integer previousPosition, String alt, int version) {
    String etag() {
      return etag(id, version);
    }

    /** This paragraph after {@link Workspaces#setText}: the new text, one version further. */
    Para withText(String newText) {
      return new Para(id, position, kind, number, parent, newText, direction, status, change, previousNumber,
          previousPosition, alt, version + 1);
    }

    static String etag(long id, int version) {
      return "\"w" + id + "v" + version + "\"";
    }
  }

  /** A stored decision. */
  record Decision(long proposalId, long workspaceId, String decision, String text, String note, Long combinationId,
      Long paragraphId, String textBefore, String textAfter, Long structuralParagraphId, long decidedBy,
      OffsetDateTime decidedAt, int version) {}

  /** A stored combination. */
  record Combination(long id, long workspaceId, long paragraphId, String text, String note, String textBefore,
      String textAfter) {}

  private Workspaces() {}

  /**
   * Locks the negotiation: opening and publishing a workspace (and carrying proposals forward) run one after the
   * other. Decisions and edits do not take it: they lock what they change (below).
   */
  static void lockNegotiation(DSLContext dsl, long n) {
    Sql.forUpdate(dsl, dsl.select(NEGOTIATION.ID).from(NEGOTIATION).where(NEGOTIATION.ID.eq(n))).fetchOne();
  }

  /**
   * Locks the workspace's row: a change of its order (an insertion, a deletion, a move, their undoing) waits for
   * the one before it. Always taken before any paragraph's lock.
   */
  static void lockWorkspace(DSLContext dsl, long ws) {
    Sql.forUpdate(dsl, dsl.select(REVISION.ID).from(REVISION).where(REVISION.ID.eq(ws))).fetchOne();
  }

  /**
   * Locks workspace paragraphs, in the order of their ids (every caller takes them in that order, publishing all of
   * them, so two of them never wait for each other in a circle): decisions and edits on different paragraphs go at
   * once, and publishing waits for them.
   */
  static void lockParagraphs(DSLContext dsl, long ws, java.util.Collection<Long> ids) {
    if (ids.isEmpty()) {
      return;
    }
    // (revision, paragraph) pairs: H2 then finds each by its primary key instead of scanning the workspace
    var keys = new java.util.TreeSet<>(ids).stream().map(id -> org.jooq.impl.DSL.row(ws, id)).toList();
    Sql.forUpdate(dsl, dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID).from(PARAGRAPH_VERSION)
        .where(org.jooq.impl.DSL.row(PARAGRAPH_VERSION.REVISION_ID, PARAGRAPH_VERSION.PARAGRAPH_ID).in(keys))
        .orderBy(PARAGRAPH_VERSION.PARAGRAPH_ID)).fetch();
  }

  /** Locks every paragraph of the workspace, in the order of their ids (publishing). */
  static void lockAllParagraphs(DSLContext dsl, long ws) {
    Sql.forUpdate(dsl, dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID).from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws)).orderBy(PARAGRAPH_VERSION.PARAGRAPH_ID)).fetch();
  }

  static Optional<Rev> revision(DSLContext dsl, long n, long id) {
    return dsl.selectFrom(REVISION).where(REVISION.ID.eq(id).and(REVISION.NEGOTIATION_ID.eq(n)))
        .fetchOptional(Workspaces::rev);
  }

  /** The workspace built on revision {@code base}, if one is open. */
  static Optional<Rev> workspaceOf(DSLContext dsl, long n, long base) {
    return dsl.selectFrom(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.BASED_ON.eq(base)).and(REVISION.STATE.eq("editing")))
        .fetchOptional(Workspaces::rev);
  }

  /** Any open workspace of the negotiation. */
  static Optional<Rev> anyWorkspace(DSLContext dsl, long n) {
    return dsl.selectFrom(REVISION).where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.STATE.eq("editing")))
        .limit(1).fetchOptional(Workspaces::rev);
  }

  /** The first published revision after {@code seq}, if any. */
  static Optional<Rev> publishedAfter(DSLContext dsl, long n, int seq) {
    return dsl.selectFrom(REVISION)
        .where(REVISION.NEGOTIATION_ID.eq(n).and(REVISION.STATE.eq("published")).and(REVISION.SEQ.gt(seq)))
        .orderBy(REVISION.SEQ).limit(1).fetchOptional(Workspaces::rev);
  }

  static int nextSeq(DSLContext dsl, long n) {
    Integer max = dsl.select(org.jooq.impl.DSL.max(REVISION.SEQ)).from(REVISION).where(REVISION.NEGOTIATION_ID.eq(n))
        .fetchOne().value1();
    return max == null ? 0 : max + 1;
  }

  /** Creates the workspace on {@code base}: its paragraphs copied with the same ids. */
  static long createWorkspace(DSLContext dsl, Rev base, String label, long by) {
    RevisionRecord b = dsl.selectFrom(REVISION).where(REVISION.ID.eq(base.id())).fetchSingle();
    long id = dsl.insertInto(REVISION)
        .set(REVISION.NEGOTIATION_ID, base.negotiationId())
        .set(REVISION.SEQ, nextSeq(dsl, base.negotiationId()))
        .set(REVISION.LABEL, label)
        .set(REVISION.BASED_ON, base.id())
        .set(REVISION.STATE, "editing")
        .set(REVISION.SOURCE_FORMAT, "workspace")
        .set(REVISION.BRACKET_COUNT, b.getBracketCount())
        .set(REVISION.ALT_COUNT, b.getAltCount())
        .set(REVISION.CREATED_BY, by)
        .returningResult(REVISION.ID).fetchOne().value1();
    List<ParagraphVersionRecord> rows = new ArrayList<>();
    for (ParagraphVersionRecord r : dsl.selectFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(base.id()).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .orderBy(PARAGRAPH_VERSION.POSITION).fetch()) {
      ParagraphVersionRecord c = r.copy();
      c.setRevisionId(id);
      c.setParagraphId(r.getParagraphId());
      c.setChange("unchanged");
      c.setPreviousNumber(r.getNumber());
      c.setPreviousPosition(r.getPosition());
      c.setPosition(OFFSET + (rows.size() + 1) * GAP);
      c.setVersion(1);
      rows.add(c);
    }
    dsl.batchInsert(rows).execute();
    return id;
  }

  /** Every paragraph of a revision, deleted ones last. */
  static List<Para> paragraphs(DSLContext dsl, long revisionId) {
    return dsl.selectFrom(PARAGRAPH_VERSION).where(PARAGRAPH_VERSION.REVISION_ID.eq(revisionId))
        .orderBy(PARAGRAPH_VERSION.POSITION.asc().nullsLast(), PARAGRAPH_VERSION.PARAGRAPH_ID)
        .fetch(Workspaces::para);
  }

  /** Paragraph {@code paragraphId} in each of the given revisions that has it, by revision id: one query. */
  static Map<Long, Para> paragraphIn(DSLContext dsl, long paragraphId, Long... revisionIds) {
    Map<Long, Para> out = new HashMap<>();
    dsl.selectFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId).and(PARAGRAPH_VERSION.REVISION_ID.in(revisionIds)))
        .forEach(r -> out.put(r.getRevisionId(), para(r)));
    return out;
  }

  static Optional<Para> paragraph(DSLContext dsl, long revisionId, long paragraphId) {
    return dsl.selectFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(revisionId).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId)))
        .fetchOptional(Workspaces::para);
  }

  /** Sets a workspace paragraph's text (and bracket count), bumping its version. */
  static void setText(DSLContext dsl, long ws, long paragraphId, String text) {
    dsl.update(PARAGRAPH_VERSION)
        .set(PARAGRAPH_VERSION.TEXT, text)
        .set(PARAGRAPH_VERSION.BRACKETS, Brackets.count(text))
        .set(PARAGRAPH_VERSION.VERSION, PARAGRAPH_VERSION.VERSION.plus(1))
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId)))
        .execute();
  }

  /** A workspace paragraph one version further (it moved: its ETag changes). */
  static void bumpVersion(DSLContext dsl, long ws, long paragraphId) {
    dsl.update(PARAGRAPH_VERSION).set(PARAGRAPH_VERSION.VERSION, PARAGRAPH_VERSION.VERSION.plus(1))
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId))).execute();
  }

  static void setStatus(DSLContext dsl, long ws, long paragraphId, String status) {
    dsl.update(PARAGRAPH_VERSION)
        .set(PARAGRAPH_VERSION.STATUS, status)
        .set(PARAGRAPH_VERSION.VERSION, PARAGRAPH_VERSION.VERSION.plus(1))
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId)))
        .execute();
  }

  /**
   * Positions in a workspace are sort keys with gaps: paragraph i of the base stands at {@code OFFSET + (i + 1) *
   * GAP},
   * so an insertion, a deletion or a move writes the one row it concerns (a free number between its neighbours)
   * instead of shifting every paragraph after it. Publishing numbers them 0..n-1 again ({@link Publication}),
   * below {@code OFFSET}, so the renumbering never meets a position still in use.
   */
  static final int GAP = 1 << 10;

  /** A workspace's positions are above this: above any published revision's 0..n-1 (up to a million paragraphs). */
  static final int OFFSET = 1 << 20;

  /**
   * Rewrites the document order of a workspace: {@code order} lists the paragraph ids that stand in it, in order;
   * any other paragraph of the workspace is deleted (position null). The paragraphs whose positions are already in
   * order (a longest increasing run of them) keep them; each other one takes a free number between its
   * neighbours, and only when no number is free is the whole workspace spread out again. The rows that change are
   * written in two batches: first their positions are cleared, then set, so the unique (revision, position) never
   * sees a duplicate on the way.
   */
  static void reorder(DSLContext dsl, long ws, List<Long> order) {
    reorder(dsl, ws, order, null);
  }

  /** {@link #reorder}, paragraph {@code moving} (if not null) taking a new place rather than its neighbours. */
  static void reorder(DSLContext dsl, long ws, List<Long> order, Long moving) {
    Map<Long, Integer> current = new HashMap<>();
    dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID, PARAGRAPH_VERSION.POSITION).from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws)).forEach(r -> current.put(r.value1(), r.value2()));
    Map<Long, Integer> target = new HashMap<>();
    current.keySet().forEach(id -> target.put(id, null));
    Map<Long, Integer> keep = current;
    if (moving != null) {
      keep = new HashMap<>(current);
      keep.remove(moving);
    }
    Integer[] placed = positions(order, keep);
    for (int i = 0; i < order.size(); i++) {
      target.put(order.get(i), placed[i]);
    }
    List<Long> changed = new ArrayList<>();
    target.forEach((id, position) -> {
      if (!java.util.Objects.equals(current.get(id), position)) {
        changed.add(id);
      }
    });
    if (changed.isEmpty()) {
      return;
    }
    var clear = dsl.batch(dsl.update(PARAGRAPH_VERSION).set(PARAGRAPH_VERSION.POSITION, (Integer) null)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq((Long) null))));
    int cleared = 0;
    for (long id : changed) {
      if (current.get(id) != null) {
        clear.bind(null, ws, id);
        cleared++;
      }
    }
    if (cleared > 0) {
      clear.execute();
    }
    var set = dsl.batch(dsl.update(PARAGRAPH_VERSION).set(PARAGRAPH_VERSION.POSITION, (Integer) null)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq((Long) null))));
    int put = 0;
    for (long id : changed) {
      if (target.get(id) != null) {
        set.bind(target.get(id), ws, id);
        put++;
      }
    }
    if (put > 0) {
      set.execute();
    }
  }

  /**
   * The positions for {@code order}, keeping as many of the {@code current} ones as stay in increasing order and
   * giving each other paragraph a number between its neighbours'; every paragraph spread out again ({@link #spread})
   * when some run of them finds no room (or the workspace predates the gaps).
   */
  static Integer[] positions(List<Long> order, Map<Long, Integer> current) {
    int n = order.size();
    Integer[] out = new Integer[n];
    List<Integer> known = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Integer c = current.get(order.get(i));
      if (c != null && c > OFFSET) {
        known.add(i);
      }
    }
    boolean[] kept = Publication.longestIncreasing(known.stream().mapToInt(i -> current.get(order.get(i))).toArray());
    for (int k = 0; k < known.size(); k++) {
      if (kept[k]) {
        out[known.get(k)] = current.get(order.get(known.get(k)));
      }
    }
    long low = OFFSET; // the number before the first paragraph
    int i = 0;
    while (i < n) {
      if (out[i] != null) {
        low = out[i];
        i++;
        continue;
      }
      int j = i;
      while (j < n && out[j] == null) {
        j++;
      }
      int run = j - i;
      long high = j < n ? out[j] : low + (long) GAP * (run + 1);
      if (high - low <= run || high > Integer.MAX_VALUE) {
        return spread(n);
      }
      for (int k = 0; k < run; k++) {
        out[i + k] = (int) (low + (high - low) * (k + 1) / (run + 1));
      }
      low = out[j - 1];
      i = j;
    }
    return out;
  }

  /** {@code n} positions spread out above {@code OFFSET}, {@code GAP} apart. */
  static Integer[] spread(int n) {
    if ((long) OFFSET + (long) GAP * (n + 1) > Integer.MAX_VALUE) {
      throw new IllegalStateException("a workspace holds at most " + (Integer.MAX_VALUE - OFFSET) / GAP
          + " paragraphs");
    }
    Integer[] out = new Integer[n];
    for (int i = 0; i < n; i++) {
      out[i] = OFFSET + (i + 1) * GAP;
    }
    return out;
  }

  /** The ids of the paragraphs that stand in a workspace, in order (one narrow read). */
  static List<Long> order(DSLContext dsl, long ws) {
    return new ArrayList<>(dsl.select(PARAGRAPH_VERSION.PARAGRAPH_ID).from(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.POSITION.isNotNull()))
        .orderBy(PARAGRAPH_VERSION.POSITION).fetch(PARAGRAPH_VERSION.PARAGRAPH_ID));
  }

  /** Marks a workspace paragraph deleted or standing again (its position is set by {@link #reorder}). */
  static void setDeleted(DSLContext dsl, long ws, long paragraphId, boolean deleted, String restoredStatus) {
    dsl.update(PARAGRAPH_VERSION)
        .set(PARAGRAPH_VERSION.STATUS, deleted ? "deleted" : restoredStatus)
        .set(PARAGRAPH_VERSION.VERSION, PARAGRAPH_VERSION.VERSION.plus(1))
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId)))
        .execute();
  }

  /** A new paragraph created in the workspace (not yet placed: call {@link #reorder}). */
  static long insertParagraph(DSLContext dsl, long n, long ws, String kind, String number, Long parent, String text,
      String direction) {
    long id = dsl.insertInto(PARAGRAPH).set(PARAGRAPH.NEGOTIATION_ID, n).set(PARAGRAPH.CREATED_IN_REVISION, ws)
        .returningResult(PARAGRAPH.ID).fetchOne().value1();
    dsl.insertInto(PARAGRAPH_VERSION)
        .set(PARAGRAPH_VERSION.REVISION_ID, ws)
        .set(PARAGRAPH_VERSION.PARAGRAPH_ID, id)
        .set(PARAGRAPH_VERSION.POSITION, (Integer) null)
        .set(PARAGRAPH_VERSION.KIND, kind)
        .set(PARAGRAPH_VERSION.NUMBER, number)
        .set(PARAGRAPH_VERSION.PARENT_ID, parent)
        .set(PARAGRAPH_VERSION.TEXT, text)
        .set(PARAGRAPH_VERSION.DIRECTION, direction)
        .set(PARAGRAPH_VERSION.BRACKETS, Brackets.count(text))
        .set(PARAGRAPH_VERSION.STATUS, "open")
        .set(PARAGRAPH_VERSION.CHANGE, "inserted")
        .execute();
    return id;
  }

  /** Removes a paragraph the workspace created (an undone insertion): it never existed in any published text. */
  static void dropCreatedParagraph(DSLContext dsl, long ws, long paragraphId) {
    dsl.deleteFrom(PARAGRAPH_VERSION)
        .where(PARAGRAPH_VERSION.REVISION_ID.eq(ws).and(PARAGRAPH_VERSION.PARAGRAPH_ID.eq(paragraphId))).execute();
    dsl.deleteFrom(PARAGRAPH).where(PARAGRAPH.ID.eq(paragraphId).and(PARAGRAPH.CREATED_IN_REVISION.eq(ws))).execute();
  }

  static Optional<Decision> decision(DSLContext dsl, long proposalId) {
    return dsl.selectFrom(PROPOSAL_DECISION).where(PROPOSAL_DECISION.PROPOSAL_ID.eq(proposalId))
        .fetchOptional(Workspaces::decision);
  }

  /** The stored decisions on the given proposals, by proposal id: one query. */
  static Map<Long, Decision> decisionsOf(DSLContext dsl, java.util.Collection<Long> proposalIds) {
    Map<Long, Decision> out = new HashMap<>();
    dsl.selectFrom(PROPOSAL_DECISION).where(PROPOSAL_DECISION.PROPOSAL_ID.in(proposalIds))
        .forEach(r -> out.put(r.getProposalId(), decision(r)));
    return out;
  }

  static List<Decision> decisions(DSLContext dsl, long ws) {
    return dsl.selectFrom(PROPOSAL_DECISION).where(PROPOSAL_DECISION.WORKSPACE_ID.eq(ws))
        .orderBy(PROPOSAL_DECISION.PROPOSAL_ID).fetch(Workspaces::decision);
  }

  /** Stores a decision on a proposal that has none (a decision replacing another removes that one first). */
  static void putDecision(DSLContext dsl, Decision d) {
    putDecisions(dsl, List.of(d));
  }

  /** Stores decisions on proposals that have none, in one multi-row insert. */
  static void putDecisions(DSLContext dsl, List<Decision> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    var insert = dsl.insertInto(PROPOSAL_DECISION, PROPOSAL_DECISION.PROPOSAL_ID, PROPOSAL_DECISION.WORKSPACE_ID,
        PROPOSAL_DECISION.DECISION, PROPOSAL_DECISION.TEXT, PROPOSAL_DECISION.NOTE, PROPOSAL_DECISION.COMBINATION_ID,
        PROPOSAL_DECISION.PARAGRAPH_ID, PROPOSAL_DECISION.TEXT_BEFORE, PROPOSAL_DECISION.TEXT_AFTER,
        PROPOSAL_DECISION.STRUCTURAL_PARAGRAPH_ID, PROPOSAL_DECISION.DECIDED_BY, PROPOSAL_DECISION.DECIDED_AT,
        PROPOSAL_DECISION.VERSION);
    for (Decision d : decisions) {
      insert = insert.values(d.proposalId(), d.workspaceId(), d.decision(), d.text(), d.note(), d.combinationId(),
          d.paragraphId(), d.textBefore(), d.textAfter(), d.structuralParagraphId(), d.decidedBy(), d.decidedAt(),
          d.version());
    }
    insert.execute();
  }

  static void removeDecision(DSLContext dsl, long proposalId) {
    dsl.deleteFrom(PROPOSAL_DECISION).where(PROPOSAL_DECISION.PROPOSAL_ID.eq(proposalId)).execute();
  }

  static long insertCombination(DSLContext dsl, long ws, long paragraphId, String text, String note, String before,
      String after, long by) {
    return dsl.insertInto(PROPOSAL_COMBINATION)
        .set(PROPOSAL_COMBINATION.WORKSPACE_ID, ws)
        .set(PROPOSAL_COMBINATION.PARAGRAPH_ID, paragraphId)
        .set(PROPOSAL_COMBINATION.TEXT, text)
        .set(PROPOSAL_COMBINATION.NOTE, note)
        .set(PROPOSAL_COMBINATION.TEXT_BEFORE, before)
        .set(PROPOSAL_COMBINATION.TEXT_AFTER, after)
        .set(PROPOSAL_COMBINATION.CREATED_BY, by)
        .returningResult(PROPOSAL_COMBINATION.ID).fetchOne().value1();
  }

  static Optional<Combination> combination(DSLContext dsl, long id) {
    return dsl.selectFrom(PROPOSAL_COMBINATION).where(PROPOSAL_COMBINATION.ID.eq(id))
        .fetchOptional(r -> new Combination(r.getId(), r.getWorkspaceId(), r.getParagraphId(), r.getText(),
            r.getNote(), r.getTextBefore(), r.getTextAfter()));
  }

  static void deleteCombination(DSLContext dsl, long id) {
    dsl.deleteFrom(PROPOSAL_COMBINATION).where(PROPOSAL_COMBINATION.ID.eq(id)).execute();
  }

  static List<Long> combinationMembers(DSLContext dsl, long combinationId) {
    return dsl.select(PROPOSAL_DECISION.PROPOSAL_ID).from(PROPOSAL_DECISION)
        .where(PROPOSAL_DECISION.COMBINATION_ID.eq(combinationId)).fetch(PROPOSAL_DECISION.PROPOSAL_ID);
  }

  private static Rev rev(RevisionRecord r) {
    return new Rev(r.getId(), r.getNegotiationId(), r.getSeq(), r.getLabel(), r.getBasedOn(), r.getState());
  }

  private static Para para(ParagraphVersionRecord r) {
    return new Para(r.getParagraphId(), r.getPosition(), r.getKind(), r.getNumber(), r.getParentId(), r.getText(),
        r.getDirection(), r.getStatus(), r.getChange(), r.getPreviousNumber(), r.getPreviousPosition(), r.getAlt(),
        r.getVersion() == null ? 1 : r.getVersion());
  }

  private static Decision decision(ProposalDecisionRecord r) {
    return new Decision(r.getProposalId(), r.getWorkspaceId(), r.getDecision(), r.getText(), r.getNote(),
        r.getCombinationId(), r.getParagraphId(), r.getTextBefore(), r.getTextAfter(), r.getStructuralParagraphId(),
        r.getDecidedBy(), r.getDecidedAt(), r.getVersion());
  }
}
