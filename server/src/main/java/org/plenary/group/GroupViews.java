package org.plenary.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.proposal.ProposalKind;
import org.plenary.proposal.Proposals;

/** The JSON shapes of a group's stage: the stage, its notes with their outcomes, and the draft position. */
final class GroupViews {
  private GroupViews() {}

  static String location(long n, long r, String group) {
    return "/negotiations/" + n + "/revisions/" + r + "/groups/" + group;
  }

  /** The stage as one participant sees it, with counts of its notes and items. */
  static Map<String, Object> stage(GroupSnapshot s) {
    GroupStages.Stage st = s.place().stage();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", st.id());
    out.put("group", st.group());
    out.put("revision", st.revisionId());
    out.put("deadline", st.deadline().toInstant().toString());
    out.put("open", !st.submitted() && GroupStageService.now().isBefore(st.deadline()));
    out.put("state", st.state());
    out.put("coordinator", st.coordinator());
    out.put("members", s.members());
    out.put("guests", st.guests());
    out.put("submittedAt", st.submittedAt() == null ? null : st.submittedAt().toInstant().toString());
    out.put("you", Map.of("delegation", s.place().delegation(), "standing", s.place().standing().code()));
    long open = s.notes().stream().filter(x -> !x.kind().onProposal() && x.state().equals("submitted")
        && !s.decisions().containsKey(x.id())).count();
    out.put("counts", Map.of("notes", s.notes().stream().filter(x -> !x.kind().onProposal()).count(),
        "undecided", open, "items", s.items().size()));
    out.put("version", st.version());
    return out;
  }

  /** The stage alone (opening or changing it). */
  static Map<String, Object> stageOnly(GroupStages.Stage st) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", st.id());
    out.put("group", st.group());
    out.put("revision", st.revisionId());
    out.put("deadline", st.deadline().toInstant().toString());
    out.put("state", st.state());
    out.put("coordinator", st.coordinator());
    out.put("guests", st.guests());
    out.put("version", st.version());
    return out;
  }

  static Map<String, Object> notes(GroupSnapshot s, Long paragraph, boolean mine) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GroupStages.Note x : s.notes()) {
      if ((paragraph == null || x.paragraphId() == paragraph)
          && (!mine || x.delegation().equals(s.place().delegation()))) {
        out.add(note(s, x));
      }
    }
    return Map.of("group", s.place().stage().group(), "notes", out);
  }

  /** A note with its supporters, the coordinator's decision and what became of it. */
  static Map<String, Object> note(GroupSnapshot s, GroupStages.Note x) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", x.id());
    out.put("visibility", "group:" + s.place().stage().group());
    out.put("paragraph", x.paragraphId());
    out.put("kind", x.kind().code());
    out.put("placement", x.placement());
    out.put("target", x.targetId());
    out.put("text", x.text());
    out.put("rationale", x.rationale());
    out.put("anchor", x.anchor() == null ? null : x.anchor().selector());
    Proposals.Target p = s.paragraphs().get(x.paragraphId());
    if (p != null && (x.kind() == ProposalKind.AMEND || x.kind() == ProposalKind.DELETE) && x.state().equals("submitted")) {
      out.put("proposedParagraph", x.kind() == ProposalKind.DELETE && x.anchor() == null ? ""
          : GroupStageService.proposed(p, x));
    }
    out.put("delegation", x.delegation());
    out.put("state", x.state());
    out.put("createdAt", x.createdAt().toInstant().toString());
    if (!x.kind().onProposal()) {
      out.put("supports", s.reactions(x.id(), ProposalKind.SUPPORT));
      out.put("objections", s.reactions(x.id(), ProposalKind.OBJECT));
      out.put("outcome", outcome(s, x.id()));
    }
    return out;
  }

  /** What became of a note: undecided, or its decision, the item it went into and that item's proposal's fate. */
  static Map<String, Object> outcome(GroupSnapshot s, long noteId) {
    Map<String, Object> out = new LinkedHashMap<>();
    GroupStages.Decision d = s.decisions().get(noteId);
    out.put("decision", d == null ? "undecided" : d.decision());
    out.put("note", d == null ? null : d.note());
    out.put("item", d == null ? null : d.itemId());
    Long proposal = null;
    if (d != null && d.itemId() != null) {
      // an item has no proposal before the submission: findFirst() of a null would throw
      proposal = s.items().stream().filter(i -> i.id() == d.itemId()).findFirst().map(GroupStages.Item::proposalId)
          .orElse(null);
    }
    out.put("proposal", proposal);
    GroupStages.Outcome o = proposal == null ? null : s.outcomes().get(proposal);
    out.put("proposalState", o == null ? null : o.state());
    out.put("fate", o == null ? null : o.fate());
    out.put("fateRevision", o == null ? null : o.fateRevision());
    return out;
  }

  /** The draft position: each item with its notes, stances and the co-sponsors it would have now. */
  static Map<String, Object> position(GroupSnapshot s) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (GroupStages.Item i : s.items()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", i.id());
      out.put("paragraph", i.paragraphId());
      out.put("kind", i.kind().code());
      out.put("placement", i.placement());
      out.put("text", i.text());
      out.put("rationale", i.rationale());
      out.put("anchor", i.anchor() == null ? null : i.anchor().selector());
      out.put("origin", i.origin());
      out.put("notes", s.notesOf(i.id()));
      out.put("supports", s.stances(i.id(), "support"));
      out.put("objections", s.stances(i.id(), "object"));
      out.put("optedOut", s.optedOut(i.id()));
      out.put("cosponsors", s.cosponsors(i.id()));
      out.put("proposal", i.proposalId());
      GroupStages.Outcome o = i.proposalId() == null ? null : s.outcomes().get(i.proposalId());
      out.put("fate", o == null ? null : o.fate());
      items.add(out);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("group", s.place().stage().group());
    out.put("state", s.place().stage().state());
    out.put("submittedBy", s.place().stage().state().equals("submitted") ? s.place().stage().coordinator() : null);
    out.put("items", items);
    return out;
  }

  static Map<String, Object> submitted(GroupStageService.Submitted x) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("group", x.stage().group());
    out.put("state", x.stage().state());
    out.put("submittedAt", x.stage().submittedAt() == null ? null : x.stage().submittedAt().toInstant().toString());
    out.put("proposals", x.proposals());
    return out;
  }
}
