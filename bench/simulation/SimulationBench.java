import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The negotiation simulation's client (Java 17 single-file program on the server jar's classpath, for Jackson):
 * a WSIS+20-scale negotiation end to end over HTTP. 193 member-state delegations and the groups with their
 * coordinators, one delegate account each (created through the API by parallel clients); a 300-paragraph
 * zero draft in the style of a General Assembly outcome document, uploaded as text; four rounds, each with
 * proposals from the delegations' accounts (amendments of spans and of whole paragraphs, insertions,
 * deletions, comments, supports, objections, co-sponsors invited and accepting, some on behalf of groups),
 * the facilitators' decisions on every proposal (a 409 merge-conflict is resolved with accept-modified, or
 * deferred), publish (fates and carry-forward), and the next round on the new revision; the fates; the
 * compilation as DOCX. Then, measured apart, one revision with 5,000 proposals all decided, published.
 *
 * <pre>
 *   java -cp server/target/plenary.jar bench/simulation/SimulationBench.java http://127.0.0.1:18441 ADMIN_PW \
 *        delegations.csv out.md "H2" 10000 5000
 * </pre>
 *
 * Writes a Markdown section with the per-phase times to out.md; exits 1 on any unexpected response.
 */
public final class SimulationBench {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
  static final int CLIENTS = Integer.getInteger("clients", 16);
  static final int FACILITATORS = Integer.getInteger("facilitators", 2);
  static final int ROUNDS = 4;
  /** Decisions of the big phase sent one by one (PUT), to measure one decision's latency. */
  static final int SINGLES = Integer.getInteger("singles", 1000);
  static final int PARAGRAPHS = 300;

  static String base;
  static final Random SEED = new Random(20251216);
  static final AtomicInteger REQUESTS = new AtomicInteger();
  static final AtomicInteger UNEXPECTED = new AtomicInteger();
  static final ConcurrentLinkedQueue<String> ERRORS = new ConcurrentLinkedQueue<>();
  static final Map<String, AtomicInteger> CONFLICTS = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> DECISIONS = new ConcurrentHashMap<>();
  static final Map<String, Long> PHASES = Collections.synchronizedMap(new LinkedHashMap<>());

  record Res(int status, String body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new IllegalStateException("not JSON: " + body.substring(0, Math.min(200, body.length())));
      }
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  static Res call(String method, String path, String token, String contentType, byte[] body,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    REQUESTS.incrementAndGet();
    return new Res(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
  }

  static Res json(String method, String path, String token, Object body) throws Exception {
    return json(method, path, token, body, Map.of());
  }

  static Res json(String method, String path, String token, Object body, Map<String, String> headers)
      throws Exception {
    return call(method, path, token, body == null ? null : "application/json",
        body == null ? null : JSON.writeValueAsBytes(body), headers);
  }

  /** The response when its status is {@code status}; otherwise an unexpected error, and null. */
  static Res expect(Res r, int status, String what) {
    if (r.status() != status) {
      unexpected(what + ": " + r.status() + " " + r.body().substring(0, Math.min(400, r.body().length())));
      return null;
    }
    return r;
  }

  static void unexpected(String what) {
    UNEXPECTED.incrementAndGet();
    if (ERRORS.size() < 20) {
      ERRORS.add(what);
    }
  }

  interface Task<T> {
    void run(T item) throws Exception;
  }

  /** Runs {@code task} on every item with {@code threads} clients; an exception counts as an unexpected error. */
  static <T> void parallel(int threads, List<T> items, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (T item : items) {
        fs.add(pool.submit(() -> {
          try {
            task.run(item);
          } catch (Exception e) {
            unexpected(e.toString());
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  static long phaseStart;
  static long phaseCpu;
  static final Map<String, Long> PHASE_CPU = Collections.synchronizedMap(new LinkedHashMap<>());
  static final long SERVER_PID = Long.getLong("serverPid", 0);
  static final long HZ = Long.getLong("hz", 100);

  /**
   * CPU time (user + system) the server process has used, in ms, from /proc: a figure that depends far less on
   * what else the shared machine runs than the wall times do. 0 when the server's pid is not known.
   */
  static long serverCpuMs() {
    if (SERVER_PID == 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + SERVER_PID + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / HZ;
    } catch (Exception e) {
      return 0;
    }
  }

  static void begin() {
    phaseStart = System.nanoTime();
    phaseCpu = serverCpuMs();
  }

  static long end(String phase) {
    long ms = (System.nanoTime() - phaseStart) / 1_000_000;
    long cpu = serverCpuMs() - phaseCpu;
    PHASES.put(phase, ms);
    PHASE_CPU.put(phase, cpu);
    System.err.printf("  %-52s %7d ms  server CPU %7d ms (unexpected so far: %d)%n", phase, ms, cpu,
        UNEXPECTED.get());
    return ms;
  }

  // --- the cast ----------------------------------------------------------------------------------------------

  record Delegate(String code, String token) {}

  static final List<Delegate> STATES = new ArrayList<>();
  static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
  /** group → its coordinator; coordinator → its groups. */
  static final Map<String, String> COORDINATOR = new LinkedHashMap<>();
  static final Map<String, List<String>> COORDINATES = new LinkedHashMap<>();
  static final List<String> CHAIRS = new ArrayList<>();
  static final Map<String, String> PREFERRED = Map.ofEntries(Map.entry("ARAB", "EGY"), Map.entry("G77", "IRQ"),
      Map.entry("EU", "DEU"), Map.entry("AFRICAN", "NGA"), Map.entry("APG", "JPN"), Map.entry("EEG", "POL"),
      Map.entry("GRULAC", "BRA"), Map.entry("WEOG", "CAN"), Map.entry("LDC", "BGD"), Map.entry("LLDC", "BOL"),
      Map.entry("SIDS", "JAM"));

  static String login(String email, String password) throws Exception {
    Res r = expect(json("POST", "/api/v1/session", null, Map.of("email", email, "password", password)), 200,
        "login " + email);
    return r == null ? null : r.json().get("token").asText();
  }

  // --- the zero draft ----------------------------------------------------------------------------------------

  static final String[] PREAMBULAR = {"Recalling", "Reaffirming", "Recognizing", "Noting with concern",
      "Acknowledging", "Emphasizing", "Welcoming", "Expressing concern", "Bearing in mind", "Taking note of",
      "Stressing", "Underlining", "Mindful", "Noting with appreciation", "Convinced"};
  static final String[] OPERATIVE = {"Decides", "Requests", "Calls upon", "Encourages", "Invites", "Urges",
      "Reaffirms", "Recognizes", "Emphasizes", "Welcomes", "Stresses", "Requests also", "Calls for",
      "Encourages further", "Acknowledges"};
  static final String[] SUBJECTS = {"Member States", "all stakeholders", "the United Nations system",
      "the International Telecommunication Union", "the private sector", "civil society", "the technical community",
      "regional commissions", "international financial institutions", "academia", "the Internet Governance Forum",
      "the Commission on Science and Technology for Development"};
  static final String[] ACTIONS = {"to strengthen", "to promote", "to support", "to accelerate", "to enhance",
      "to foster", "to scale up", "to sustain", "to review", "to mainstream", "to monitor", "to finance"};
  static final String[] OBJECTS = {"meaningful and affordable connectivity", "digital literacy and skills",
      "the security of information and communications technologies", "the digital economy",
      "multistakeholder cooperation", "the implementation of the World Summit action lines",
      "gender equality in access to technology", "the protection of human rights online",
      "open data and digital public goods", "broadband infrastructure in rural areas",
      "capacity-building for developing countries", "the measurement of the information society",
      "artificial intelligence for sustainable development", "the resilience of submarine cables",
      "the Internet Governance Forum mandate", "financing mechanisms for digital development"};
  static final String[] QUALIFIERS = {"in line with the 2030 Agenda for Sustainable Development",
      "with particular attention to least developed countries", "in accordance with national priorities",
      "taking into account the Tunis Agenda for the Information Society", "through voluntary commitments",
      "within existing resources", "by 2030", "on a voluntary basis", "in close cooperation with Member States",
      "including through South-South and triangular cooperation", "while respecting national sovereignty",
      "with the full participation of women and youth"};

  static String pick(Random rnd, String[] a) {
    return a[rnd.nextInt(a.length)];
  }

  static String clause(Random rnd, int i) {
    String s = pick(rnd, SUBJECTS) + " " + pick(rnd, ACTIONS) + " " + pick(rnd, OBJECTS) + ", "
        + pick(rnd, QUALIFIERS) + ", and " + pick(rnd, ACTIONS) + " " + pick(rnd, OBJECTS) + " (target "
        + (2026 + i % 5) + "." + i + ")";
    if (i % 17 == 5) {
      s += " [" + pick(rnd, QUALIFIERS) + "]";
    }
    return s;
  }

  /** A 300-paragraph outcome document, preambular then operative, as Markdown (the sample resolution's style). */
  static String zeroDraft() {
    Random rnd = new Random(300);
    StringBuilder b = new StringBuilder();
    b.append("# Draft outcome document A/80/L.20\n\n");
    b.append("## Outcome document of the high-level meeting of the General Assembly on the overall review of the "
        + "implementation of the outcomes of the World Summit on the Information Society\n\n");
    b.append("*The General Assembly,*\n\n");
    int preambular = 98;
    for (int i = 1; i <= preambular; i++) {
      b.append('*').append(pick(rnd, PREAMBULAR)).append("* that ").append(clause(rnd, i)).append(",\n\n");
    }
    for (int i = 1; i <= PARAGRAPHS - preambular - 3; i++) {
      b.append(i).append(". *").append(pick(rnd, OPERATIVE)).append("* ").append(clause(rnd, 1000 + i))
          .append(";\n\n");
    }
    return b.toString();
  }

  // --- a revision's paragraphs -------------------------------------------------------------------------------

  record Para(long id, String text) {}

  static List<Para> paragraphs(long n, long r) throws Exception {
    Res res = expect(json("GET", "/api/v1/negotiations/" + n + "/revisions/" + r, CHAIRS.get(0), null), 200,
        "revision " + r);
    List<Para> out = new ArrayList<>();
    for (JsonNode p : res.json().get("paragraphs")) {
      String text = p.path("text").asText("");
      if (text.split(" ").length >= 6) {
        out.add(new Para(p.get("id").asLong(), text));
      }
    }
    return out;
  }

  // --- proposals ---------------------------------------------------------------------------------------------

  /** A proposal as created: its id, kind, paragraph and the delegations it is the own proposal of. */
  record Posted(long id, String kind, long paragraph, String delegation, String submittedBy) {
    boolean ownOf(String code) {
      return code.equals(delegation) || code.equals(submittedBy);
    }
  }

  static String[] words(String text) {
    return text.split(" ");
  }

  /** One proposal's body, by a delegation, on a paragraph, deterministic from {@code seed}. */
  static ObjectNode proposal(Random rnd, Para p, int seq, List<Delegate> others) {
    ObjectNode body = JSON.createObjectNode();
    body.put("paragraph", p.id());
    int k = rnd.nextInt(100);
    String[] w = words(p.text());
    if (k < 34) { // a span amendment: two words replaced
      int i = 1 + rnd.nextInt(Math.max(1, w.length - 3));
      String exact = w[i] + " " + w[i + 1];
      int at = offsetOfWord(w, i);
      body.put("kind", "amend");
      ObjectNode anchor = body.putObject("anchor");
      anchor.put("exact", exact);
      anchor.put("start", p.text().codePointCount(0, at));
      anchor.put("end", p.text().codePointCount(0, at + exact.length()));
      body.put("text", pick(rnd, ACTIONS).substring(3) + " " + pick(rnd, OBJECTS).split(" ")[0]);
    } else if (k < 50) { // a whole-paragraph amendment: one word replaced and a qualifier added
      int i = rnd.nextInt(w.length);
      String[] v = w.clone();
      v[i] = pick(rnd, OBJECTS).split(" ")[0];
      String t = String.join(" ", v);
      body.put("kind", "amend");
      char last = t.charAt(t.length() - 1);
      body.put("text", ";,.".indexOf(last) >= 0 ? t.substring(0, t.length() - 1) + ", " + pick(rnd, QUALIFIERS) + last
          : t + ", " + pick(rnd, QUALIFIERS));
    } else if (k < 56) {
      body.put("kind", "insert");
      body.put("placement", rnd.nextBoolean() ? "after" : "before");
      body.put("text", "*" + pick(rnd, OPERATIVE) + "* " + clause(rnd, 5000 + seq) + ";");
    } else if (k < 60) {
      body.put("kind", "delete");
    } else if (k < 64) {
      body.put("kind", "retain");
    } else if (k < 90) {
      body.put("kind", "comment");
      body.put("text", "Our delegation " + (rnd.nextBoolean() ? "can support" : "has concerns about")
          + " this paragraph as regards " + pick(rnd, OBJECTS) + ".");
    } else if (k < 95) {
      body.put("kind", "question");
      body.put("text", "Could the facilitators clarify how " + pick(rnd, OBJECTS) + " is to be financed?");
    } else {
      body.put("kind", "reservation");
      body.put("text", "Our delegation reserves its position on this paragraph pending consultations.");
    }
    if (!body.get("kind").asText().equals("comment") && rnd.nextInt(4) == 0) {
      body.put("rationale", "To reflect " + pick(rnd, QUALIFIERS) + ".");
    }
    if (body.get("kind").asText().equals("amend") && rnd.nextInt(5) == 0) {
      var cos = body.putArray("cosponsors");
      int c = 1 + rnd.nextInt(3);
      for (int j = 0; j < c; j++) {
        String d = others.get(rnd.nextInt(others.size())).code();
        boolean seen = false;
        for (JsonNode x : cos) {
          seen |= x.asText().equals(d);
        }
        if (!seen) {
          cos.add(d);
        }
      }
    }
    return body;
  }

  static int offsetOfWord(String[] w, int i) {
    int at = 0;
    for (int j = 0; j < i; j++) {
      at += w[j].length() + 1;
    }
    return at;
  }

  /**
   * {@code count} proposals on revision {@code r} from the delegations' accounts, about a fifth of them
   * supports and objections on the others; invited co-sponsors accept. Returns the ids of the decidable ones.
   */
  static int propose(long n, long r, List<Para> paras, int count, String label) throws Exception {
    String path = "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals";
    int reactions = count / 5;
    int primary = count - reactions;
    List<Integer> seqs = new ArrayList<>();
    for (int i = 0; i < primary; i++) {
      seqs.add(i);
    }
    long seed = SEED.nextLong();
    String key = "sim-r" + r;
    ConcurrentLinkedQueue<Posted> posted = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String[]> invitations = new ConcurrentLinkedQueue<>();
    begin();
    parallel(CLIENTS, seqs, i -> {
      Random rnd = new Random(seed + i);
      Delegate d = STATES.get(rnd.nextInt(STATES.size()));
      // hot paragraphs: a skewed choice, as negotiations crowd on some paragraphs
      double u = rnd.nextDouble();
      Para p = paras.get((int) (paras.size() * u * u));
      ObjectNode body = proposal(rnd, p, i, STATES);
      List<String> groups = COORDINATES.get(d.code());
      if (groups != null && rnd.nextInt(3) == 0) {
        body.put("onBehalfOf", groups.get(rnd.nextInt(groups.size())));
      }
      if (body.has("cosponsors")) {
        var cos = body.withArray("cosponsors");
        for (int j = cos.size() - 1; j >= 0; j--) {
          if (cos.get(j).asText().equals(d.code()) || cos.get(j).asText().equals(body.path("onBehalfOf").asText())) {
            cos.remove(j);
          }
        }
      }
      Res res = expect(json("POST", path, d.token(), body, Map.of("Idempotency-Key", key + "-" + i)), 201,
          "proposal " + body);
      if (res != null) {
        JsonNode created = res.json();
        posted.add(new Posted(created.get("id").asLong(), created.get("kind").asText(), p.id(),
            created.path("delegation").asText(), created.path("submittedBy").asText()));
        body.path("cosponsors").forEach(c -> invitations.add(new String[] {created.get("id").asText(), c.asText()}));
      }
    });
    end(label + ": " + primary + " proposals");
    List<Posted> amends = posted.stream().filter(x -> x.kind().equals("amend") || x.kind().equals("insert")
        || x.kind().equals("delete")).toList();
    List<Integer> rs = new ArrayList<>();
    for (int i = 0; i < reactions; i++) {
      rs.add(i);
    }
    begin();
    parallel(CLIENTS, rs, i -> {
      Random rnd = new Random(seed - i - 1);
      Posted target = amends.get(rnd.nextInt(amends.size()));
      Delegate d = STATES.get(rnd.nextInt(STATES.size()));
      while (target.ownOf(d.code())) { // a delegation takes no stance on its own proposal (409 own-proposal)
        d = STATES.get(rnd.nextInt(STATES.size()));
      }
      boolean support = rnd.nextInt(10) < 7;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("kind", support ? "support" : "object");
      body.put("target", target.id());
      body.put("paragraph", target.paragraph());
      if (!support || rnd.nextBoolean()) {
        body.put("text", support ? "We support this amendment." : "We cannot accept this change.");
      }
      expect(json("POST", path, d.token(), body, Map.of("Idempotency-Key", key + "-r" + i)), 201,
          "reaction " + body);
    });
    List<String[]> inv = new ArrayList<>(invitations);
    parallel(CLIENTS, inv, x -> {
      Res res = json("PUT", path + "/" + x[0] + "/cosponsors/" + x[1], TOKENS.get(x[1]), Map.of("answer", "accept"));
      expect(res, 200, "co-sponsor " + x[1] + " on " + x[0]);
    });
    end(label + ": " + reactions + " supports/objections, " + inv.size() + " co-sponsors accepting");
    return posted.size() + reactions;
  }

  // --- decisions ---------------------------------------------------------------------------------------------

  record Pending(long id, String kind, long paragraph, String etag, boolean carried) {}

  static final ConcurrentLinkedQueue<Long> LATENCIES = new ConcurrentLinkedQueue<>();

  /** Every decidable proposal of revision r, as the facilitators' workspace overview lists it. */
  static List<Pending> pending(long n, long r) throws Exception {
    Res res = expect(json("GET", "/api/v1/negotiations/" + n + "/revisions/" + r + "/successor-workspace",
        CHAIRS.get(0), null), 200, "workspace overview");
    List<Pending> out = new ArrayList<>();
    for (JsonNode p : res.json().get("paragraphs")) {
      for (JsonNode x : p.get("proposals")) {
        String kind = x.get("kind").asText();
        if (kind.equals("support") || kind.equals("object") || !x.path("state").asText().equals("submitted")) {
          continue;
        }
        out.add(new Pending(x.get("id").asLong(), kind, p.get("id").asLong(), x.get("etag").asText(), false));
      }
    }
    return out;
  }

  static String decisionFor(Random rnd, String kind) {
    int k = rnd.nextInt(100);
    boolean changes = kind.equals("amend") || kind.equals("insert") || kind.equals("delete") || kind.equals("retain");
    if (changes) {
      if (kind.equals("delete")) {
        return k < 15 ? "accept" : k < 70 ? "not-retained" : k < 85 ? "noted" : "defer";
      }
      return k < 45 ? "accept" : k < 55 ? "accept-modified" : k < 75 ? "not-retained" : k < 85 ? "noted" : "defer";
    }
    return k < 60 ? "noted" : k < 80 ? "not-retained" : "defer";
  }

  /** One timed decision; returns the response. */
  static Res decideOnce(String path, String token, String etag, Map<String, Object> body) throws Exception {
    long t0 = System.nanoTime();
    Res res = json("PUT", path, token, body, Map.of("If-Match", etag));
    LATENCIES.add(System.nanoTime() - t0);
    return res;
  }

  /** Per batch request: its time, and the decisions it carried. */
  static final ConcurrentLinkedQueue<long[]> BATCHES = new ConcurrentLinkedQueue<>();

  /** One timed batch of decisions (POST …/decisions); returns the response. */
  static Res decideBatch(String path, String token, List<Map<String, Object>> items) throws Exception {
    long t0 = System.nanoTime();
    Res res = json("POST", path, token, Map.of("decisions", items));
    BATCHES.add(new long[] {System.nanoTime() - t0, items.size()});
    return res;
  }

  /**
   * The facilitators decide on every proposal of revision r as they would in the workspace, each taking its share
   * of paragraphs in parallel and going paragraph by paragraph: the paragraph's decisions are sent as one batch
   * (POST …/decisions); a decision refused with 409 merge-conflict is then resolved on its own with accept-modified
   * (the workspace's text as the facilitator settles it) or deferred, one on a paragraph the workspace deleted is
   * not retained. A few are decided twice (the second replaces the first). With {@code singles} &gt; 0, the first
   * {@code singles} decisions are each sent alone (PUT …/decision), to measure one decision's latency.
   */
  static int decideAll(long n, long r, List<Pending> all, long seed) throws Exception {
    return decideAll(n, r, all, seed, 0);
  }

  static int decideAll(long n, long r, List<Pending> all, long seed, int singles) throws Exception {
    String prefix = "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals/";
    String batchPath = "/api/v1/negotiations/" + n + "/revisions/" + r + "/decisions";
    Map<Integer, Map<Long, List<Pending>>> shares = new TreeMap<>();
    for (Pending p : all) {
      shares.computeIfAbsent((int) (p.paragraph() % FACILITATORS), k -> new LinkedHashMap<>())
          .computeIfAbsent(p.paragraph(), k -> new ArrayList<>()).add(p);
    }
    AtomicInteger decided = new AtomicInteger();
    AtomicInteger alone = new AtomicInteger(singles);
    parallel(FACILITATORS, new ArrayList<>(shares.keySet()), f -> {
      String token = CHAIRS.get(f % CHAIRS.size());
      Random rnd = new Random(seed + f);
      for (List<Pending> paragraph : shares.get(f).values()) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<Long, Pending> byId = new HashMap<>();
        for (Pending p : paragraph) {
          String decision = decisionFor(rnd, p.kind());
          String etag = p.etag();
          if (rnd.nextInt(50) == 0) { // decided once, then replaced
            Res first = decideOnce(prefix + p.id() + "/decision", token, etag, Map.of("decision", "noted"));
            if (expect(first, 200, "first decision on " + p.id()) != null) {
              etag = first.header("ETag");
            }
          }
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("decision", decision);
          if (decision.equals("accept-modified")) {
            body.put("text", modifiedText(n, r, p, rnd, token));
          }
          if (alone.getAndDecrement() > 0) {
            Res res = decideOnce(prefix + p.id() + "/decision", token, etag, body);
            if (res.status() == 409) {
              res = resolve(prefix, token, etag, p, res.json(), rnd);
            }
            if (expect(res, 200, "decision on " + p.id()) != null) {
              decided.incrementAndGet();
              DECISIONS.computeIfAbsent(decidedAs(res), k -> new AtomicInteger()).incrementAndGet();
            }
            continue;
          }
          body.put("proposal", p.id());
          body.put("etag", etag);
          items.add(body);
          byId.put(p.id(), new Pending(p.id(), p.kind(), p.paragraph(), etag, p.carried()));
        }
        if (items.isEmpty()) {
          continue;
        }
        Res batch = expect(decideBatch(batchPath, token, items), 200, "batch of " + items.size() + " decisions");
        if (batch == null) {
          continue;
        }
        for (JsonNode result : batch.json().get("results")) {
          Res res = null;
          if (result.get("status").asInt() == 409) {
            Pending p = byId.get(result.get("proposal").asLong());
            res = resolve(prefix, token, p.etag(), p, result.get("problem"), rnd);
            if (expect(res, 200, "decision on " + p.id()) == null) {
              continue;
            }
          } else if (result.get("status").asInt() != 200) {
            unexpected("batch item: " + result);
            continue;
          }
          decided.incrementAndGet();
          DECISIONS.computeIfAbsent(res != null ? decidedAs(res) : result.get("decision").asText(),
              k -> new AtomicInteger()).incrementAndGet();
        }
      }
    });
    return decided.get();
  }

  static String decidedAs(Res res) {
    return res.json().path("decision").asText("?");
  }

  /** A decision refused with 409 (its problem): decided again on its own as a facilitator would settle it. */
  static Res resolve(String prefix, String token, String etag, Pending p, JsonNode problem, Random rnd)
      throws Exception {
    String type = problem.path("type").asText().replace("urn:plenary:problem:", "");
    CONFLICTS.computeIfAbsent(type, k -> new AtomicInteger()).incrementAndGet();
    Map<String, Object> again = new LinkedHashMap<>();
    if (type.equals("merge-conflict") && rnd.nextBoolean()) {
      again.put("decision", "accept-modified");
      again.put("text", problem.get("workspace").asText());
    } else if (type.equals("merge-conflict") || type.equals("needs-rebase")) {
      again.put("decision", "defer");
    } else if (type.equals("paragraph-deleted")) {
      again.put("decision", "not-retained");
    } else {
      unexpected("decision " + p.id() + ": " + problem);
      return new Res(599, problem.toString(), null);
    }
    Res res = decideOnce(prefix + p.id() + "/decision", token, etag, again);
    if (res.status() == 409) { // still colliding: defer it to the next revision
      CONFLICTS.computeIfAbsent("second " + res.json().path("type").asText().replace("urn:plenary:problem:", ""),
          k -> new AtomicInteger()).incrementAndGet();
      again.put("decision", "defer");
      again.remove("text");
      res = decideOnce(prefix + p.id() + "/decision", token, etag, again);
    }
    return res;
  }

  /** The facilitator's own text for accept-modified: the proposal's proposed paragraph with a qualifier. */
  static String modifiedText(long n, long r, Pending p, Random rnd, String token) throws Exception {
    Res diff = json("GET", "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals/" + p.id() + "/diff",
        token, null);
    if (diff.status() == 409 && diff.body().contains("needs-rebase")) {
      diff = null; // a carried span amendment whose words changed: the facilitator writes the text
    } else {
      diff = expect(diff, 200, "proposal diff " + p.id());
    }
    String proposed = diff == null ? "" : diff.json().path("proposed").asText("");
    if (proposed.isBlank()) {
      proposed = "*Decides* " + clause(rnd, 9000);
    }
    return proposed.replaceAll("[;,.]$", "") + ", " + pick(rnd, QUALIFIERS) + ";";
  }

  // --- the run -----------------------------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    base = args[0];
    String adminPw = args[1];
    Path delegations = Path.of(args[2]);
    Path out = Path.of(args[3]);
    String backend = args[4];
    int total = Integer.parseInt(args[5]);
    int big = Integer.parseInt(args[6]);
    long run0 = System.nanoTime();
    long cpu0 = serverCpuMs();

    // setup: the negotiation, the delegations and their accounts
    begin();
    String admin = login("admin@plenary.local", adminPw);
    long n = expect(json("POST", "/api/v1/negotiations", admin, Map.of("title",
        "WSIS+20 outcome document (simulation)", "languages", List.of("en", "ar"))), 201, "negotiation")
        .json().get("id").asLong();
    String neg = "/api/v1/negotiations/" + n;
    List<String> states = new ArrayList<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (String line : Files.readAllLines(delegations)) {
      String[] c = line.split(",");
      if (c.length >= 5 && c[1].equals("state")) {
        states.add(c[0]);
        for (String g : c[4].split(";")) {
          members.computeIfAbsent(g, k -> new ArrayList<>()).add(c[0]);
        }
      }
    }
    List<String> chairs = List.of("co-facilitator1", "co-facilitator2");
    List<String> people = new ArrayList<>(states);
    people.addAll(chairs);
    parallel(CLIENTS, people, code -> {
      boolean chair = code.startsWith("co-facilitator");
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("email", code.toLowerCase() + "@wsis20.test");
      body.put("password", "simulation-" + code);
      body.put("role", chair ? "facilitator" : "delegate");
      if (!chair) {
        body.put("delegation", code);
      }
      expect(json("POST", neg + "/participants", admin, body), 201, "participant " + code);
    });
    end("setup: " + people.size() + " participants with their accounts");
    begin();
    parallel(CLIENTS, people, code -> TOKENS.put(code, login(code.toLowerCase() + "@wsis20.test", "simulation-" + code)));
    end("setup: " + people.size() + " logins");
    begin();
    for (String s : states) {
      STATES.add(new Delegate(s, TOKENS.get(s)));
    }
    chairs.forEach(c -> CHAIRS.add(TOKENS.get(c)));
    List<String> groups = new ArrayList<>(members.keySet());
    parallel(CLIENTS, groups, g -> {
      expect(json("POST", neg + "/delegations", admin, Map.of("code", g)), 201, "group " + g);
      String coordinator = PREFERRED.getOrDefault(g, members.get(g).get(0));
      if (!members.get(g).contains(coordinator)) {
        coordinator = members.get(g).get(0);
      }
      expect(json("PUT", neg + "/delegations/" + g + "/coordinator", admin, Map.of("coordinator", coordinator)), 200,
          "coordinator " + g);
      synchronized (COORDINATOR) {
        COORDINATOR.put(g, coordinator);
        COORDINATES.computeIfAbsent(coordinator, k -> new ArrayList<>()).add(g);
      }
    });
    end("setup: " + groups.size() + " groups with their coordinators");

    begin();
    String draft = zeroDraft();
    Res up = expect(call("POST", neg + "/revisions?label=Zero%20draft", admin, "text/markdown; charset=utf-8",
        draft.getBytes(StandardCharsets.UTF_8), Map.of()), 201, "zero draft");
    long r = up.json().get("id").asLong();
    int zeroParagraphs = up.json().get("paragraphs").size();
    end("zero draft upload (" + zeroParagraphs + " paragraphs)");

    List<String> publishes = new ArrayList<>();
    int posted = 0;
    int perRound = total / ROUNDS;
    long lastWithProposals = r;
    for (int round = 0; round < ROUNDS; round++) {
      String label = "Rev." + (round + 1);
      List<Para> paras = paragraphs(n, r);
      posted += propose(n, r, paras, perRound, "round " + (round + 1));
      begin();
      long ws = expect(json("POST", neg + "/revisions/" + r + "/successor", CHAIRS.get(0), Map.of("label", label)),
          201, "successor").json().get("id").asLong();
      List<Pending> todo = pending(n, r);
      int latBefore = LATENCIES.size();
      int batchesBefore = BATCHES.size();
      int decided = decideAll(n, r, todo, SEED.nextLong());
      end("round " + (round + 1) + ": decisions on " + todo.size() + " proposals");
      List<Long> roundLat = new ArrayList<>(LATENCIES).subList(latBefore, LATENCIES.size());
      List<Long> sortedLat = new ArrayList<>(roundLat);
      Collections.sort(sortedLat);
      List<long[]> roundBatches = new ArrayList<>(BATCHES).subList(batchesBefore, BATCHES.size());
      // logged as the run goes, so a run stopped early still has them
      System.err.printf("    %s; single decision PUTs %d: p50 %s ms, p99 %s ms; expected 409s so far %s%n",
          batchSummary(roundBatches), sortedLat.size(), pct(sortedLat, 50), pct(sortedLat, 99),
          new TreeMap<>(CONFLICTS));
      begin();
      Res pub = expect(json("POST", neg + "/revisions/" + ws + "/publish", CHAIRS.get(0), Map.of()), 200,
          "publish " + label);
      long ms = end("round " + (round + 1) + ": publish " + label);
      if (pub != null) {
        System.err.println("    published " + label + ": " + pub.body());
        publishes.add("| " + label + " | " + ms + " ms | " + decided + " | " + pub.json().path("carried").asInt()
            + " | " + pub.json().path("needsRebase").asInt() + " | `" + pub.json().path("fates") + "` |");
      }
      lastWithProposals = r;
      r = ws;
    }

    begin();
    Res fates = expect(json("GET", neg + "/fates", CHAIRS.get(0), null), 200, "fates");
    Res mine = expect(json("GET", neg + "/fates?delegation=EGY", TOKENS.get("EGY"), null), 200, "fates of EGY");
    end("fates: all (" + (fates == null ? 0 : fates.json().get("fates").size()) + ") and Egypt's ("
        + (mine == null ? 0 : mine.json().get("fates").size()) + ")");
    begin();
    Res docx = expect(call("GET", neg + "/revisions/" + lastWithProposals + "/compilation?format=docx", CHAIRS.get(0),
        null, null, Map.of()), 200, "compilation");
    end("compilation DOCX of Rev.3 (" + (docx == null ? 0 : docx.raw().body().length / 1024) + " KiB)");
    long wall = (System.nanoTime() - run0) / 1_000_000;
    long wallCpu = serverCpuMs() - cpu0;
    List<Long> lat = new ArrayList<>(LATENCIES);
    Collections.sort(lat);
    int decisionRequests = lat.size();
    String p50 = pct(lat, 50);
    String p99 = pct(lat, 99);
    String max = lat.isEmpty() ? "-" : String.format("%.1f", lat.get(lat.size() - 1) / 1e6);
    int requests = REQUESTS.get();
    int errorsMain = UNEXPECTED.get();
    String roundBatchSummary = batchSummary(new ArrayList<>(BATCHES));

    // apart: one revision with `big` proposals, all decided, then published
    String bigPublish = "-";
    String bigBatches = "-";
    if (big > 0) {
      List<Para> paras = paragraphs(n, r);
      begin();
      int posts = proposeDecidable(n, r, paras, big);
      end("big: " + posts + " decidable proposals on " + paras.size() + " paragraphs");
      begin();
      long ws = expect(json("POST", neg + "/revisions/" + r + "/successor", CHAIRS.get(0), Map.of("label",
          "Rev.big")), 201, "successor big").json().get("id").asLong();
      List<Pending> todo = pending(n, r);
      LATENCIES.clear();
      BATCHES.clear();
      int decided = decideAll(n, r, todo, SEED.nextLong(), SINGLES);
      end("big: decisions on " + todo.size() + " proposals (" + SINGLES + " one by one, the rest by paragraph)");
      List<Long> bigLat = new ArrayList<>(LATENCIES);
      Collections.sort(bigLat);
      bigBatches = batchSummary(new ArrayList<>(BATCHES));
      System.err.printf("    single decision PUTs %d: p50 %s ms, p99 %s ms; %s%n", bigLat.size(), pct(bigLat, 50),
          pct(bigLat, 99), bigBatches);
      int workspaceParagraphs = paragraphs(n, ws).size();
      begin();
      Res pub = expect(json("POST", neg + "/revisions/" + ws + "/publish", CHAIRS.get(0), Map.of()), 200,
          "publish big");
      long ms = end("big: publish (" + decided + " decided)");
      bigPublish = ms + " ms for " + decided + " decided proposals (" + todo.size() + " on the revision, "
          + workspaceParagraphs + " workspace paragraphs); carried " + (pub == null ? "-" : pub.json().path("carried"))
          + "; one decision alone (" + bigLat.size() + " PUTs, " + FACILITATORS + " facilitators at once): p50 "
          + pct(bigLat, 50) + " ms, p99 **" + pct(bigLat, 99) + " ms**; " + bigBatches;
    }

    StringBuilder md = new StringBuilder();
    md.append("### ").append(backend).append("\n\n");
    md.append("Whole run (setup to DOCX): **").append(wall).append(" ms** wall, server CPU ").append(wallCpu).append(" ms; ").append(posted)
        .append(" proposals POSTed over ").append(ROUNDS).append(" revisions; ").append(requests)
        .append(" HTTP requests; unexpected errors: **").append(errorsMain).append("**")
        .append(big > 0 ? " (" + UNEXPECTED.get() + " including the 5,000 phase)" : "").append(".\n");
    md.append("Decisions in the rounds: ").append(roundBatchSummary).append("; single PUTs (replaced decisions and ")
        .append("conflicts resolved one by one) ").append(decisionRequests).append(", p50 ").append(p50)
        .append(" ms, p99 ").append(p99).append(" ms, max ").append(max).append(" ms (client-side, ")
        .append(FACILITATORS).append(" facilitators in parallel); final decisions ").append(new TreeMap<>(DECISIONS))
        .append("; expected 409s ").append(new TreeMap<>(CONFLICTS)).append(".\n");
    md.append("Publish of 300 paragraphs with all proposals decided: **").append(bigPublish).append("**.\n\n");
    md.append("| phase | wall ms | server CPU ms |\n|---|---|---|\n");
    PHASES.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" | ").append(PHASE_CPU.get(k))
        .append(" |\n"));
    md.append("\n| publish | time | decided | carried forward | needs rebase | fates |\n|---|---|---|---|---|---|\n");
    publishes.forEach(l -> md.append(l).append('\n'));
    if (!ERRORS.isEmpty()) {
      md.append("\nFirst unexpected responses:\n\n");
      ERRORS.forEach(e -> md.append("- `").append(e.replace('`', '\'').replace('\n', ' ')).append("`\n"));
    }
    md.append('\n');
    Files.writeString(out, md.toString());
    System.out.print(md);
    System.exit(UNEXPECTED.get() == 0 ? 0 : 1);
  }

  /** {@code count} proposals that all take a decision (amendments and comments), for the big publish. */
  static int proposeDecidable(long n, long r, List<Para> paras, int count) throws Exception {
    String path = "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals";
    List<Integer> seqs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      seqs.add(i);
    }
    long seed = SEED.nextLong();
    AtomicInteger ok = new AtomicInteger();
    parallel(CLIENTS, seqs, i -> {
      Random rnd = new Random(seed + i);
      Delegate d = STATES.get(rnd.nextInt(STATES.size()));
      Para p = paras.get(i % paras.size());
      ObjectNode body = proposal(rnd, p, i, STATES);
      body.remove("cosponsors");
      if (expect(json("POST", path, d.token(), body, Map.of("Idempotency-Key", "big-" + i)), 201, "big proposal")
          != null) {
        ok.incrementAndGet();
      }
    });
    return ok.get();
  }

  /** Batches: how many, decisions in all, and the time of one batch (p50, p99) and per decision. */
  static String batchSummary(List<long[]> batches) {
    if (batches.isEmpty()) {
      return "no batches";
    }
    List<Long> times = new ArrayList<>();
    long decisions = 0;
    long total = 0;
    for (long[] b : batches) {
      times.add(b[0]);
      decisions += b[1];
      total += b[0];
    }
    Collections.sort(times);
    return String.format("%d batches (by paragraph) of %d decisions: a batch p50 %s ms, p99 %s ms; %.2f ms per decision",
        batches.size(), decisions, pct(times, 50), pct(times, 99), total / 1e6 / decisions);
  }

  static String pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return String.format("%.1f", sorted.get(Math.max(0, i)) / 1e6);
  }
}
