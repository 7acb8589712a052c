import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Replays the resource-exhaustion cases of issue 11 against a running Plenary and prints one result line per
 * case ("case | outcome | time to refusal | /health worst latency"). Run by run.sh, one case per invocation,
 * so that run.sh can sample the server's heap around each:
 *
 * <pre>
 *   java bench/probe/Probe.java http://127.0.0.1:8099 admin@probe.test probe-password docx-sequential
 * </pre>
 *
 * Cases: docx-sequential, docx-parallel, json-keys, idle-sockets.
 */
public final class Probe {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String base;
  private final String token;

  private Probe(String base, String token) {
    this.base = base;
    this.token = token;
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String kase = args[3];
    String token = login(base, args[1], args[2]);
    Probe p = new Probe(base, token);
    switch (kase) {
      case "docx-sequential" -> p.docx(1);
      case "docx-parallel" -> p.docx(6);
      case "json-keys" -> p.jsonKeys();
      case "idle-sockets" -> p.idleSockets(Integer.parseInt(args.length > 4 ? args[4] : "20000"));
      default -> throw new IllegalArgumentException("unknown case " + kase);
    }
  }

  private static String login(String base, String email, String password) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    String body = r.body();
    int i = body.indexOf("\"token\":\"") + 9;
    return body.substring(i, body.indexOf('"', i));
  }

  /** Polls /health every 100 ms on fresh connections while a case runs; the worst latency, or -1 if one failed. */
  private static final class HealthWatch implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong worstMillis = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;

    HealthWatch(String base) {
      thread = new Thread(() -> {
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (running.get()) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              failures.incrementAndGet();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
          worstMillis.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
          sleep(100);
        }
      }, "health-watch");
      thread.setDaemon(true);
      thread.start();
    }

    String summary() {
      return "/health worst " + worstMillis.get() + " ms, " + failures.get() + " failed";
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- 2: the DOCX bomb ------------------------------------------------------------------------------------

  /**
   * A DOCX whose document.xml inflates to just under 100 MB (POI's largest part) with 2 million short
   * paragraphs, each with a random number so that it compresses about as well as the probed file (2.7 MB, tens
   * to one: under a 100:1 ratio limit).
   */
  static byte[] docxBomb() throws IOException {
    String w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas"
          + ".openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/"
          + "vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/"
          + "xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
          + "officedocument.wordprocessingml.document.main+xml\"/></Types>");
      put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas"
          + ".openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas"
          + ".openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
          + "</Relationships>");
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      StringBuilder b = new StringBuilder(1 << 20);
      b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"").append(w).append("\"><w:body>");
      Random random = new Random(11);
      for (int i = 0; i < 2_000_000; i++) {
        b.append("<w:p><w:r><w:t>Article ").append(random.nextInt(30)).append(" text.</w:t></w:r></w:p>");
        if (b.length() > 1 << 20) {
          zip.write(b.toString().getBytes(StandardCharsets.UTF_8));
          b.setLength(0);
        }
      }
      b.append("</w:body></w:document>");
      zip.write(b.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private void docx(int parallel) throws Exception {
    byte[] bomb = docxBomb();
    long n = negotiation();
    String url = base + "/api/v1/negotiations/" + n + "/revisions?label=bomb";
    try (HealthWatch health = new HealthWatch(base)) {
      long t0 = System.nanoTime();
      List<CompletableFuture<String>> sent = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        sent.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)).build(), HttpResponse.BodyHandlers.ofString())
            .thenApply(r -> r.statusCode() + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                + excerpt(r.body()))
            .exceptionally(e -> "failed after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e));
      }
      List<String> outcomes = new ArrayList<>();
      for (CompletableFuture<String> f : sent) {
        outcomes.add(f.join());
      }
      health.close();
      System.out.println("docx x" + parallel + " | DOCX " + bomb.length / 1024 + " KB | " + String.join(" ; ", outcomes)
          + " | " + health.summary());
    }
  }

  private long negotiation() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/negotiations"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"probe\",\"languages\":[\"ar\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    int i = body.indexOf("\"id\":") + 5;
    int j = i;
    while (Character.isDigit(body.charAt(j))) {
      j++;
    }
    return Long.parseLong(body.substring(i, j));
  }

  private static String excerpt(String body) {
    String s = body.replaceAll("\\s+", " ");
    int d = s.indexOf("\"detail\":");
    if (d >= 0) {
      s = s.substring(d + 9);
    }
    return s.length() > 110 ? s.substring(0, 110) + "…" : s;
  }

  // --- 3: 700,000 distinct keys ----------------------------------------------------------------------------

  private void jsonKeys() throws Exception {
    StringBuilder b = new StringBuilder(8 * 1024 * 1024 + 64).append('{');
    for (int i = 0; i < 700_000; i++) {
      b.append("\"k").append(i).append("\":0,");
    }
    b.append("\"email\":\"a@b.c\",\"password\":\"x\"}");
    byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
    for (String auth : new String[] {null, "Bearer " + token}) {
      try (HealthWatch health = new HealthWatch(base)) {
        long t0 = System.nanoTime();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
          req.header("Authorization", auth);
        }
        String outcome;
        try {
          HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
          outcome = r.statusCode() + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + excerpt(r.body());
        } catch (IOException e) {
          outcome = "connection closed after " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + e.getMessage() + ")";
        }
        health.close();
        System.out.println("json " + body.length / 1024 + " KB, 700000 keys, " + (auth == null ? "no credentials"
            : "with a token") + " | " + outcome + " | " + health.summary());
      }
    }
  }

  // --- 4: idle sockets -------------------------------------------------------------------------------------

  private void idleSockets(int count) throws Exception {
    URI uri = URI.create(base);
    List<Socket> sockets = new ArrayList<>();
    long t0 = System.nanoTime();
    String opened;
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new Socket(uri.getHost(), uri.getPort()));
      }
      opened = count + " opened";
    } catch (IOException e) {
      opened = sockets.size() + " opened before " + e.getMessage();
    }
    long openMillis = (System.nanoTime() - t0) / 1_000_000;
    // Which are still open 1 s later (the rest were refused beyond the cap), and what /health says meanwhile.
    sleep(1000);
    String during = health();
    int alive = alive(sockets);
    long waited = 0;
    String after = during;
    while (waited < 30_000 && !after.startsWith("200")) {
      sleep(500);
      waited += 500;
      after = health();
    }
    int aliveAfter = alive(sockets);
    System.out.println("idle sockets | " + opened + " in " + openMillis + " ms; " + alive + " still open after 1 s"
        + " | /health during the flood: " + during + "; answers 200 " + (waited + 1000) + " ms after the flood; "
        + aliveAfter + " sockets still open then");
    for (Socket s : sockets) {
      s.close();
    }
  }

  private String health() {
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long t0 = System.nanoTime();
    try {
      HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(URI.create(base + "/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    } catch (Exception e) {
      return "no answer (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** Sockets the server has not closed: a read that times out (nothing sent, still open) rather than ends. */
  private static int alive(List<Socket> sockets) throws IOException {
    int alive = 0;
    for (Socket s : sockets) {
      if (s.isClosed()) {
        continue;
      }
      s.setSoTimeout(1);
      try {
        InputStream in = s.getInputStream();
        if (in.read() < 0) {
          s.close();
        } else {
          alive++;
        }
      } catch (java.net.SocketTimeoutException e) {
        alive++;
      } catch (IOException e) {
        s.close();
      }
    }
    return alive;
  }
}
