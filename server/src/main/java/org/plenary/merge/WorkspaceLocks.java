package org.plenary.merge;

import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposal;
import org.plenary.proposal.ProposalKind;

/**
 * What a change of the workspace locks, and in which order: the workspace's row when its order changes, then the
 * paragraphs it changes by id, then (as it writes) the proposals; publishing locks the workspace and every
 * paragraph. See docs/merge.md, "Two facilitators at once".
 */
final class WorkspaceLocks {
  private WorkspaceLocks() {}

  /**
   * What deciding {@code decision} on {@code p} must lock, its earlier decision {@code earlier} (or null) taken out
   * first: adds the paragraphs it changes to {@code paragraphs}; true when it changes the workspace's order too (an
   * accepted insertion or deletion, or the undoing of one).
   */
  static boolean needs(Proposal p, String decision, Workspaces.Decision earlier, Set<Long> paragraphs) {
    paragraphs.add(p.paragraphId());
    boolean accepting = "accept".equals(decision) || "accept-modified".equals(decision);
    boolean order = accepting && (p.kind() == ProposalKind.INSERT
        || p.kind() == ProposalKind.DELETE && p.anchor() == null && "accept".equals(decision));
    if (earlier != null) {
      if (earlier.paragraphId() != null) {
        paragraphs.add(earlier.paragraphId());
      }
      if (earlier.structuralParagraphId() != null) {
        paragraphs.add(earlier.structuralParagraphId());
        order = true;
      }
    }
    return order;
  }

  /**
   * Takes a change's locks, in one order everywhere: the workspace's row when the order changes, then the
   * paragraphs by id (then, as it writes, the proposals). Two facilitators deciding on different paragraphs then go
   * at once, and publishing, which locks them all, waits for both. Returns the workspace as it is once they are
   * held: publishing may have closed it meanwhile (then 409, as when there is none).
   */
  static Workspaces.Rev lock(DSLContext dsl, long n, long r, Workspaces.Rev ws, boolean order,
      Set<Long> paragraphs) {
    if (order) {
      Workspaces.lockWorkspace(dsl, ws.id());
    }
    Workspaces.lockParagraphs(dsl, ws.id(), paragraphs);
    Workspaces.Rev now = MergeService.workspaceOn(dsl, n, r);
    if (now.id() != ws.id()) {
      throw DomainException.conflict("no-workspace", "the workspace on revision " + r + " changed while this waited: "
          + "read it again");
    }
    return now;
  }

  /** 412 when the proposal was decided by someone else between the first read and the locks. */
  static void unchanged(Proposal p, Workspaces.Decision seen, Workspaces.Decision now) {
    if (!java.util.Objects.equals(seen, now)) {
      throw DomainException.preconditionFailed("proposal " + p.id() + " was decided by someone else while this "
          + "waited: read it again, then decide", Map.of("proposal", p.id()));
    }
  }
}
