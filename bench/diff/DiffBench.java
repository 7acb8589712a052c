import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.plenary.Config;
import org.plenary.Plenary;
import org.plenary.diff.DiffJson;
import org.plenary.diff.DiffJsonWriter;
import org.plenary.diff.DiffOptions;
import org.plenary.diff.ParagraphText;
import org.plenary.diff.RevisionDiff;
import org.plenary.diff.WordDiff;
import org.plenary.text.Tokenizer;

/**
 * Speed of the revision diff against git's word diff, on generated 30,000-word Arabic drafts.
 *
 * <p>Run by {@code bench/diff/run.sh}: {@code java -cp server/target/plenary.jar bench/diff/DiffBench.java OUT.md}.
 * For each case (5% and 50% word edits, unrelated text) it starts nothing new: one in-process Plenary on
 * H2 serves every case over loopback HTTP. Per case: the diff endpoint (JSON, warm) and
 * {@code git diff --no-index --word-diff=porcelain} on the same two texts, interleaved, medians; then the
 * core alone (diff + JSON bytes) with the bytes this thread allocated.
 */
public class DiffBench {
  static final int WORDS = 30_000;
  static final int WARMUP = 25;
  static final int RUNS = 31;
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  record Case(String name, String oldText, String newText) {}

  record Row(String name, int oldWords, int newWords, double computedMs, double computedP90, double computedMax,
      double cachedMs, double cachedP90, double cachedMax, double notModifiedMs, double readMs, double gitMs,
      double coreMs, double coreAllocMb, double wholeTextMs, double wholeTextAllocMb, int responseKb,
      String summary) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/diff/results.md");
    Path corpusDir = Path.of(args.length > 1 ? args[1] : "bench/diff/corpus");
    List<String> vocabulary = vocabulary(corpusDir);
    Random random = new Random(88);
    String base = draft(vocabulary, random, WORDS);
    List<Case> cases = List.of(
        new Case("5% word edits", base, edit(base, vocabulary, new Random(5), 0.05)),
        new Case("50% word edits", base, edit(base, vocabulary, new Random(50), 0.50)),
        new Case("unrelated text", base, draft(vocabulary, new Random(7), WORDS)));

    Path work = Files.createTempDirectory("plenary-diff-bench");
    Map<String, String> env = new HashMap<>();
    env.put("PLENARY_ADMIN_EMAIL", "bench@plenary.local");
    env.put("PLENARY_ADMIN_PASSWORD", "bench-password-1");
    env.put("PLENARY_PASSWORD_ITERATIONS", "1000");
    Plenary plenary = Plenary.start(Config.from(new String[] {"--port", "0", "--host", "127.0.0.1", "--data-dir",
        work.resolve("data").toString(), "--body-limit", "20000000"}, env));
    List<Row> rows = new ArrayList<>();
    try {
      String api = "http://127.0.0.1:" + plenary.port() + "/api/v1";
      String token = MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(api + "/session"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench@plenary.local\",\"password\":\"bench-password-1\"}"))
          .build())).get("token").asText();
      for (Case c : cases) {
        rows.add(run(c, api, token, work));
      }
    } finally {
      plenary.close();
    }
    write(out, rows, vocabulary.size());
    System.out.println(Files.readString(out));
  }

  static Row run(Case c, String api, String token, Path work) throws Exception {
    long n = MAPPER.readTree(send(auth(HttpRequest.newBuilder(URI.create(api + "/negotiations")), token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"bench " + c.name() + "\",\"languages\":[\"ar\"]}"))
        .build())).get("id").asLong();
    long from = upload(api, token, n, "Old", c.oldText());
    long to = upload(api, token, n, "New", c.newText());
    URI diffUri = URI.create(api + "/negotiations/" + n + "/diff?from=" + from + "&to=" + to + "&format=json");
    // Computed: "Cache-Control: no-cache" makes the server diff and render again (the result cache is
    // bypassed; the published revisions' paragraphs still come from memory, see "both revisions read").
    HttpRequest computedDiff = auth(HttpRequest.newBuilder(diffUri), token).header("Cache-Control", "no-cache")
        .GET().build();
    // Cached: the same request without it, served from the result cache (full 200 body).
    HttpRequest diff = auth(HttpRequest.newBuilder(diffUri), token).GET().build();

    Path oldFile = Files.writeString(work.resolve("old.txt"), c.oldText());
    Path newFile = Files.writeString(work.resolve("new.txt"), c.newText());
    List<String> git = List.of("git", "diff", "--no-index", "--word-diff=porcelain", oldFile.toString(),
        newFile.toString());

    int bytes = 0;
    for (int i = 0; i < WARMUP; i++) {
      bytes = sendBytes(computedDiff).length;
      sendBytes(diff);
      if (i % 5 == 0) {
        runGit(git);
      }
    }
    HttpRequest readFrom = auth(HttpRequest.newBuilder(URI.create(api + "/negotiations/" + n + "/revisions/" + from)),
        token).GET().build();
    HttpRequest readTo = auth(HttpRequest.newBuilder(URI.create(api + "/negotiations/" + n + "/revisions/" + to)),
        token).GET().build();
    String etag = HTTP.send(diff, HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
    HttpRequest conditional = auth(HttpRequest.newBuilder(diffUri), token).header("If-None-Match", etag).GET().build();
    double[] endpoint = new double[RUNS];
    double[] cached = new double[RUNS];
    double[] notModified = new double[RUNS];
    double[] read = new double[RUNS];
    double[] gitWall = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      sendBytes(computedDiff);
      endpoint[i] = (System.nanoTime() - t0) / 1e6;
      gitWall[i] = runGit(git);
      long tc = System.nanoTime();
      sendBytes(diff);
      cached[i] = (System.nanoTime() - tc) / 1e6;
      long tn = System.nanoTime();
      int status = HTTP.send(conditional, HttpResponse.BodyHandlers.discarding()).statusCode();
      notModified[i] = (System.nanoTime() - tn) / 1e6;
      if (status != 304) {
        throw new IllegalStateException("If-None-Match gave " + status);
      }
      long t1 = System.nanoTime();
      sendBytes(readFrom);
      sendBytes(readTo);
      read[i] = (System.nanoTime() - t1) / 1e6;
    }

    // The core alone: the same paragraphs (with the stored ids), diff + JSON, allocation of this thread.
    List<ParagraphText> a = paragraphs(api, token, n, from);
    List<ParagraphText> b = paragraphs(api, token, n, to);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    double[] core = new double[RUNS];
    double[] alloc = new double[RUNS];
    RevisionDiff.Result result = null;
    for (int i = 0; i < WARMUP + RUNS; i++) {
      // All threads: the pairs' word diffs of a long draft run in the common fork-join pool.
      long m0 = allocatedByAllThreads(threads);
      long t0 = System.nanoTime();
      result = RevisionDiff.compare(a, b, DiffOptions.EXACT);
      byte[] json = DiffJsonWriter.revision(result);
      long t1 = System.nanoTime();
      long m1 = allocatedByAllThreads(threads);
      if (i >= WARMUP && json.length > 0) {
        core[i - WARMUP] = (t1 - t0) / 1e6;
        alloc[i - WARMUP] = (m1 - m0) / 1048576.0;
      }
    }
    // The whole text as one word diff (no paragraph alignment): what the histogram differ does alone.
    double[] whole = new double[11];
    double[] wholeAlloc = new double[11];
    for (int i = 0; i < 3 + whole.length; i++) {
      long m0 = threads.getThreadAllocatedBytes(self);
      long t0 = System.nanoTime();
      WordDiff.diff(c.oldText(), c.newText());
      long t1 = System.nanoTime();
      long m1 = threads.getThreadAllocatedBytes(self);
      if (i >= 3) {
        whole[i - 3] = (t1 - t0) / 1e6;
        wholeAlloc[i - 3] = (m1 - m0) / 1048576.0;
      }
    }
    String summary = DiffJson.summary(result).toString();
    return new Row(c.name(), words(c.oldText()), words(c.newText()), median(endpoint), percentile(endpoint, 0.9),
        max(endpoint), median(cached), percentile(cached, 0.9), max(cached), median(notModified), median(read), median(gitWall), median(core), max(alloc), median(whole), max(wholeAlloc), bytes / 1024, summary);
  }

  /** Bytes allocated so far by every live thread (the server's threads are idle between the runs). */
  static long allocatedByAllThreads(com.sun.management.ThreadMXBean threads) {
    long sum = 0;
    for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, a);
    }
    return sum;
  }

  static List<ParagraphText> paragraphs(String api, String token, long n, long r) throws Exception {
    JsonNode rev = MAPPER.readTree(send(auth(HttpRequest.newBuilder(URI.create(api + "/negotiations/" + n
        + "/revisions/" + r)), token).GET().build()));
    List<ParagraphText> out = new ArrayList<>();
    for (JsonNode p : rev.get("paragraphs")) {
      out.add(new ParagraphText(p.get("id").asLong(), p.get("number").isNull() ? null : p.get("number").asText(),
          p.get("kind").asText(), null, p.get("text").asText(), p.get("direction").asText()));
    }
    return out;
  }

  static long upload(String api, String token, long n, String label, String text) throws Exception {
    HttpRequest up = auth(HttpRequest.newBuilder(URI.create(api + "/negotiations/" + n + "/revisions?label=" + label)),
        token).header("Content-Type", "text/plain; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build();
    HttpResponse<String> r = HTTP.send(up, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("upload failed: " + r.statusCode() + " " + r.body());
    }
    return MAPPER.readTree(r.body()).get("id").asLong();
  }

  static double runGit(List<String> command) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("git diff did not finish");
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    if (p.exitValue() > 1) {
      throw new IllegalStateException("git diff failed with " + p.exitValue());
    }
    return ms;
  }

  static HttpRequest.Builder auth(HttpRequest.Builder b, String token) {
    return b.header("Authorization", "Bearer " + token);
  }

  static String send(HttpRequest r) throws Exception {
    return new String(sendBytes(r), StandardCharsets.UTF_8);
  }

  static byte[] sendBytes(HttpRequest r) throws Exception {
    HttpResponse<byte[]> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
    if (resp.statusCode() >= 300) {
      throw new IllegalStateException(r.uri() + " → " + resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
    }
    return resp.body();
  }

  /** Words of the corpus with their natural frequencies (a word appears as often as in the samples). */
  static List<String> vocabulary(Path dir) throws Exception {
    List<String> words = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
        for (String t : Tokenizer.tokens(Files.readString(f))) {
          if (Tokenizer.isWord(t) && !t.chars().allMatch(Character::isDigit)) {
            words.add(t);
          }
        }
      }
    }
    return words;
  }

  /** A draft of about {@code words} words: paragraphs of 40 to 160 words, some commas, one per line. */
  static String draft(List<String> vocabulary, Random random, int words) {
    StringBuilder b = new StringBuilder(words * 8);
    int left = words;
    int paragraph = 1;
    while (left > 0) {
      int len = Math.min(left, 40 + random.nextInt(121));
      b.append(paragraph++).append(' ');
      for (int i = 0; i < len; i++) {
        b.append(vocabulary.get(random.nextInt(vocabulary.size())));
        b.append(i == len - 1 ? "؛" : random.nextInt(12) == 0 ? "، " : " ");
      }
      b.append("\n\n");
      left -= len;
    }
    return b.toString();
  }

  /** Edits each word with probability {@code rate}: replaced (60%), deleted (20%) or followed by a new word (20%). */
  static String edit(String text, List<String> vocabulary, Random random, double rate) {
    StringBuilder b = new StringBuilder(text.length() + text.length() / 4);
    for (String line : text.split("\n", -1)) {
      String[] tokens = line.split(" ");
      List<String> out = new ArrayList<>(tokens.length + 8);
      for (int i = 0; i < tokens.length; i++) {
        String t = tokens[i];
        // Keep the paragraph number (first token) so that paragraphs stay recognisable.
        if (i == 0 || t.isEmpty() || random.nextDouble() >= rate) {
          out.add(t);
          continue;
        }
        String tail = t.endsWith("؛") ? "؛" : t.endsWith("،") ? "،" : "";
        double kind = random.nextDouble();
        String word = vocabulary.get(random.nextInt(vocabulary.size()));
        if (kind < 0.6) {
          out.add(word + tail);
        } else if (kind < 0.8) {
          if (!tail.isEmpty() && !out.isEmpty()) {
            out.set(out.size() - 1, out.get(out.size() - 1) + tail);
          }
        } else {
          out.add(t);
          out.add(word);
        }
      }
      b.append(String.join(" ", out)).append('\n');
    }
    return b.substring(0, b.length() - 1);
  }

  static int words(String text) {
    int n = 0;
    for (String t : Tokenizer.tokens(text)) {
      n += Tokenizer.isWord(t) ? 1 : 0;
    }
    return n;
  }

  static double median(double[] xs) {
    return percentile(xs, 0.5);
  }

  static double percentile(double[] xs, double p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
  }

  static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }

  static void write(Path out, List<Row> rows, int vocabularyTokens) throws Exception {
    StringBuilder b = new StringBuilder();
    b.append("# Revision diff benchmark\n\n");
    b.append("Run: ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs, Java ").append(System.getProperty("java.version")).append(", ")
        .append(gitVersion()).append(", load average at the end ").append(loadAverage())
        .append(". Command: `bench/diff/run.sh`.\n\n");
    b.append("Two revisions of a generated ").append(WORDS).append("-word Arabic draft (words drawn with their "
        + "frequencies from the ").append(vocabularyTokens).append(" word tokens of `bench/diff/corpus/`), "
        + "one paragraph per line, both published. Endpoint: `GET /api/v1/negotiations/{n}/diff?from&to&format=json`, "
        + "warm (").append(WARMUP).append(" requests of each kind first), loopback HTTP/1.1, in-process server on "
        + "H2, median of ").append(RUNS).append(", interleaved with git.\n\n"
        + "- **computed**: request with `Cache-Control: no-cache`, which makes the server diff and render again "
        + "(result cache bypassed). Membership and both revision rows are still read from the database; the "
        + "published revisions' paragraphs come from the in-memory text cache (reading them over HTTP is the "
        + "\"both revisions read\" column).\n"
        + "- **cached**: the same request without that header: the rendered JSON from the result cache, full 200 "
        + "body (membership and revision states are still checked in the database first).\n"
        + "- **304**: the same with `If-None-Match` and the ETag: no body.\n"
        + "- **git**: `git diff --no-index --word-diff=porcelain old.txt new.txt`, wall time including process "
        + "start, median of ").append(RUNS).append(".\n"
        + "- **core**: `RevisionDiff.compare` + streamed JSON bytes in the bench thread, with "
        + "`ThreadMXBean#getThreadAllocatedBytes` summed over all threads, since the pairs' word diffs of a long draft run in the fork-join pool (max over the runs). **Whole text**: one `WordDiff.diff` over "
        + "the full texts, no paragraph alignment.\n\n");
    b.append("| case | words old → new | git median | computed median (p90, max) | computed ≤ git | cached median "
        + "(p90, max) | cached ≤ git | 304 median | both revisions read (GET ×2) | core median | core alloc (max) "
        + "| whole-text word diff (alloc) | response |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append(String.format(java.util.Locale.ROOT,
          "| %s | %d → %d | %.1f ms | %.1f ms (%.1f, %.1f) | %s | %.1f ms (%.1f, %.1f) | %s | %.1f ms | %.1f ms "
              + "| %.1f ms | %.1f MB | %.1f ms (%.1f MB) | %d KB |%n",
          r.name(), r.oldWords(), r.newWords(), r.gitMs(), r.computedMs(), r.computedP90(), r.computedMax(),
          r.computedMs() <= r.gitMs() ? "yes" : "no", r.cachedMs(), r.cachedP90(), r.cachedMax(),
          r.cachedMs() <= r.gitMs() ? "yes" : "no", r.notModifiedMs(), r.readMs(), r.coreMs(), r.coreAllocMb(),
          r.wholeTextMs(), r.wholeTextAllocMb(), r.responseKb()));
    }
    b.append("\nTargets: endpoint median ≤ git median, never above 100 ms; ≤ 64 MB allocated per diff.\n\n");
    b.append("Paragraph entries per case:\n\n");
    for (Row r : rows) {
      b.append("- ").append(r.name()).append(": ").append(r.summary()).append('\n');
    }
    Files.writeString(out, b.toString());
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[0] + " / "
          + Files.readString(Path.of("/proc/loadavg")).strip().split(" ", 4)[1];
    } catch (Exception e) {
      return "(unknown)";
    }
  }

  static String gitVersion() {
    try {
      Process p = new ProcessBuilder("git", "--version").start();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (Exception e) {
      return "git (version unknown)";
    }
  }
}
