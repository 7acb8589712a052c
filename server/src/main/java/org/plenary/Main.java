package org.plenary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Plenary from command-line flags and environment variables (see {@link Config}). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("diff")) {
      System.exit(org.plenary.diff.DiffCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out,
          System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("backup")) {
      System.exit(org.plenary.ops.BackupCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("export")) {
      System.exit(org.plenary.archive.ExportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("import")) {
      System.exit(org.plenary.archive.ImportCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
          System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("warm-up")) {
      System.exit(WarmUp.run());
      return;
    }
    Config config;
    try {
      config = Config.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("plenary: " + e.getMessage());
      System.exit(2);
      return;
    }
    org.plenary.ops.LogFormat.apply(config.logFormat());
    try {
      Plenary plenary = Plenary.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(plenary::close, "plenary-shutdown"));
      String url = "http://" + ("0.0.0.0".equals(config.host()) ? "localhost" : config.host()) + ":" + plenary.port() + "/";
      LOG.info("Plenary is running at {} (database: {})", url, plenary.database().isPostgres() ? "PostgreSQL" : "H2 in "
          + config.dataDir().toAbsolutePath().normalize());
      if (plenary.generatedAdminPassword() != null) {
        LOG.warn("first administrator {} created with the generated password {} (set PLENARY_ADMIN_PASSWORD to choose one)",
            config.adminEmail(), plenary.generatedAdminPassword());
      }
      System.out.println("Plenary listening on " + url);
    } catch (Exception e) {
      LOG.error("Plenary could not start: {}", e.getMessage(), e);
      System.exit(1);
    }
  }
}
