package org.plenary.group;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;

/** Everything the group's views show: the stage, its notes, decisions, position and outcomes. */
public record GroupSnapshot(GroupStageService.Place place, List<GroupStages.Note> notes,
    Map<Long, GroupStages.Decision> decisions, List<GroupStages.Item> items, List<GroupStages.Stance> stances, Map<Long, GroupStages.Outcome> outcomes,
    List<String> members, Map<Long, Proposals.Target> paragraphs) {

  /** The notes that went into item {@code itemId}. */
  public List<Long> notesOf(long itemId) {
    List<Long> out = new ArrayList<>();
    decisions.values().forEach(d -> {
      if (d.itemId() != null && d.itemId() == itemId) {
        out.add(d.noteId());
      }
    });
    out.sort(null);
    return out;
  }

  /** The delegations supporting ({@code support}) or objecting to a note, through support/object notes. */
  public List<String> reactions(long noteId, ProposalKind kind) {
    return notes.stream().filter(x -> x.kind() == kind && Objects.equals(x.targetId(), noteId)
        && x.state().equals("submitted")).map(GroupStages.Note::delegation).distinct().toList();
  }

  /**
   * Who co-sponsors item {@code itemId} when it is submitted: the authors of its notes and their supporters, and
   * the members supporting the item, less those objecting to it or opting out, the coordinator (who submits it)
   * and the group itself; only members taking part in the negotiation.
   */
  public List<String> cosponsors(long itemId) {
    Set<String> out = new LinkedHashSet<>();
    for (long noteId : notesOf(itemId)) {
      notes.stream().filter(x -> x.id() == noteId).findFirst().ifPresent(x -> out.add(x.delegation()));
      out.addAll(reactions(noteId, ProposalKind.SUPPORT));
    }
    for (GroupStages.Stance s : stances) {
      if (s.itemId() == itemId && "support".equals(s.stance())) {
        out.add(s.delegation());
      }
    }
    for (GroupStages.Stance s : stances) {
      if (s.itemId() == itemId && ("object".equals(s.stance()) || !s.cosponsor())) {
        out.remove(s.delegation());
      }
    }
    out.remove(place.stage().group());
    out.remove(place.stage().coordinator());
    out.retainAll(new HashSet<>(members));
    return out.stream().sorted().toList();
  }

  /** The delegations that stated {@code stance} on item {@code itemId}. */
  public List<String> stances(long itemId, String stance) {
    return stances.stream().filter(s -> s.itemId() == itemId && stance.equals(s.stance()))
        .map(GroupStages.Stance::delegation).toList();
  }

  /** The members that opted out of co-sponsoring item {@code itemId}. */
  public List<String> optedOut(long itemId) {
    return stances.stream().filter(s -> s.itemId() == itemId && !s.cosponsor()).map(GroupStages.Stance::delegation)
        .toList();
  }
}
