package org.plenary.group;

import static org.plenary.schema.Tables.DELEGATION;
import static org.plenary.schema.Tables.DELEGATION_MEMBER;
import static org.plenary.schema.Tables.GROUP_ITEM_STANCE;
import static org.plenary.schema.Tables.GROUP_NOTE;
import static org.plenary.schema.Tables.GROUP_NOTE_DECISION;
import static org.plenary.schema.Tables.GROUP_POSITION_ITEM;
import static org.plenary.schema.Tables.GROUP_STAGE;
import static org.plenary.schema.Tables.GROUP_STAGE_GUEST;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PROPOSAL;
import static org.plenary.schema.Tables.REVISION;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.plenary.proposal.Anchor;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;
import org.plenary.schema.tables.records.GroupNoteRecord;
import org.plenary.schema.tables.records.GroupPositionItemRecord;

/**
 * The group stages' tables: stages and their guests, members' notes, the coordinator's decisions, the items of
 * the draft position and the members' stances on them. Nothing here checks who asks: {@link GroupStageService}
 * does, before it calls any of this.
 */
public final class GroupStages {
  /** One group's stage on one revision. {@code state}: open or submitted. */
  public record Stage(long id, long negotiationId, long revisionId, String group, String coordinator,
      OffsetDateTime deadline, String state, long openedBy, OffsetDateTime openedAt, Long submittedBy,
      OffsetDateTime submittedAt, int version, List<String> guests) {
    public boolean submitted() {
      return "submitted".equals(state);
    }

    public String etag() {
      return "\"g" + id + "v" + version + "\"";
    }
  }

  /** A note as stored. {@code delegation} wrote it; {@code state}: submitted or withdrawn. */
  public record Note(long id, long stageId, long paragraphId, ProposalKind kind, String placement, Long targetId,
      String text, String rationale, Anchor anchor, String delegation, long authorAccountId, String state,
      int version, OffsetDateTime createdAt) {}

  /** An item of the draft position: a proposal the group will make. */
  public record Item(long id, long stageId, long paragraphId, ProposalKind kind, String placement, String text,
      String rationale, Anchor anchor, String origin, long createdBy, OffsetDateTime createdAt, Long proposalId) {}

  /** The coordinator's decision on a note; {@code itemId} is the position item it went into, if any. */
  public record Decision(long noteId, String decision, Long itemId, String note, long decidedBy,
      OffsetDateTime decidedAt) {}

  /** A member delegation's stance on an item ({@code stance} null: none) and whether it co-sponsors it. */
  public record Stance(long itemId, String delegation, String stance, boolean cosponsor, long accountId) {}

  /** A submitted item's proposal as the negotiation sees it now: its state and fate. */
  public record Outcome(long proposalId, String state, String fate, String fateRevision) {}

  private GroupStages() {}

  // --- who takes part ------------------------------------------------------------------------------------------

  /** Whether {@code group} is a group that takes part in negotiation {@code n}. */
  public static boolean groupTakesPart(DSLContext dsl, long n, String group) {
    return dsl.fetchExists(dsl.selectOne().from(NEGOTIATION_DELEGATION).join(DELEGATION)
        .on(DELEGATION.CODE.eq(NEGOTIATION_DELEGATION.DELEGATION_CODE))
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n), NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(group),
            DELEGATION.KIND.eq("group")));
  }

  /** Whether {@code delegation} is a member of {@code group} (the reference data's membership). */
  public static boolean isMember(DSLContext dsl, String group, String delegation) {
    return dsl.fetchExists(DELEGATION_MEMBER, DELEGATION_MEMBER.GROUP_CODE.eq(group)
        .and(DELEGATION_MEMBER.MEMBER_CODE.eq(delegation)));
  }

  /** The delegation that coordinates {@code group} in negotiation {@code n}, if one is designated. */
  public static Optional<String> coordinator(DSLContext dsl, long n, String group) {
    return Optional.ofNullable(dsl.select(NEGOTIATION_DELEGATION.COORDINATOR_CODE).from(NEGOTIATION_DELEGATION)
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n), NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(group))
        .fetchOne(NEGOTIATION_DELEGATION.COORDINATOR_CODE));
  }

  /** The group's members that take part in negotiation {@code n}, by code. */
  public static List<String> membersTakingPart(DSLContext dsl, long n, String group) {
    return dsl.select(DELEGATION_MEMBER.MEMBER_CODE).from(DELEGATION_MEMBER).join(NEGOTIATION_DELEGATION)
        .on(NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(DELEGATION_MEMBER.MEMBER_CODE)
            .and(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n)))
        .where(DELEGATION_MEMBER.GROUP_CODE.eq(group)).orderBy(DELEGATION_MEMBER.MEMBER_CODE)
        .fetch(DELEGATION_MEMBER.MEMBER_CODE);
  }

  /** The codes among {@code codes} that are not delegations taking part in negotiation {@code n}. */
  public static List<String> notTakingPart(DSLContext dsl, long n, Collection<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    List<String> present = dsl.select(NEGOTIATION_DELEGATION.DELEGATION_CODE).from(NEGOTIATION_DELEGATION)
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(n), NEGOTIATION_DELEGATION.DELEGATION_CODE.in(codes))
        .fetch(NEGOTIATION_DELEGATION.DELEGATION_CODE);
    return codes.stream().filter(c -> !present.contains(c)).toList();
  }

  /** The state of revision {@code r} of negotiation {@code n}, if it exists. */
  public static Optional<String> revisionState(DSLContext dsl, long n, long r) {
    return Optional.ofNullable(dsl.select(REVISION.STATE).from(REVISION)
        .where(REVISION.ID.eq(r), REVISION.NEGOTIATION_ID.eq(n)).fetchOne(REVISION.STATE));
  }

  // --- stages --------------------------------------------------------------------------------------------------

  /** The stage of {@code group} on revision {@code r} of negotiation {@code n}, with its guests. */
  public static Optional<Stage> stage(DSLContext dsl, long n, long r, String group, boolean forUpdate) {
    var q = dsl.selectFrom(GROUP_STAGE).where(GROUP_STAGE.NEGOTIATION_ID.eq(n), GROUP_STAGE.REVISION_ID.eq(r),
        GROUP_STAGE.GROUP_CODE.eq(group));
    var row = forUpdate ? q.forUpdate().fetchOne() : q.fetchOne();
    if (row == null) {
      return Optional.empty();
    }
    List<String> guests = dsl.select(GROUP_STAGE_GUEST.DELEGATION_CODE).from(GROUP_STAGE_GUEST)
        .where(GROUP_STAGE_GUEST.STAGE_ID.eq(row.getId())).orderBy(GROUP_STAGE_GUEST.DELEGATION_CODE)
        .fetch(GROUP_STAGE_GUEST.DELEGATION_CODE);
    return Optional.of(new Stage(row.getId(), row.getNegotiationId(), row.getRevisionId(), row.getGroupCode(),
        row.getCoordinatorCode(), row.getDeadline(), row.getState(), row.getOpenedBy(), row.getOpenedAt(),
        row.getSubmittedBy(), row.getSubmittedAt(), row.getVersion(), guests));
  }

  /** The stages of negotiation {@code n} on revision {@code r} whose group has {@code delegation} as a member or guest. */
  public static List<Long> stagesFor(DSLContext dsl, long n, long r, String delegation) {
    var member = dsl.select(GROUP_STAGE.ID).from(GROUP_STAGE).join(DELEGATION_MEMBER)
        .on(DELEGATION_MEMBER.GROUP_CODE.eq(GROUP_STAGE.GROUP_CODE).and(DELEGATION_MEMBER.MEMBER_CODE.eq(delegation)))
        .where(GROUP_STAGE.NEGOTIATION_ID.eq(n), GROUP_STAGE.REVISION_ID.eq(r));
    var guest = dsl.select(GROUP_STAGE.ID).from(GROUP_STAGE).join(GROUP_STAGE_GUEST)
        .on(GROUP_STAGE_GUEST.STAGE_ID.eq(GROUP_STAGE.ID).and(GROUP_STAGE_GUEST.DELEGATION_CODE.eq(delegation)))
        .where(GROUP_STAGE.NEGOTIATION_ID.eq(n), GROUP_STAGE.REVISION_ID.eq(r));
    return member.union(guest).fetch(0, Long.class);
  }

  /** The group codes of the stages on revision {@code r} that {@code delegation} takes part in (member or guest). */
  public static List<String> groupsOfStagesFor(DSLContext dsl, long n, long r, String delegation) {
    List<Long> ids = stagesFor(dsl, n, r, delegation);
    return ids.isEmpty() ? List.of() : dsl.select(GROUP_STAGE.GROUP_CODE).from(GROUP_STAGE)
        .where(GROUP_STAGE.ID.in(ids)).orderBy(GROUP_STAGE.GROUP_CODE).fetch(GROUP_STAGE.GROUP_CODE);
  }

  /** Whether {@code delegation} is a guest of {@code group}'s stage on revision {@code r} of negotiation {@code n}. */
  public static boolean isGuest(DSLContext dsl, long n, long r, String group, String delegation) {
    return dsl.fetchExists(dsl.selectOne().from(GROUP_STAGE_GUEST).join(GROUP_STAGE)
        .on(GROUP_STAGE.ID.eq(GROUP_STAGE_GUEST.STAGE_ID))
        .where(GROUP_STAGE.NEGOTIATION_ID.eq(n), GROUP_STAGE.REVISION_ID.eq(r), GROUP_STAGE.GROUP_CODE.eq(group),
            GROUP_STAGE_GUEST.DELEGATION_CODE.eq(delegation)));
  }

  public static long openStage(DSLContext dsl, long n, long r, String group, String coordinator,
      OffsetDateTime deadline, long accountId, OffsetDateTime now) {
    return dsl.insertInto(GROUP_STAGE).set(GROUP_STAGE.NEGOTIATION_ID, n).set(GROUP_STAGE.REVISION_ID, r)
        .set(GROUP_STAGE.GROUP_CODE, group).set(GROUP_STAGE.COORDINATOR_CODE, coordinator)
        .set(GROUP_STAGE.DEADLINE, deadline).set(GROUP_STAGE.OPENED_BY, accountId).set(GROUP_STAGE.OPENED_AT, now)
        .returning(GROUP_STAGE.ID).fetchOne(GROUP_STAGE.ID);
  }

  public static void changeStage(DSLContext dsl, long stageId, OffsetDateTime deadline) {
    dsl.update(GROUP_STAGE).set(GROUP_STAGE.DEADLINE, deadline).set(GROUP_STAGE.VERSION, GROUP_STAGE.VERSION.plus(1))
        .where(GROUP_STAGE.ID.eq(stageId)).execute();
  }

  /** Replaces the stage's guests with {@code guests}. */
  public static void setGuests(DSLContext dsl, long stageId, List<String> guests, long accountId, OffsetDateTime now) {
    dsl.deleteFrom(GROUP_STAGE_GUEST).where(GROUP_STAGE_GUEST.STAGE_ID.eq(stageId)
        .and(GROUP_STAGE_GUEST.DELEGATION_CODE.notIn(guests))).execute();
    for (String g : guests) {
      dsl.insertInto(GROUP_STAGE_GUEST).set(GROUP_STAGE_GUEST.STAGE_ID, stageId)
          .set(GROUP_STAGE_GUEST.DELEGATION_CODE, g).set(GROUP_STAGE_GUEST.INVITED_BY, accountId)
          .set(GROUP_STAGE_GUEST.INVITED_AT, now).onConflictDoNothing().execute();
    }
  }

  public static void markSubmitted(DSLContext dsl, long stageId, long accountId, OffsetDateTime now) {
    dsl.update(GROUP_STAGE).set(GROUP_STAGE.STATE, "submitted").set(GROUP_STAGE.SUBMITTED_BY, accountId)
        .set(GROUP_STAGE.SUBMITTED_AT, now).set(GROUP_STAGE.VERSION, GROUP_STAGE.VERSION.plus(1))
        .where(GROUP_STAGE.ID.eq(stageId)).execute();
  }

  // --- notes ---------------------------------------------------------------------------------------------------

  public static long insertNote(DSLContext dsl, long stageId, ProposalDraft.Checked c, String delegation,
      long accountId, OffsetDateTime now) {
    Anchor a = c.anchor();
    return dsl.insertInto(GROUP_NOTE).set(GROUP_NOTE.STAGE_ID, stageId).set(GROUP_NOTE.PARAGRAPH_ID, c.paragraphId())
        .set(GROUP_NOTE.KIND, c.kind().code()).set(GROUP_NOTE.PLACEMENT, c.placement())
        .set(GROUP_NOTE.TARGET_ID, c.targetId()).set(GROUP_NOTE.TEXT, c.text()).set(GROUP_NOTE.RATIONALE, c.rationale())
        .set(GROUP_NOTE.ANCHOR_EXACT, a == null ? null : a.exact())
        .set(GROUP_NOTE.ANCHOR_PREFIX, a == null ? null : a.prefix())
        .set(GROUP_NOTE.ANCHOR_SUFFIX, a == null ? null : a.suffix())
        .set(GROUP_NOTE.ANCHOR_START, a == null ? null : a.start())
        .set(GROUP_NOTE.ANCHOR_END, a == null ? null : a.end())
        .set(GROUP_NOTE.DELEGATION_CODE, delegation).set(GROUP_NOTE.AUTHOR_ACCOUNT_ID, accountId)
        .set(GROUP_NOTE.CREATED_AT, now).returning(GROUP_NOTE.ID).fetchOne(GROUP_NOTE.ID);
  }

  public static Optional<Note> note(DSLContext dsl, long stageId, long id) {
    return dsl.selectFrom(GROUP_NOTE).where(GROUP_NOTE.ID.eq(id), GROUP_NOTE.STAGE_ID.eq(stageId))
        .fetchOptional(GroupStages::toNote);
  }

  /** The stage's notes in the order they came. */
  public static List<Note> notes(DSLContext dsl, long stageId) {
    return dsl.selectFrom(GROUP_NOTE).where(GROUP_NOTE.STAGE_ID.eq(stageId)).orderBy(GROUP_NOTE.ID)
        .fetch(GroupStages::toNote);
  }

  public static boolean withdrawNote(DSLContext dsl, long id, int version) {
    return dsl.update(GROUP_NOTE).set(GROUP_NOTE.STATE, "withdrawn").set(GROUP_NOTE.VERSION, GROUP_NOTE.VERSION.plus(1))
        .where(GROUP_NOTE.ID.eq(id), GROUP_NOTE.VERSION.eq(version), GROUP_NOTE.STATE.eq("submitted")).execute() == 1;
  }

  private static Note toNote(GroupNoteRecord r) {
    return new Note(r.getId(), r.getStageId(), r.getParagraphId(), ProposalKind.fromCode(r.getKind()), r.getPlacement(),
        r.getTargetId(), r.getText(), r.getRationale(), anchor(r), r.getDelegationCode(), r.getAuthorAccountId(),
        r.getState(), r.getVersion(), r.getCreatedAt());
  }

  private static Anchor anchor(Record r) {
    String exact = r.get("anchor_exact", String.class);
    if (exact == null) {
      return null;
    }
    return new Anchor(exact, r.get("anchor_prefix", String.class), r.get("anchor_suffix", String.class),
        r.get("anchor_start", Integer.class), r.get("anchor_end", Integer.class));
  }

  // --- decisions and the position ------------------------------------------------------------------------------

  public static Map<Long, Decision> decisions(DSLContext dsl, long stageId) {
    Map<Long, Decision> out = new HashMap<>();
    dsl.selectFrom(GROUP_NOTE_DECISION).where(GROUP_NOTE_DECISION.STAGE_ID.eq(stageId)).forEach(d -> out.put(
        d.getNoteId(), new Decision(d.getNoteId(), d.getDecision(), d.getItemId(), d.getNote(), d.getDecidedBy(),
            d.getDecidedAt())));
    return out;
  }

  public static void putDecision(DSLContext dsl, long stageId, long noteId, String decision, Long itemId, String note,
      long accountId, OffsetDateTime now) {
    dsl.deleteFrom(GROUP_NOTE_DECISION).where(GROUP_NOTE_DECISION.NOTE_ID.eq(noteId)).execute();
    dsl.insertInto(GROUP_NOTE_DECISION).set(GROUP_NOTE_DECISION.NOTE_ID, noteId)
        .set(GROUP_NOTE_DECISION.STAGE_ID, stageId).set(GROUP_NOTE_DECISION.DECISION, decision)
        .set(GROUP_NOTE_DECISION.ITEM_ID, itemId).set(GROUP_NOTE_DECISION.NOTE, note)
        .set(GROUP_NOTE_DECISION.DECIDED_BY, accountId).set(GROUP_NOTE_DECISION.DECIDED_AT, now).execute();
  }

  public static void removeDecision(DSLContext dsl, long noteId) {
    dsl.deleteFrom(GROUP_NOTE_DECISION).where(GROUP_NOTE_DECISION.NOTE_ID.eq(noteId)).execute();
  }

  /** The notes whose decision put them into item {@code itemId}. */
  public static List<Long> notesOf(DSLContext dsl, long itemId) {
    return dsl.select(GROUP_NOTE_DECISION.NOTE_ID).from(GROUP_NOTE_DECISION)
        .where(GROUP_NOTE_DECISION.ITEM_ID.eq(itemId)).orderBy(GROUP_NOTE_DECISION.NOTE_ID)
        .fetch(GROUP_NOTE_DECISION.NOTE_ID);
  }

  public static long insertItem(DSLContext dsl, long stageId, long paragraphId, ProposalKind kind, String placement,
      String text, String rationale, Anchor a, String origin, long accountId, OffsetDateTime now) {
    return dsl.insertInto(GROUP_POSITION_ITEM).set(GROUP_POSITION_ITEM.STAGE_ID, stageId)
        .set(GROUP_POSITION_ITEM.PARAGRAPH_ID, paragraphId).set(GROUP_POSITION_ITEM.KIND, kind.code())
        .set(GROUP_POSITION_ITEM.PLACEMENT, placement).set(GROUP_POSITION_ITEM.TEXT, text)
        .set(GROUP_POSITION_ITEM.RATIONALE, rationale)
        .set(GROUP_POSITION_ITEM.ANCHOR_EXACT, a == null ? null : a.exact())
        .set(GROUP_POSITION_ITEM.ANCHOR_PREFIX, a == null ? null : a.prefix())
        .set(GROUP_POSITION_ITEM.ANCHOR_SUFFIX, a == null ? null : a.suffix())
        .set(GROUP_POSITION_ITEM.ANCHOR_START, a == null ? null : a.start())
        .set(GROUP_POSITION_ITEM.ANCHOR_END, a == null ? null : a.end())
        .set(GROUP_POSITION_ITEM.ORIGIN, origin).set(GROUP_POSITION_ITEM.CREATED_BY, accountId)
        .set(GROUP_POSITION_ITEM.CREATED_AT, now).returning(GROUP_POSITION_ITEM.ID).fetchOne(GROUP_POSITION_ITEM.ID);
  }

  /** Removes an item with its stances (its notes' decisions are the caller's to remove first). */
  public static void deleteItem(DSLContext dsl, long itemId) {
    dsl.deleteFrom(GROUP_ITEM_STANCE).where(GROUP_ITEM_STANCE.ITEM_ID.eq(itemId)).execute();
    dsl.deleteFrom(GROUP_POSITION_ITEM).where(GROUP_POSITION_ITEM.ID.eq(itemId)).execute();
  }

  public static List<Item> items(DSLContext dsl, long stageId) {
    return dsl.selectFrom(GROUP_POSITION_ITEM).where(GROUP_POSITION_ITEM.STAGE_ID.eq(stageId))
        .orderBy(GROUP_POSITION_ITEM.ID).fetch(GroupStages::toItem);
  }

  public static Optional<Item> item(DSLContext dsl, long stageId, long id) {
    return dsl.selectFrom(GROUP_POSITION_ITEM).where(GROUP_POSITION_ITEM.ID.eq(id),
        GROUP_POSITION_ITEM.STAGE_ID.eq(stageId)).fetchOptional(GroupStages::toItem);
  }

  public static void linkProposal(DSLContext dsl, long itemId, long proposalId) {
    dsl.update(GROUP_POSITION_ITEM).set(GROUP_POSITION_ITEM.PROPOSAL_ID, proposalId)
        .where(GROUP_POSITION_ITEM.ID.eq(itemId)).execute();
  }

  private static Item toItem(GroupPositionItemRecord r) {
    return new Item(r.getId(), r.getStageId(), r.getParagraphId(), ProposalKind.fromCode(r.getKind()),
        r.getPlacement(), r.getText(), r.getRationale(), anchor(r), r.getOrigin(), r.getCreatedBy(), r.getCreatedAt(),
        r.getProposalId());
  }

  /** Every stance on the stage's items. */
  public static List<Stance> stances(DSLContext dsl, long stageId) {
    return dsl.select(GROUP_ITEM_STANCE.fields()).from(GROUP_ITEM_STANCE).join(GROUP_POSITION_ITEM)
        .on(GROUP_POSITION_ITEM.ID.eq(GROUP_ITEM_STANCE.ITEM_ID)).where(GROUP_POSITION_ITEM.STAGE_ID.eq(stageId))
        .orderBy(GROUP_ITEM_STANCE.ITEM_ID, GROUP_ITEM_STANCE.DELEGATION_CODE)
        .fetch(r -> new Stance(r.get(GROUP_ITEM_STANCE.ITEM_ID), r.get(GROUP_ITEM_STANCE.DELEGATION_CODE),
            r.get(GROUP_ITEM_STANCE.STANCE), r.get(GROUP_ITEM_STANCE.COSPONSOR), r.get(GROUP_ITEM_STANCE.ACCOUNT_ID)));
  }

  public static void putStance(DSLContext dsl, long itemId, String delegation, String stance, boolean cosponsor,
      long accountId, OffsetDateTime now) {
    dsl.deleteFrom(GROUP_ITEM_STANCE).where(GROUP_ITEM_STANCE.ITEM_ID.eq(itemId),
        GROUP_ITEM_STANCE.DELEGATION_CODE.eq(delegation)).execute();
    dsl.insertInto(GROUP_ITEM_STANCE).set(GROUP_ITEM_STANCE.ITEM_ID, itemId)
        .set(GROUP_ITEM_STANCE.DELEGATION_CODE, delegation).set(GROUP_ITEM_STANCE.STANCE, stance)
        .set(GROUP_ITEM_STANCE.COSPONSOR, cosponsor).set(GROUP_ITEM_STANCE.ACCOUNT_ID, accountId)
        .set(GROUP_ITEM_STANCE.UPDATED_AT, now).execute();
  }

  /** What became of submitted items' proposals in the negotiation, by proposal id. */
  public static Map<Long, Outcome> outcomes(DSLContext dsl, Collection<Long> proposalIds) {
    Map<Long, Outcome> out = new HashMap<>();
    if (proposalIds.isEmpty()) {
      return out;
    }
    var later = REVISION.as("fated_in");
    dsl.select(PROPOSAL.ID, Proposals.STATE, org.plenary.schema.Tables.PROPOSAL_FATE.FATE, later.LABEL)
        .from(Proposals.WITH_FATE).leftJoin(later).on(later.ID.eq(org.plenary.schema.Tables.PROPOSAL_FATE.REVISION_ID))
        .where(PROPOSAL.ID.in(proposalIds))
        .forEach(r -> out.put(r.value1(), new Outcome(r.value1(), r.value2(), r.value3(), r.value4())));
    return out;
  }

  /** Display names of delegations (English, Arabic) by code. */
  public static Map<String, String[]> names(DSLContext dsl, Collection<String> codes) {
    Map<String, String[]> out = new HashMap<>();
    if (codes.isEmpty()) {
      return out;
    }
    dsl.select(DELEGATION.CODE, DELEGATION.NAME_EN, DELEGATION.NAME_AR).from(DELEGATION)
        .where(DELEGATION.CODE.in(codes)).forEach(r -> out.put(r.value1(), new String[] {r.value2(), r.value3()}));
    return out;
  }
}
