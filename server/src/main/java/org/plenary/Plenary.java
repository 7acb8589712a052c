package org.plenary;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import org.plenary.access.AccountRoutes;
import org.plenary.access.Accounts;
import org.plenary.access.AuthHandler;
import org.plenary.access.AuthorizationMatrix;
import org.plenary.access.DeniedAccessLog;
import org.plenary.access.LoginThrottle;
import org.plenary.access.Policy;
import org.plenary.access.Passwords;
import org.plenary.access.SessionRoutes;
import org.plenary.audit.AuditLog;
import org.plenary.draft.RevisionRoutes;
import org.plenary.events.AuditRoutes;
import org.plenary.events.LiveUpdates;
import org.plenary.http.HttpVerticle;
import org.plenary.negotiation.DelegationRoutes;
import org.plenary.negotiation.Delegations;
import org.plenary.negotiation.NegotiationRoutes;
import org.plenary.proposal.ProposalRoutes;
import org.plenary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Plenary: database opened and migrated, reference data and first admin in place, HTTP
 * server listening. Tests start it on port 0 exactly as {@link Main} does.
 */
public final class Plenary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Plenary.class);

  private final Vertx vertx;
  private final Database db;
  private final HttpVerticle http;
  private final String adminPasswordGenerated;
  private final org.plenary.store.Changes changes;
  private final org.plenary.ops.Metrics metrics;
  private final DeniedAccessLog denied;

  private final String httpDeployment;

  private Plenary(Vertx vertx, Database db, HttpVerticle http, String httpDeployment, String adminPasswordGenerated,
      org.plenary.store.Changes changes, org.plenary.ops.Metrics metrics, DeniedAccessLog denied) {
    this.httpDeployment = httpDeployment;
    this.metrics = metrics;
    this.denied = denied;
    this.vertx = vertx;
    this.db = db;
    this.http = http;
    this.adminPasswordGenerated = adminPasswordGenerated;
    this.changes = changes;
  }

  /** What the start makes on a second thread while the database opens. */
  private record Early(Vertx vertx, AuthorizationMatrix matrix) {}

  private static Early joinEarly(java.util.concurrent.CompletableFuture<Early> early) throws Exception {
    try {
      return early.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Starts Plenary and waits until it listens. */
  public static Plenary start(Config config) throws Exception {
    long t0 = System.nanoTime();
    StartTimes times = new StartTimes();
    if (!config.isPostgres()) {
      java.nio.file.Files.createDirectories(config.dataDir());
      if (config.dbUrl() == null || config.dbUrl().isBlank()) {
        createH2FileOwnerOnly(config.dataDir());
      }
    }
    org.plenary.ops.Metrics metrics = new org.plenary.ops.Metrics(config.metricsToken());
    times.mark("metrics");
    // Vert.x (Netty, the event loops) and the authorization matrix need no database: made on a second thread
    // while this one opens the database and checks the bootstrap (a start is otherwise single-threaded work).
    java.util.concurrent.CompletableFuture<Early> early = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> new Early(metrics.vertx(new VertxOptions()), AuthorizationMatrix.load()), task -> {
          Thread t = new Thread(task, "plenary-start");
          t.setDaemon(true);
          t.start();
        });
    Database db;
    try {
      db = Database.open(config.effectiveDbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
          metrics.registry());
      times.mark("database");
    } catch (RuntimeException e) {
      early.thenAccept(made -> made.vertx().close());
      metrics.close();
      throw e;
    }
    Vertx vertx = null;
    try {
      if (!config.isPostgres()) {
        ownerOnly(config.dataDir());
      }
      org.plenary.audit.AuditKey.load(config.auditKey(), config.dataDir()).install(db.dsl());
      Passwords passwords = new Passwords(config.passwordIterations());
      String generated = db.dsl().transactionResult(cfg -> bootstrap(cfg.dsl(), config, passwords));
      times.mark("bootstrap");
      Early made = joinEarly(early);
      vertx = made.vertx();
      times.mark("vertx");
      db.attach(vertx, config.dbPoolSize());
      SessionRoutes sessions = new SessionRoutes(db, passwords, config.secureCookies(), new LoginThrottle(
          config.loginMaxFailures(), config.loginMaxFailuresPerAddress(),
          java.time.Duration.ofSeconds(config.loginWindowSeconds())));
      AccountRoutes accounts = new AccountRoutes(db, passwords);
      NegotiationRoutes negotiations = new NegotiationRoutes(db, passwords);
      LiveUpdates live = new LiveUpdates(db, config.sseHeartbeatMillis());
      live.measuredBy(metrics.registry());
      RevisionRoutes revisions = new RevisionRoutes(db, new org.plenary.draft.ImportGate(config.maxConcurrentImports()),
          org.plenary.merge.Fates::detect, live.changes());
      DeniedAccessLog denied = new DeniedAccessLog(db);
      Policy policy = new Policy(db, made.matrix(), live.changes())
          .relation("id", (dsl, m, id) -> org.plenary.proposal.Proposals.delegationOf(dsl, m.negotiationId(), id));
      // Every route object is made once and shared by the HTTP server's instances (one per event loop): what
      // they hold (read caches, throttles, the live feeds' registry) is safe to use from several threads.
      org.plenary.http.OpenApiRoutes openApi = new org.plenary.http.OpenApiRoutes();
      AuthHandler authentication = new AuthHandler(db);
      DelegationRoutes delegations = new DelegationRoutes(db);
      AuditRoutes audit = new AuditRoutes(db);
      ProposalRoutes proposals = new ProposalRoutes(db, live.changes(), config.groupCommit())
          .measuredBy(metrics.registry());
      var windows = new org.plenary.proposal.CommentWindowRoutes(db);
      var diff = new org.plenary.diff.DiffRoutes(db, live.changes());
      var compilation = new org.plenary.compile.CompilationRoutes(db, live.changes());
      var merge = new org.plenary.merge.MergeRoutes(db);
      var word = new org.plenary.word.WordRoutes(db);
      var backups = new org.plenary.ops.BackupRoutes(db, config.dataDir());
      var archive = new org.plenary.archive.ArchiveRoutes(db, config.dataDir());
      var imports = new org.plenary.archive.ImportRoutes(db);
      var groups = new org.plenary.group.GroupRoutes(db);
      HttpVerticle.Api api = new HttpVerticle.Api(
          router -> {
            sessions.mountPublic(router);
            openApi.mountPublic(router);
            accounts.mountPublic(router);
          },
          authentication,
          // every protected route passes the authorization matrix first; refusals are audited
          policy.guard(), denied,
          router -> {
            sessions.mount(router);
            accounts.mount(router);
            negotiations.mount(router);
            delegations.mount(router);
            audit.mount(router);
            revisions.mount(router);
            live.mount(router);
            // before the proposals: a new proposal with a group's visibility is that group's private note
            groups.mount(router);
            proposals.mount(router);
            windows.mount(router);
            diff.mount(router);
            compilation.mount(router);
            merge.mount(router);
            word.mount(router);

            backups.mount(router);
            archive.mount(router);
            imports.mount(router);
          });
      times.mark("routes");
      vertx.deployVerticle(live).await();
      HttpVerticle.Connections limits = new HttpVerticle.Connections(config.maxConnections(),
          config.idleTimeoutSeconds(), config.headerTimeoutSeconds());
      org.plenary.http.ConnectionGuard guard = new org.plenary.http.ConnectionGuard(vertx, limits.max(),
          limits.headerTimeoutSeconds() * 1000L, limits.idleTimeoutSeconds() * 1000L);
      org.plenary.http.HealthProbe health = new org.plenary.http.HealthProbe(db);
      java.util.List<HttpVerticle> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
      int instances = config.effectiveHttpInstances();
      String httpDeployment = vertx.deployVerticle(() -> {
        HttpVerticle server = new HttpVerticle(config.host(), config.port(), config.bodyLimitBytes(), limits, guard,
            health, api, metrics::mount);
        servers.add(server);
        return server;
      }, new io.vertx.core.DeploymentOptions().setInstances(instances)).await();
      HttpVerticle http = servers.get(0);
      times.mark("http");
      LOG.info("started in {} ms ({}; {} HTTP instances; JVM up {} ms)", (System.nanoTime() - t0) / 1_000_000, times,
          instances,
          java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
      return new Plenary(vertx, db, http, httpDeployment, generated, live.changes(), metrics, denied);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close();
      } else {
        early.thenAccept(made -> made.vertx().close());
      }
      db.close();
      metrics.close();
      throw e;
    }
  }

  /**
   * Creates the default H2 database file {@code plenary.mv.db} empty and readable by the server's user only
   * (0600) before H2 opens it, so it never exists with the umask's permissions (H2 takes an empty file as a new
   * database). An existing file is left as it is ({@link #ownerOnly} then narrows it).
   */
  static void createH2FileOwnerOnly(java.nio.file.Path dataDir) throws java.io.IOException {
    java.nio.file.Path file = dataDir.resolve("plenary.mv.db");
    if (java.nio.file.Files.exists(file)) {
      return;
    }
    try {
      java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      // not a POSIX file system: H2 creates the file itself
    }
  }

  /** How long each phase of the start took, for the log line that says the server started. */
  private static final class StartTimes {
    private final StringBuilder phases = new StringBuilder();
    private long last = System.nanoTime();

    void mark(String phase) {
      long now = System.nanoTime();
      phases.append(phases.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000)
          .append(" ms");
      last = now;
    }

    @Override
    public String toString() {
      return phases.toString();
    }
  }

  /** The H2 files hold every negotiation's confidential text: readable by the server's user only. */
  private static void ownerOnly(java.nio.file.Path dataDir) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dataDir)) {
      for (var f : (Iterable<java.nio.file.Path>) files::iterator) {
        if (f.getFileName().toString().startsWith("plenary.")) {
          try {
            java.nio.file.Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException notPosix) {
            return;
          }
        }
      }
    }
  }

  /** Seeds reference delegations and creates the first admin when missing; returns a generated password. */
  private static String bootstrap(org.jooq.DSLContext dsl, Config config, Passwords passwords) {
    Delegations.seed(dsl);
    String email = config.adminEmail();
    if (email == null || email.isBlank() || Accounts.byEmail(dsl, email).isPresent()) {
      return null;
    }
    String password = config.adminPassword();
    String generated = null;
    if (password == null || password.isBlank()) {
      generated = Passwords.newToken().substring(0, 20);
      password = generated;
    }
    long id = Accounts.create(dsl, email, "Administrator", passwords.hash(password), true);
    AuditLog.append(dsl, null, AuditLog.Actor.SYSTEM, "account.created", "account:" + id,
        Map.of("email", Accounts.normaliseEmail(email), "admin", true));
    LOG.info("created the first administrator {}", Accounts.normaliseEmail(email));
    return generated;
  }

  /** Every route under {@code /api/v1}, as the router holds them. */
  public java.util.List<io.vertx.ext.web.Route> apiRoutes() {
    return http.apiRoutes();
  }

  public int port() {
    return http.actualPort();
  }

  /** This node's open HTTP connections and those refused because it was full. */
  public org.plenary.http.ConnectionGuard connections() {
    return http.connections();
  }

  public Database database() {
    return db;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * This node's change generations (read caches). A change made behind the server's back (SQL in a test or by
   * an operator) must be followed by {@code changes().everything()}, as it appends no event.
   */
  public org.plenary.store.Changes changes() {
    return changes;
  }

  /** The admin password generated at this start (no PLENARY_ADMIN_PASSWORD given), or null. */
  public String generatedAdminPassword() {
    return adminPasswordGenerated;
  }

  /** Graceful stop: in-flight requests finish, then the pool closes. */
  @Override
  public void close() {
    try {
      // In order: stop taking requests, let the database work already accepted finish (refusals are recorded
      // after their response), then stop the event loops and worker pools, then close the pool.
      try {
        vertx.undeploy(httpDeployment).await();
      } catch (Exception e) {
        LOG.debug("the HTTP verticle was not deployed: {}", e.getMessage());
      }
      denied.flush();
      if (!db.awaitIdle(java.time.Duration.ofSeconds(10))) {
        LOG.warn("stopping with database work still running after 10 s");
      }
      vertx.close().await();
    } catch (Exception e) {
      LOG.warn("error while stopping", e);
    } finally {
      db.close();
      metrics.close();
    }
  }
}
