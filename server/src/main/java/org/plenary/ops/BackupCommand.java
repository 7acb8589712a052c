package org.plenary.ops;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code java -jar plenary.jar backup}: an H2 backup as a ZIP, taken from the running server over HTTP (online,
 * {@code POST /api/v1/admin/backup} with an administrator's API token), or, with {@code --data-dir}, straight
 * from the files of a stopped server.
 *
 * <pre>
 *   PLENARY_TOKEN=… java -jar plenary.jar backup --url http://localhost:8080 --out /backups/plenary.zip
 *   java -jar plenary.jar backup --data-dir /var/lib/plenary --out /backups/plenary.zip   # server stopped
 * </pre>
 */
public final class BackupCommand {
  static final String USAGE = """
      usage: plenary backup --out FILE [--url URL] [--token TOKEN]
             plenary backup --out FILE --data-dir DIR
        --out       the ZIP to write (refused if it exists)
        --url       the running server (default http://localhost:8080); the token comes from --token or
                    PLENARY_TOKEN: an administrator's API token (POST /api/v1/tokens)
        --data-dir  back up the H2 files of a stopped server directly instead
      restore: stop the server, unzip FILE into an empty data directory (docs/operations.md)
      """;

  private BackupCommand() {}

  /** Runs the command; returns the exit status (0 written, 2 trouble). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = "http://localhost:8080";
    String token = env.get("PLENARY_TOKEN");
    Path target = null;
    Path dataDir = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("-h") || name.equals("--help")) {
          out.print(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--out" -> target = Path.of(value);
          case "--url" -> url = value.replaceAll("/+$", "");
          case "--token" -> token = value;
          case "--data-dir" -> dataDir = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (target == null) {
        throw new IllegalArgumentException("--out is required");
      }
      if (Files.exists(target)) {
        throw new IllegalArgumentException(target + " exists: choose a new file");
      }
    } catch (IllegalArgumentException e) {
      err.println("plenary backup: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      if (dataDir != null) {
        offline(dataDir, target);
      } else {
        online(url, token, target);
      }
      out.println("backup written to " + target.toAbsolutePath());
      return 0;
    } catch (Exception e) {
      err.println("plenary backup: " + e.getMessage());
      return 2;
    }
  }

  private static void offline(Path dataDir, Path target) throws Exception {
    if (!Files.exists(dataDir.resolve("plenary.mv.db"))) {
      throw new IllegalStateException("no H2 database in " + dataDir + " (plenary.mv.db)");
    }
    // IFEXISTS: never create an empty database by mistake; a running server holds the file lock and this fails
    try (Connection c = DriverManager.getConnection(org.plenary.store.Database.h2Url(dataDir) + ";IFEXISTS=TRUE")) {
      Backups.h2(DSL.using(c, SQLDialect.H2), target);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage().contains("locked")
          ? "the database is in use: the server runs, so back up through it (--url) instead" : e.getMessage(), e);
    }
  }

  private static void online(String url, String token, Path target) throws Exception {
    download("POST", url + "/api/v1/admin/backup", token, target);
  }

  /**
   * Calls {@code url} with a bearer token and writes a 200's body to {@code target} (atomically, through a
   * {@code .part} file); any other answer is an exception carrying the server's problem.
   */
  public static void download(String method, String url, String token, Path target) throws Exception {
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("an API token is needed: --token or PLENARY_TOKEN");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + token)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    Path partial = target.toAbsolutePath().resolveSibling(target.getFileName() + ".part");
    Files.createDirectories(partial.getParent());
    HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(partial));
    if (response.statusCode() != 200) {
      String problem = Files.readString(partial);
      Files.deleteIfExists(partial);
      throw new IllegalStateException("the server answered " + response.statusCode() + ": " + problem);
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
