package org.plenary.group;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.compile.CompilationRoutes;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.proposal.ProposalDraft;
import org.plenary.proposal.ProposalRequests;
import org.plenary.store.Database;

/**
 * A group's private stage over HTTP (see {@link GroupStageService} for the rules). Every route is under
 * {@code /negotiations/:n/revisions/:r/groups/:g}; a caller who does not take part in the stage gets 404 on all
 * of them. A new proposal sent to {@code …/proposals} with {@code "visibility":"group:ARAB"} is that group's note:
 * this class takes it before the proposal routes do, so it is never stored as a public proposal.
 *
 * <pre>
 *   curl -X PUT  $B/negotiations/1/revisions/1/groups/ARAB/stage -d '{"deadline":"2026-12-20T17:00:00Z","guests":["ESCWA"]}'
 *   curl -X POST $B/negotiations/1/revisions/1/proposals -d '{"kind":"amend","paragraph":9,"text":"…","visibility":"group:ARAB"}'
 *   curl -X PUT  $B/negotiations/1/revisions/1/groups/ARAB/notes/4/decision -d '{"decision":"adopt"}'
 *   curl -X POST $B/negotiations/1/revisions/1/groups/ARAB/submission
 *   curl "$B/negotiations/1/revisions/1/groups/ARAB/notes?format=docx" -o notes.docx
 * </pre>
 */
public final class GroupRoutes {
  private static final String BASE = "/negotiations/:n/revisions/:r";
  private static final String GROUP = BASE + "/groups/:g";
  /** How a body that names a visibility starts to look; bodies without it skip the gate at the cost of a scan. */
  private static final byte[] VISIBILITY = "\"visibility\"".getBytes(StandardCharsets.UTF_8);

  private final Database db;
  private final GroupStageService stages = new GroupStageService();
  private final GroupConsolidation consolidation = new GroupConsolidation(stages);

  public GroupRoutes(Database db) {
    this.db = db;
  }

  /** Mount before the proposal routes: the gate on {@code POST …/proposals} must see a group's note first. */
  public void mount(Routes api) {
    api.post(BASE + "/proposals").handler(this::gate);
    api.get(BASE + "/groups").handler(this::mine);
    api.put(GROUP + "/stage").handler(this::open);
    api.get(GROUP + "/stage").handler(this::stage);
    api.post(GROUP + "/notes").handler(this::note);
    api.get(GROUP + "/notes").handler(this::notes);
    api.get(GROUP + "/notes/:id").handler(this::one);
    api.post(GROUP + "/notes/:id/withdraw").handler(this::withdraw);
    api.put(GROUP + "/notes/:id/decision").handler(this::decide);
    api.post(GROUP + "/combinations").handler(this::combine);
    api.get(GROUP + "/position").handler(this::position);
    api.put(GROUP + "/position/:item/stance").handler(this::stance);
    api.post(GROUP + "/submission").handler(this::submit);
  }

  /** A new proposal whose visibility names a group is that group's note; anything else goes on to the proposals. */
  private void gate(RoutingContext ctx) {
    var body = ctx.body().buffer();
    if (body == null || indexOf(body.getBytes(), VISIBILITY) < 0) {
      ctx.next();
      return;
    }
    ProposalRequests.Sent sent = ProposalRequests.sent(ctx);
    if (sent.visibility() == null || !sent.visibility().startsWith("group:")) {
      ctx.next();
      return;
    }
    String group = sent.visibility().substring("group:".length()).toUpperCase(java.util.Locale.ROOT);
    created(ctx, GroupRequests.n(ctx), GroupRequests.r(ctx), group, sent.draft());
  }

  private void mine(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    Http.respond(ctx, 200, db.read(dsl -> Map.of("stages", stages.places(dsl, m, n, r).stream()
        .map(place -> GroupViews.stage(stages.snapshot(dsl, m, n, r, place.stage().group()))).toList())));
  }

  private void open(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    GroupStageService.StageInput in = GroupRequests.stage(ctx);
    db.tx(dsl -> stages.openStage(dsl, m, n, r, g, in)).onSuccess(done -> {
      if (done.getValue()) {
        ctx.response().putHeader("Location", "/api/v1" + GroupViews.location(n, r, g) + "/stage");
      }
      Json.send(ctx, done.getValue() ? 201 : 200, GroupViews.stageOnly(done.getKey()));
    }).onFailure(ctx::fail);
  }

  private void stage(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    Http.respond(ctx, 200, db.read(dsl -> GroupViews.stage(stages.snapshot(dsl, m, n, r, g))));
  }

  private void note(RoutingContext ctx) {
    String g = GroupRequests.group(ctx);
    created(ctx, GroupRequests.n(ctx), GroupRequests.r(ctx), g, GroupRequests.note(ctx, g));
  }

  private void created(RoutingContext ctx, long n, long r, String g, ProposalDraft draft) {
    Membership m = Policy.membership(ctx);
    db.tx(dsl -> {
      GroupStages.Note x = stages.createNote(dsl, m, n, r, g, draft);
      return GroupViews.note(stages.snapshot(dsl, m, n, r, g), x);
    }).onSuccess(view -> {
      ctx.response().putHeader("Location", "/api/v1" + GroupViews.location(n, r, g) + "/notes/" + view.get("id"));
      Json.send(ctx, 201, view);
    }).onFailure(ctx::fail);
  }

  /** The notes as JSON ({@code ?paragraph=&mine=true}), or the group's notes document with {@code ?format=}. */
  private void notes(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    if (ctx.queryParams().contains("format")) {
      CompilationRoutes.Query q = CompilationRoutes.query(ctx, "part");
      GroupNotesDocument.Part part = GroupNotesDocument.Part.parse(ctx.queryParams().get("part"));
      CompilationRoutes.respond(ctx, q, db.read(dsl -> GroupNotesDocument.load(dsl,
          stages.snapshot(dsl, m, n, r, g), n, r, part)), g + "-notes");
      return;
    }
    Long paragraph = paragraphFilter(ctx);
    boolean mine = "true".equals(ctx.queryParams().get("mine"));
    Http.respond(ctx, 200, db.read(dsl -> GroupViews.notes(stages.snapshot(dsl, m, n, r, g), paragraph, mine)));
  }

  private void one(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    long id = GroupRequests.id(ctx, "id", "note");
    Http.respond(ctx, 200, db.read(dsl -> {
      GroupSnapshot s = stages.snapshot(dsl, m, n, r, g);
      return GroupViews.note(s, s.notes().stream().filter(x -> x.id() == id).findFirst()
          .orElseThrow(() -> Problem.notFound("note " + id)));
    }));
  }

  private void withdraw(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    long id = GroupRequests.id(ctx, "id", "note");
    Http.respond(ctx, 200, db.tx(dsl -> {
      GroupStages.Note x = stages.withdrawNote(dsl, m, n, r, g, id);
      return GroupViews.note(stages.snapshot(dsl, m, n, r, g), x);
    }));
  }

  private void decide(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    long id = GroupRequests.id(ctx, "id", "note");
    GroupStageService.DecisionInput in = GroupRequests.decision(ctx);
    Http.respond(ctx, 200, db.tx(dsl -> GroupViews.position(consolidation.decide(dsl, m, n, r, g, id, in))));
  }

  private void combine(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    GroupStageService.CombinationInput in = GroupRequests.combination(ctx);
    Http.respond(ctx, 201, db.tx(dsl -> GroupViews.position(consolidation.combine(dsl, m, n, r, g, in))));
  }

  private void position(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    Http.respond(ctx, 200, db.read(dsl -> GroupViews.position(stages.snapshot(dsl, m, n, r, g))));
  }

  private void stance(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    long item = GroupRequests.id(ctx, "item", "item");
    GroupStageService.StanceInput in = GroupRequests.stance(ctx);
    Http.respond(ctx, 200, db.tx(dsl -> GroupViews.position(stages.stance(dsl, m, n, r, g, item, in))));
  }

  private void submit(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = GroupRequests.n(ctx);
    long r = GroupRequests.r(ctx);
    String g = GroupRequests.group(ctx);
    db.tx(dsl -> stages.submit(dsl, m, n, r, g))
        .onSuccess(x -> Json.send(ctx, x.created() ? 201 : 200, GroupViews.submitted(x))).onFailure(ctx::fail);
  }

  private static Long paragraphFilter(RoutingContext ctx) {
    String raw = ctx.queryParams().get("paragraph");
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw Problem.invalid("paragraph", "must be a paragraph id");
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
