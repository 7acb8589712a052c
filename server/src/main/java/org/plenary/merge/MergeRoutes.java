package org.plenary.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * The facilitators' merge over HTTP: open the successor workspace, decide on proposals, combine, edit the
 * workspace's paragraphs, publish, carry forward, and read what became of proposals. Handlers only parse and
 * translate; the rules are in {@link MergeService}, {@link WorkspaceEdits}, {@link Publication} and {@link Fates}.
 *
 * <pre>
 *   curl -s -X POST $B/negotiations/1/revisions/1/successor -H "$AUTH" -H 'Content-Type: application/json' -d '{"label":"Rev.1"}'
 *   curl -s -X PUT $B/negotiations/1/revisions/1/proposals/9/decision -H "$AUTH" -H 'If-Match: "p9v1"' \
 *        -H 'Content-Type: application/json' -d '{"decision":"accept"}'
 *   curl -s -X POST $B/negotiations/1/revisions/2/publish -H "$AUTH"
 * </pre>
 */
public final class MergeRoutes {
  private final Database db;
  private final MergeService merge = new MergeService();
  private final WorkspaceEdits edits = new WorkspaceEdits();
  private final Publication publication = new Publication();
  private final Fates fates = new Fates();

  public MergeRoutes(Database db) {
    this.db = db;
  }

  public void mount(Routes api) {
    String r = "/negotiations/:n/revisions/:r";
    api.post(r + "/successor").handler(this::open);
    api.get(r + "/successor-workspace").handler(this::workspace);
    api.put(r + "/proposals/:id/decision").handler(this::decide);
    api.post(r + "/decisions").handler(this::decideAll);
    api.post(r + "/successor-workspace/combinations").handler(this::combine);
    api.patch(r + "/paragraphs/:p").handler(this::edit);
    api.post(r + "/paragraphs").handler(this::insert);
    api.delete(r + "/paragraphs/:p").handler(this::delete);
    api.post(r + "/paragraphs/:p/move").handler(this::move);
    api.post(r + "/publish").handler(this::publish);
    api.post(r + "/carry-forward").handler(this::carryForward);
    api.get("/negotiations/:n/fates").handler(this::fates);
  }

  private static long n(RoutingContext ctx) {
    return Http.idParam(ctx, "n", "negotiation");
  }

  private static long r(RoutingContext ctx) {
    return Http.idParam(ctx, "r", "revision");
  }

  private void open(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "label"));
    String label = f.optionalText("label", 200);
    f.check();
    long n = n(ctx);
    created(ctx, db.tx(dsl -> MergeViews.workspace(merge.open(dsl, m, n, r(ctx), label))),
        out -> "/api/v1/negotiations/" + n + "/revisions/" + out.get("id"));
  }

  private void workspace(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = n(ctx);
    long r = r(ctx);
    Http.respond(ctx, 200, db.read(dsl -> MergeViews.overview(dsl, m, merge, n, r)));
  }

  private void decide(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    Json.Fields f = new Json.Fields(Json.body(ctx, "decision", "text", "note"));
    String decision = f.requiredText("decision", 24);
    String text = f.optionalText("text", 100_000);
    String note = f.optionalText("note", 4000);
    f.check();
    String ifMatch = ctx.request().getHeader("If-Match");
    long id = Http.idParam(ctx, "id", "proposal");
    withEtag(ctx, db.tx(dsl -> MergeViews.decided(merge.decide(dsl, m, n(ctx), r(ctx), id, ifMatch, decision, text,
        note))));
  }

  private void decideAll(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    ObjectNode body = Json.body(ctx, "decisions", "atomic");
    Json.Fields f = new Json.Fields(body);
    List<DecisionBatch.Item> items = MergeRequests.decisionItems(body.get("decisions"), f);
    boolean atomic = MergeRequests.optionalBoolean(body, "atomic", f);
    f.check();
    String path = ctx.request().path();
    DecisionBatch.check(items);
    long n = n(ctx);
    long r = r(ctx);
    var done = atomic ? db.tx(dsl -> merge.decideAll(dsl, m, n, r, items, true))
        : inChunks(items, chunk -> db.tx(dsl -> merge.decideAll(dsl, m, n, r, chunk, false)));
    Http.respond(ctx, 200, done.map(outcomes -> MergeViews.outcomes(outcomes, path)));
  }

  /** Runs {@code run} on {@link MergeService#CHUNK} items at a time, one chunk after the other; the outcomes in order. */
  private static io.vertx.core.Future<List<DecisionBatch.Outcome>> inChunks(List<DecisionBatch.Item> items,
      java.util.function.Function<List<DecisionBatch.Item>, io.vertx.core.Future<List<DecisionBatch.Outcome>>> run) {
    io.vertx.core.Future<List<DecisionBatch.Outcome>> all = io.vertx.core.Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < items.size(); i += DecisionBatch.CHUNK) {
      List<DecisionBatch.Item> chunk = List.copyOf(items.subList(i, Math.min(items.size(), i + DecisionBatch.CHUNK)));
      all = all.compose(done -> run.apply(chunk).map(more -> {
        done.addAll(more);
        return done;
      }));
    }
    return all;
  }

  private void combine(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    ObjectNode body = Json.body(ctx, "proposals", "text", "note");
    Json.Fields f = new Json.Fields(body);
    List<Long> ids = idList(body.get("proposals"), f);
    String text = f.requiredText("text", 100_000);
    String note = f.optionalText("note", 4000);
    f.check();
    List<String> etags = ctx.request().headers().getAll("If-Match").stream()
        .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::strip).toList();
    Http.respond(ctx, 201, db.tx(dsl -> MergeViews.combination(merge.combine(dsl, m, n(ctx), r(ctx), ids,
        etags.isEmpty() ? null : etags, text, note))));
  }

  private void edit(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    Json.Fields f = new Json.Fields(Json.body(ctx, "text", "status"));
    String text = f.optionalText("text", 100_000);
    String status = f.optionalText("status", 32);
    f.check();
    String ifMatch = ctx.request().getHeader("If-Match");
    long p = Http.idParam(ctx, "p", "paragraph");
    withEtag(ctx, db.tx(dsl -> MergeViews.paragraph(edits.edit(dsl, m, n(ctx), r(ctx), p, ifMatch, text, status))));
  }

  private void insert(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    ObjectNode body = Json.body(ctx, "after", "before", "kind", "text");
    Json.Fields f = new Json.Fields(body);
    Long after = optionalId(body, "after", f);
    Long before = optionalId(body, "before", f);
    String kind = f.optionalText("kind", 24);
    String text = f.requiredText("text", 100_000);
    f.check();
    long n = n(ctx);
    long r = r(ctx);
    created(ctx, db.tx(dsl -> MergeViews.paragraph(edits.insert(dsl, m, n, r, after, before, kind, text))),
        out -> "/api/v1/negotiations/" + n + "/revisions/" + r + "/paragraphs/" + out.get("id"));
  }

  private void delete(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    String ifMatch = ctx.request().getHeader("If-Match");
    long p = Http.idParam(ctx, "p", "paragraph");
    db.tx(dsl -> {
      edits.delete(dsl, m, n(ctx), r(ctx), p, ifMatch);
      return null;
    }).onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void move(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    ObjectNode body = Json.smallBody(ctx, "after", "before");
    Json.Fields f = new Json.Fields(body);
    Long after = optionalId(body, "after", f);
    Long before = optionalId(body, "before", f);
    f.check();
    String ifMatch = ctx.request().getHeader("If-Match");
    long p = Http.idParam(ctx, "p", "paragraph");
    withEtag(ctx, db.tx(dsl -> MergeViews.paragraph(edits.move(dsl, m, n(ctx), r(ctx), p, ifMatch, after, before))));
  }

  private void publish(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    Http.respond(ctx, 200, db.tx(dsl -> MergeViews.published(publication.publish(dsl, m, n(ctx), r(ctx)))));
  }

  private void carryForward(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    ObjectNode body = ctx.body().buffer() == null || ctx.body().buffer().length() == 0 ? Json.object()
        : Json.smallBody(ctx, "proposals");
    Json.Fields f = new Json.Fields(body);
    List<Long> ids = body.has("proposals") ? idList(body.get("proposals"), f) : null;
    f.check();
    Http.respond(ctx, 200, db.tx(dsl -> MergeViews.published(fates.carryForward(dsl, m, n(ctx), r(ctx), ids))));
  }

  private void fates(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    var q = ctx.queryParams();
    Fates.Query query = new Fates.Query(q.get("delegation"), longParam(ctx, "revision"), longParam(ctx, "paragraph"),
        q.get("fate"));
    Http.respond(ctx, 200, db.read(dsl -> Map.of("fates", fates.chains(dsl, m, n(ctx), query))));
  }

  private static Long longParam(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw org.plenary.http.Problem.invalid(name, "must be an id (a whole number)");
    }
  }

  private static List<Long> idList(JsonNode node, Json.Fields f) {
    List<Long> out = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty() || node.size() > 100) {
      f.error("proposals", "must be an array of 2 to 100 proposal ids");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).canConvertToLong() || !node.get(i).isIntegralNumber() || node.get(i).asLong() <= 0) {
        f.error("proposals[" + i + "]", "must be a proposal id");
      } else {
        out.add(node.get(i).asLong());
      }
    }
    return out;
  }

  private static Long optionalId(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || v.asLong() <= 0) {
      f.error(field, "must be a paragraph id");
      return null;
    }
    return v.asLong();
  }

  private static void withEtag(RoutingContext ctx, Future<Map<String, Object>> result) {
    result.onSuccess(out -> {
      Object etag = out.get("etag");
      if (etag != null) {
        ctx.response().putHeader("ETag", etag.toString());
      }
      Json.send(ctx, 200, out);
    }).onFailure(ctx::fail);
  }

  private static void created(RoutingContext ctx, Future<Map<String, Object>> result,
      java.util.function.Function<Map<String, Object>, String> location) {
    result.onSuccess(out -> {
      ctx.response().putHeader("Location", location.apply(out));
      if (out.get("etag") != null) {
        ctx.response().putHeader("ETag", out.get("etag").toString());
      }
      Json.send(ctx, 201, new LinkedHashMap<>(out));
    }).onFailure(ctx::fail);
  }
}
