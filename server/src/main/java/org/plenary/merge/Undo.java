package org.plenary.merge;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.domain.DomainException;

/**
 * Taking a decision back out of the workspace: its text change reverted by the three-way merge (keeping everything
 * done since), an accepted insertion's paragraph removed, an accepted deletion's paragraph put back, a combination
 * dissolved. In the caller's transaction, its locks held.
 */
final class Undo {
  private Undo() {}

  /** Takes the current decision on a proposal out of the workspace (its change reverted), if there is one. */
  static void undo(DSLContext dsl, Workspaces.Rev ws, long proposalId) {
    undo(dsl, ws, Workspaces.decision(dsl, proposalId));
  }

  /** {@link #undo} of the decision already read ({@code current}, empty when there is none). */
  static void undo(DSLContext dsl, Workspaces.Rev ws, Optional<Workspaces.Decision> current) {
    if (current.isEmpty()) {
      return;
    }
    Workspaces.Decision d = current.get();
    long proposalId = d.proposalId();
    if (d.combinationId() != null) {
      dissolve(dsl, ws, d.combinationId());
      return;
    }
    // the row first: it names the paragraph an accepted insertion created, which the revert removes
    Workspaces.removeDecision(dsl, proposalId);
    revert(dsl, ws, d);
  }

  static void revert(DSLContext dsl, Workspaces.Rev ws, Workspaces.Decision d) {
    if (d.structuralParagraphId() != null) {
      Workspaces.Para para = Workspaces.paragraph(dsl, ws.id(), d.structuralParagraphId()).orElse(null);
      if (para == null) {
        return;
      }
      if ("inserted".equals(para.change()) && d.textBefore() != null && d.textBefore().isEmpty()) {
        // an accepted insertion: the paragraph it created goes again
        List<Long> order = WorkspaceOrder.order(dsl, ws.id());
        order.remove(para.id());
        Workspaces.reorder(dsl, ws.id(), order);
        Workspaces.dropCreatedParagraph(dsl, ws.id(), para.id());
      } else {
        WorkspaceOrder.restore(dsl, ws, para.id());
      }
      return;
    }
    if (d.textBefore() == null || d.textAfter() == null || d.textBefore().equals(d.textAfter())) {
      return;
    }
    revertText(dsl, ws.id(), d.paragraphId(), d.textBefore(), d.textAfter());
  }

  /** Takes a change (before → after) out of a paragraph's current text, keeping everything done since. */
  static void revertText(DSLContext dsl, long ws, long paragraphId, String before, String after) {
    Workspaces.Para cur = WorkspaceOrder.standing(dsl, ws, paragraphId);
    TokenMerge.Outcome o = TokenMerge.merge(after, cur.text(), before);
    if (o instanceof TokenMerge.Conflict c) {
      throw DomainException.conflict("merge-conflict", "the words this decision changed in paragraph " + paragraphId
          + " were edited since: edit the paragraph directly", Map.of("paragraph", paragraphId,
              "workspace", cur.text(), "workspaceOps", c.ours(), "revertOps", c.theirs(), "etag", cur.etag()));
    }
    String merged = ((TokenMerge.Merged) o).text();
    if (!merged.equals(cur.text())) {
      Workspaces.setText(dsl, ws, paragraphId, merged);
    }
  }

  static void dissolve(DSLContext dsl, Workspaces.Rev ws, long combinationId) {
    Workspaces.Combination c = Workspaces.combination(dsl, combinationId).orElseThrow();
    revertText(dsl, ws.id(), c.paragraphId(), c.textBefore(), c.textAfter());
    for (long member : Workspaces.combinationMembers(dsl, combinationId)) {
      Workspaces.removeDecision(dsl, member);
    }
    Workspaces.deleteCombination(dsl, combinationId);
  }
}
