package org.plenary.group;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.group.GroupStageService.Place;
import org.plenary.merge.TokenMerge;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;

/**
 * The coordinator's consolidation of a group's notes into the draft position: decisions on notes (adopt, adopt
 * with changes, not retained, noted, undo) and combinations of amendments by the merge's three-way token merge.
 * The facilitators' merge one level down, without ETags (one coordinator decides). Every method runs in the
 * caller's transaction, checks that the caller coordinates the group (through {@link GroupStageService}) and ends
 * with its private audit event.
 *
 * <pre>
 *   consolidation.decide(dsl, m, n, r, "ARAB", note, new DecisionInput("adopt", null, null));
 *   consolidation.combine(dsl, m, n, r, "ARAB", new CombinationInput(List.of(4L, 7L), null, null));
 * </pre>
 */
public final class GroupConsolidation {
  private final GroupStageService stages;

  public GroupConsolidation(GroupStageService stages) {
    this.stages = stages;
  }


  /** Decides a note; deciding again replaces the decision, "open" undoes it (and a combination it was in). */
  public GroupSnapshot decide(DSLContext dsl, Membership m, long n, long r, String group, long noteId,
      GroupStageService.DecisionInput in) {
    Place place = stages.coordinator(dsl, m, n, r, group);
    long stageId = place.stage().id();
    GroupStages.Note note = GroupStages.note(dsl, stageId, noteId).orElseThrow(() -> GroupStageService.noteNotFound(noteId));
    if (note.kind().onProposal()) {
      throw DomainException.invalid("decision", "note " + noteId + " is a " + note.kind().code() + " of note "
          + note.targetId() + "; decide that note (its supporters co-sponsor what the group adopts from it)");
    }
    if (!note.state().equals("submitted") && !in.decision().equals("open")) {
      throw DomainException.conflict("note-withdrawn", "note " + noteId + " was withdrawn by " + note.delegation());
    }
    GroupStages.Decision current = GroupStages.decisions(dsl, stageId).get(noteId);
    if (current != null && current.decision().equals("combined") && !in.decision().equals("open")) {
      throw DomainException.conflict("note-combined", "note " + noteId + " is combined with notes "
          + GroupStages.notesOf(dsl, current.itemId()) + "; undo the combination first (decision \"open\")");
    }
    undo(dsl, current);
    OffsetDateTime now = GroupStageService.now();
    Long item = null;
    Proposals.Target paragraph = Proposals.paragraph(dsl, r, note.paragraphId()).orElseThrow();
    switch (in.decision()) {
      case "open" -> { }
      case "adopt" -> item = GroupStages.insertItem(dsl, stageId, note.paragraphId(), note.kind(), note.placement(),
          note.text(), note.rationale(), note.anchor(), "adopt", m.accountId(), now);
      case "adopt-modified" -> {
        if (note.kind() == ProposalKind.DELETE || note.kind() == ProposalKind.RETAIN) {
          throw DomainException.invalid("decision", "a " + note.kind().code() + " note has no text to change; adopt it"
              + " as it is, or file the group's own amendment");
        }
        String text = cleanedText(in.text(), note.kind() == ProposalKind.AMEND ? paragraph.text() : null);
        item = GroupStages.insertItem(dsl, stageId, note.paragraphId(), note.kind(), note.placement(), text,
            note.rationale(), null, "adopt-modified", m.accountId(), now);
      }
      case "not-retained", "noted" -> { }
      default -> throw DomainException.invalid("decision", "must be adopt, adopt-modified, not-retained, noted or open");
    }
    if (!in.decision().equals("open")) {
      GroupStages.putDecision(dsl, stageId, noteId, in.decision(), item, in.note(), m.accountId(), now);
    }
    Map<String, Object> payload = GroupStageService.event(place, r);
    payload.put("note", noteId);
    payload.put("decision", in.decision());
    payload.put("item", item);
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.note-decided",
        "group-note:" + noteId, payload);
    return stages.snapshot(dsl, place, n, r);
  }

  /** Takes back a decision: the item it made goes, with every decision that went into that item. */
  private static void undo(DSLContext dsl, GroupStages.Decision current) {
    if (current == null) {
      return;
    }
    if (current.itemId() != null) {
      for (long other : GroupStages.notesOf(dsl, current.itemId())) {
        GroupStages.removeDecision(dsl, other);
      }
      GroupStages.deleteItem(dsl, current.itemId());
    } else {
      GroupStages.removeDecision(dsl, current.noteId());
    }
  }

  /**
   * Combines amendments of one paragraph into one item of the position: the coordinator's {@code text}, or, without
   * one, the three-way merge of the notes' texts on word tokens (the merge's {@link TokenMerge}); a collision is
   * a 409 {@code merge-conflict} naming the words, and nothing is overwritten silently.
   */
  public GroupSnapshot combine(DSLContext dsl, Membership m, long n, long r, String group,
      GroupStageService.CombinationInput in) {
    Place place = stages.coordinator(dsl, m, n, r, group);
    long stageId = place.stage().id();
    if (in.notes().size() < 2) {
      throw DomainException.invalid("notes", "name at least two notes to combine");
    }
    Map<Long, GroupStages.Decision> decisions = GroupStages.decisions(dsl, stageId);
    List<GroupStages.Note> notes = new ArrayList<>();
    List<DomainException.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < in.notes().size(); i++) {
      long id = in.notes().get(i);
      Optional<GroupStages.Note> note = GroupStages.note(dsl, stageId, id);
      String field = "notes[" + i + "]";
      if (note.isEmpty()) {
        errors.add(new DomainException.FieldError(field, "note " + id + " is not in this stage"));
      } else if (notes.stream().anyMatch(x -> x.id() == id)) {
        errors.add(new DomainException.FieldError(field, "note " + id + " is named twice"));
      } else if (note.get().kind() != ProposalKind.AMEND) {
        errors.add(new DomainException.FieldError(field, "note " + id + " is a " + note.get().kind().code()
            + "; only amendments of a paragraph's text are combined"));
      } else if (!note.get().state().equals("submitted")) {
        errors.add(new DomainException.FieldError(field, "note " + id + " was withdrawn"));
      } else if (decisions.containsKey(id)) {
        errors.add(new DomainException.FieldError(field, "note " + id + " is decided ("
            + decisions.get(id).decision() + "); undo that first"));
      } else if (!notes.isEmpty() && notes.get(0).paragraphId() != note.get().paragraphId()) {
        errors.add(new DomainException.FieldError(field, "all combined notes concern one paragraph"));
      } else {
        notes.add(note.get());
      }
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
    Proposals.Target paragraph = Proposals.paragraph(dsl, r, notes.get(0).paragraphId()).orElseThrow();
    String text;
    if (in.text() != null) {
      text = cleanedText(in.text(), paragraph.text());
    } else {
      text = merged(paragraph, notes);
    }
    OffsetDateTime now = GroupStageService.now();
    long item = GroupStages.insertItem(dsl, stageId, paragraph.id(), ProposalKind.AMEND, null, text, in.note(), null,
        "combined", m.accountId(), now);
    for (GroupStages.Note x : notes) {
      GroupStages.putDecision(dsl, stageId, x.id(), "combined", item, in.note(), m.accountId(), now);
    }
    Map<String, Object> payload = GroupStageService.event(place, r);
    payload.put("item", item);
    payload.put("notes", notes.stream().map(GroupStages.Note::id).toList());
    payload.put("paragraph", paragraph.id());
    AuditLog.append(dsl, n, new AuditLog.Actor(m.accountId(), place.delegation()), "group.notes-combined",
        "group-item:" + item, payload);
    return stages.snapshot(dsl, place, n, r);
  }

  /** The notes' paragraphs merged one after the other against the paragraph as it stands. */
  static String merged(Proposals.Target paragraph, List<GroupStages.Note> notes) {
    String base = paragraph.text();
    String text = GroupStageService.proposed(paragraph, notes.get(0));
    for (int i = 1; i < notes.size(); i++) {
      String next = GroupStageService.proposed(paragraph, notes.get(i));
      TokenMerge.Outcome o = TokenMerge.merge(base, text, next);
      if (o instanceof TokenMerge.Conflict c) {
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("notes", notes.subList(0, i + 1).stream().map(GroupStages.Note::id).toList());
        ext.put("ours", c.ours());
        ext.put("theirs", c.theirs());
        throw DomainException.conflict("merge-conflict", "note " + notes.get(i).id() + " changes words that the"
            + " notes before it change differently (" + describe(c) + "); send the combined text yourself", ext);
      }
      text = ((TokenMerge.Merged) o).text();
    }
    return text;
  }

  private static String describe(TokenMerge.Conflict c) {
    List<String> parts = new ArrayList<>();
    for (TokenMerge.Op op : c.ours()) {
      parts.add("\"" + op.removed().strip() + "\"");
    }
    return String.join(", ", parts);
  }

  private static String cleanedText(String raw, String unchangedParagraph) {
    List<DomainException.FieldError> errors = new ArrayList<>();
    if (raw == null || raw.isBlank()) {
      throw DomainException.invalid("text", "is required: the group's text");
    }
    String text = org.plenary.proposal.PlainText.problem(raw) == null
        ? org.plenary.proposal.PlainText.clean(raw).strip() : null;
    if (text == null) {
      errors.add(new DomainException.FieldError("text", org.plenary.proposal.PlainText.problem(raw)));
    } else if (org.plenary.proposal.PlainText.length(text) > ProposalDraft.MAX_TEXT) {
      errors.add(new DomainException.FieldError("text", "at most " + ProposalDraft.MAX_TEXT + " characters"));
    } else if (text.equals(unchangedParagraph)) {
      errors.add(new DomainException.FieldError("text", "is the paragraph's current text; nothing would change"));
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
    return text;
  }
}
