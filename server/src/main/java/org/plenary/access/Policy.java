package org.plenary.access;

import static org.plenary.schema.Tables.NEGOTIATION;
import static org.plenary.schema.Tables.NEGOTIATION_DELEGATION;
import static org.plenary.schema.Tables.PARTICIPANT;
import static org.plenary.schema.Tables.REVISION;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.plenary.access.AuthorizationMatrix.Entry;
import org.plenary.access.AuthorizationMatrix.Outcome;
import org.plenary.access.AuthorizationMatrix.Relation;
import org.plenary.access.AuthorizationMatrix.State;
import org.plenary.access.AuthorizationMatrix.Who;
import org.plenary.http.Problem;
import org.plenary.store.Changes;
import org.plenary.store.Database;
import org.plenary.store.StampedCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorisation rules in one place. Mounted in front of every protected route, it finds the route in
 * the {@link AuthorizationMatrix}, works out the caller's standing (admin, role in the negotiation,
 * outsider), the relation of a delegate's delegation to the subject of the route, and the state of the
 * revision involved, and lets the request through, or answers 403 or 404 exactly as the matrix says. A
 * route that the matrix does not list is refused (404): a new endpoint cannot ship unguarded.
 *
 * <p>Features register how to find the subject's delegation for their own path parameters:
 * <pre>
 *   policy.relation("p", (dsl, m, id) -&gt; proposals.delegationOf(dsl, m.negotiationId(), id));
 * </pre>
 * Handlers may still check more (a body field naming a group the caller does not coordinate): those
 * checks refine, never widen, what the matrix allows.
 *
 * <p>The guard's one query (negotiation, the caller's participant row, the revision's state and deadline) is
 * kept per (account, negotiation, revision) while the negotiation's {@link Changes#structure structure
 * generation} stays the one taken before the read; a request whose route needs no relation or other resolver
 * is then decided on the event loop, without a worker hop. "Closed" is worked out from the kept deadline at
 * each request.
 */
public final class Policy {
  private static final Logger LOG = LoggerFactory.getLogger(Policy.class);
  /** The caller's membership, put on the context for the handlers of negotiation routes. */
  public static final String MEMBERSHIP = "plenary.membership";

  /** The delegation that owns the subject named by a path parameter; empty when no such subject exists. */
  @FunctionalInterface
  public interface SubjectDelegation {
    Optional<String> of(DSLContext dsl, Membership caller, String paramValue);
  }

  /** The state of the revision named by a path parameter; empty when no such revision exists. */
  @FunctionalInterface
  public interface RevisionState {
    Optional<State> of(DSLContext dsl, long negotiationId, String paramValue);
  }

  /** Entries of the guard cache before it is cleared: about 100 bytes each. */
  static final int CACHED_ROWS = 100_000;

  private final Database db;
  private final AuthorizationMatrix matrix;
  private final Changes changes;
  /** {@link #decide}'s one-query row per (account, negotiation, revision), stamped with the structure generation. */
  private final StampedCache<RowKey, Row> rows = new StampedCache<>(CACHED_ROWS);
  private final Map<String, SubjectDelegation> relations = new LinkedHashMap<>();
  private final Map<String, RevisionState> states = new LinkedHashMap<>();
  /** The path parameter that names a route's revision ("" for none), worked out once per route. */
  private final Map<AuthorizationMatrix.Route, String> stateParams = new java.util.concurrent.ConcurrentHashMap<>();

  /** A guard that reads the database on every request. */
  public Policy(Database db, AuthorizationMatrix matrix) {
    this(db, matrix, Changes.none());
  }

  /**
   * A guard that keeps what it read per caller, negotiation and revision while the negotiation's
   * {@link Changes#structure structure generation} stays the same, and then decides on the event loop.
   */
  public Policy(Database db, AuthorizationMatrix matrix, Changes changes) {
    this.db = Objects.requireNonNull(db, "db");
    this.matrix = Objects.requireNonNull(matrix, "matrix");
    this.changes = Objects.requireNonNull(changes, "changes");
    relations.put("d", (dsl, m, code) -> dsl.fetchExists(NEGOTIATION_DELEGATION,
        NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(m.negotiationId()).and(NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(code)))
        ? Optional.of(code) : Optional.empty());
    states.put("r", DEFAULT_REVISION_STATE);
  }

  public AuthorizationMatrix matrix() {
    return matrix;
  }

  /** Registers how a path parameter ({@code "p"} for {@code :p}) leads to the delegation owning it. */
  public Policy relation(String param, SubjectDelegation resolver) {
    relations.put(param, resolver);
    return this;
  }

  /** Registers how a path parameter leads to a revision state. */
  public Policy state(String param, RevisionState resolver) {
    states.put(param, resolver);
    stateParams.clear();
    return this;
  }

  /** The membership the guard found for this request (negotiation routes only). */
  public static Membership membership(RoutingContext ctx) {
    Membership m = ctx.get(MEMBERSHIP);
    if (m == null) {
      throw new IllegalStateException("no membership on this request: is the route inside a negotiation?");
    }
    return m;
  }

  /** Matched paths before the map is cleared (a path names its ids: bounded against made-up ones). */
  static final int MATCHED_PATHS = 20_000;
  /** The matrix's answer per method and path: matching scans every route, and the same paths come again and again. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<AuthorizationMatrix.Match>> matched =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Optional<AuthorizationMatrix.Match> match(String method, String path) {
    String key = method + " " + path;
    Optional<AuthorizationMatrix.Match> m = matched.get(key);
    if (m == null) {
      m = matrix.match(method, path).map(x -> new AuthorizationMatrix.Match(x.entry(),
          java.util.Collections.unmodifiableMap(x.params())));
      if (matched.size() >= MATCHED_PATHS) {
        matched.clear();
      }
      matched.put(key, m);
    }
    return m;
  }

  /** The handler to mount in front of the protected routes. */
  public Handler<RoutingContext> guard() {
    return this::check;
  }

  private void check(RoutingContext ctx) {
    String mount = ctx.mountPoint() == null ? "" : ctx.mountPoint();
    String path = ctx.normalizedPath();
    String relative = path.startsWith(mount) ? path.substring(mount.length()) : path;
    if (relative.isEmpty()) {
      relative = "/";
    }
    // a HEAD is its GET without the body: the same rules
    io.vertx.core.http.HttpMethod asked = ctx.request().method();
    String method = asked == io.vertx.core.http.HttpMethod.HEAD ? "GET" : asked.name();
    var match = match(method, relative.startsWith("/") ? relative : "/" + relative);
    if (match.isEmpty() || match.get().entry().isPublic()) {
      if (match.isEmpty()) {
        LOG.debug("{} {} is not in the authorization matrix", method, relative);
      }
      // Unknown to the matrix: refused. Public routes were answered before the login check.
      ctx.fail(Problem.notFound("API resource " + path));
      return;
    }
    Entry entry = match.get().entry();
    // the route that runs is the one checked here (http.Routes dispatches on it)
    ctx.put(org.plenary.http.Routes.ROUTE, entry.route().path());
    Map<String, String> params = match.get().params();
    Principal principal = AuthHandler.principal(ctx);
    if (!entry.route().inNegotiation()) {
      Outcome o = entry.outcome(principal.admin() ? Who.ADMIN : Who.NON_PARTICIPANT, Relation.NONE, State.NONE);
      apply(ctx, o, entry, null, params, null);
      return;
    }
    long n = negotiationId(params.get("n"));
    if (n <= 0) {
      ctx.fail(Problem.notFound("negotiation " + params.get("n")));
      return;
    }
    long revision = joinedRevision(entry, params);
    RowKey key = new RowKey(principal.accountId(), n, revision);
    long stamp = changes.structure(n); // before the read: see Changes
    Row cached = rows.get(key, stamp);
    if (cached != null) {
      Decision d = decide(null, cached, entry, params, n, principal);
      if (d != null) { // decided from memory, without a worker hop
        finish(ctx, d, entry, params);
        return;
      }
    }
    db.read(dsl -> {
      Row row = cached;
      if (row == null) {
        row = readRow(dsl, n, principal.accountId(), revision);
        rows.put(key, stamp, row);
      }
      return decide(dsl, row, entry, params, n, principal);
    }).onSuccess(d -> finish(ctx, d, entry, params)).onFailure(ctx::fail);
  }

  private static void finish(RoutingContext ctx, Decision d, Entry entry, Map<String, String> params) {
    if (d.membership() != null) {
      ctx.put(MEMBERSHIP, d.membership());
    }
    if (d.outcome() == Outcome.ALLOWED && d.readOnly() != null) {
      ctx.fail(Problem.conflict("negotiation-closed", "negotiation " + params.get("n") + " is " + d.readOnly()
          + ": it is read-only until an administrator reopens it"));
      return;
    }
    apply(ctx, d.outcome(), entry, d.membership(), params, d.deadline());
  }

  /**
   * The lifecycle routes a write to a closed or archived negotiation may still take: archiving a closed one and
   * reopening. {@code negotiation.Lifecycle} checks the transition itself.
   */
  private static final java.util.Set<String> LIFECYCLE = java.util.Set.of(
      "POST /negotiations/:n/archive", "POST /negotiations/:n/reopen");

  /**
   * Why a write to this negotiation is refused ("closed", "archived"), or null: every write inside a negotiation
   * that is not open gets 409 {@code negotiation-closed}, here and nowhere else. GET routes and the lifecycle
   * routes pass.
   */
  private static String readOnly(Entry entry, String negotiationState) {
    if (negotiationState == null || "open".equals(negotiationState) || "GET".equals(entry.route().method())
        || LIFECYCLE.contains(entry.route().method() + " " + entry.route().path())) {
      return null;
    }
    return negotiationState;
  }

  private static long negotiationId(String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** {@code readOnly}: the negotiation's state when it refuses this write (see {@link #readOnly}), else null. */
  private record Decision(Outcome outcome, Membership membership, OffsetDateTime deadline, String readOnly) {
    Decision(Outcome outcome, Membership membership) {
      this(outcome, membership, null, null);
    }
  }

  /** The key of the guard cache: who asks, in which negotiation, about which revision (0: none). */
  private record RowKey(long accountId, long negotiationId, long revisionId) {}

  /**
   * What {@link #decide} reads in one query: the caller's participant row (role null when none) and, when the
   * route's state comes from the default {@code :r} resolver, the revision's state and deadline (state null
   * when the revision is not in the negotiation). The state "closed" depends on the clock, so it is worked out
   * from the deadline at each use, never stored.
   */
  private record Row(boolean exists, String role, String delegation, String revisionState, OffsetDateTime deadline,
      String negotiationState) {
    /**
     * A negotiation that does not exist: cached like any other row, so a refusal takes the same path and time
     * whether or not the negotiation exists (no existence side channel).
     */
    static final Row ABSENT = new Row(false, null, null, null, null, null);
  }

  /** The revision {@link #readRow} joins for this route: the default {@code :r} resolver's, else 0. */
  private long joinedRevision(Entry entry, Map<String, String> params) {
    String revisionParam = entry.stateful() ? stateSegment(entry) : null;
    return revisionParam != null && states.get(revisionParam) == DEFAULT_REVISION_STATE
        ? parseId(params.get(revisionParam)) : 0;
  }

  /** One query for the negotiation, the caller's participant row and the revision; {@link Row#ABSENT} without it. */
  private static Row readRow(DSLContext dsl, long n, long accountId, long revision) {
    boolean joinRevision = revision > 0;
    var row = dsl.select(NEGOTIATION.STATE, PARTICIPANT.ROLE, PARTICIPANT.DELEGATION_CODE,
            joinRevision ? REVISION.STATE : DSL.inline(null, REVISION.STATE.getDataType()),
            joinRevision ? REVISION.COMMENT_DEADLINE : DSL.inline(null, REVISION.COMMENT_DEADLINE.getDataType()))
        .from(NEGOTIATION)
        .leftJoin(PARTICIPANT).on(PARTICIPANT.NEGOTIATION_ID.eq(NEGOTIATION.ID)
            .and(PARTICIPANT.ACCOUNT_ID.eq(accountId)))
        .leftJoin(REVISION).on(joinRevision ? REVISION.ID.eq(revision).and(REVISION.NEGOTIATION_ID.eq(NEGOTIATION.ID))
            : DSL.falseCondition())
        .where(NEGOTIATION.ID.eq(n))
        .fetchOne();
    return row == null ? Row.ABSENT : new Row(true, row.value2(), row.value3(), row.value4(), row.value5(),
        row.value1());
  }

  /**
   * The outcome for the caller from {@code row}; with {@code dsl} null (on the event loop, from the cache) it
   * returns null where it would need the database: a relation or another state resolver.
   */
  private Decision decide(DSLContext dsl, Row row, Entry entry, Map<String, String> params, long n,
      Principal principal) {
    String revisionParam = entry.stateful() ? stateSegment(entry) : null;
    boolean defaultState = revisionParam != null && states.get(revisionParam) == DEFAULT_REVISION_STATE;
    if (!row.exists()) {
      return new Decision(Outcome.HIDDEN, null);
    }
    Who who;
    Membership m;
    if (row.role() != null) {
      Role role = Role.fromCode(row.role());
      who = Who.of(role);
      m = new Membership(n, principal.accountId(), role, row.delegation());
    } else if (principal.admin()) {
      who = Who.ADMIN;
      m = new Membership(n, principal.accountId(), Role.SECRETARIAT, null);
    } else {
      return new Decision(entry.outcome(Who.NON_PARTICIPANT, Relation.NONE,
          entry.stateful() ? State.EDITING : State.NONE), null);
    }
    Relation relation = Relation.NONE;
    if (entry.relational() && who == Who.DELEGATE) {
      if (dsl == null) {
        return null;
      }
      Optional<Relation> r = relationOf(dsl, entry, params, m);
      if (r.isEmpty()) {
        return new Decision(Outcome.HIDDEN, m);
      }
      relation = r.get();
    }
    State state = State.NONE;
    OffsetDateTime deadline = null;
    if (entry.stateful()) {
      Optional<State> s;
      if (defaultState) {
        s = row.revisionState() == null ? Optional.empty() : Optional.of(stateOf(row.revisionState(), row.deadline()));
        deadline = row.deadline();
      } else if (dsl == null) {
        return null;
      } else {
        s = stateOf(dsl, entry, params, n);
      }
      if (s.isEmpty()) {
        return new Decision(Outcome.HIDDEN, m);
      }
      state = s.get();
    }
    Outcome outcome = entry.outcome(who, relation, state);
    if (outcome != Outcome.ALLOWED && who != Who.ADMIN && principal.admin()
        && entry.outcome(Who.ADMIN, Relation.NONE, state) == Outcome.ALLOWED) {
      // Taking part never leaves an administrator with less than one who does not (reopening a negotiation).
      outcome = Outcome.ALLOWED;
    }
    if (outcome != Outcome.CLOSED) {
      deadline = null;
    } else if (deadline == null) {
      if (dsl == null) {
        return null;
      }
      deadline = deadlineOf(dsl, n, params.get("r"));
    }
    return new Decision(outcome, m, deadline, readOnly(entry, row.negotiationState()));
  }

  /** The default resolver of {@code :r}: the revision's state, read by {@link #decide}'s own query. */
  private static final RevisionState DEFAULT_REVISION_STATE = Policy::revisionState;

  /** The first path parameter of the route with a registered state resolver, or null. */
  private String stateSegment(Entry entry) {
    String param = stateParams.computeIfAbsent(entry.route(), route -> {
      for (String segment : route.segments()) {
        if (segment.startsWith(":") && states.containsKey(segment.substring(1))) {
          return segment.substring(1);
        }
      }
      return "";
    });
    return param.isEmpty() ? null : param;
  }

  private static long parseId(String raw) {
    try {
      return raw == null ? -1 : Long.parseLong(raw);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static State stateOf(String revisionState, OffsetDateTime deadline) {
    if (!"published".equals(revisionState)) {
      return State.EDITING;
    }
    return deadline != null && deadline.isBefore(OffsetDateTime.now(ZoneOffset.UTC)) ? State.CLOSED : State.OPEN;
  }

  /**
   * The relation to the route's subject: the last path parameter with a registered resolver names it
   * ({@code /proposals/:id/cosponsors/:d} is about the invited delegation {@code :d}, not the proposal).
   */
  private Optional<Relation> relationOf(DSLContext dsl, Entry entry, Map<String, String> params, Membership m) {
    List<String> segments = entry.route().segments();
    for (int i = segments.size() - 1; i >= 0; i--) {
      String segment = segments.get(i);
      if (segment.startsWith(":") && relations.containsKey(segment.substring(1))) {
        Optional<String> owner = relations.get(segment.substring(1)).of(dsl, m, params.get(segment.substring(1)));
        return owner.map(code -> relationBetween(dsl, m, code));
      }
    }
    throw new IllegalStateException(entry.route() + " has relation rows but no path parameter with a registered "
        + "resolver (Policy.relation)");
  }

  /** own: the caller's delegation; coordinator: a group the caller's delegation coordinates here; else other. */
  public static Relation relationBetween(DSLContext dsl, Membership m, String subjectDelegation) {
    if (m.delegation() == null) {
      return Relation.OTHER;
    }
    if (m.delegation().equals(subjectDelegation)) {
      return Relation.OWN;
    }
    String coordinator = dsl.select(NEGOTIATION_DELEGATION.COORDINATOR_CODE).from(NEGOTIATION_DELEGATION)
        .where(NEGOTIATION_DELEGATION.NEGOTIATION_ID.eq(m.negotiationId()))
        .and(NEGOTIATION_DELEGATION.DELEGATION_CODE.eq(subjectDelegation))
        .fetchOne(NEGOTIATION_DELEGATION.COORDINATOR_CODE);
    return m.delegation().equals(coordinator) ? Relation.COORDINATOR : Relation.OTHER;
  }

  private Optional<State> stateOf(DSLContext dsl, Entry entry, Map<String, String> params, long n) {
    for (String segment : entry.route().segments()) {
      if (segment.startsWith(":") && states.containsKey(segment.substring(1))) {
        return states.get(segment.substring(1)).of(dsl, n, params.get(segment.substring(1)));
      }
    }
    throw new IllegalStateException(entry.route() + " has state rows but no path parameter with a registered "
        + "resolver (Policy.state)");
  }

  /** editing (not published), closed (comment deadline passed) or open. */
  public static Optional<State> revisionState(DSLContext dsl, long negotiationId, String id) {
    long r;
    try {
      r = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return dsl.select(REVISION.STATE, REVISION.COMMENT_DEADLINE).from(REVISION)
        .where(REVISION.ID.eq(r)).and(REVISION.NEGOTIATION_ID.eq(negotiationId))
        .fetchOptional(row -> stateOf(row.value1(), row.value2()));
  }

  private static OffsetDateTime deadlineOf(DSLContext dsl, long negotiationId, String revision) {
    try {
      return dsl.select(REVISION.COMMENT_DEADLINE).from(REVISION)
          .where(REVISION.ID.eq(Long.parseLong(revision))).and(REVISION.NEGOTIATION_ID.eq(negotiationId))
          .fetchOne(REVISION.COMMENT_DEADLINE);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void apply(RoutingContext ctx, Outcome outcome, Entry entry, Membership m,
      Map<String, String> params, OffsetDateTime deadline) {
    switch (outcome) {
      case ALLOWED -> ctx.next();
      case FORBIDDEN -> ctx.fail(Problem.forbidden("your role" + (m == null ? "" : " (" + m.role().code()
          + (m.delegation() == null ? "" : " of " + m.delegation()) + ")") + " may not " + entry.route().method()
          + " " + entry.route().path()));
      case CLOSED -> ctx.fail(new Problem(409, "comment-window-closed", "The comment window is closed",
          "the deadline for revision " + params.get("r") + " was " + (deadline == null ? "reached"
              : deadline.withOffsetSameInstant(ZoneOffset.UTC).format(
                  java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")))
              + "; nothing can be proposed, edited or withdrawn after it", List.of(),
          deadline == null ? Map.of() : Map.of("deadline",
              deadline.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))));
      case UNPUBLISHED -> ctx.fail(Problem.conflict("not-published", "revision " + params.get("r")
          + " is a workspace, not published: " + entry.route().method() + " " + entry.route().path()
          + " acts on a published revision"));
      case PUBLISHED -> ctx.fail(Problem.conflict("published", "revision " + params.get("r")
          + " is published, and a published revision never changes"));
      case HIDDEN -> ctx.fail(Problem.notFound(entry.route().inNegotiation()
          ? "negotiation " + params.get("n") + (params.size() > 1 ? " or the resource it names" : "")
          : "API resource " + ctx.normalizedPath()));
    }
  }
}
