package org.plenary.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Objects;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The database: a connection pool, the Flyway migrations, and one way to run a jOOQ transaction
 * off the event loop.
 *
 * <pre>
 *   Future&lt;Long&gt; id = db.tx(dsl -&gt; negotiations.create(dsl, title, languages));
 * </pre>
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final SQLDialect dialect;
  private final DSLContext dsl;
  private WorkerExecutor workers;
  /** Work submitted to the worker pool and not yet finished (see {@link #awaitIdle}). */
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    Settings settings = new Settings()
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_QUOTED)
        .withExecuteLogging(false);
    this.dsl = DSL.using(dataSource, dialect, settings);
  }

  /** The embedded H2 file database in {@code dataDir}. */
  public static String h2Url(java.nio.file.Path dataDir) {
    // WRITE_DELAY=0: H2 otherwise acknowledges commits up to half a second before they reach the disk.
    // LOCK_TIMEOUT=10000: a writer waits for a row lock (the merge's negotiation lock, a chain head) as on
    // PostgreSQL, instead of failing after H2's default second.
    // MODE/DATABASE_TO_LOWER: the jOOQ classes quote lower-case names, as PostgreSQL folds them.
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("plenary")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
  }

  /** Opens the pool and migrates the schema to the latest version. */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    return open(jdbcUrl, user, password, poolSize, null);
  }

  /** Like {@link #open(String, String, String, int)}, the pool publishing its meters to {@code meters} (or not, null). */
  public static Database open(String jdbcUrl, String user, String password, int poolSize,
      io.micrometer.core.instrument.MeterRegistry meters) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null && !user.isBlank()) {
      config.setUsername(user);
    }
    if (password != null && !password.isBlank()) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      // An embedded connection costs no round trip: open them as load needs them rather than all sixteen while
      // the server starts (HikariCP fills the pool on a thread of its own, competing with the start).
      config.setMinimumIdle(Math.min(poolSize, 2));
    }
    config.setPoolName("plenary-db");
    config.setAutoCommit(true);
    if (meters != null) {
      config.setMetricRegistry(meters); // HikariCP's own hikaricp_connections_* meters
    }
    SQLDialect dialect = jdbcUrl.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES : SQLDialect.H2;
    HikariDataSource ds = new HikariDataSource(config);
    try {
      // Flyway only when this build has something to apply (or to report): most starts find the schema current.
      if (!Migrations.current(ds)) {
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:" + Migrations.LOCATION)
            .load()
            .migrate();
      }
      if (dialect == SQLDialect.H2) {
        cacheH2Identities(ds);
      }
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(ds, dialect);
  }

  /** How many values of an identity column H2 hands out between two writes of the column's sequence. */
  static final int H2_IDENTITY_CACHE = 1024;

  /**
   * Raises the cache of H2's identity columns from its default of 32 to {@value #H2_IDENTITY_CACHE}. H2 writes a
   * sequence's high-water mark whenever its cache runs out, and that write commits a system transaction, which
   * stores every page changed so far, the running transaction's included: every 32nd event or proposal cost a
   * commit of its own (a publication carrying 1,100 proposals, seventy of them). The cache is one for the whole
   * database, so ids still grow in the order they are handed out; after a {@code kill -9} the next ids start above
   * the last written mark (a gap, never a reuse). PostgreSQL keeps its cache of 1: its caches are per session, and
   * the audit log's readers rely on event ids growing with time ({@code AuditLog.since}).
   */
  private static void cacheH2Identities(HikariDataSource ds) {
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      java.util.List<String> alter = new java.util.ArrayList<>();
      try (java.sql.ResultSet rs = st.executeQuery("select table_name, column_name from information_schema.columns "
          + "where table_schema = current_schema and is_identity = 'YES' and identity_cache < " + H2_IDENTITY_CACHE)) {
        while (rs.next()) {
          alter.add("alter table \"" + rs.getString(1) + "\" alter column \"" + rs.getString(2) + "\" set cache "
              + H2_IDENTITY_CACHE);
        }
      }
      for (String sql : alter) {
        st.execute(sql);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not set the H2 identity caches: " + e.getMessage(), e);
    }
  }

  /**
   * The migrations of this build not yet applied to the database (blocking; empty when the schema is current,
   * as after {@link #open}). Readiness: a node on a database another node's newer build migrated stays ready.
   */
  public java.util.List<String> pendingMigrations() {
    if (Migrations.current(dataSource)) {
      return java.util.List.of();
    }
    var info = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info();
    return java.util.Arrays.stream(info.pending()).map(m -> m.getVersion() + " " + m.getDescription()).toList();
  }

  /** Binds the database to a Vert.x instance: transactions then run on its worker pool. */
  public Database attach(Vertx vertx, int poolSize) {
    this.workers = vertx.createSharedWorkerExecutor("plenary-db", poolSize);
    return this;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  public boolean isPostgres() {
    return dialect == SQLDialect.POSTGRES;
  }

  /** A context for synchronous use (start-up, tests, command-line tools). */
  public DSLContext dsl() {
    return dsl;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} in one transaction on the worker pool, never on the event loop. Unordered, so
   * requests run in parallel (Vert.x 5 orders blocking calls per context by default).
   */
  public <T> Future<T> tx(Function<DSLContext, T> work) {
    return blocking(() -> dsl.transactionResult(cfg -> work.apply(cfg.dsl())));
  }

  /** On the worker pool; a pool already closed (the server is stopping) gives a failed future, not a throw. */
  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    java.util.concurrent.Callable<T> carried = org.plenary.store.RequestId.carried(work);
    inFlight.incrementAndGet();
    try {
      // the request's id goes with the work: into its log lines and audit events
      return workers.executeBlocking(() -> {
        try {
          return carried.call();
        } finally {
          finished();
        }
      }, false);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      finished();
      return Future.failedFuture(stopping);
    }
  }

  private void finished() {
    if (inFlight.decrementAndGet() == 0) {
      synchronized (inFlight) {
        inFlight.notifyAll();
      }
    }
  }

  /**
   * Waits until no work submitted through {@link #tx} or {@link #read} is queued or running, at most
   * {@code timeout}; true if it is idle. A stopping server calls it before closing its worker pool, so a
   * write answered already (an audit record written after its response) commits instead of being cut off.
   */
  public boolean awaitIdle(java.time.Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    synchronized (inFlight) {
      while (inFlight.get() > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          inFlight.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** A {@code select 1} on the worker pool: whether the database answers. */
  public Future<Integer> ping() {
    return read(dsl -> dsl.selectOne().fetchOne().value1());
  }

  /** Runs read-only {@code work} on the worker pool without an explicit transaction. */
  public <T> Future<T> read(Function<DSLContext, T> work) {
    return blocking(() -> work.apply(dsl));
  }

  /** Adds a listener to every transaction's start and end (live updates signal their readers after commit). */
  public void addTransactionListener(org.jooq.TransactionListener listener) {
    org.jooq.TransactionListenerProvider[] current = dsl.configuration().transactionListenerProviders();
    org.jooq.TransactionListenerProvider[] next = java.util.Arrays.copyOf(current, current.length + 1);
    next[current.length] = () -> listener;
    dsl.configuration().set(next);
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.close();
    }
    dataSource.close();
  }
}
