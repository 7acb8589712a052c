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

  private Plenary(Vertx vertx, Database db, HttpVerticle http, String adminPasswordGenerated,
      org.plenary.store.Changes changes, org.plenary.ops.Metrics metrics, DeniedAccessLog denied) {
    this.metrics = metrics;
    this.denied = denied;
    this.vertx = vertx;
    this.db = db;
    this.http = http;
    this.adminPasswordGenerated = adminPasswordGenerated;
    this.changes = changes;
  }

  /** Starts Plenary and waits until it listens. */
  public static Plenary start(Config config) throws Exception {
    if (!config.isPostgres()) {
      java.nio.file.Files.createDirectories(config.dataDir());
      if (config.dbUrl() == null || config.dbUrl().isBlank()) {
        createH2FileOwnerOnly(config.dataDir());
      }
    }
    org.plenary.ops.Metrics metrics = new org.plenary.ops.Metrics(config.metricsToken());
    Database db;
    try {
      db = Database.open(config.effectiveDbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize(),
          metrics.registry());
    } catch (RuntimeException e) {
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
      vertx = metrics.vertx(new VertxOptions());
      db.attach(vertx, config.dbPoolSize());
      SessionRoutes sessions = new SessionRoutes(db, passwords, config.secureCookies(), new LoginThrottle(
          config.loginMaxFailures(), config.loginMaxFailuresPerAddress(),
          java.time.Duration.ofSeconds(config.loginWindowSeconds())));
      AccountRoutes accounts = new AccountRoutes(db, passwords);
      NegotiationRoutes negotiations = new NegotiationRoutes(db, passwords);
      RevisionRoutes revisions = new RevisionRoutes(db, new org.plenary.draft.ImportGate(config.maxConcurrentImports()),
          org.plenary.merge.Fates::detect);
      LiveUpdates live = new LiveUpdates(db, config.sseHeartbeatMillis());
      live.measuredBy(metrics.registry());
      DeniedAccessLog denied = new DeniedAccessLog(db);
      Policy policy = new Policy(db, AuthorizationMatrix.load(), live.changes())
          .relation("id", (dsl, m, id) -> org.plenary.proposal.Proposals.delegationOf(dsl, m.negotiationId(), id));
      vertx.deployVerticle(live).await();
      HttpVerticle http = new HttpVerticle(config.host(), config.port(), config.bodyLimitBytes(),
          new HttpVerticle.Connections(config.maxConnections(), config.idleTimeoutSeconds(),
              config.headerTimeoutSeconds()), db,
          new HttpVerticle.Api(
              api -> {
                sessions.mountPublic(api);
                new org.plenary.http.OpenApiRoutes().mountPublic(api);
                accounts.mountPublic(api);
              },
              new AuthHandler(db),
              api -> {
                // Every protected route passes the authorization matrix first; refusals are audited.
                api.route().handler(policy.guard()).failureHandler(denied);
                sessions.mount(api);
                accounts.mount(api);
                negotiations.mount(api);
                new DelegationRoutes(db).mount(api);
                new AuditRoutes(db).mount(api);
                revisions.mount(api);
                live.mount(api);
                // before the proposals: a new proposal with a group's visibility is that group's private note
                new org.plenary.group.GroupRoutes(db).mount(api);
                new ProposalRoutes(db, live.changes(), config.groupCommit())
                    .measuredBy(metrics.registry()).mount(api);
                new org.plenary.proposal.CommentWindowRoutes(db).mount(api);
                new org.plenary.diff.DiffRoutes(db).mount(api);
                new org.plenary.compile.CompilationRoutes(db).mount(api);
                new org.plenary.merge.MergeRoutes(db).mount(api);
                new org.plenary.word.WordRoutes(db).mount(api);

                new org.plenary.ops.BackupRoutes(db, config.dataDir()).mount(api);
                new org.plenary.archive.ArchiveRoutes(db, config.dataDir()).mount(api);
                new org.plenary.archive.ImportRoutes(db).mount(api);
              }), metrics::mount);
      vertx.deployVerticle(http).await();
      return new Plenary(vertx, db, http, generated, live.changes(), metrics, denied);
    } catch (Exception | Error e) {
      if (vertx != null) {
        vertx.close();
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
    return http.apiRouter().getRoutes();
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
        vertx.undeploy(http.deploymentID()).await();
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
