package org.plenary.proposal;

import static org.plenary.schema.Tables.IDEMPOTENCY_KEY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
    if (k.isEmpty() || k.length() > MAX_KEY || !k.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw Problem.invalid(HEADER, "must be 1 to " + MAX_KEY + " printable ASCII characters (a UUID is typical)");
    }
    return k;
  }

  /** SHA-256 over the method, path and body: what "the same request" means for a retry. */
  public static String requestHash(String method, String path, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Optional<Stored> find(DSLContext dsl, long accountId, String key) {
    return dsl.select(IDEMPOTENCY_KEY.REQUEST_HASH, IDEMPOTENCY_KEY.STATUS, IDEMPOTENCY_KEY.LOCATION,
            IDEMPOTENCY_KEY.RESPONSE)
        .from(IDEMPOTENCY_KEY)
        .where(IDEMPOTENCY_KEY.ACCOUNT_ID.eq(accountId).and(IDEMPOTENCY_KEY.IDEM_KEY.eq(key)))
        .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  public static void store(DSLContext dsl, long accountId, String key, Stored response) {
    dsl.insertInto(IDEMPOTENCY_KEY)
        .set(IDEMPOTENCY_KEY.ACCOUNT_ID, accountId)
        .set(IDEMPOTENCY_KEY.IDEM_KEY, key)
        .set(IDEMPOTENCY_KEY.REQUEST_HASH, response.requestHash())
        .set(IDEMPOTENCY_KEY.STATUS, response.status())
        .set(IDEMPOTENCY_KEY.LOCATION, response.location())
        .set(IDEMPOTENCY_KEY.RESPONSE, response.body())
        .execute();
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
