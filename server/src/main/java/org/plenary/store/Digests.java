package org.plenary.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 with one digest per thread. Looking the algorithm up ({@code MessageDigest.getInstance}) costs more than
 * hashing a token or a request body, and requests hash several times each (the bearer token, a POST's
 * idempotency hash, a ready body's ETag).
 *
 * <pre>
 *   String hex = Digests.sha256Hex("text");
 *   MessageDigest sha = Digests.sha256(); sha.update(a); byte[] h = sha.digest(b); // no other use in between
 * </pre>
 */
public final class Digests {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private Digests() {}

  /** This thread's SHA-256 digest, reset; use it up ({@code digest()}) before asking for it again. */
  public static MessageDigest sha256() {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return digest;
  }

  /** SHA-256 of {@code text} in UTF-8, lower-case hex. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
