package org.plenary.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.plenary.audit.LiveSignal;
import org.plenary.store.Changes;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on {@link LiveSignal#CHANNEL} over its own JDBC connection (not one of the pool's), on its own
 * thread, moves the {@link Changes} generation of each notified negotiation and passes its id on. When the
 * connection fails it reports {@link Changes#listening} down (read caches are bypassed) and reconnects with a
 * growing pause; after every (re)connection it moves every generation and wakes all feeds, as notifications
 * sent while it was away are lost (the readers then find the events in the table).
 */
final class PgListener implements AutoCloseable {
  /** Shown in pg_stat_activity, so an operator (or a test) can tell this connection apart. */
  static final String APPLICATION_NAME = "plenary-live";
  private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
  private static final int POLL_MILLIS = 500;
  /** How often the listener asks the database something, to know its connection is alive. */
  static final long PING_NANOS = 1_000_000_000L;
  /** How long after a successful ping the read caches trust what they were (not) told. */
  static final long LEASE_NANOS = 3_000_000_000L;

  private final String url;
  private final Properties properties = new Properties();
  private final Changes changes;
  private final LongConsumer wake;
  private final Runnable wakeAll;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  PgListener(String url, String user, String password, Changes changes, LongConsumer wake, Runnable wakeAll) {
    this.url = url;
    if (user != null && !user.isBlank()) {
      properties.setProperty("user", user);
    }
    if (password != null && !password.isBlank()) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", APPLICATION_NAME);
    properties.setProperty("tcpKeepAlive", "true");
    // a ping that gets no answer fails after this many seconds, and the listener reconnects
    properties.setProperty("socketTimeout", "10");
    this.changes = changes;
    this.wake = wake;
    this.wakeAll = wakeAll;
    this.thread = new Thread(this::run, "plenary-pg-listen");
    this.thread.setDaemon(true);
  }

  PgListener start() {
    thread.start();
    return this;
  }

  private void run() {
    long pause = 100;
    while (running) {
      try (Connection c = DriverManager.getConnection(url, properties)) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + LiveSignal.CHANNEL);
        }
        pause = 100;
        changes.listening(true);
        wakeAll.run();
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextPing = System.nanoTime();
        try (Statement ping = c.createStatement()) {
          while (running) {
            long now = System.nanoTime();
            if (now - nextPing >= 0) {
              // A connection can die without an error (a half-open TCP connection): the caches trust this
              // node's generations only while the database answers it (Changes.renew).
              ping.execute("select 1");
              handle(pg.getNotifications());
              changes.renew(LEASE_NANOS);
              nextPing = now + PING_NANOS;
            }
            handle(pg.getNotifications(POLL_MILLIS));
          }
        }
      } catch (SQLException | RuntimeException e) {
        changes.listening(false); // now, not after the pause: notifications are being missed
        if (!running) {
          break;
        }
        LOG.warn("live updates: the LISTEN connection failed ({}); reconnecting in {} ms", e.getMessage(), pause);
        sleep(pause);
        pause = Math.min(pause * 2, 5_000);
      } finally {
        changes.listening(false);
        connection = null;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(PGNotification[] notifications) {
    if (notifications == null) {
      return;
    }
    for (PGNotification n : notifications) {
      Changes.Signal signal = Changes.parse(n.getParameter());
      if (signal != null) { // else not ours: the channel carries negotiation ids only
        changes.changed(signal.negotiationId(), signal.kind());
        wake.accept(signal.negotiationId());
      }
    }
  }
}
