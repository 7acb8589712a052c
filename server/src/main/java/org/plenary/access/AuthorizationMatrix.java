package org.plenary.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call which route: the parsed {@code access/authorization-matrix.csv}. A pure core (no Vert.x,
 * no SQL): the server's {@link Policy} enforces it on every request and the tests are generated from it,
 * so the file, the code and the tests cannot disagree.
 *
 * <p>A row is {@code method,path,roles,relation,state,outcome}; {@code roles}, {@code relation} and
 * {@code state} take one value, several joined by {@code |}, or {@code *}; {@code -} means "does not
 * apply to this route". The loader expands the rows into cells and refuses a file where a cell is
 * missing or given twice.
 *
 * <pre>
 *   GET,/negotiations/:n/delegations/:d/participants,delegate,own|coordinator,-,allowed
 *   GET,/negotiations/:n/delegations/:d/participants,delegate,other,-,forbidden
 * </pre>
 */
public final class AuthorizationMatrix {
  public static final String RESOURCE = "/access/authorization-matrix.csv";

  /** The caller's standing: an administrator who does not take part, a participant's role, or an outsider. */
  public enum Who {
    ADMIN, SECRETARIAT, FACILITATOR, DELEGATE, OBSERVER, NON_PARTICIPANT, ANONYMOUS;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Who parse(String s) {
      for (Who w : values()) {
        if (w.code().equals(s)) {
          return w;
        }
      }
      return null;
    }

    public static Who of(Role role) {
      return switch (role) {
        case SECRETARIAT -> SECRETARIAT;
        case FACILITATOR -> FACILITATOR;
        case DELEGATE -> DELEGATE;
        case OBSERVER -> OBSERVER;
      };
    }

    static final List<Who> LOGGED_IN = List.of(ADMIN, SECRETARIAT, FACILITATOR, DELEGATE, OBSERVER, NON_PARTICIPANT);
  }

  /** How a delegate's delegation relates to the delegation (or its proposal…) a route acts on. */
  public enum Relation {
    NONE, OWN, OTHER, COORDINATOR;

    public String code() {
      return this == NONE ? "-" : name().toLowerCase(Locale.ROOT);
    }

    static final List<Relation> DELEGATE_RELATIONS = List.of(OWN, OTHER, COORDINATOR);
  }

  /**
   * The state of the revision a route acts on: {@code editing} (not yet published, the facilitators'
   * workspace), {@code open} (published, comment period running or no deadline), {@code closed}
   * (published, comment deadline passed).
   */
  public enum State {
    NONE, EDITING, OPEN, CLOSED;

    public String code() {
      return this == NONE ? "-" : name().toLowerCase(Locale.ROOT);
    }

    static final List<State> REVISION_STATES = List.of(EDITING, OPEN, CLOSED);
  }

  public enum Outcome {
    /** the request goes through to the handler */
    ALLOWED,
    /** 403: the caller can see the resource but may not do this */
    FORBIDDEN,
    /** 404: the resource is not disclosed to the caller */
    HIDDEN,
    /** 409: the revision's comment deadline has passed; the problem says when (comment-window-closed) */
    CLOSED,
    /** 409: the route acts on a published revision and this one is the chair's workspace (not-published) */
    UNPUBLISHED,
    /** 409: the route changes a workspace and this revision is published, so it never changes (published) */
    PUBLISHED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public int status() {
      return switch (this) {
        case ALLOWED -> 200;
        case FORBIDDEN -> 403;
        case HIDDEN -> 404;
        case CLOSED, UNPUBLISHED, PUBLISHED -> 409;
      };
    }
  }

  /** A route: method and Vert.x path pattern relative to {@code /api/v1}. */
  public record Route(String method, String path) {
    public Route {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
    }

    /** Routes inside a negotiation are those with the {@code :n} parameter. */
    public boolean inNegotiation() {
      return path.startsWith("/negotiations/:n");
    }

    public List<String> segments() {
      return List.of(path.substring(1).split("/"));
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** One expanded cell: a line of the file, one caller standing, relation and state. */
  public record Cell(Route route, Who who, Relation relation, State state, Outcome outcome, int line) {}

  /** What is known about one route. */
  public record Entry(Route route, boolean isPublic, boolean relational, boolean stateful, List<Cell> cells) {
    public Outcome outcome(Who who, Relation relation, State state) {
      for (Cell c : cells) {
        if (c.who() == who && c.relation() == relation && c.state() == state) {
          return c.outcome();
        }
      }
      throw new IllegalStateException("no cell for " + route + " " + who.code() + " " + relation.code() + " "
          + state.code() + " (the loader should have refused the file)");
    }
  }

  private final Map<Route, Entry> entries;

  /** The entries with their path split once (matching runs on every request). */
  private record Indexed(Entry entry, String method, String[] segments) {}

  private final List<Indexed> indexed;

  private AuthorizationMatrix(Map<Route, Entry> entries) {
    this.entries = entries;
    this.indexed = entries.values().stream()
        .map(e -> new Indexed(e, e.route().method(), e.route().segments().toArray(String[]::new))).toList();
  }

  /** The matrix shipped with the server. */
  public static AuthorizationMatrix load() {
    try (InputStream in = AuthorizationMatrix.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks a matrix; an {@link IllegalArgumentException} names the offending line. */
  public static AuthorizationMatrix parse(String csv) {
    Map<Route, List<Cell>> cells = new LinkedHashMap<>();
    List<String> lines;
    try (BufferedReader r = new BufferedReader(new java.io.StringReader(csv))) {
      lines = r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean header = false;
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!header) {
        if (!line.equals("method,path,roles,relation,state,outcome")) {
          throw new IllegalArgumentException("line " + lineNo + ": expected the header "
              + "method,path,roles,relation,state,outcome");
        }
        header = true;
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 6) {
        throw bad(lineNo, "needs 6 comma-separated fields, has " + f.length);
      }
      String method = f[0].strip().toUpperCase(Locale.ROOT);
      if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
        throw bad(lineNo, "unknown method " + f[0]);
      }
      String path = f[1].strip();
      if (!path.startsWith("/") || path.contains(" ") || path.endsWith("/") && path.length() > 1) {
        throw bad(lineNo, "path must start with / and not end with one: " + path);
      }
      Route route = new Route(method, path);
      List<Who> whos = values(f[2], lineNo, Who.LOGGED_IN, Who::parse, "role");
      List<Relation> relations = f[3].strip().equals("-") ? List.of(Relation.NONE)
          : values(f[3], lineNo, Relation.DELEGATE_RELATIONS, AuthorizationMatrix::relation, "relation");
      List<State> states = f[4].strip().equals("-") ? List.of(State.NONE)
          : values(f[4], lineNo, State.REVISION_STATES, AuthorizationMatrix::state, "state");
      Outcome outcome = switch (f[5].strip()) {
        case "allowed" -> Outcome.ALLOWED;
        case "forbidden" -> Outcome.FORBIDDEN;
        case "hidden" -> Outcome.HIDDEN;
        case "closed" -> Outcome.CLOSED;
        case "unpublished" -> Outcome.UNPUBLISHED;
        case "published" -> Outcome.PUBLISHED;
        default -> throw bad(lineNo, "outcome must be allowed, forbidden, hidden, closed, unpublished or published, got "
            + f[5]);
      };
      if (relations.get(0) != Relation.NONE && !whos.equals(List.of(Who.DELEGATE))) {
        throw bad(lineNo, "a relation (own/other/coordinator) applies to the delegate role only");
      }
      List<Cell> list = cells.computeIfAbsent(route, k -> new ArrayList<>());
      for (Who w : whos) {
        for (Relation rel : relations) {
          for (State st : states) {
            for (Cell c : list) {
              if (c.who() == w && c.relation() == rel && c.state() == st) {
                throw bad(lineNo, route + " " + w.code() + "/" + rel.code() + "/" + st.code()
                    + " is already given on line " + c.line());
              }
            }
            list.add(new Cell(route, w, rel, st, outcome, lineNo));
          }
        }
      }
    }
    Map<Route, Entry> entries = new LinkedHashMap<>();
    for (Map.Entry<Route, List<Cell>> e : cells.entrySet()) {
      entries.put(e.getKey(), check(e.getKey(), e.getValue()));
    }
    return new AuthorizationMatrix(entries);
  }

  /** Every cell is present exactly once, and the rules that hold for every route hold. */
  private static Entry check(Route route, List<Cell> cells) {
    boolean isPublic = cells.stream().anyMatch(c -> c.who() == Who.ANONYMOUS);
    if (isPublic) {
      if (cells.size() != 1 || cells.get(0).outcome() != Outcome.ALLOWED || route.inNegotiation()) {
        throw bad(cells.get(0).line(), route + ": a public route has one row, role anonymous, allowed, "
            + "and is not inside a negotiation");
      }
      return new Entry(route, true, false, false, cells);
    }
    boolean relational = cells.stream().anyMatch(c -> c.relation() != Relation.NONE);
    boolean stateful = cells.stream().anyMatch(c -> c.state() != State.NONE);
    if (stateful && cells.stream().anyMatch(c -> c.state() == State.NONE)) {
      throw bad(cells.get(0).line(), route + ": once one row names a revision state, every row must");
    }
    if (relational && !route.inNegotiation() || stateful && !route.inNegotiation()) {
      throw bad(cells.get(0).line(), route + ": relations and states apply only inside a negotiation");
    }
    Map<Who, Outcome> globalOutcomes = new EnumMap<>(Who.class);
    for (Who w : Who.LOGGED_IN) {
      List<Relation> rels = relational && w == Who.DELEGATE ? Relation.DELEGATE_RELATIONS : List.of(Relation.NONE);
      List<State> sts = stateful ? State.REVISION_STATES : List.of(State.NONE);
      for (Relation rel : rels) {
        for (State st : sts) {
          Optional<Cell> cell = cells.stream()
              .filter(c -> c.who() == w && c.relation() == rel && c.state() == st).findFirst();
          if (cell.isEmpty()) {
            throw new IllegalArgumentException(route + ": no row for role " + w.code()
                + (rel == Relation.NONE ? "" : ", relation " + rel.code())
                + (st == State.NONE ? "" : ", state " + st.code()));
          }
          if (route.inNegotiation() && w == Who.NON_PARTICIPANT && cell.get().outcome() != Outcome.HIDDEN) {
            throw bad(cell.get().line(), route + ": a non-participant must get hidden (404) inside a negotiation");
          }
          globalOutcomes.put(w, cell.get().outcome());
        }
      }
    }
    long stray = cells.stream().filter(c -> c.relation() != Relation.NONE && c.who() != Who.DELEGATE
        || c.relation() == Relation.NONE && relational && c.who() == Who.DELEGATE).count();
    if (stray > 0) {
      throw new IllegalArgumentException(route + ": a relational route gives the delegate role own, other and "
          + "coordinator, and the other roles '-'");
    }
    if (!route.inNegotiation()) {
      // Outside a negotiation the server knows only whether the caller is an administrator.
      Outcome others = globalOutcomes.get(Who.NON_PARTICIPANT);
      for (Who w : List.of(Who.SECRETARIAT, Who.FACILITATOR, Who.DELEGATE, Who.OBSERVER)) {
        if (globalOutcomes.get(w) != others) {
          throw new IllegalArgumentException(route + ": outside a negotiation every role but admin must have "
              + "the same outcome (roles exist only inside a negotiation)");
        }
      }
    }
    return new Entry(route, false, relational, stateful, List.copyOf(cells));
  }

  private static <T> List<T> values(String field, int line, List<T> all, java.util.function.Function<String, T> parse,
      String what) {
    String v = field.strip();
    if (v.equals("*")) {
      return all;
    }
    List<T> out = new ArrayList<>();
    for (String part : v.split("\\|")) {
      T t = parse.apply(part.strip());
      if (t == null) {
        throw bad(line, "unknown " + what + " '" + part.strip() + "'");
      }
      if (out.contains(t)) {
        throw bad(line, what + " '" + part.strip() + "' given twice");
      }
      out.add(t);
    }
    return out;
  }

  private static Relation relation(String s) {
    return Relation.DELEGATE_RELATIONS.stream().filter(r -> r.code().equals(s)).findFirst().orElse(null);
  }

  private static State state(String s) {
    return State.REVISION_STATES.stream().filter(r -> r.code().equals(s)).findFirst().orElse(null);
  }

  private static IllegalArgumentException bad(int line, String message) {
    return new IllegalArgumentException(RESOURCE + " line " + line + ": " + message);
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public Optional<Entry> entry(Route route) {
    return Optional.ofNullable(entries.get(route));
  }

  /**
   * The route a request path (relative to {@code /api/v1}) matches, preferring literal segments to
   * parameters ({@code /revisions/latest} over {@code /revisions/:r}).
   */
  public Optional<Match> match(String method, String path) {
    String[] parts = (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    Match best = null;
    int bestScore = -1;
    for (Indexed x : indexed) {
      if (!x.method().equals(method)) {
        continue;
      }
      Entry e = x.entry();
      String[] segs = x.segments();
      if (segs.length != parts.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int score = 0;
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        String s = segs[i];
        if (s.startsWith(":")) {
          ok = !parts[i].isEmpty();
          params.put(s.substring(1), parts[i]);
        } else {
          ok = s.equals(parts[i]);
          score += 1 << (parts.length - i);
        }
      }
      if (ok && score > bestScore) {
        best = new Match(e, params);
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  /** A matched route with its path parameters. */
  public record Match(Entry entry, Map<String, String> params) {}
}
