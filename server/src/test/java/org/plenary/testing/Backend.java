package org.plenary.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every storage test runs on. PostgreSQL is an embedded server (zonky) started once
 * per test JVM, or the external one named by {@code PLENARY_TEST_PG_URL}; each call to
 * {@link #newDatabase} gives a fresh, empty database so tests do not see each other's data.
 */
public enum Backend {
  H2, POSTGRESQL;

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres embedded;

  /**
   * Connection settings of a fresh database. For H2 the URL is empty: the server then opens its default
   * file database in its data directory, exactly as a user's first start does.
   */
  public record Db(String url, String user, String password) {
    /** The JDBC URL, resolving H2's default against the data directory. */
    public String jdbcUrl(Path dataDir) {
      return url.isEmpty() ? org.plenary.Config.h2Url(dataDir) : url;
    }
  }

  public Db newDatabase(Path tempDir) {
    if (this == H2) {
      return new Db("", "", "");
    }
    Db admin = postgresAdmin();
    String name = "plenary_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection c = DriverManager.getConnection(admin.url(), admin.user(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + admin.url(), e);
    }
    String url = admin.url().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    return new Db(url, admin.user(), admin.password());
  }

  private static synchronized Db postgresAdmin() {
    String external = System.getenv("PLENARY_TEST_PG_URL");
    if (external != null && !external.isBlank()) {
      return new Db(external, env("PLENARY_TEST_PG_USER", "postgres"), env("PLENARY_TEST_PG_PASSWORD", ""));
    }
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException ignored) {
          // the JVM is exiting anyway
        }
      }));
    }
    return new Db(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
