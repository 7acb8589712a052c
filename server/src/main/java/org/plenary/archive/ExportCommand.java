package org.plenary.archive;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.plenary.ops.BackupCommand;

/**
 * {@code java -jar plenary.jar export}: a negotiation's archive from the running server
 * ({@code GET /api/v1/negotiations/{n}/archive} with a secretariat's or administrator's API token).
 *
 * <pre>
 *   PLENARY_TOKEN=… java -jar plenary.jar export --negotiation 3 --out n3.zip [--url http://localhost:8080]
 * </pre>
 */
public final class ExportCommand {
  static final String USAGE = """
      usage: plenary export --negotiation N --out FILE [--url URL] [--token TOKEN]
        --negotiation  the negotiation's id
        --out          the ZIP to write (refused if it exists)
        --url          the running server (default http://localhost:8080)
        --token        an API token of its secretariat or of an administrator (or PLENARY_TOKEN)
      """;

  private ExportCommand() {}

  /** Runs the command; returns the exit status (0 written, 2 trouble). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = "http://localhost:8080";
    String token = env.get("PLENARY_TOKEN");
    Path target = null;
    long n = -1;
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
          case "--negotiation" -> n = Long.parseLong(value);
          case "--out" -> target = Path.of(value);
          case "--url" -> url = value.replaceAll("/+$", "");
          case "--token" -> token = value;
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (n <= 0 || target == null) {
        throw new IllegalArgumentException("--negotiation and --out are required");
      }
      if (Files.exists(target)) {
        throw new IllegalArgumentException(target + " exists: choose a new file");
      }
    } catch (IllegalArgumentException e) {
      err.println("plenary export: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try {
      BackupCommand.download("GET", url + "/api/v1/negotiations/" + n + "/archive", token, target);
      out.println("negotiation " + n + " written to " + target.toAbsolutePath());
      return 0;
    } catch (Exception e) {
      err.println("plenary export: " + e.getMessage());
      return 2;
    }
  }
}
