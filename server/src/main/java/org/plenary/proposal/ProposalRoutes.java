package org.plenary.proposal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Routes;
import org.plenary.proposal.ProposalViews.Viewer;
import org.plenary.store.Changes;
import org.plenary.store.Database;

/**
 * Proposals on a revision's paragraphs over HTTP: submit, list with filters and counts, read, edit and
 * withdraw (with {@code If-Match}), co-sponsors, replies, the proposed text as a diff, a paragraph with its
 * proposals. Handlers parse ({@link ProposalRequests}), call {@link ProposalService} and render
 * ({@link ProposalViews}); the comment window has its own {@link CommentWindowRoutes}.
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/negotiations/1/revisions/1/proposals -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \
 *        -d '{"kind":"amend","paragraph":9,"anchor":{"exact":"2,9"},"text":"2,6","onBehalfOf":"ARAB"}'
 * </pre>
 */
public final class ProposalRoutes {
  private static final String BASE = "/negotiations/:n/revisions/:r";

  private final Submissions submissions;
  private final ProposalService proposals;
  private final Changes changes;
  /**
   * Unfiltered paragraph reads as sent, per paragraph and viewer (invitations show differently to each), stamped
   * with the negotiation's content generation: the JSON is rendered once per viewer and change, not per request.
   */
  private final org.plenary.store.StampedCache<Rendered, io.vertx.core.buffer.Buffer> rendered =
      new org.plenary.store.StampedCache<>(20_000, 32L << 20, b -> b.length() + 128L);

  private record Rendered(long n, long r, long p, ProposalViews.Viewer viewer) {}

  /** Routes that read the database on every request, with the default group commit. */
  public ProposalRoutes(Database db) {
    this(db, Changes.none(), GroupCommit.DEFAULT);
  }

  /**
   * Routes whose unfiltered paragraph reads are served from memory while {@code changes} says nothing changed,
   * and whose new proposals are written by a group commit tuned by {@code groupCommit}.
   */
  public ProposalRoutes(Database db, Changes changes, GroupCommit groupCommit) {
    this.submissions = new Submissions(db, groupCommit);
    this.proposals = new ProposalService(db, changes, submissions);
    this.changes = changes;
  }

  /** Publishes the group commit's queue depth and batch sizes to {@code meters}. */
  public ProposalRoutes measuredBy(io.micrometer.core.instrument.MeterRegistry meters) {
    io.micrometer.core.instrument.Gauge.builder("plenary.groupcommit.queue", submissions, Submissions::waiting)
        .description("proposals waiting for or in a group-commit transaction").register(meters);
    var sizes = io.micrometer.core.instrument.DistributionSummary.builder("plenary.groupcommit.batch.size")
        .description("proposals written per group-commit transaction")
        .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128).register(meters);
    submissions.reportBatchSizes(sizes::record);
    return this;
  }

  public void mount(Routes api) {
    api.post(BASE + "/proposals").handler(this::create);
    api.get(BASE + "/proposals").handler(this::list);
    api.get(BASE + "/proposals/:id").handler(this::get);
    api.patch(BASE + "/proposals/:id").handler(this::edit);
    api.post(BASE + "/proposals/:id/withdraw").handler(this::withdraw);
    api.get(BASE + "/proposals/:id/diff").handler(this::diff);
    api.post(BASE + "/proposals/:id/replies").handler(this::reply);
    api.get(BASE + "/proposals/:id/replies").handler(this::replies);
    api.post(BASE + "/proposals/:id/cosponsors").handler(this::invite);
    api.put(BASE + "/proposals/:id/cosponsors/:d").handler(this::answer);
    api.get(BASE + "/paragraphs/:p").handler(this::paragraph);
  }

  /** A new proposal joins the group commit ({@link Submissions}); the answer comes after its commit. */
  private void create(RoutingContext ctx) {
    var p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    ProposalDraft draft = ProposalRequests.draft(ctx);
    String key = ProposalRequests.idempotencyKey(ctx);
    String hash = ProposalRequests.requestHash(ctx, key);
    created(ctx, proposals.create(p, m, n, r, draft, key, hash, Vertx.currentContext()));
  }

  private void list(RoutingContext ctx) {
    Viewer v = Viewer.of(Policy.membership(ctx));
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    Proposals.Filter filter = ProposalRequests.filter(ctx);
    Http.respond(ctx, 200, proposals.list(n, r, filter).map(l -> ProposalViews.listing(l, v)));
  }

  private void get(RoutingContext ctx) {
    Viewer v = Viewer.of(Policy.membership(ctx));
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    withEtag(ctx, v, proposals.get(n, r, id));
  }

  private void edit(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    ProposalService.Edit edit = ProposalRequests.edit(ctx);
    withEtag(ctx, Viewer.of(m), proposals.edit(m, n, r, id, ProposalRequests.ifMatch(ctx), edit));
  }

  private void withdraw(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    withEtag(ctx, Viewer.of(m), proposals.withdraw(m, n, r, id, ProposalRequests.ifMatch(ctx)));
  }

  private void diff(RoutingContext ctx) {
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    Http.respond(ctx, 200, proposals.diff(n, r, id).map(ProposalViews::diff));
  }

  private void reply(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    ProposalRequests.ReplyInput reply = ProposalRequests.reply(ctx);
    String key = ProposalRequests.idempotencyKey(ctx);
    created(ctx, proposals.reply(m, n, r, id, reply, key, ProposalRequests.requestHash(ctx, key)));
  }

  private void replies(RoutingContext ctx) {
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    Http.respond(ctx, 200, proposals.replies(n, r, id).map(list -> Map.of("replies", list)));
  }

  private void invite(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    var codes = ProposalRequests.invitation(ctx);
    Http.respond(ctx, 200, proposals.invite(m, n, r, id, codes).map(x -> ProposalViews.proposal(x, Viewer.of(m))));
  }

  private void answer(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    long id = ProposalRequests.id(ctx);
    String d = ctx.pathParam("d");
    boolean accept = ProposalRequests.accepts(ctx);
    Http.respond(ctx, 200, proposals.answer(m, n, r, id, d, accept).map(x -> ProposalViews.proposal(x, Viewer.of(m))));
  }

  /** The paragraph with its proposals; unfiltered, from the read cache (rendered per viewer each time). */
  private void paragraph(RoutingContext ctx) {
    Viewer v = Viewer.of(Policy.membership(ctx));
    long n = ProposalRequests.n(ctx);
    long r = ProposalRequests.r(ctx);
    Proposals.Filter filter = ProposalRequests.paragraphFilter(ctx);
    boolean unfiltered = filter.equals(new Proposals.Filter(filter.paragraph(), null, null, null, null));
    Rendered key = unfiltered ? new Rendered(n, r, filter.paragraph(), v) : null;
    long stamp = changes.content(n); // before the read: see Changes
    io.vertx.core.buffer.Buffer ready = key == null ? null : rendered.get(key, stamp);
    if (ready != null) {
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(ready);
      return;
    }
    proposals.paragraph(n, r, filter).onSuccess(view -> {
      io.vertx.core.buffer.Buffer bytes = io.vertx.core.buffer.Buffer.buffer(Json.bytes(ProposalViews.paragraph(view, r, v)));
      if (key != null) {
        rendered.put(key, stamp, bytes);
      }
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(bytes);
    }).onFailure(ctx::fail);
  }

  /** 200 with the proposal as {@code v} sees it and its {@code ETag}. */
  private static void withEtag(RoutingContext ctx, Viewer v, Future<Proposal> result) {
    result.onSuccess(x -> {
      ctx.response().putHeader("ETag", x.etag());
      Json.send(ctx, 200, ProposalViews.proposal(x, v));
    }).onFailure(ctx::fail);
  }

  /** The creating call's response: status, {@code Location}, {@code ETag}, {@code Idempotent-Replayed}. */
  private static void created(RoutingContext ctx, Future<Created> result) {
    result.onSuccess(c -> {
      var response = ctx.response().setStatusCode(c.status())
          .putHeader("Content-Type", "application/json; charset=utf-8");
      if (c.location() != null) {
        response.putHeader("Location", "/api/v1" + c.location());
      }
      if (c.etag() != null) {
        response.putHeader("ETag", c.etag());
      }
      if (c.replayed()) {
        response.putHeader("Idempotent-Replayed", "true");
      }
      response.end(c.body());
    }).onFailure(ctx::fail);
  }
}
