package org.plenary.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.plenary.access.AuthHandler;
import org.plenary.access.Membership;
import org.plenary.access.Policy;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.diff.WordDiff;
import org.plenary.domain.DomainException;
import org.plenary.http.Http;
import org.plenary.http.Json;
import org.plenary.http.Problem;
import org.plenary.store.Changes;
import org.plenary.store.Database;
import org.plenary.store.StampedCache;

/**
 * Proposals on a revision's paragraphs: submit, list with filters and counts, read, edit and withdraw
 * (with {@code If-Match}), co-sponsors, replies, the proposed text as a diff; and the revision's comment
 * window (deadline, silence procedure).
 *
 * <pre>
 *   curl -s -X POST localhost:8080/api/v1/negotiations/1/revisions/1/proposals -H "Authorization: Bearer $TOKEN" \
 *        -H 'Content-Type: application/json' -H "Idempotency-Key: $(uuidgen)" \
 *        -d '{"kind":"amend","paragraph":9,"anchor":{"exact":"2,9"},"text":"2,6","onBehalfOf":"ARAB"}'
 * </pre>
 */
public final class ProposalRoutes {
  private static final String BASE = "/negotiations/:n/revisions/:r";

  /** Paragraphs kept by the read cache of {@code GET …/paragraphs/:p} before it is cleared … */
  static final int CACHED_PARAGRAPHS = 20_000;
  /** … or characters of text in them (about 100 MB of heap with the objects around them). */
  static final long CACHED_CHARACTERS = 24_000_000;

  private final Database db;
  private final Changes changes;
  private final Submissions submissions;
  /** Unfiltered paragraph reads, stamped with the negotiation's content generation; rendered per viewer. */
  private final StampedCache<ParagraphKey, ParagraphView> paragraphs = new StampedCache<>(CACHED_PARAGRAPHS,
      CACHED_CHARACTERS, ParagraphView::characters);

  /** Routes that read the database on every request. */
  public ProposalRoutes(Database db) {
    this(db, Changes.none());
  }

  /** Routes whose unfiltered paragraph reads are served from memory while {@code changes} says nothing changed. */
  public ProposalRoutes(Database db, Changes changes) {
    this.db = Objects.requireNonNull(db, "db");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.submissions = new Submissions(db);
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

  public void mount(Router api) {
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
    api.get(BASE + "/comment-window").handler(this::window);
    api.put(BASE + "/comment-window").handler(this::setWindow);
    api.get(BASE + "/silence-breaks").handler(this::silenceBreaks);
  }

  /** What a caller sees: invitations are shown to the proposing side, the invitee and the chair. */
  record Viewer(Role role, String delegation) {
    static Viewer of(Membership m) {
      return new Viewer(m.role(), m.delegation());
    }
  }

  /**
   * What a creating POST's transaction made: the response, and {@code audit}, which appends the event last
   * in the transaction, after the response is stored, so the chain head is held only to commit.
   */
  private record Creating(Created response, java.util.function.Consumer<DSLContext> audit) {}

  // --- proposals -------------------------------------------------------------------------------------------

  /** A new proposal joins the group commit ({@link Submissions}); the answer comes after its commit. */
  private void create(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    ObjectNode body = Json.body(ctx, "kind", "paragraph", "placement", "target", "text", "rationale", "anchor",
        "onBehalfOf", "cosponsors");
    ProposalDraft draft = readDraft(body);
    String key = IdempotencyKeys.key(ctx.request().getHeader(IdempotencyKeys.HEADER));
    submissions.submit(p, m, n, r, draft, key, requestHash(ctx, key), Vertx.currentContext())
        .onSuccess(c -> send(ctx, c)).onFailure(ctx::fail);
  }

  static void checkCosponsors(DSLContext dsl, long n, List<String> cosponsors, String acting, String own) {
    List<Problem.FieldError> errors = new ArrayList<>();
    List<String> unknown = Proposals.unknownDelegations(dsl, cosponsors);
    List<String> absent = Proposals.absentFrom(dsl, n, cosponsors);
    for (int i = 0; i < cosponsors.size(); i++) {
      String c = cosponsors.get(i);
      if (unknown.contains(c)) {
        errors.add(new Problem.FieldError("cosponsors[" + i + "]", "no delegation has the code " + c));
      } else if (absent.contains(c)) {
        // it could never answer: no delegate of it takes part
        errors.add(new Problem.FieldError("cosponsors[" + i + "]", c + " does not take part in this negotiation "
            + "(the secretariat adds delegations: POST /api/v1/negotiations/" + n + "/delegations)"));
      } else if (c.equals(acting) || c.equals(own)) {
        errors.add(new Problem.FieldError("cosponsors[" + i + "]", c + " is the proposing delegation"));
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  private void list(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Proposals.Filter filter = filter(ctx, true);
    Http.respond(ctx, 200, db.read(dsl -> {
      Proposals.window(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r));
      Viewer v = Viewer.of(m);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("proposals", Proposals.list(dsl, r, filter).stream().map(x -> json(x, v)).toList());
      out.put("counts", Proposals.counts(dsl, r, filter));
      return out;
    }));
  }

  private void get(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    db.read(dsl -> {
      Proposal found = find(dsl, n, r, id);
      return Map.entry(found.etag(), json(found, Viewer.of(m)));
    }).onSuccess(e -> {
      ctx.response().putHeader("ETag", e.getKey());
      Json.send(ctx, 200, e.getValue());
    }).onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    ObjectNode body = Json.body(ctx, "kind", "paragraph", "placement", "target", "text", "rationale", "anchor",
        "onBehalfOf", "cosponsors");
    Json.Fields f = new Json.Fields(body);
    String text = f.optionalText("text", ProposalDraft.MAX_TEXT);
    String rationale = f.optionalText("rationale", ProposalDraft.MAX_RATIONALE);
    Anchor.Input anchor = body.has("anchor") ? readAnchor(body.get("anchor"), f) : null;
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of("text", "rationale", "anchor").contains(name)) {
        f.error(name, "cannot be changed; only text, rationale and anchor can (withdraw and propose anew otherwise)");
      }
    }
    f.check();
    String ifMatch = ctx.request().getHeader("If-Match");
    changing(ctx, db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      int version = requireMatch(ifMatch, current);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      Anchor.Input oldAnchor = current.anchor() == null ? null : new Anchor.Input(current.anchor().exact(),
          current.anchor().prefix(), current.anchor().suffix(), current.anchor().start(), current.anchor().end());
      ProposalDraft merged = new ProposalDraft(current.kind().code(), current.paragraphId(), current.placement(),
          current.targetId(), body.has("text") ? text : current.text(),
          body.has("rationale") ? rationale : current.rationale(), body.has("anchor") ? anchor : oldAnchor, null, null);
      ProposalDraft.Target target = current.targetId() == null ? null
          : Proposals.target(dsl, r, current.targetId()).orElse(null);
      String paragraphText = Proposals.paragraph(dsl, r, current.paragraphId()).map(Proposals.Target::text)
          .orElse(null);
      ProposalDraft.Checked checked = merged.check(r, paragraphText, target);
      if (!Proposals.update(dsl, id, version, checked.text(), checked.rationale(), checked.anchor(), now)) {
        throw stale(find(dsl, n, r, id));
      }
      Proposal stored = find(dsl, n, r, id);
      var out = Map.entry(stored.etag(), json(stored, Viewer.of(m)));
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), stored.delegation()), "proposal.updated",
          "proposal:" + id, event(stored));
      return out;
    }));
  }

  private void withdraw(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    String ifMatch = ctx.request().getHeader("If-Match");
    changing(ctx, db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      int version = requireMatch(ifMatch, current);
      if (!current.state().equals(Proposal.SUBMITTED)) {
        throw Problem.conflict("not-submitted", "proposal " + id + " is " + current.state() + " already");
      }
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      if (!Proposals.withdraw(dsl, id, version, now)) {
        throw stale(find(dsl, n, r, id));
      }
      Proposal stored = find(dsl, n, r, id);
      var out = Map.entry(stored.etag(), json(stored, Viewer.of(m)));
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), stored.delegation()), "proposal.withdrawn",
          "proposal:" + id, event(stored));
      return out;
    }));
  }

  private static void changing(RoutingContext ctx, Future<Map.Entry<String, Map<String, Object>>> result) {
    result.onSuccess(e -> {
      ctx.response().putHeader("ETag", e.getKey());
      Json.send(ctx, 200, e.getValue());
    }).onFailure(ctx::fail);
  }

  /** Only the delegation the proposal was made for (through its coordinator, for a group) changes it. */
  private static void requireMayChange(DSLContext dsl, Membership m, Proposal proposal) {
    String acting = null;
    if (m.delegation() != null) {
      try {
        acting = m.actingFor(dsl, proposal.delegation());
      } catch (DomainException notCoordinator) {
        acting = m.delegation();
      }
    }
    ProposalPermissions.requireMayChange(m.role(), proposal, acting);
  }

  /** The version {@code If-Match} names; 428 without the header, 412 when it names another version. */
  static int requireMatch(String ifMatch, Proposal current) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new Problem(428, "precondition-required", "If-Match required",
          "send If-Match with the proposal's ETag (" + current.etag() + ") so a stale edit cannot overwrite a newer one",
          List.of(new Problem.FieldError("If-Match", "is required")), Map.of("etag", current.etag()));
    }
    for (String tag : ifMatch.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(current.etag())) {
        return current.version();
      }
    }
    throw stale(current);
  }

  private static Problem stale(Proposal current) {
    return new Problem(412, "precondition-failed", "The proposal has changed",
        "If-Match does not name the current version " + current.etag() + " of proposal " + current.id()
            + "; read it again, then retry", List.of(new Problem.FieldError("If-Match", "is stale")),
        Map.of("etag", current.etag()));
  }

  private void diff(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    Http.respond(ctx, 200, db.read(dsl -> {
      Proposal found = find(dsl, n, r, id);
      String current = Proposals.paragraph(dsl, r, found.paragraphId()).map(Proposals.Target::text).orElse("");
      String proposed = found.proposedParagraph(current);
      if (proposed == null) {
        throw Problem.conflict("no-proposed-text", "a " + found.kind().code() + " proposes no text to compare");
      }
      String from = found.kind() == ProposalKind.INSERT ? "" : current;
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("proposal", found.id());
      out.put("paragraph", found.paragraphId());
      out.put("kind", found.kind().code());
      out.put("current", from);
      out.put("proposed", proposed);
      out.put("ops", WordDiff.diff(from, proposed).stream()
          .map(op -> Map.of("type", op.type().code(), "text", op.text())).toList());
      return out;
    }));
  }

  // --- replies and co-sponsors -----------------------------------------------------------------------------

  private void reply(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    ObjectNode body = Json.body(ctx, "text", "inReplyTo");
    Json.Fields f = new Json.Fields(body);
    String raw = f.requiredText("text", ProposalDraft.MAX_RATIONALE);
    Long inReplyTo = optionalId(body, "inReplyTo", f);
    List<DomainException.FieldError> errors = new ArrayList<>();
    String text = ProposalDraft.cleaned("text", raw, ProposalDraft.MAX_RATIONALE, errors);
    errors.forEach(e -> f.error(e.field(), e.message()));
    f.check();
    idempotent(ctx, p, dsl -> {
      Proposal proposal = find(dsl, n, r, id);
      ProposalPermissions.requireMayReply(m.role());
      if (m.role() == Role.DELEGATE) {
        CommentWindow w = Proposals.window(dsl, n, r).orElseThrow();
        w.requireAllowed(ProposalKind.COMMENT, true, now());
      }
      if (inReplyTo != null && !Proposals.replyExists(dsl, id, inReplyTo)) {
        throw Problem.invalid("inReplyTo", "reply " + inReplyTo + " is not in the thread of proposal " + id);
      }
      OffsetDateTime now = now();
      long replyId = Proposals.addReply(dsl, proposal.id(), inReplyTo, m.delegation(), p.accountId(), text, now);
      Proposals.Reply stored = new Proposals.Reply(replyId, id, inReplyTo, m.delegation(), p.accountId(), text, now);
      return new Creating(new Created(201, location(n, r, id) + "/replies", Json.string(stored), null, false),
          audit -> AuditLog.append(audit, n, new AuditLog.Actor(p.accountId(), m.delegation()), "proposal.replied",
              "proposal:" + id, Map.of("proposal", id, "reply", replyId, "revision", r)));
    });
  }

  private void replies(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    Http.respond(ctx, 200, db.read(dsl -> {
      find(dsl, n, r, id);
      return Map.of("replies", Proposals.replies(dsl, id));
    }));
  }

  private void invite(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "delegations"));
    List<String> codes = f.textList("delegations", ProposalDraft.MAX_COSPONSORS, 32);
    if (codes.isEmpty() && !f.hasError("delegations")) {
      f.error("delegations", "is required: the delegations to invite, such as [\"IRQ\"]");
    }
    f.check();
    Http.respond(ctx, 200, db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      requireMayChange(dsl, m, current);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      checkCosponsors(dsl, n, codes, current.delegation(), current.submittedBy());
      List<String> fresh = Proposals.invite(dsl, id, codes, now);
      Map<String, Object> out = json(find(dsl, n, r, id), Viewer.of(m));
      if (!fresh.isEmpty()) {
        AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), current.delegation()), "proposal.cosponsors-invited",
            "proposal:" + id, Map.of("proposal", id, "revision", r, "invited", fresh));
      }
      return out;
    }));
  }

  private void answer(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long id = Http.idParam(ctx, "id", "proposal");
    String d = ctx.pathParam("d");
    Json.Fields f = new Json.Fields(Json.smallBody(ctx, "answer"));
    String answer = f.requiredText("answer", 10);
    if (answer != null && !answer.equals("accept") && !answer.equals("decline")) {
      f.error("answer", "must be \"accept\" or \"decline\"");
    }
    f.check();
    Http.respond(ctx, 200, db.tx(dsl -> {
      Proposal current = find(dsl, n, r, id);
      ProposalPermissions.requireMayPropose(m.role());
      String acting = m.actingFor(dsl, d);
      OffsetDateTime now = now();
      Proposals.window(dsl, n, r).orElseThrow().requireOpen(now);
      boolean accept = answer.equals("accept");
      if (!Proposals.answer(dsl, id, acting, accept, p.accountId(), now)) {
        throw Problem.notFound("invitation of " + acting + " to co-sponsor proposal " + id);
      }
      Map<String, Object> out = json(find(dsl, n, r, id), Viewer.of(m));
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("proposal", id);
      payload.put("revision", r);
      payload.put("delegation", acting);
      if (!accept) {
        // a decline is for the invitee and the proposing side (who see invitations), not for everyone
        payload.put(org.plenary.events.EventVisibility.AUDIENCE,
            java.util.stream.Stream.of(acting, current.delegation(), current.submittedBy()).distinct().toList());
      }
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), acting),
          accept ? "proposal.cosponsor-accepted" : "proposal.cosponsor-declined", "proposal:" + id, payload);
      return out;
    }));
  }

  // --- paragraphs, comment window, silence -----------------------------------------------------------------

  /** A paragraph as it stands in a revision, with its proposals (all of them, or those passing a filter). */
  private record ParagraphView(Proposals.Target paragraph, List<Proposal> proposals) {
    /** The weight of a cache entry: its characters of text, plus a little per proposal for the rest. */
    long characters() {
      long n = length(paragraph.text()) + 64;
      for (Proposal x : proposals) {
        n += length(x.text()) + length(x.rationale()) + (x.anchor() == null ? 0 : length(x.anchor().exact())
            + length(x.anchor().prefix()) + length(x.anchor().suffix())) + 64L * (4 + x.cosponsors().size());
      }
      return n;
    }

    private static int length(String s) {
      return s == null ? 0 : s.length();
    }
  }

  private record ParagraphKey(long negotiationId, long revisionId, long paragraphId) {}

  /**
   * The paragraph with its proposals. Without filters it is served from the read cache while the negotiation's
   * content generation is the one taken before the entry was read (see {@link Changes}); the JSON is rendered
   * per viewer each time, as invitations show differently to each.
   */
  private void paragraph(RoutingContext ctx) {
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    long paragraphId = Http.idParam(ctx, "p", "paragraph");
    Proposals.Filter given = filter(ctx, false);
    Proposals.Filter filter = new Proposals.Filter(paragraphId, given.delegation(), given.group(), given.kind(),
        given.state());
    Viewer v = Viewer.of(m);
    if (!filter.equals(new Proposals.Filter(paragraphId, null, null, null, null))) {
      Http.respond(ctx, 200, db.read(dsl -> paragraphJson(readParagraph(dsl, n, r, filter), r, v)));
      return;
    }
    ParagraphKey key = new ParagraphKey(n, r, paragraphId);
    long stamp = changes.content(n); // before the read: see Changes
    ParagraphView cached = paragraphs.get(key, stamp);
    if (cached != null) {
      Json.send(ctx, 200, paragraphJson(cached, r, v));
      return;
    }
    Http.respond(ctx, 200, db.read(dsl -> {
      ParagraphView view = readParagraph(dsl, n, r, filter);
      paragraphs.put(key, stamp, view);
      return paragraphJson(view, r, v);
    }));
  }

  private static ParagraphView readParagraph(DSLContext dsl, long n, long r, Proposals.Filter filter) {
    long paragraphId = filter.paragraph();
    Proposals.Target paragraph = Proposals.context(dsl, n, r, paragraphId)
        .orElseThrow(() -> Problem.notFound("revision " + r)).paragraph();
    if (paragraph == null) {
      throw Problem.notFound("paragraph " + paragraphId + " in revision " + r);
    }
    return new ParagraphView(paragraph, Proposals.list(dsl, r, filter));
  }

  private static Map<String, Object> paragraphJson(ParagraphView view, long r, Viewer v) {
    Proposals.Target paragraph = view.paragraph();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", paragraph.id());
    out.put("revision", r);
    out.put("number", paragraph.number());
    out.put("kind", paragraph.kind());
    out.put("text", paragraph.text());
    out.put("direction", paragraph.direction());
    out.put("proposals", view.proposals().stream().map(x -> json(x, v)).toList());
    return out;
  }

  private void window(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Http.respond(ctx, 200, db.read(dsl -> {
      return windowJson(Proposals.window(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r)));
    }));
  }

  private void setWindow(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    Membership m = Policy.membership(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    ObjectNode body = Json.smallBody(ctx, "deadline", "silence");
    Json.Fields f = new Json.Fields(body);
    String raw = f.optionalText("deadline", 40);
    OffsetDateTime deadline = null;
    if (raw != null) {
      try {
        deadline = OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        if (!deadline.isAfter(now())) {
          f.error("deadline", "must be in the future (it is now " + now().truncatedTo(ChronoUnit.SECONDS) + ")");
        }
      } catch (DateTimeParseException e) {
        f.error("deadline", "must be a date and time with offset, such as \"2026-12-03T17:00:00Z\"");
      }
    } else if (!body.has("deadline")) {
      f.error("deadline", "is required (null removes it)");
    }
    JsonNode s = body.get("silence");
    if (s != null && !s.isNull() && !s.isBoolean()) {
      f.error("silence", "must be true or false");
    }
    boolean silence = s != null && s.asBoolean(false);
    if (silence && deadline == null && !f.hasError("deadline")) {
      f.error("deadline", "the silence procedure needs a deadline");
    }
    f.check();
    OffsetDateTime at = deadline;
    Http.respond(ctx, 200, db.tx(dsl -> {
      CommentWindow before = Proposals.window(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r));
      ProposalPermissions.requireMaySetWindow(m.role());
      Proposals.setWindow(dsl, r, at, silence);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("revision", r);
      payload.put("deadline", at == null ? null : at.toString());
      payload.put("previous", before.deadline() == null ? null : before.deadline().toString());
      payload.put("silence", silence);
      AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "revision.comment-window", "revision:" + r,
          payload);
      return windowJson(new CommentWindow(at, silence));
    }));
  }

  private void silenceBreaks(RoutingContext ctx) {
    Principal p = AuthHandler.principal(ctx);
    long n = Http.idParam(ctx, "n", "negotiation");
    long r = Http.idParam(ctx, "r", "revision");
    Http.respond(ctx, 200, db.read(dsl -> {
      CommentWindow w = Proposals.window(dsl, n, r).orElseThrow(() -> Problem.notFound("revision " + r));
      List<Proposals.SilenceBreak> breaks = Proposals.silenceBreaks(dsl, r);
      Map<String, Object> out = windowJson(w);
      out.put("broken", !breaks.isEmpty());
      out.put("breaks", breaks);
      return out;
    }));
  }

  private static Map<String, Object> windowJson(CommentWindow w) {
    Map<String, Object> out = new LinkedHashMap<>();
    // RFC 3339 always with seconds ("2099-12-31T17:00:00Z"; OffsetDateTime.toString() drops zero seconds)
    out.put("deadline", w.deadline() == null ? null
        : w.deadline().withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    out.put("silence", w.silence());
    out.put("open", w.isOpen(now()));
    return out;
  }

  // --- shared pieces ---------------------------------------------------------------------------------------

  /**
   * Runs a creating call once per {@code Idempotency-Key}: the stored response of an earlier identical request
   * is sent again ({@code Idempotent-Replayed: true}); the key with another body is a 422. The response is
   * stored in the creating transaction; a concurrent duplicate fails on the key's primary key, rolls back,
   * and then reads the winner's response.
   */
  private void idempotent(RoutingContext ctx, Principal p, Function<DSLContext, Creating> work) {
    String key = IdempotencyKeys.key(ctx.request().getHeader(IdempotencyKeys.HEADER));
    String hash = requestHash(ctx, key);
    Future<Created> result = db.tx(dsl -> {
      if (key != null) {
        var stored = IdempotencyKeys.find(dsl, p.accountId(), key);
        if (stored.isPresent()) {
          return Created.replayed(IdempotencyKeys.replay(stored.get(), hash, key));
        }
      }
      Creating created = work.apply(dsl);
      Created response = created.response();
      if (key != null) {
        IdempotencyKeys.store(dsl, p.accountId(), key,
            new IdempotencyKeys.Stored(hash, response.status(), response.location(), response.body()));
      }
      created.audit().accept(dsl);
      return response;
    });
    if (key != null) {
      result = result.recover(err -> IdempotencyKeys.isDuplicateKey(err)
          ? db.read(dsl -> Created.replayed(IdempotencyKeys.replay(IdempotencyKeys.find(dsl, p.accountId(), key)
              .orElseThrow(() -> err instanceof RuntimeException re ? re : new IllegalStateException(err)), hash, key)))
          : Future.failedFuture(err));
    }
    result.onSuccess(c -> send(ctx, c)).onFailure(ctx::fail);
  }

  /** The request's hash for its idempotency key (null without a key). */
  private static String requestHash(RoutingContext ctx, String key) {
    if (key == null) {
      return null;
    }
    Buffer raw = ctx.body().buffer();
    return IdempotencyKeys.requestHash("POST", ctx.request().path(), raw == null ? new byte[0] : raw.getBytes());
  }

  private static void send(RoutingContext ctx, Created c) {
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
  }

  private static Proposal find(DSLContext dsl, long n, long r, long id) {
    return Proposals.get(dsl, r, id).filter(x -> x.negotiationId() == n)
        .orElseThrow(() -> Problem.notFound("proposal " + id + " in revision " + r));
  }

  static String location(long n, long r, long id) {
    return "/negotiations/" + n + "/revisions/" + r + "/proposals/" + id;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static ProposalDraft readDraft(ObjectNode body) {
    Json.Fields f = new Json.Fields(body);
    String kind = f.optionalText("kind", 32);
    Long paragraph = optionalId(body, "paragraph", f);
    String placement = f.optionalText("placement", 10);
    Long target = optionalId(body, "target", f);
    String text = rawText(body, "text", f);
    String rationale = rawText(body, "rationale", f);
    Anchor.Input anchor = body.hasNonNull("anchor") ? readAnchor(body.get("anchor"), f) : null;
    String onBehalfOf = f.optionalText("onBehalfOf", 32);
    List<String> cosponsors = f.textList("cosponsors", ProposalDraft.MAX_COSPONSORS, 32);
    f.check();
    return new ProposalDraft(kind, paragraph, placement, target, text, rationale, anchor, onBehalfOf, cosponsors);
  }

  /** A free-text field as sent (length is checked after cleaning, in code points). */
  private static String rawText(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      f.error(field, "must be a string");
      return null;
    }
    return v.textValue();
  }

  private static Long optionalId(ObjectNode body, String field, Json.Fields f) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() <= 0) {
      f.error(field, "must be a positive integer id");
      return null;
    }
    return v.asLong();
  }

  private static Anchor.Input readAnchor(JsonNode node, Json.Fields f) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      f.error("anchor", "must be an object {\"exact\", \"prefix\", \"suffix\", \"start\", \"end\"}");
      return null;
    }
    Json.Fields a = new Json.Fields((ObjectNode) node);
    String exact = a.optionalText("exact", 4000);
    String prefix = a.optionalText("prefix", 400);
    String suffix = a.optionalText("suffix", 400);
    Integer start = offset(node, "start", f);
    Integer end = offset(node, "end", f);
    if (exact == null) {
      f.error("anchor.exact", "is required: the quoted text of the span (at most 4000 characters)");
    }
    return new Anchor.Input(exact, prefix, suffix, start, end);
  }

  private static Integer offset(JsonNode anchor, String field, Json.Fields f) {
    JsonNode v = anchor.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      f.error("anchor." + field, "must be a non-negative integer (a code point offset)");
      return null;
    }
    return v.asInt();
  }

  private static Proposals.Filter filter(RoutingContext ctx, boolean withParagraph) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Long paragraph = null;
    String rawParagraph = ctx.queryParams().get("paragraph");
    if (withParagraph && rawParagraph != null) {
      try {
        paragraph = Long.parseLong(rawParagraph);
      } catch (NumberFormatException e) {
        errors.add(new Problem.FieldError("paragraph", "must be a paragraph id"));
      }
    }
    String delegation = code(ctx.queryParams().get("delegation"), "delegation", errors);
    String group = code(ctx.queryParams().get("group"), "group", errors);
    ProposalKind kind = null;
    String rawKind = ctx.queryParams().get("kind");
    if (rawKind != null) {
      kind = ProposalKind.parse(rawKind);
      if (kind == null) {
        errors.add(new Problem.FieldError("kind", "must be one of " + ProposalKind.accepted()));
      }
    }
    String state = ctx.queryParams().get("state");
    if (state != null && !List.of("submitted", "withdrawn", "decided").contains(state)) {
      errors.add(new Problem.FieldError("state", "must be submitted, withdrawn or decided"));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return new Proposals.Filter(paragraph, delegation, group, kind, state);
  }

  private static String code(String value, String field, List<Problem.FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[A-Za-z0-9_-]{2,32}")) {
      errors.add(new Problem.FieldError(field, "must be a delegation code such as EGY or ARAB"));
      return null;
    }
    return value.toUpperCase(java.util.Locale.ROOT);
  }

  /** The proposal for one viewer: pending and declined invitations only for those concerned. */
  static Map<String, Object> json(Proposal x, Viewer v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", x.id());
    out.put("negotiation", x.negotiationId());
    out.put("revision", x.revisionId());
    out.put("paragraph", x.paragraphId());
    out.put("kind", x.kind().code());
    out.put("itu", x.kind().ituCode() == null ? null : Map.of("code", x.kind().ituCode(), "ar", x.kind().ituArabic()));
    out.put("placement", x.placement());
    out.put("target", x.targetId());
    out.put("text", x.text());
    out.put("rationale", x.rationale());
    out.put("anchor", x.anchor() == null ? null : x.anchor().selector());
    out.put("delegation", x.delegation());
    out.put("submittedBy", x.submittedBy());
    out.put("cosponsors", x.acceptedCosponsors());
    boolean concerned = ProposalPermissions.seesAllInvitations(v.role()) || v.delegation() != null
        && (v.delegation().equals(x.delegation()) || v.delegation().equals(x.submittedBy()));
    List<Proposal.Cosponsor> invitations = x.cosponsors().stream()
        .filter(c -> concerned || c.delegation().equals(v.delegation())).toList();
    if (!invitations.isEmpty()) {
      out.put("invitations", invitations);
    }
    out.put("state", x.state());
    out.put("version", x.version());
    out.put("etag", x.etag());
    out.put("breaksSilence", x.breaksSilence());
    if (x.lineage() != Proposal.Lineage.NONE) {
      out.put("carriedFrom", x.lineage().carriedFrom());
      out.put("needsRebase", x.lineage().needsRebase());
      out.put("fate", x.lineage().fate());
    }
    out.put("createdAt", x.createdAt());
    out.put("updatedAt", x.updatedAt());
    return out;
  }

  /** What the audit log (and the live stream built on it) records: nothing that only some may see. */
  static Map<String, Object> event(Proposal x) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("proposal", x.id());
    out.put("revision", x.revisionId());
    out.put("paragraph", x.paragraphId());
    out.put("kind", x.kind().code());
    out.put("delegation", x.delegation());
    out.put("submittedBy", x.submittedBy());
    out.put("state", x.state());
    out.put("version", x.version());
    return out;
  }
}
