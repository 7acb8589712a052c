import java.io.IOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proposals benchmark's own client (Java 17 single-file program, JDK only): seeds a negotiation, runs
 * the kill -9 durability load, and verifies afterwards. Throughput is measured with wrk.
 *
 * <pre>
 *   java BenchClient.java seed http://127.0.0.1:18080 admin-pw draft.txt out/ 32
 *   java BenchClient.java durability http://127.0.0.1:18080 out/ 20 out/acked.txt
 *   java BenchClient.java verify http://127.0.0.1:18080 out/ out/acked.txt
 *   java BenchClient.java post http://127.0.0.1:18080 out/ 5000 8
 * </pre>
 */
public final class BenchClient {
  static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  static final List<String> STATES = List.of("DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY",
      "MRT", "MAR", "OMN", "PSE", "QAT", "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "IRN", "AZE", "CHN", "IND",
      "PAK", "MYS", "BRA", "ZAF", "RWA", "NAM", "ZMB", "DEU", "FRA", "SWE", "CHE", "USA", "GBR", "JPN");

  record Response(int status, String body) {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "seed" -> seed(args[1], args[2], Path.of(args[3]), Path.of(args[4]), Integer.parseInt(args[5]));
      case "durability" -> durability(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
      case "verify" -> System.exit(verify(args[1], Path.of(args[2]), Path.of(args[3])) ? 0 : 1);
      case "post" -> post(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static Response send(String method, String url, String token, String contentType, String body,
      Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.body());
  }

  static Response json(String method, String url, String token, String body) throws Exception {
    return send(method, url, token, "application/json", body, Map.of());
  }

  static String expect(Response r, int status, String what) {
    if (r.status() != status) {
      throw new IllegalStateException(what + ": " + r.status() + " " + r.body());
    }
    return r.body();
  }

  static String login(String base, String email, String password) throws Exception {
    String body = expect(json("POST", base + "/api/v1/session", null,
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), 200, "login " + email);
    return group(body, "\"token\":\"([^\"]+)\"");
  }

  static String group(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in " + s.substring(0, Math.min(300, s.length())));
    }
    return m.group(1);
  }

  static List<String> all(String s, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * Two negotiations on the Arabic zero draft: one to post into (delegates' tokens and paragraph ids written
   * out), one whose paragraph carries ten proposals, to read.
   */
  static void seed(String base, String adminPassword, Path draft, Path out, int delegates) throws Exception {
    Files.createDirectories(out);
    String admin = login(base, "admin@plenary.local", adminPassword);
    String text = Files.readString(draft);
    String[] names = {"post", "read"};
    for (String name : names) {
      String n = group(expect(json("POST", base + "/api/v1/negotiations", admin,
          "{\"title\":\"القرار 88 (كيغالي، 2022) " + name + "\",\"languages\":[\"ar\"]}"), 201, "negotiation"), "\"id\":(\\d+)");
      String rev = expect(send("POST", base + "/api/v1/negotiations/" + n + "/revisions?label=Zero%20draft", admin,
          "text/plain; charset=utf-8", text, Map.of()), 201, "revision");
      String r = group(rev, "^\\{\"id\":(\\d+)");
      List<String> paragraphs = all(rev, "\\{\"id\":(\\d+),\"position\"");
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < delegates; i++) {
        String code = STATES.get(i % STATES.size());
        String email = name + i + "@bench.test";
        expect(json("POST", base + "/api/v1/negotiations/" + n + "/participants", admin,
            "{\"email\":\"" + email + "\",\"password\":\"bench-password-" + i + "\",\"delegation\":\"" + code
                + "\",\"role\":\"delegate\"}"), 201, "participant");
        tokens.add(login(base, email, "bench-password-" + i));
      }
      String prefix = base + "/api/v1/negotiations/" + n + "/revisions/" + r;
      if (name.equals("post")) {
        Files.writeString(out.resolve("post_base.txt"), "/api/v1/negotiations/" + n + "/revisions/" + r + "\n");
        Files.write(out.resolve("tokens.txt"), tokens);
        Files.write(out.resolve("paragraphs.txt"), paragraphs);
      } else {
        String p = paragraphs.get(9);
        for (int i = 0; i < 10; i++) {
          String kind = i % 3 == 0 ? "amend" : i % 3 == 1 ? "comment" : "support";
          String body = kind.equals("support")
              ? "{\"kind\":\"support\",\"target\":" + firstAmend(prefix, tokens.get(0), p) + ",\"text\":\"نؤيد\"}"
              : "{\"kind\":\"" + kind + "\",\"paragraph\":" + p + ",\"text\":\"نص مقترح رقم " + i + " يشمل WSIS+20 و(ITU)\","
                  + "\"rationale\":\"تعليل\",\"cosponsors\":[\"" + STATES.get((i + 20) % STATES.size()) + "\"]}";
          expect(json("POST", prefix + "/proposals", tokens.get(i), body), 201, "read proposal");
        }
        Files.writeString(out.resolve("get_path.txt"), "/api/v1/negotiations/" + n + "/revisions/" + r
            + "/paragraphs/" + p + "\n");
        Files.writeString(out.resolve("get_token.txt"), tokens.get(15) + "\n");
      }
    }
  }

  static String firstAmend(String prefix, String token, String paragraph) throws Exception {
    String list = expect(json("GET", prefix + "/proposals?kind=amend&paragraph=" + paragraph, token, null), 200, "list");
    return group(list, "\\{\"id\":(\\d+)");
  }

  /**
   * Exactly {@code count} amendments into the seeded negotiation's post revision, by {@code threads} submitters,
   * each as the wrk script post.lua writes them (the delegates in turn, one Idempotency-Key each); anything
   * but a 201 stops the run. For a compilation of a known size.
   */
  static void post(String base, Path out, int count, int threads) throws Exception {
    String prefix = base + Files.readString(out.resolve("post_base.txt")).strip();
    List<String> tokens = Files.readAllLines(out.resolve("tokens.txt"));
    List<String> paragraphs = Files.readAllLines(out.resolve("paragraphs.txt"));
    AtomicLong next = new AtomicLong();
    ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        for (long i = next.getAndIncrement(); i < count && errors.isEmpty(); i = next.getAndIncrement()) {
          String key = run + "-" + i;
          String body = "{\"kind\":\"amend\",\"paragraph\":" + paragraphs.get((int) (i % paragraphs.size()))
              + ",\"text\":\"(أ) نص مقترح للفقرة يشمل WSIS+20 و(ITU) " + key
              + "\",\"rationale\":\"تحديث الأرقام وفقاً لأحدث إحصاءات الاتحاد.\"}";
          try {
            Response r = send("POST", prefix + "/proposals", tokens.get((int) (i % tokens.size())),
                "application/json", body, Map.of("Idempotency-Key", key));
            if (r.status() != 201) {
              errors.add(r.status() + " " + r.body());
            }
          } catch (Exception e) {
            errors.add(e.toString());
          }
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread t : workers) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("posting failed: " + errors.peek());
    }
    System.out.println("posted=" + count);
  }

  /**
   * 32 submitters for {@code seconds}; each submission has its own Idempotency-Key and is retried with that key
   * until acknowledged (the server may be killed and restarted meanwhile). Acknowledged ids and keys are
   * appended to {@code acked} as they arrive.
   */
  static void durability(String base, Path out, int seconds, Path acked) throws Exception {
    String prefix = base + Files.readString(out.resolve("post_base.txt")).strip();
    List<String> tokens = Files.readAllLines(out.resolve("tokens.txt"));
    List<String> paragraphs = Files.readAllLines(out.resolve("paragraphs.txt"));
    ConcurrentLinkedQueue<String> ackLines = new ConcurrentLinkedQueue<>();
    AtomicLong retries = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    System.out.println("load started");
    System.out.flush();
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < tokens.size(); t++) {
      int tid = t;
      Thread worker = new Thread(() -> {
        long i = 0;
        while (System.nanoTime() < end) {
          String key = run + "-" + tid + "-" + (i++);
          String body = "{\"kind\":\"comment\",\"paragraph\":" + paragraphs.get((int) (i % paragraphs.size()))
              + ",\"text\":\"bench " + key + "\"}";
          boolean first = true;
          // Retry with the same key until acknowledged; an unacknowledged last attempt counts for nothing.
          while (true) {
            try {
              Response r = send("POST", prefix + "/proposals", tokens.get(tid), "application/json", body,
                  Map.of("Idempotency-Key", key));
              if (r.status() == 201) {
                if (!first) {
                  retries.incrementAndGet();
                }
                ackLines.add(group(r.body(), "^\\{\"id\":(\\d+)") + " " + key);
                break;
              }
              if (r.status() >= 500 || r.status() == 503) {
                failures.incrementAndGet();
              } else {
                throw new IllegalStateException("unexpected " + r.status() + " " + r.body());
              }
            } catch (IOException e) {
              failures.incrementAndGet();
            } catch (InterruptedException e) {
              return;
            }
            first = false;
            if (System.nanoTime() > end + 30_000_000_000L) {
              return;
            }
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      });
      worker.start();
      threads.add(worker);
    }
    for (Thread t : threads) {
      t.join();
    }
    Files.write(acked, ackLines);
    System.out.println("acknowledged=" + ackLines.size() + " retried_until_ack=" + retries.get()
        + " failed_attempts=" + failures.get());
  }

  /** Every acknowledged id is stored, with its key's text, and no key was stored twice. */
  static boolean verify(String base, Path out, Path acked) throws Exception {
    String prefix = base + Files.readString(out.resolve("post_base.txt")).strip();
    String token = Files.readAllLines(out.resolve("tokens.txt")).get(0);
    String list = expect(json("GET", prefix + "/proposals?kind=comment", token, null), 200, "list");
    Map<String, String> textById = new HashMap<>();
    Matcher m = Pattern.compile("\\{\"id\":(\\d+),\"negotiation\".*?\"text\":\"bench ([^\"]+)\"").matcher(list);
    Map<String, Integer> perKey = new HashMap<>();
    while (m.find()) {
      textById.put(m.group(1), m.group(2));
      perKey.merge(m.group(2), 1, Integer::sum);
    }
    List<String> lines = Files.readAllLines(acked);
    int lost = 0;
    int wrong = 0;
    for (String line : lines) {
      String[] idKey = line.split(" ");
      String stored = textById.get(idKey[0]);
      if (stored == null) {
        lost++;
      } else if (!stored.equals(idKey[1])) {
        wrong++;
      }
    }
    long duplicates = perKey.values().stream().filter(c -> c > 1).count();
    System.out.println("acknowledged=" + lines.size() + " stored=" + textById.size() + " lost=" + lost
        + " mismatched=" + wrong + " duplicated_keys=" + duplicates);
    return lost == 0 && wrong == 0 && duplicates == 0 && lines.size() > 0;
  }
}
