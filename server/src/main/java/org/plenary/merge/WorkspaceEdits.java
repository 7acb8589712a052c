package org.plenary.merge;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;

/**
 * The facilitators' direct edits of a workspace: a paragraph's text and status, an insertion, a deletion, a move,
 * each with the paragraph's ETag (428 without, 412 stale with the current text in the problem) and its audit event,
 * in the caller's transaction.
 */
public final class WorkspaceEdits {
  /**
   * The start of every direct edit: the caller is the chair, the revision a workspace, its row locked when the edit
   * changes its order ({@code order}) and then the {@code paragraphs} it changes (see {@link MergeService}'s locks).
   */
  private static Workspaces.Rev changing(DSLContext dsl, Membership m, long n, long wsId, boolean order,
      Long... paragraphs) {
    MergeService.requireChair(m);
    MergeService.editing(dsl, n, wsId);
    if (order) {
      Workspaces.lockWorkspace(dsl, wsId);
    }
    Workspaces.lockParagraphs(dsl, wsId, Arrays.stream(paragraphs).filter(java.util.Objects::nonNull).toList());
    return MergeService.editing(dsl, n, wsId);
  }

  /** The paragraph at the version {@code ifMatch} names, standing in the workspace. */
  private static Workspaces.Para standingVersion(DSLContext dsl, long ws, long paragraphId, String ifMatch) {
    Workspaces.Para cur = requireParagraphVersion(dsl, ws, paragraphId, ifMatch);
    if (cur.position() == null) {
      throw DomainException.conflict("paragraph-deleted", "paragraph " + paragraphId + " is deleted in the workspace");
    }
    return cur;
  }

  private static Workspaces.Para requireParagraphVersion(DSLContext dsl, long ws, long paragraphId, String ifMatch) {
    Workspaces.Para cur = Workspaces.paragraph(dsl, ws, paragraphId)
        .orElseThrow(() -> DomainException.notFound("paragraph " + paragraphId));
    if (ifMatch == null || ifMatch.isBlank()) {
      throw DomainException.preconditionRequired("If-Match", "send the paragraph's ETag in If-Match (it is "
          + cur.etag() + ")", Map.of("etag", cur.etag()));
    }
    if (!ifMatch.strip().equals(cur.etag())) {
      Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("etag", cur.etag());
      ext.put("text", cur.text());
      // not "status": that member of a problem is its HTTP status (RFC 9457)
      ext.put("paragraphStatus", cur.status());
      throw DomainException.preconditionFailed("paragraph " + paragraphId + " has changed since you read it; its "
          + "current text is in this problem: keep what you need and save again", ext);
    }
    return cur;
  }

  /** Sets a workspace paragraph's text and/or status, with the paragraph's ETag. */
  public Workspaces.Para edit(DSLContext dsl, Membership m, long n, long wsId, long paragraphId, String ifMatch,
      String text, String status) {
    Workspaces.Rev ws = changing(dsl, m, n, wsId, false, paragraphId);
    Workspaces.Para cur = standingVersion(dsl, ws.id(), paragraphId, ifMatch);
    if (text == null && status == null) {
      throw DomainException.invalid("text", "send text, status or both");
    }
    if (status != null && !MergeService.STATUSES.contains(status)) {
      throw DomainException.invalid("status", "must be one of " + String.join(", ", MergeService.STATUSES));
    }
    if (text != null && text.isBlank()) {
      throw DomainException.invalid("text", "must not be blank: delete the paragraph instead");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("revision", ws.id());
    payload.put("paragraph", paragraphId);
    if (text != null && !text.equals(cur.text())) {
      Workspaces.setText(dsl, ws.id(), paragraphId, text);
      payload.put("text", true);
    }
    if (status != null && !status.equals(cur.status())) {
      Workspaces.setStatus(dsl, ws.id(), paragraphId, status);
      payload.put("status", Map.of("before", cur.status(), "after", status));
    }
    AuditLog.append(dsl, n, MergeService.actor(m), "workspace.paragraph-edited", "revision:" + ws.id(), payload);
    return Workspaces.paragraph(dsl, ws.id(), paragraphId).orElseThrow();
  }

  /** Inserts a new paragraph after or before another; an operative one takes a bis/ter number. */
  public Workspaces.Para insert(DSLContext dsl, Membership m, long n, long wsId, Long after, Long before, String kind,
      String text) {
    Workspaces.Rev ws = changing(dsl, m, n, wsId, true, after, before);
    if ((after == null) == (before == null)) {
      throw DomainException.invalid("after", "give exactly one of after and before: the paragraph it goes next to");
    }
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("text", "is required");
    }
    long next = after != null ? after : before;
    Workspaces.Para neighbour = WorkspaceOrder.standing(dsl, ws.id(), next);
    String k = kind == null ? neighbour.kind() : kind;
    long id = WorkspaceOrder.insertNextTo(dsl, n, ws.id(), next, after != null, k, text);
    AuditLog.append(dsl, n, MergeService.actor(m), "workspace.paragraph-inserted", "revision:" + ws.id(), Map.of("revision",
        ws.id(), "paragraph", id, after != null ? "after" : "before", next));
    return Workspaces.paragraph(dsl, ws.id(), id).orElseThrow();
  }

  /** Deletes a workspace paragraph (with its ETag). */
  public void delete(DSLContext dsl, Membership m, long n, long wsId, long paragraphId, String ifMatch) {
    Workspaces.Rev ws = changing(dsl, m, n, wsId, true, paragraphId);
    standingVersion(dsl, ws.id(), paragraphId, ifMatch);
    WorkspaceOrder.removeFromOrder(dsl, ws.id(), paragraphId);
    AuditLog.append(dsl, n, MergeService.actor(m), "workspace.paragraph-deleted", "revision:" + ws.id(), Map.of("revision",
        ws.id(), "paragraph", paragraphId));
  }

  /** Moves a workspace paragraph after or before another (with its ETag). */
  public Workspaces.Para move(DSLContext dsl, Membership m, long n, long wsId, long paragraphId, String ifMatch,
      Long after, Long before) {
    Workspaces.Rev ws = changing(dsl, m, n, wsId, true, paragraphId, after, before);
    standingVersion(dsl, ws.id(), paragraphId, ifMatch);
    if ((after == null) == (before == null)) {
      throw DomainException.invalid("after", "give exactly one of after and before");
    }
    long next = after != null ? after : before;
    if (next == paragraphId) {
      throw DomainException.invalid(after != null ? "after" : "before", "a paragraph cannot move next to itself");
    }
    WorkspaceOrder.standing(dsl, ws.id(), next);
    List<Long> order = WorkspaceOrder.order(dsl, ws.id());
    order.remove(paragraphId);
    order.add(order.indexOf(next) + (after != null ? 1 : 0), paragraphId);
    Workspaces.reorder(dsl, ws.id(), order, paragraphId);
    Workspaces.bumpVersion(dsl, ws.id(), paragraphId);
    AuditLog.append(dsl, n, MergeService.actor(m), "workspace.paragraph-moved", "revision:" + ws.id(), Map.of("revision", ws.id(),
        "paragraph", paragraphId, after != null ? "after" : "before", next));
    return Workspaces.paragraph(dsl, ws.id(), paragraphId).orElseThrow();
  }
}
