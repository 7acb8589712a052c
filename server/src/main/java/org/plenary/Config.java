package org.plenary;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Server configuration, read from command-line flags ({@code --port 8080}) and environment variables
 * ({@code PLENARY_PORT}); a flag wins over the environment, the environment over the default.
 *
 * <pre>
 *   java -jar server/target/plenary.jar --port 9000 --data-dir /var/lib/plenary
 *   PLENARY_DB_URL=jdbc:postgresql://localhost/plenary java -jar server/target/plenary.jar
 * </pre>
 */
public record Config(
    String host,
    int port,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    String adminEmail,
    String adminPassword,
    long bodyLimitBytes,
    int passwordIterations,
    boolean secureCookies,
    int loginMaxFailures,
    int loginMaxFailuresPerAddress,
    int loginWindowSeconds,
    String auditKey,
    int maxConnections,
    int idleTimeoutSeconds,
    int headerTimeoutSeconds,
    int maxConcurrentImports,
    String metricsToken,
    String logFormat,
    int groupCommitMaxBatch,
    int groupCommitWriters,
    int groupCommitMaxQueue,
    long sseHeartbeatMillis,
    int httpInstances) {

  /** Every setting: flag name, environment variable, default. Kept in one table so the README can list it. */
  public enum Setting {
    HOST("--host", "PLENARY_HOST", "0.0.0.0"),
    PORT("--port", "PLENARY_PORT", "8080"),
    DATA_DIR("--data-dir", "PLENARY_DATA_DIR", "./data"),
    DB_URL("--db-url", "PLENARY_DB_URL", ""),
    DB_USER("--db-user", "PLENARY_DB_USER", ""),
    DB_PASSWORD("--db-password", "PLENARY_DB_PASSWORD", ""),
    DB_POOL_SIZE("--db-pool-size", "PLENARY_DB_POOL_SIZE", "16"),
    ADMIN_EMAIL("--admin-email", "PLENARY_ADMIN_EMAIL", "admin@plenary.local"),
    ADMIN_PASSWORD("--admin-password", "PLENARY_ADMIN_PASSWORD", ""),
    BODY_LIMIT("--body-limit", "PLENARY_BODY_LIMIT", "10485760"),
    PASSWORD_ITERATIONS("--password-iterations", "PLENARY_PASSWORD_ITERATIONS", "210000"),
    SECURE_COOKIES("--secure-cookies", "PLENARY_SECURE_COOKIES", "false"),
    LOGIN_MAX_FAILURES("--login-max-failures", "PLENARY_LOGIN_MAX_FAILURES", "5"),
    LOGIN_MAX_FAILURES_PER_ADDRESS("--login-max-failures-per-address", "PLENARY_LOGIN_MAX_FAILURES_PER_ADDRESS", "50"),
    LOGIN_WINDOW("--login-window", "PLENARY_LOGIN_WINDOW", "900"),
    AUDIT_KEY("--audit-key", "PLENARY_AUDIT_KEY", ""),
    MAX_CONNECTIONS("--max-connections", "PLENARY_MAX_CONNECTIONS", "10000"),
    IDLE_TIMEOUT("--idle-timeout", "PLENARY_IDLE_TIMEOUT", "60"),
    HEADER_TIMEOUT("--header-timeout", "PLENARY_HEADER_TIMEOUT", "10"),
    MAX_CONCURRENT_IMPORTS("--max-concurrent-imports", "PLENARY_MAX_CONCURRENT_IMPORTS", "2"),
    METRICS_TOKEN("--metrics-token", "PLENARY_METRICS_TOKEN", ""),
    LOG_FORMAT("--log-format", "PLENARY_LOG_FORMAT", "text"),
    GROUP_COMMIT_MAX_BATCH("--group-commit-max-batch", "PLENARY_GROUP_COMMIT_MAX_BATCH", "64"),
    GROUP_COMMIT_WRITERS("--group-commit-writers", "PLENARY_GROUP_COMMIT_WRITERS", "2"),
    GROUP_COMMIT_MAX_QUEUE("--group-commit-max-queue", "PLENARY_GROUP_COMMIT_MAX_QUEUE", "10000"),
    SSE_HEARTBEAT_MILLIS("--sse-heartbeat-millis", "PLENARY_SSE_HEARTBEAT_MILLIS", "15000"),
    /** HTTP server instances, one per event loop; 0: one per available processor. */
    HTTP_INSTANCES("--http-instances", "PLENARY_HTTP_INSTANCES", "0");

    final String flag;
    final String env;
    final String defaultValue;

    Setting(String flag, String env, String defaultValue) {
      this.flag = flag;
      this.env = env;
      this.defaultValue = defaultValue;
    }
  }

  public Config {
    Objects.requireNonNull(dataDir, "dataDir");
    if (loginMaxFailures < 1 || loginMaxFailuresPerAddress < 1 || loginWindowSeconds < 1) {
      throw new IllegalArgumentException("login limits and window must be at least 1");
    }
    if (maxConnections < 1 || idleTimeoutSeconds < 1 || headerTimeoutSeconds < 1 || maxConcurrentImports < 1) {
      throw new IllegalArgumentException("connection and import limits and timeouts must be at least 1");
    }
    if (!"text".equals(logFormat) && !"json".equals(logFormat)) {
      throw new IllegalArgumentException("log format must be text or json, got '" + logFormat + "'");
    }
    if (groupCommitMaxBatch < 1 || groupCommitWriters < 1 || groupCommitMaxQueue < 0) {
      throw new IllegalArgumentException("group commit: max batch and writers must be at least 1, max queue at least 0");
    }
    if (sseHeartbeatMillis < 10) {
      throw new IllegalArgumentException("the SSE heartbeat must be at least 10 ms, got " + sseHeartbeatMillis);
    }
    if (httpInstances < 0 || httpInstances > 1024) {
      throw new IllegalArgumentException("--http-instances must be between 0 (one per processor) and 1024, got "
          + httpInstances);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
  }

  /** The JDBC URL actually used: the configured one, or an H2 file under the data directory. */
  public String effectiveDbUrl() {
    if (dbUrl != null && !dbUrl.isBlank()) {
      return dbUrl;
    }
    return h2Url(dataDir);
  }

  /** The embedded H2 file database in {@code dataDir}. */
  public static String h2Url(Path dataDir) {
    return org.plenary.store.Database.h2Url(dataDir);
  }

  public boolean isPostgres() {
    return effectiveDbUrl().startsWith("jdbc:postgresql:");
  }

  public static Config from(String[] args, Map<String, String> env) {
    Map<Setting, String> values = new HashMap<>();
    for (Setting s : Setting.values()) {
      String fromEnv = env.get(s.env);
      values.put(s, fromEnv != null ? fromEnv : s.defaultValue);
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      Setting setting = null;
      for (Setting s : Setting.values()) {
        if (s.flag.equals(name)) {
          setting = s;
        }
      }
      if (setting == null) {
        throw new IllegalArgumentException("unknown option " + name + " (see README: Configuration)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + name + " needs a value");
        }
        value = args[++i];
      }
      values.put(setting, value);
    }
    return new Config(
        values.get(Setting.HOST),
        intValue(values, Setting.PORT),
        Path.of(values.get(Setting.DATA_DIR)),
        values.get(Setting.DB_URL),
        values.get(Setting.DB_USER),
        values.get(Setting.DB_PASSWORD),
        intValue(values, Setting.DB_POOL_SIZE),
        values.get(Setting.ADMIN_EMAIL),
        values.get(Setting.ADMIN_PASSWORD),
        Long.parseLong(values.get(Setting.BODY_LIMIT)),
        intValue(values, Setting.PASSWORD_ITERATIONS),
        Boolean.parseBoolean(values.get(Setting.SECURE_COOKIES)),
        intValue(values, Setting.LOGIN_MAX_FAILURES),
        intValue(values, Setting.LOGIN_MAX_FAILURES_PER_ADDRESS),
        intValue(values, Setting.LOGIN_WINDOW),
        values.get(Setting.AUDIT_KEY),
        intValue(values, Setting.MAX_CONNECTIONS),
        intValue(values, Setting.IDLE_TIMEOUT),
        intValue(values, Setting.HEADER_TIMEOUT),
        intValue(values, Setting.MAX_CONCURRENT_IMPORTS),
        values.get(Setting.METRICS_TOKEN),
        values.get(Setting.LOG_FORMAT).strip().toLowerCase(java.util.Locale.ROOT),
        intValue(values, Setting.GROUP_COMMIT_MAX_BATCH),
        intValue(values, Setting.GROUP_COMMIT_WRITERS),
        intValue(values, Setting.GROUP_COMMIT_MAX_QUEUE),
        intValue(values, Setting.SSE_HEARTBEAT_MILLIS),
        intValue(values, Setting.HTTP_INSTANCES));
  }

  /** How many HTTP server instances run: the setting, or one per available processor for 0. */
  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** The group commit's tuning (new proposals: batch size, writers in flight, queue bound). */
  public org.plenary.proposal.GroupCommit groupCommit() {
    return new org.plenary.proposal.GroupCommit(groupCommitMaxBatch, groupCommitWriters, groupCommitMaxQueue);
  }

  private static int intValue(Map<Setting, String> values, Setting s) {
    try {
      return Integer.parseInt(values.get(s).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(s.flag + " / " + s.env + " must be a number, got '" + values.get(s) + "'");
    }
  }

  public Config withPort(int newPort) {
    return new Config(host, newPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, adminEmail, adminPassword,
        bodyLimitBytes, passwordIterations, secureCookies, loginMaxFailures, loginMaxFailuresPerAddress,
        loginWindowSeconds, auditKey, maxConnections, idleTimeoutSeconds, headerTimeoutSeconds, maxConcurrentImports,
        metricsToken, logFormat, groupCommitMaxBatch, groupCommitWriters, groupCommitMaxQueue, sseHeartbeatMillis,
        httpInstances);
  }
}
