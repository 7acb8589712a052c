package org.plenary.audit;

import static org.plenary.schema.Tables.AUDIT_KEYING;
import static org.plenary.schema.Tables.EVENT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;

/**
 * The key of the audit chain's HMAC. It lives outside the database: {@code PLENARY_AUDIT_KEY}, or a file
 * {@code audit.key} in the data directory created readable by the server's user only (0600). Every node of one
 * database needs the same key; a node started with another refuses to start (the database keeps the key's
 * fingerprint). Events written before keying was switched on keep their plain SHA-256 hashes.
 *
 * <pre>
 *   AuditKey key = AuditKey.load(System.getenv("PLENARY_AUDIT_KEY"), dataDir);
 *   key.install(dsl);   // checks the fingerprint, records where keying starts, attaches the key to dsl
 * </pre>
 */
public final class AuditKey {
  /** Where {@link #install} attaches the key: jOOQ configuration data, shared by derived configurations. */
  static final String DATA = "plenary.auditKey";
  static final String FILE = "audit.key";

  private final byte[] secret;
  private final String fingerprint;
  /** One keyed Mac per thread: looking the algorithm up and scheduling the key cost more than one event's MAC. */
  private final ThreadLocal<Mac> macs;
  private volatile long plainThrough;

  private AuditKey(byte[] secret) {
    this.secret = secret.clone();
    byte[] key = this.secret;
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
    this.fingerprint = HexFormat.of().formatHex(sha256(("plenary-audit-key:" + Base64.getEncoder()
        .encodeToString(secret)).getBytes(StandardCharsets.UTF_8)));
  }

  /** From {@code configured} (any string of at least 32 characters) or, when blank, the data directory's key file. */
  public static AuditKey load(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      if (configured.length() < 32) {
        throw new IllegalArgumentException("PLENARY_AUDIT_KEY must be at least 32 characters long");
      }
      return new AuditKey(sha256(configured.getBytes(StandardCharsets.UTF_8)));
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
      }
      return new AuditKey(Base64.getDecoder().decode(Files.readString(file).strip()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read or create the audit key " + file + ": " + e.getMessage(), e);
    }
  }

  /** A key for tests and tools. */
  public static AuditKey of(byte[] secret) {
    return new AuditKey(secret);
  }

  /**
   * Checks the key against the one the database's chain is keyed with (recording it, and where keying starts,
   * on first use) and attaches it to {@code dsl}'s configuration, so every append and verification uses it.
   */
  public void install(DSLContext dsl) {
    var row = dsl.selectFrom(AUDIT_KEYING).where(AUDIT_KEYING.ID.eq(1)).fetchOne();
    if (row == null) {
      Long last = dsl.select(org.jooq.impl.DSL.max(EVENT.ID)).from(EVENT).fetchOne().value1();
      dsl.insertInto(AUDIT_KEYING).set(AUDIT_KEYING.ID, 1).set(AUDIT_KEYING.FINGERPRINT, fingerprint)
          .set(AUDIT_KEYING.PLAIN_THROUGH, last == null ? 0L : last).onConflictDoNothing().execute();
      row = dsl.selectFrom(AUDIT_KEYING).where(AUDIT_KEYING.ID.eq(1)).fetchSingle();
    }
    if (!row.getFingerprint().equals(fingerprint)) {
      throw new IllegalStateException("the audit key (PLENARY_AUDIT_KEY or " + FILE + " in the data directory) is "
          + "not the key this database's audit chain was written with: start every node with the same key");
    }
    plainThrough = row.getPlainThrough();
    dsl.configuration().data(DATA, this);
  }

  /** The key attached to {@code dsl} by {@link #install}, or null. */
  public static AuditKey of(DSLContext dsl) {
    return attached(dsl);
  }

  /** The key attached to {@code dsl}, or null (a bare context in a tool or test: plain hashes). */
  static AuditKey attached(DSLContext dsl) {
    return dsl == null ? null : (AuditKey) dsl.configuration().data(DATA);
  }

  /** Whether event {@code id} was written before keying (plain SHA-256). */
  boolean plain(long id) {
    return id <= plainThrough;
  }

  /** HMAC-SHA256 of {@code text}, hex. */
  public String mac(String text) {
    // doFinal leaves the Mac ready for the next text under the same key
    return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }


  public String fingerprint() {
    return fingerprint;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
