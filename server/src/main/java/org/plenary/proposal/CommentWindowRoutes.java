package org.plenary.proposal;

import io.vertx.ext.web.RoutingContext;
import org.plenary.access.Policy;
import org.plenary.http.Http;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * A revision's comment window over HTTP: read it, set or extend it (facilitators, secretariat), and the
 * silence breaks. Rules in {@link CommentWindowService}, JSON in {@link ProposalViews}.
 *
 * <pre>
 *   curl -s -X PUT localhost:8080/api/v1/negotiations/1/revisions/1/comment-window -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -d '{"deadline":"2026-12-03T17:00:00Z","silence":true}'
 * </pre>
 */
public final class CommentWindowRoutes {
  private static final String BASE = "/negotiations/:n/revisions/:r";

  private final CommentWindowService windows;

  public CommentWindowRoutes(Database db) {
    this.windows = new CommentWindowService(db);
  }

  public void mount(Routes api) {
    api.get(BASE + "/comment-window").handler(this::window);
    api.put(BASE + "/comment-window").handler(this::setWindow);
    api.get(BASE + "/silence-breaks").handler(this::silenceBreaks);
  }

  private void window(RoutingContext ctx) {
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    Http.respond(ctx, 200, windows.window(n, r).map(w -> ProposalViews.window(w, ProposalService.now())));
  }

  private void setWindow(RoutingContext ctx) {
    var m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    ProposalRequests.WindowInput in = ProposalRequests.window(ctx);
    Http.respond(ctx, 200, windows.set(m, n, r, in.deadline(), in.silence())
        .map(w -> ProposalViews.window(w, ProposalService.now())));
  }

  private void silenceBreaks(RoutingContext ctx) {
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    Http.respond(ctx, 200, windows.silenceBreaks(n, r)
        .map(b -> ProposalViews.silenceBreaks(b, ProposalService.now())));
  }
}
