package org.plenary.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.domain.DomainException;
import org.plenary.text.Numbering;

/**
 * The workspace's document order, as decisions and direct edits change it: a paragraph standing or deleted, an
 * insertion next to another (numbered bis/ter), a deletion, a deleted paragraph put back. Runs inside the caller's
 * transaction, with the workspace's row locked ({@link MergeService}, {@link WorkspaceEdits}).
 */
final class WorkspaceOrder {
  private WorkspaceOrder() {}

  /** The workspace paragraph as it stands; 409 when the workspace deleted it. */
  static Workspaces.Para standing(DSLContext dsl, long ws, long paragraphId) {
    return standing(Workspaces.paragraph(dsl, ws, paragraphId).orElse(null), paragraphId);
  }

  static Workspaces.Para standing(Workspaces.Para cur, long paragraphId) {
    if (cur == null) {
      throw DomainException.notFound("paragraph " + paragraphId + " in the workspace");
    }
    if (cur.position() == null) {
      throw DomainException.conflict("paragraph-deleted", "paragraph " + paragraphId + " is deleted in the workspace: "
          + "restore it (take back the decision that deleted it) or edit another", Map.of("paragraph", paragraphId));
    }
    return cur;
  }

  static long insertNextTo(DSLContext dsl, long n, long ws, long neighbourId, boolean after, String kind,
      String text) {
    Workspaces.Para neighbour = standing(dsl, ws, neighbourId);
    List<Workspaces.Para> all = Workspaces.paragraphs(dsl, ws);
    List<Long> order = new ArrayList<>(all.stream().filter(p -> p.position() != null).map(Workspaces.Para::id).toList());
    int at = order.indexOf(neighbourId) + (after ? 1 : 0);
    // the number: after a numbered paragraph of the same kind, its number with bis/ter; else none
    Workspaces.Para numberedFrom = after ? neighbour : at > 0 ? find(all, order.get(at - 1)) : null;
    String number = null;
    if (numberedFrom != null && numberedFrom.kind().equals(kind) && numberedFrom.number() != null) {
      Set<String> taken = new HashSet<>();
      all.forEach(p -> taken.add(p.number()));
      number = Numbering.insertedAfter(numberedFrom.number(), taken, "rtl".equals(neighbour.direction()));
    }
    String direction = org.plenary.draft.Direction.of(text).code();
    Long parent = neighbour.kind().equals(kind) ? neighbour.parent() : null;
    long id = Workspaces.insertParagraph(dsl, n, ws, kind, number, parent, text, direction);
    order.add(at, id);
    Workspaces.reorder(dsl, ws, order);
    return id;
  }

  static Workspaces.Para find(List<Workspaces.Para> all, long id) {
    return all.stream().filter(p -> p.id() == id).findFirst().orElse(null);
  }

  static void removeFromOrder(DSLContext dsl, long ws, long paragraphId) {
    List<Long> order = order(dsl, ws);
    order.remove(paragraphId);
    Workspaces.setDeleted(dsl, ws, paragraphId, true, null);
    Workspaces.reorder(dsl, ws, order);
  }

  /** Puts a deleted paragraph back after the paragraph that precedes it in the base revision. */
  static void restore(DSLContext dsl, Workspaces.Rev ws, long paragraphId) {
    List<Long> order = order(dsl, ws.id());
    if (order.contains(paragraphId)) {
      return;
    }
    List<Workspaces.Para> base = Workspaces.paragraphs(dsl, ws.basedOn()).stream()
        .filter(p -> p.position() != null).toList();
    int at = 0;
    for (Workspaces.Para p : base) {
      if (p.id() == paragraphId) {
        break;
      }
      int i = order.indexOf(p.id());
      if (i >= 0) {
        at = i + 1;
      }
    }
    order.add(at, paragraphId);
    String status = base.stream().filter(p -> p.id() == paragraphId).map(Workspaces.Para::status).findFirst()
        .orElse("open");
    Workspaces.setDeleted(dsl, ws.id(), paragraphId, false, status);
    Workspaces.reorder(dsl, ws.id(), order);
  }

  static List<Long> order(DSLContext dsl, long ws) {
    return Workspaces.order(dsl, ws);
  }
}
