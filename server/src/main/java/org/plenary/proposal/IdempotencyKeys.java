package org.plenary.proposal;

import static org.plenary.schema.Tables.IDEMPOTENCY_KEY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.plenary.http.Problem;

/**
 * Responses to creating requests sent with an {@code Idempotency-Key}. The response is stored in the
 * transaction that creates the resource, keyed by account and key: a retry finds it and gets it again, and
 * two concurrent first attempts cannot both commit (the second fails on the primary key and then reads the
 * first one's response).
 */
public final class IdempotencyKeys {
  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_KEY = 200;

  /** A stored response, and the hash of the request that produced it. */
  public record Stored(String requestHash, int status, String location, String body) {}

  private IdempotencyKeys() {}

  /** The key from the header, checked: printable ASCII of at most 200 characters; null when absent. */
  public static String key(String header) {
    if (header == null) {
      return null;
    }
    String k = header.strip();
    if (k.isEmpty() || k.length() > MAX_KEY || !printableAscii(k)) {
      throw Problem.invalid(HEADER, "must be 1 to " + MAX_KEY + " printable ASCII characters (a UUID is typical)");
    }
    return k;
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** SHA-256 over the method, path and body: what "the same request" means for a retry. */
  public static String requestHash(String method, String path, byte[] body) {
    MessageDigest sha = org.plenary.store.Digests.sha256();
    sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(body);
    return HexFormat.of().formatHex(sha.digest());
  }

  /** An idempotency key of an account. */
  public record Id(long accountId, String key) {}

  /** A response to store under an account's key. */
  public record Entry(long accountId, String key, Stored response) {}

  public static Optional<Stored> find(DSLContext dsl, long accountId, String key) {
    return Optional.ofNullable(findAll(dsl, List.of(new Id(accountId, key))).get(accountId + " " + key));
  }

  /** The stored responses of the given keys, by {@code "<accountId> <key>"}; one query for all of them. */
  public static Map<String, Stored> findAll(DSLContext dsl, List<Id> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Stored> out = new java.util.HashMap<>();
    // one point lookup per key, united: both databases use the primary key for each (H2 scans the table for a
    // row-value IN list)
    String one = "select account_id, idem_key, request_hash, status, location, response from idempotency_key"
        + " where account_id = ? and idem_key = ?";
    StringBuilder sql = new StringBuilder(one);
    for (int i = 1; i < ids.size(); i++) {
      sql.append(" union all ").append(one);
    }
    dsl.connection(c -> {
      try (java.sql.PreparedStatement q = c.prepareStatement(sql.toString())) {
        int p = 1;
        for (Id id : ids) {
          q.setLong(p++, id.accountId());
          q.setString(p++, id.key());
        }
        try (java.sql.ResultSet row = q.executeQuery()) {
          while (row.next()) {
            out.put(row.getLong(1) + " " + row.getString(2),
                new Stored(row.getString(3), row.getInt(4), row.getString(5), row.getString(6)));
          }
        }
      }
    });
    return out;
  }

  public static void store(DSLContext dsl, long accountId, String key, Stored response) {
    storeAll(dsl, List.of(new Entry(accountId, key, response)));
  }

  private static final String INSERT = "insert into idempotency_key (account_id, idem_key, request_hash, status,"
      + " location, response, created_at) values ";

  /** Stores responses with one multi-row insert; a key stored already fails the transaction (SQLSTATE 23505). */
  public static void storeAll(DSLContext dsl, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
    String sql = INSERT + org.plenary.store.Sql.rows(entries.size(), 7);
    dsl.connection(c -> {
      try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 0;
        for (Entry e : entries) {
          ps.setLong(++i, e.accountId());
          ps.setString(++i, e.key());
          ps.setString(++i, e.response().requestHash());
          ps.setInt(++i, e.response().status());
          ps.setString(++i, e.response().location());
          ps.setString(++i, e.response().body());
          ps.setObject(++i, now);
        }
        ps.executeUpdate();
      }
    });
  }

  /** A unique-key violation (SQLSTATE 23505 on PostgreSQL and H2): a concurrent identical request won. */
  public static boolean isDuplicateKey(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException e = sql; e != null; e = e.getNextException()) {
          if ("23505".equals(e.getSQLState())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The stored response when it answers the same request; a 422 problem when the key was used for another. */
  public static Stored replay(Stored stored, String requestHash, String key) {
    if (!stored.requestHash().equals(requestHash)) {
      throw new Problem(422, "idempotency-key-reused", "Idempotency key already used",
          "the Idempotency-Key \"" + key + "\" was already used for a different request; use a new key for a new "
              + "submission", List.of(new Problem.FieldError(HEADER, "already used with a different body")),
          Map.of());
    }
    return stored;
  }
}
