package org.plenary.archive;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar plenary.jar import}: restores a negotiation archive into the running server
 * ({@code POST /api/v1/negotiations/import} with an administrator's API token); prints the server's answer
 * (the new id, the id maps, the invitations of participants new to this server).
 *
 * <pre>
 *   PLENARY_TOKEN=… java -jar plenary.jar import n3.zip [--url http://localhost:8080]
 * </pre>
 */
public final class ImportCommand {
  static final String USAGE = """
      usage: plenary import FILE [--url URL] [--token TOKEN]
        FILE     a negotiation archive (plenary export, or GET /api/v1/negotiations/{n}/archive)
        --url    the running server (default http://localhost:8080)
        --token  an administrator's API token (or PLENARY_TOKEN)
      """;

  private ImportCommand() {}

  /** Runs the command; returns the exit status (0 imported, 1 refused by the server, 2 trouble). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = "http://localhost:8080";
    String token = env.get("PLENARY_TOKEN");
    Path file = null;
    try {
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        switch (name) {
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          case "--url", "--token" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String value = args[++i];
            if (name.equals("--url")) {
              url = value.replaceAll("/+$", "");
            } else {
              token = value;
            }
          }
          default -> {
            if (name.startsWith("--") || file != null) {
              throw new IllegalArgumentException("unexpected " + name);
            }
            file = Path.of(name);
          }
        }
      }
      if (file == null) {
        throw new IllegalArgumentException("the archive file is required");
      }
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException("an administrator's API token is needed: --token or PLENARY_TOKEN");
      }
    } catch (IllegalArgumentException e) {
      err.println("plenary import: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/negotiations/import"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/zip")
          .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        err.println("plenary import: the server answered " + r.statusCode() + ": " + r.body());
        return 1;
      }
      out.println(r.body());
      return 0;
    } catch (Exception e) {
      err.println("plenary import: " + (Files.exists(file) ? e.getMessage() : file + " does not exist"));
      return 2;
    }
  }
}
