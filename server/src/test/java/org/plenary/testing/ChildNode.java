package org.plenary.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plenary in a child JVM (started as {@code java org.plenary.Main}, as an operator does), so a test can kill it
 * with SIGKILL. The admin is {@link TestServer#ADMIN_EMAIL} with {@link TestServer#ADMIN_PASSWORD}.
 */
public record ChildNode(Process process, String base) {
  private static final Pattern LISTENING = Pattern.compile("Plenary listening on (http://\\S+?)/?$");

  /** Starts a node on {@code db} and waits (at most 120 s: a loaded CI machine starts JVMs slowly) until it listens. */
  public static ChildNode start(Backend.Db db, Path dataDir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xmx256m", "org.plenary.Main",
        "--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir.toString(),
        "--db-url", db.url(), "--db-user", db.user(), "--db-password", db.password()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PLENARY_ADMIN_EMAIL", TestServer.ADMIN_EMAIL);
    pb.environment().put("PLENARY_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    pb.environment().put("PLENARY_PASSWORD_ITERATIONS", "1000");
    // every node of one database shares the audit key, as the in-process test servers do
    pb.environment().put("PLENARY_AUDIT_KEY", TestServer.AUDIT_KEY);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> base = new CompletableFuture<>();
    StringBuilder log = new StringBuilder();
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          synchronized (log) {
            log.append(line).append(File.separatorChar == '/' ? "\n" : "\r\n");
          }
          Matcher m = LISTENING.matcher(line.strip());
          if (m.find()) {
            base.complete(m.group(1).replace("localhost", "127.0.0.1"));
          }
        }
        base.completeExceptionally(new IllegalStateException("child exited:\n" + log));
      } catch (Exception e) {
        base.completeExceptionally(e);
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
    return new ChildNode(p, base.get(120, TimeUnit.SECONDS));
  }

  public ApiClient client() {
    return new ApiClient(base);
  }

  /** SIGKILL: no shutdown hook, no graceful stop, as a crash or the OOM killer would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    if (process.isAlive()) {
      throw new AssertionError("the child node did not die");
    }
  }
}
