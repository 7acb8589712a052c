package org.plenary.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK (no extra dependency; NIST SP 800-132, OWASP
 * recommends at least 210,000 iterations for this PRF; the count is stored in
 * each hash, so raising it later keeps old hashes valid).
 * Stored form: {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}.
 */
public final class Passwords {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;
  private static final int KEY_BITS = 256;

  private final int iterations;
  /** Verified against when the email is unknown, so both paths cost the same time. */
  private final String decoy;

  public Passwords(int iterations) {
    if (iterations < 1000) {
      throw new IllegalArgumentException("password iterations must be at least 1000");
    }
    this.iterations = iterations;
    // What an unknown account is checked against, so that it costs one derivation as a real one does. Its key
    // is random bytes rather than a derived one: it never matches anyway (verify says false without a stored
    // hash), and deriving it here would cost a full hash (0.5-1 s on a cold JVM) at every start.
    byte[] salt = new byte[SALT_BYTES];
    byte[] key = new byte[KEY_BITS / 8];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(key);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    this.decoy = "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt, iterations);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
  }

  /** True when {@code password} matches {@code stored}; a null {@code stored} costs the same and fails. */
  public boolean verify(String password, String stored) {
    String target = stored == null ? decoy : stored;
    String[] parts = target.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      derive(password, new byte[SALT_BYTES], iterations);
      return false;
    }
    int n = Integer.parseInt(parts[1]);
    byte[] salt = Base64.getDecoder().decode(parts[2]);
    byte[] expected = Base64.getDecoder().decode(parts[3]);
    byte[] actual = derive(password, salt, n);
    return MessageDigest.isEqual(expected, actual) && stored != null;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random URL-safe token (256 bits). */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String sha256(String token) {
    return org.plenary.store.Digests.sha256Hex(token);
  }
}
