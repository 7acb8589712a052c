package org.plenary.group;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.proposal.CommentWindow;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;

/**
 * The rules of a group's private stage, one level below the facilitators' merge: a group's coordinator opens the
 * stage on a published revision with an internal deadline and invites guests; members file notes (the kinds and
 * rules of proposals) that only the group sees; the coordinator decides each note (adopt, adopt with changes,
 * combine several by the merge's three-way token merge, not retained, noted) into the group's draft position;
 * members support or object to its items and may opt out of co-sponsoring them; the coordinator submits the
 * position, which becomes ordinary proposals on behalf of the group, with one audit event.
 *
 * <p>Who takes part: delegates of the group's member delegations, and delegates of the delegations invited as
 * guests (organisations such as ESCWA, added to the negotiation by the secretariat), who read and comment. Everyone else (other
 * delegations, observers, members of other groups, the facilitators and the secretariat) gets "not found" for
 * every group route, whether or not the stage or its notes exist, and the check comes before anything of the
 * stage is read, so a refusal takes the same time either way. Every method runs one transaction and ends with
 * its audit event, whose type starts with {@code group.} and whose payload names the {@code group} and the
 * {@code stage} (so {@code EventVisibility} shows it to the stage's participants only) and carries ids, never
 * text.
 *
 * <pre>
 *   service.openStage(dsl, m, n, r, "ARAB", new StageInput(deadline, List.of("ESCWA")));
 *   service.createNote(dsl, m, n, r, "ARAB", draft);          // a member's private note
 *   consolidation.decide(dsl, m, n, r, "ARAB", note, …);   // GroupConsolidation: the coordinator's decisions
 *   service.submit(dsl, m, n, r, "ARAB");                     // ordinary proposals "ARAB, submitted by EGY"
 * </pre>
 */
public final class GroupStageService {
  /** How the caller takes part in a stage. */
  public enum Standing {
    /** A delegate of the delegation that coordinates the group in this negotiation. */
    COORDINATOR,
    /** A delegate of a member delegation. */
    MEMBER,
    /** A delegate of an invited delegation (an organisation such as ESCWA): reads, comments and asks. */
    GUEST;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The caller in a stage. */
  public record Place(GroupStages.Stage stage, Standing standing, String delegation) {}

  /** Opening or changing a stage: its deadline (UTC, in the future) and its guests (null: unchanged). */
  public record StageInput(OffsetDateTime deadline, List<String> guests) {}

  /** A decision on a note: adopt, adopt-modified (with {@code text}), not-retained, noted, or open (undo). */
  public record DecisionInput(String decision, String text, String note) {}

  /** Combining notes on one paragraph into one item; {@code text} null: the three-way merge of their texts. */
  public record CombinationInput(List<Long> notes, String text, String note) {}

  /** A member's stance on an item: {@code stance} support, object or null (none); {@code cosponsor} null: unchanged. */
  public record StanceInput(boolean setsStance, String stance, Boolean cosponsor) {}

  /** A submission: the proposals made, and whether this call made them (false: an earlier call did). */
  public record Submitted(GroupStages.Stage stage, boolean created, List<Long> proposals) {}

  public static final int MAX_GUESTS = 20;
  static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'");

  public GroupStageService() {}

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  // --- who takes part ------------------------------------------------------------------------------------------

  /**
   * The caller's place in the stage of {@code group} on revision {@code r}; "not found" for anyone who does not
   * take part, and for a stage that does not exist, alike. Reads no note.
   */
  public Place place(DSLContext dsl, Membership m, long n, long r, String group, boolean forUpdate) {
    String d = m.delegation();
    boolean eligible = d != null && m.role() == Role.DELEGATE;
    // Two queries whatever the outcome, neither of which reads the stage's row or its notes: a refusal takes the
    // same time whether the stage exists, and however many notes it has (bench/groups measures it).
    String who = eligible ? d : "";
    boolean member = GroupStages.isMember(dsl, group, who);
    boolean guest = GroupStages.isGuest(dsl, n, r, group, who);
    if (!(eligible && (member || guest))) {
      throw notFound(group, r);
    }
    Optional<GroupStages.Stage> stage = GroupStages.stage(dsl, n, r, group, forUpdate);
    if (stage.isEmpty()) {
      throw notFound(group, r);
    }
    Standing standing;
    if (!member) {
      standing = Standing.GUEST;
    } else {
      standing = d.equals(GroupStages.coordinator(dsl, n, group).orElse(null)) ? Standing.COORDINATOR : Standing.MEMBER;
    }
    return new Place(stage.get(), standing, d);
  }

  private static DomainException notFound(String group, long r) {
    return DomainException.notFound("group stage " + group + " on revision " + r);
  }

  /** The stages on revision {@code r} that the caller takes part in. */
  public List<Place> places(DSLContext dsl, Membership m, long n, long r) {
    String d = m.delegation();
    if (d == null || m.role() != Role.DELEGATE) {
      return List.of();
    }
    List<Place> out = new ArrayList<>();
    for (String group : GroupStages.groupsOfStagesFor(dsl, n, r, d)) {
      out.add(place(dsl, m, n, r, group, false));
    }
    return out;
  }

  // --- the stage -----------------------------------------------------------------------------------------------

  /**
   * Opens the group's stage on published revision {@code r}, or changes its deadline and guests: the group's
   * coordinator only. Returns the stage and whether it was opened now.
   */
  public Map.Entry<GroupStages.Stage, Boolean> openStage(DSLContext dsl, Membership m, long n, long r, String group,
      StageInput in) {
    String d = m.delegation();
    boolean eligible = d != null && m.role() == Role.DELEGATE;
    String who = eligible ? d : "";
    boolean member = GroupStages.isMember(dsl, group, who);
    boolean guest = GroupStages.isGuest(dsl, n, r, group, who);
    if (!eligible || !member) {
      if (guest) {
        throw DomainException.forbidden("only the coordinator of " + group + " opens or changes its stage");
      }
      throw notFound(group, r);
    }
    if (!GroupStages.groupTakesPart(dsl, n, group)) {
      throw notFound(group, r);
    }
    Optional<GroupStages.Stage> existing = GroupStages.stage(dsl, n, r, group, true);
    String coordinator = GroupStages.coordinator(dsl, n, group).orElse(null);
    if (!d.equals(coordinator)) {
      throw DomainException.forbidden("only the coordinator of " + group + " opens or changes its stage"
          + (coordinator == null ? "; the secretariat has designated none in this negotiation" : " (" + coordinator + ")"));
    }
    String state = GroupStages.revisionState(dsl, n, r).orElseThrow(() -> notFound(group, r));
    if (!state.equals("published")) {
      throw DomainException.conflict("not-published", "a group's stage is opened on a published revision");
    }
    OffsetDateTime now = now();
    List<String> guests = in.guests();
    if (guests != null) {
      List<DomainException.FieldError> errors = new ArrayList<>();
      List<String> absent = GroupStages.notTakingPart(dsl, n, guests);
      for (int i = 0; i < guests.size(); i++) {
        String g = guests.get(i);
        if (absent.contains(g)) {
          errors.add(new DomainException.FieldError("guests[" + i + "]", g + " does not take part in this negotiation;"
              + " the secretariat adds it first (as an organisation)"));
        } else if (g.equals(group) || GroupStages.isMember(dsl, group, g)) {
          errors.add(new DomainException.FieldError("guests[" + i + "]", g + " is " + (g.equals(group) ? "the group"
              : "a member of " + group) + ", not a guest"));
        }
      }
      if (!errors.isEmpty()) {
        throw DomainException.invalid(errors);
      }
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("group", group);
    payload.put("revision", r);
    payload.put("deadline", in.deadline().toString());
    boolean created = existing.isEmpty();
    long stageId;
    if (created) {
      stageId = GroupStages.openStage(dsl, n, r, group, d, in.deadline(), m.accountId(), now);
    } else {
      if (existing.get().submitted()) {
        throw submitted(existing.get());
      }
      stageId = existing.get().id();
      GroupStages.changeStage(dsl, stageId, in.deadline());
    }
    if (guests != null) {
      GroupStages.setGuests(dsl, stageId, guests, m.accountId(), now);
      payload.put("guests", guests);
    }
    payload.put("stage", stageId);
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), d), created ? "group.stage-opened" : "group.stage-changed",
        "group-stage:" + stageId, payload);
    return Map.entry(GroupStages.stage(dsl, n, r, group, false).orElseThrow(), created);
  }

  /** Everything of the stage the caller may read (every participant reads everything of the stage). */
  public GroupSnapshot snapshot(DSLContext dsl, Membership m, long n, long r, String group) {
    return snapshot(dsl, place(dsl, m, n, r, group, false), n, r);
  }

  GroupSnapshot snapshot(DSLContext dsl, Place place, long n, long r) {
    long stageId = place.stage().id();
    List<GroupStages.Note> notes = GroupStages.notes(dsl, stageId);
    List<GroupStages.Item> items = GroupStages.items(dsl, stageId);
    List<Long> proposals = items.stream().map(GroupStages.Item::proposalId).filter(Objects::nonNull).toList();
    Map<Long, Proposals.Target> paragraphs = new HashMap<>();
    for (GroupStages.Note x : notes) {
      paragraphs.computeIfAbsent(x.paragraphId(), p -> Proposals.paragraph(dsl, r, p).orElse(null));
    }
    for (GroupStages.Item x : items) {
      paragraphs.computeIfAbsent(x.paragraphId(), p -> Proposals.paragraph(dsl, r, p).orElse(null));
    }
    paragraphs.values().removeIf(Objects::isNull);
    return new GroupSnapshot(place, notes, GroupStages.decisions(dsl, stageId), items, GroupStages.stances(dsl, stageId),
        GroupStages.outcomes(dsl, proposals), GroupStages.membersTakingPart(dsl, n, place.stage().group()), paragraphs);
  }

  // --- notes ---------------------------------------------------------------------------------------------------

  /** A member's (or guest's) note: the rules of a proposal, visible to the group only. */
  public GroupStages.Note createNote(DSLContext dsl, Membership m, long n, long r, String group, ProposalDraft draft) {
    Place place = place(dsl, m, n, r, group, false);
    requireWriting(place);
    List<DomainException.FieldError> errors = new ArrayList<>();
    if (draft.onBehalfOf() != null) {
      errors.add(new DomainException.FieldError("onBehalfOf", "a note is your delegation's own; the group speaks when"
          + " its coordinator submits the position"));
    }
    if (draft.cosponsors() != null && !draft.cosponsors().isEmpty()) {
      errors.add(new DomainException.FieldError("cosponsors", "the position's co-sponsors are the members that"
          + " support it when it is submitted; a note has none"));
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
    long stageId = place.stage().id();
    ProposalDraft.Target target = null;
    if (draft.target() != null) {
      target = GroupStages.note(dsl, stageId, draft.target())
          .map(t -> new ProposalDraft.Target(t.id(), r, t.paragraphId(), t.kind(), t.state())).orElse(null);
    }
    String text = draft.paragraph() == null ? null
        : Proposals.paragraph(dsl, r, draft.paragraph()).map(Proposals.Target::text).orElse(null);
    if (target != null && text == null) {
      text = Proposals.paragraph(dsl, r, target.paragraphId()).map(Proposals.Target::text).orElse(null);
    }
    ProposalDraft.Checked checked = draft.check(r, text, target);
    if (place.standing() == Standing.GUEST && !(checked.kind() == ProposalKind.COMMENT
        || checked.kind() == ProposalKind.QUESTION)) {
      throw new DomainException(DomainException.Kind.FORBIDDEN, "forbidden", "a guest of the group's consultation"
          + " comments and asks; it does not propose text or take stances",
          List.of(new DomainException.FieldError("kind", "a guest files \"comment\" or \"question\"")), Map.of());
    }
    if (checked.kind().onProposal()) {
      stanceRules(dsl, place, checked);
    }
    OffsetDateTime now = now();
    long id = GroupStages.insertNote(dsl, stageId, checked, place.delegation(), m.accountId(), now);
    Map<String, Object> payload = event(place, r);
    payload.put("note", id);
    payload.put("paragraph", checked.paragraphId());
    payload.put("kind", checked.kind().code());
    if (checked.targetId() != null) {
      payload.put("target", checked.targetId());
    }
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.note-created",
        "group-note:" + id, payload);
    return GroupStages.note(dsl, stageId, id).orElseThrow();
  }

  /** One stance per delegation and note, not on one's own note; a new stance replaces the other one. */
  private static void stanceRules(DSLContext dsl, Place place, ProposalDraft.Checked c) {
    GroupStages.Note target = GroupStages.note(dsl, place.stage().id(), c.targetId()).orElseThrow();
    if (target.delegation().equals(place.delegation())) {
      throw DomainException.conflict("own-proposal", place.delegation() + " wrote note " + target.id()
          + "; a delegation does not support or object to its own note");
    }
    for (GroupStages.Note x : GroupStages.notes(dsl, place.stage().id())) {
      if (Objects.equals(x.targetId(), target.id()) && x.delegation().equals(place.delegation())
          && x.state().equals("submitted")) {
        if (x.kind() == c.kind()) {
          throw DomainException.conflict("stance-exists", place.delegation() + " already " + (c.kind()
              == ProposalKind.SUPPORT ? "supports" : "objects to") + " note " + target.id() + " (" + x.id()
              + "); withdraw that to retract it");
        }
        GroupStages.withdrawNote(dsl, x.id(), x.version());
      }
    }
  }

  /** Withdraws a note: its own delegation, while the stage is open and the note undecided. */
  public GroupStages.Note withdrawNote(DSLContext dsl, Membership m, long n, long r, String group, long id) {
    Place place = place(dsl, m, n, r, group, false);
    requireWriting(place);
    GroupStages.Note note = GroupStages.note(dsl, place.stage().id(), id).orElseThrow(() -> noteNotFound(id));
    if (!note.delegation().equals(place.delegation())) {
      throw DomainException.forbidden("note " + id + " is " + note.delegation() + "'s; only it withdraws it");
    }
    if (!note.state().equals("submitted")) {
      throw DomainException.conflict("note-withdrawn", "note " + id + " is already withdrawn");
    }
    if (GroupStages.decisions(dsl, place.stage().id()).containsKey(id)) {
      throw DomainException.conflict("note-decided", "the coordinator has decided note " + id
          + "; ask for the decision to be undone first");
    }
    GroupStages.withdrawNote(dsl, id, note.version());
    Map<String, Object> payload = event(place, r);
    payload.put("note", id);
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.note-withdrawn",
        "group-note:" + id, payload);
    return GroupStages.note(dsl, place.stage().id(), id).orElseThrow();
  }

  static DomainException noteNotFound(long id) {
    return DomainException.notFound("note " + id);
  }

  /** The whole paragraph a note asks for (an anchored amendment applied to the paragraph). */
  static String proposed(Proposals.Target paragraph, GroupStages.Note x) {
    Proposal p = asProposal(x, paragraph.id());
    String out = p.proposedParagraph(paragraph.text(), paragraph.number());
    return out == null ? paragraph.text() : out;
  }

  /** A note read as a proposal (for the rules and texts proposals already have). */
  static Proposal asProposal(GroupStages.Note x, long paragraphId) {
    return new Proposal(x.id(), 0, 0, paragraphId, x.kind(), x.placement(), x.targetId(), x.text(), x.rationale(),
        x.anchor(), x.delegation(), x.delegation(), x.authorAccountId(), false, x.state(), x.version(), x.createdAt(),
        x.createdAt(), List.of());
  }

  // --- members' stances on the position ------------------------------------------------------------------------

  /** A member's support or objection on an item, and whether it co-sponsors it: delegates of members, before the deadline. */
  public GroupSnapshot stance(DSLContext dsl, Membership m, long n, long r, String group, long itemId, StanceInput in) {
    Place place = place(dsl, m, n, r, group, false);
    requireWriting(place);
    if (!(place.standing() == Standing.MEMBER || place.standing() == Standing.COORDINATOR)) {
      throw DomainException.forbidden("only the delegates of " + group + "'s members support, object to or"
          + " co-sponsor its position");
    }
    GroupStages.Item item = GroupStages.item(dsl, place.stage().id(), itemId)
        .orElseThrow(() -> DomainException.notFound("item " + itemId + " of the position"));
    GroupStages.Stance current = GroupStages.stances(dsl, place.stage().id()).stream()
        .filter(s -> s.itemId() == itemId && s.delegation().equals(place.delegation())).findFirst().orElse(null);
    String stance = in.setsStance() ? in.stance() : current == null ? null : current.stance();
    boolean cosponsor = in.cosponsor() != null ? in.cosponsor() : current == null || current.cosponsor();
    GroupStages.putStance(dsl, item.id(), place.delegation(), stance, cosponsor, m.accountId(), now());
    Map<String, Object> payload = event(place, r);
    payload.put("item", itemId);
    payload.put("stance", stance);
    payload.put("cosponsor", cosponsor);
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.position-stance",
        "group-item:" + itemId, payload);
    return snapshot(dsl, place, n, r);
  }

  // --- submission ----------------------------------------------------------------------------------------------

  /**
   * Submits the position: every item becomes a proposal on the revision on behalf of the group, submitted by the
   * coordinator, with its co-sponsors ({@link GroupSnapshot#cosponsors}), in this transaction, with one audit event
   * ({@code group.submitted}, public). A second call returns what the first made.
   */
  public Submitted submit(DSLContext dsl, Membership m, long n, long r, String group) {
    Place place = place(dsl, m, n, r, group, true);
    if (place.standing() != Standing.COORDINATOR) {
      throw DomainException.forbidden("only the coordinator of " + group + " submits its position");
    }
    GroupStages.Stage stage = place.stage();
    if (stage.submitted()) {
      List<Long> made = GroupStages.items(dsl, stage.id()).stream().map(GroupStages.Item::proposalId)
          .filter(Objects::nonNull).toList();
      return new Submitted(stage, false, made);
    }
    GroupSnapshot s = snapshot(dsl, place, n, r);
    if (s.items().isEmpty()) {
      throw DomainException.conflict("empty-position", "the position of " + group + " has no item yet: adopt or"
          + " combine members' notes first");
    }
    CommentWindow window = Proposals.window(dsl, n, r).orElseThrow(() -> notFound(group, r));
    OffsetDateTime now = now();
    window.requireOpen(now);
    for (GroupStages.Item item : s.items()) {
      window.requireAllowed(item.kind(), false, now);
    }
    List<Proposals.New> news = new ArrayList<>();
    for (GroupStages.Item item : s.items()) {
      ProposalDraft.Checked c = new ProposalDraft.Checked(item.kind(), item.paragraphId(), item.placement(), null,
          item.text(), item.rationale(), item.anchor(), s.cosponsors(item.id()));
      news.add(new Proposals.New(n, r, c, group, place.delegation(), m.accountId(), false));
    }
    List<Proposal> made = Proposals.insertAll(dsl, news, now);
    List<Long> ids = new ArrayList<>();
    Map<String, Long> stanceAccounts = new HashMap<>();
    s.stances().forEach(x -> stanceAccounts.put(x.itemId() + " " + x.delegation(), x.accountId()));
    for (int i = 0; i < made.size(); i++) {
      Proposal p = made.get(i);
      GroupStages.Item item = s.items().get(i);
      for (String co : news.get(i).checked().cosponsors()) {
        // they agreed inside the group: their note, their support, or their stance on the item
        Proposals.answer(dsl, p.id(), co, true, stanceAccounts.getOrDefault(item.id() + " " + co, m.accountId()), now);
      }
      GroupStages.linkProposal(dsl, item.id(), p.id());
      ids.add(p.id());
    }
    GroupStages.markSubmitted(dsl, stage.id(), m.accountId(), now);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("group", group);
    payload.put("stage", stage.id());
    payload.put("revision", r);
    payload.put("proposals", ids);
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.submitted",
        "revision:" + r, payload);
    return new Submitted(GroupStages.stage(dsl, n, r, group, false).orElseThrow(), true, ids);
  }

  // --- helpers -------------------------------------------------------------------------------------------------

  Place coordinator(DSLContext dsl, Membership m, long n, long r, String group) {
    Place place = place(dsl, m, n, r, group, true);
    if (place.standing() != Standing.COORDINATOR) {
      throw DomainException.forbidden("only the coordinator of " + group + " decides on the members' notes");
    }
    if (place.stage().submitted()) {
      throw submitted(place.stage());
    }
    return place;
  }

  /** Notes and stances need an open stage before its deadline. */
  private static void requireWriting(Place place) {
    GroupStages.Stage stage = place.stage();
    if (stage.submitted()) {
      throw submitted(stage);
    }
    if (!now().isBefore(stage.deadline())) {
      throw new DomainException(DomainException.Kind.CONFLICT, "group-deadline-passed", "the internal deadline of "
          + stage.group() + " was " + stage.deadline().withOffsetSameInstant(ZoneOffset.UTC).format(UTC)
          + "; the coordinator may extend it", List.of(), Map.of("deadline",
              stage.deadline().withOffsetSameInstant(ZoneOffset.UTC).toString()));
    }
  }

  private static DomainException submitted(GroupStages.Stage stage) {
    return DomainException.conflict("group-position-submitted", "the position of " + stage.group()
        + " was submitted; its proposals are now the negotiation's");
  }

  /** The payload every private event starts with: the group and the stage (for EventVisibility), the revision. */
  static Map<String, Object> event(Place place, long r) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("group", place.stage().group());
    payload.put("stage", place.stage().id());
    payload.put("revision", r);
    return payload;
  }
}
