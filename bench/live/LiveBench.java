import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live-updates benchmark client (Java 17 single-file program on the server jar's classpath, for
 * Vert.x): seeds a negotiation, opens N Server-Sent Events connections through ONE Vert.x HttpClient
 * (spread over the given nodes), then POSTs proposals one after the other on the first node and measures,
 * for every client, the time from the POST's acknowledgement (201 received) to that client's receipt of
 * the proposal's event.
 *
 * <pre>
 *   java -cp server/target/plenary.jar bench/live/LiveBench.java ADMIN_PASSWORD DRAFT CLIENTS PROPOSALS \
 *        http://127.0.0.1:18181 [http://127.0.0.1:18182 …]
 * </pre>
 */
public final class LiveBench {
  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final int WARMUP = 20;
  static final Pattern PROPOSAL = Pattern.compile("\"proposal\":(\\d+)");
  static final List<String> DELEGATIONS = List.of("EGY", "SAU", "IRQ", "ARE", "MAR", "TUN", "JOR", "QAT", "DZA",
      "OMN", "KWT", "BHR", "LBN", "LBY", "SDN", "YEM", "SYR", "PSE", "MRT", "DJI");

  public static void main(String[] args) throws Exception {
    String adminPassword = args[0];
    String draft = Files.readString(Path.of(args[1]));
    int clients = Integer.parseInt(args[2]);
    int proposals = Integer.parseInt(args[3]);
    List<String> nodes = List.of(args).subList(4, args.length);
    String a = nodes.get(0);

    // --- seed: a negotiation, the zero draft, 20 delegations' delegates ---
    String admin = login(a, "admin@plenary.local", adminPassword);
    long n = num(send("POST", a + "/api/v1/negotiations", admin, "application/json",
        "{\"title\":\"القرار 88 (كيغالي، 2022) – bench\",\"languages\":[\"ar\"]}"), "\"id\":(\\d+)");
    String rev = send("POST", a + "/api/v1/negotiations/" + n + "/revisions?label=Zero%20draft", admin,
        "text/plain; charset=utf-8", draft);
    long r = num(rev, "\"id\":(\\d+)");
    long paragraph = num(rev.substring(rev.indexOf("\"paragraphs\"")), "\"id\":(\\d+)");
    List<String> tokens = new ArrayList<>();
    for (String d : DELEGATIONS) {
      String email = d.toLowerCase() + "@bench.test";
      send("POST", a + "/api/v1/negotiations/" + n + "/participants", admin, "application/json",
          "{\"email\":\"" + email + "\",\"password\":\"bench-password-1\",\"role\":\"delegate\",\"delegation\":\"" + d + "\"}");
      tokens.add(login(a, email, "bench-password-1"));
    }

    // --- N SSE clients through one Vert.x HttpClient ---
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setIdleTimeout(0)
        .setConnectTimeout(10_000), new PoolOptions().setHttp1MaxSize(clients + 16));
    Map<Long, AtomicLongArray> received = new ConcurrentHashMap<>();
    CountDownLatch open = new CountDownLatch(clients);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger ended = new AtomicInteger();
    long t0 = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      int c = i;
      URI node = URI.create(nodes.get(i % nodes.size()));
      StringBuilder pending = new StringBuilder();
      client.request(HttpMethod.GET, node.getPort(), node.getHost(), "/api/v1/negotiations/" + n + "/events")
          .compose(req -> req.putHeader("Authorization", "Bearer " + tokens.get(c % tokens.size()))
              .putHeader("Accept", "text/event-stream").send())
          .onSuccess(resp -> {
            if (resp.statusCode() != 200) {
              failed.incrementAndGet();
              open.countDown();
              return;
            }
            resp.handler(buf -> {
              long now = System.nanoTime();
              pending.append(buf.toString(StandardCharsets.UTF_8));
              int end;
              while ((end = pending.indexOf("\n\n")) >= 0) {
                String frame = pending.substring(0, end);
                pending.delete(0, end + 2);
                if (frame.contains("event: proposal.created")) {
                  Matcher m = PROPOSAL.matcher(frame);
                  if (m.find()) {
                    received.computeIfAbsent(Long.parseLong(m.group(1)), k -> new AtomicLongArray(clients))
                        .compareAndSet(c, 0, now);
                  }
                }
              }
            });
            resp.endHandler(v -> ended.incrementAndGet());
            open.countDown();
          })
          .onFailure(e -> {
            failed.incrementAndGet();
            open.countDown();
          });
    }
    if (!open.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (clients - open.getCount()) + " of " + clients + " connected");
    }
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(1000);

    // --- warm-up (not measured): the JIT compiles the paths of the server and of this client ---
    for (int i = 0; i < WARMUP; i++) {
      send("POST", a + "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals", tokens.get(i % tokens.size()),
          "application/json", "{\"kind\":\"comment\",\"paragraph\":" + paragraph + ",\"text\":\"إحماء " + i + "\"}");
      Thread.sleep(50);
    }
    Thread.sleep(1000);

    // --- POST proposals one after the other on node A, each acknowledged before the next ---
    long[] serverCpuBefore = serverCpuMillis();
    long clientCpuBefore = clientCpuMillis();
    Map<Long, Long> ackAt = new ConcurrentHashMap<>();
    Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    List<Double> postMillis = new ArrayList<>();
    for (int i = 0; i < proposals; i++) {
      String token = tokens.get(i % tokens.size());
      long sent = System.nanoTime();
      String body = send("POST", a + "/api/v1/negotiations/" + n + "/revisions/" + r + "/proposals", token,
          "application/json", "{\"kind\":\"comment\",\"paragraph\":" + paragraph
              + ",\"text\":\"تعليق رقم " + i + " على الفقرة (WSIS+20)\"}");
      long ack = System.nanoTime();
      long id = num(body, "\"id\":(\\d+)");
      sentAt.put(id, sent);
      ackAt.put(id, ack);
      postMillis.add((ack - sent) / 1e6);
      Thread.sleep(50);
    }
    // Wait (bounded) until every client has every proposal.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline && missing(received, ackAt.keySet(), clients) > 0) {
      Thread.sleep(50);
    }
    List<Double> latencies = new ArrayList<>();
    List<Double> fromSend = new ArrayList<>();
    for (Map.Entry<Long, Long> e : ackAt.entrySet()) {
      AtomicLongArray got = received.get(e.getKey());
      for (int c = 0; got != null && c < clients; c++) {
        long at = got.get(c);
        if (at != 0) {
          latencies.add((at - e.getValue()) / 1e6);
          fromSend.add((at - sentAt.get(e.getKey())) / 1e6);
        }
      }
    }
    long[] serverCpuAfter = serverCpuMillis();
    long clientCpuAfter = clientCpuMillis();
    int missing = missing(received, ackAt.keySet(), clients);
    Collections.sort(latencies);
    Collections.sort(fromSend);
    Collections.sort(postMillis);
    System.out.printf("clients=%d nodes=%d proposals=%d samples=%d missing=%d failed_connections=%d ended=%d%n",
        clients, nodes.size(), proposals, latencies.size(), missing, failed.get(), ended.get());
    System.out.printf("connect_all_s=%.2f%n", connectSeconds);
    System.out.printf("ack_to_receipt_ms p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f%n", pct(latencies, 50),
        pct(latencies, 90), pct(latencies, 99), pct(latencies, 99.9), pct(latencies, 100));
    System.out.printf("send_to_receipt_ms p50=%.1f p99=%.1f max=%.1f%n", pct(fromSend, 50), pct(fromSend, 99),
        pct(fromSend, 100));
    System.out.printf("post_ms p50=%.1f p99=%.1f%n", pct(postMillis, 50), pct(postMillis, 99));
    StringBuilder cpu = new StringBuilder();
    for (int i = 0; i < serverCpuBefore.length; i++) {
      cpu.append(String.format(" node%d=%.1f", i + 1, (serverCpuAfter[i] - serverCpuBefore[i]) / (double) proposals));
    }
    System.out.printf("cpu_ms_per_proposal server:%s client=%.1f (POST handling, reading the event, fan-out to %d)%n",
        cpu, (clientCpuAfter - clientCpuBefore) / (double) proposals, clients);
    client.close().await();
    vertx.close().await();
    System.exit(missing == 0 && failed.get() == 0 && pct(latencies, 99) <= 250 ? 0 : 3);
  }

  /** CPU time (user + system) of the server processes named in SERVER_PIDS, from /proc. */
  static long[] serverCpuMillis() throws Exception {
    String pids = System.getenv().getOrDefault("SERVER_PIDS", "").trim();
    if (pids.isEmpty()) {
      return new long[0];
    }
    String[] each = pids.split("\\s+");
    long[] out = new long[each.length];
    for (int i = 0; i < each.length; i++) {
      String stat = Files.readString(Path.of("/proc/" + each[i] + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      out[i] = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms
    }
    return out;
  }

  static long clientCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
  }

  static int missing(Map<Long, AtomicLongArray> received, java.util.Set<Long> ids, int clients) {
    int missing = 0;
    for (long id : ids) {
      AtomicLongArray got = received.get(id);
      for (int c = 0; c < clients; c++) {
        if (got == null || got.get(c) == 0) {
          missing++;
        }
      }
    }
    return missing;
  }

  static double pct(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static String login(String base, String email, String password) throws Exception {
    String body = send("POST", base + "/api/v1/session", null, "application/json",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("login failed: " + body);
    }
    return m.group(1);
  }

  static long num(String body, String regex) {
    Matcher m = Pattern.compile(regex).matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("no " + regex + " in " + body);
    }
    return Long.parseLong(m.group(1));
  }

  static String send(String method, String url, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(method + " " + url + " → " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
