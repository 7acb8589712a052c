package org.plenary.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.plenary.Config;
import org.plenary.Plenary;

/** A real Plenary on port 0 over a fresh database of the given backend, with a logged-in admin client. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@plenary.test";
  public static final String ADMIN_PASSWORD = "admin-password-1";
  public static final String AUDIT_KEY = "the-audit-key-every-test-node-shares-0123456789";

  private final Plenary plenary;
  private final Backend.Db db;
  private final Path dataDir;
  public final ApiClient admin;

  private TestServer(Plenary plenary, Backend.Db db, Path dataDir) {
    this.plenary = plenary;
    this.db = db;
    this.dataDir = dataDir;
    this.admin = client().login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  public static TestServer start(Backend backend, Path tempDir, String... extraArgs) {
    Backend.Db db = backend.newDatabase(tempDir);
    return start(db, tempDir.resolve("data"), extraArgs);
  }

  /** Starts on an existing database (to test restarts). */
  public static TestServer start(Backend.Db db, Path dataDir, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--host", "127.0.0.1", "--data-dir",
        dataDir.toString(), "--db-url", db.url(), "--db-user", db.user(), "--db-password", db.password(),
        "--db-pool-size", "8"));
    args.addAll(List.of(extraArgs));
    Map<String, String> env = new HashMap<>();
    env.put("PLENARY_ADMIN_EMAIL", ADMIN_EMAIL);
    env.put("PLENARY_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("PLENARY_PASSWORD_ITERATIONS", "1000");
    // Nodes of one database share the audit key, as in production (see AuditKeyTest for the key file).
    env.put("PLENARY_AUDIT_KEY", AUDIT_KEY);
    try {
      Plenary plenary = Plenary.start(Config.from(args.toArray(String[]::new), env));
      return new TestServer(plenary, db, dataDir);
    } catch (Exception e) {
      throw new IllegalStateException("Plenary did not start", e);
    }
  }

  /**
   * Adds a participant to negotiation {@code n} as the admin (creating the account) and returns a client
   * logged in as them. {@code delegation} may be null for roles without one.
   */
  public ApiClient participant(long n, String email, String role, String delegation) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", email);
    body.put("password", "password-of-" + email);
    body.put("role", role);
    if (delegation != null) {
      body.put("delegation", delegation);
    }
    ApiClient.Response r = admin.post("/api/v1/negotiations/" + n + "/participants", body);
    if (r.status() != 201) {
      throw new AssertionError("adding " + email + " failed: " + r.status() + " " + r.text());
    }
    return client().login(email, "password-of-" + email);
  }

  /** Creates a negotiation as the admin and returns its id. */
  public long negotiation(String title, String... languages) {
    ApiClient.Response r = admin.post("/api/v1/negotiations",
        Map.of("title", title, "languages", languages.length == 0 ? List.of("ar") : List.of(languages)));
    if (r.status() != 201) {
      throw new AssertionError("creating a negotiation failed: " + r.status() + " " + r.text());
    }
    return r.json().get("id").asLong();
  }

  /** Uploads a plain-text revision of negotiation {@code n} as the admin and returns its id. */
  public long revision(long n, String label, String text) {
    return upload(n, label, text).get("id").asLong();
  }

  /** Uploads a plain-text revision of negotiation {@code n} as the admin and returns it (with its paragraphs). */
  public com.fasterxml.jackson.databind.JsonNode upload(long n, String label, String text) {
    ApiClient.Response r = admin.postText("/api/v1/negotiations/" + n + "/revisions?label="
        + java.net.URLEncoder.encode(label, java.nio.charset.StandardCharsets.UTF_8), text);
    if (r.status() != 201) {
      throw new AssertionError("uploading " + label + " failed: " + r.status() + " " + r.text());
    }
    return r.json();
  }

  public ApiClient client() {
    return new ApiClient("http://127.0.0.1:" + plenary.port());
  }

  public Plenary plenary() {
    return plenary;
  }

  /** Waits (at most 5 s) until the read caches may be used: on PostgreSQL, once the LISTEN connection is up. */
  public void awaitReliableCaches() {
    long until = System.nanoTime() + 5_000_000_000L;
    while (!plenary.changes().reliable() && System.nanoTime() < until) {
      pause(20);
    }
    if (!plenary.changes().reliable()) {
      throw new AssertionError("the LISTEN connection did not come up within 5 s");
    }
  }

  /**
   * On PostgreSQL a node also hears its own NOTIFYs, a moment after each commit, and moves its generations
   * again; a test that asserts something is served from memory first waits for them. Notifications arrive in
   * commit order, so once a sentinel sent now is heard, every earlier one has been.
   */
  public void drainNotifications() {
    if (!plenary.database().isPostgres()) {
      return;
    }
    var changes = plenary.changes();
    long sentinel = 900_000_000_000L + System.nanoTime() % 1_000_000L;
    long before = changes.structure(sentinel);
    plenary.database().dsl().resultQuery("select pg_notify({0}, {1})",
        org.jooq.impl.DSL.inline(org.plenary.audit.LiveSignal.CHANNEL), org.jooq.impl.DSL.val(String.valueOf(sentinel)))
        .fetch();
    long until = System.nanoTime() + 5_000_000_000L;
    while (changes.structure(sentinel) == before && System.nanoTime() < until) {
      pause(10);
    }
    if (changes.structure(sentinel) == before) {
      throw new AssertionError("the sentinel NOTIFY was not heard within 5 s");
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public Backend.Db db() {
    return db;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops and starts again on the same database. */
  public TestServer restart(String... extraArgs) {
    close();
    return start(db, dataDir, extraArgs);
  }

  @Override
  public void close() {
    plenary.close();
  }
}
