package org.plenary.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Online backups of the embedded H2 database: H2's {@code BACKUP TO} writes a consistent copy of the database
 * file into a ZIP while the server keeps serving (it takes the database's checkpoint lock for the copy, so
 * writes pause for the copy's duration, reads go on). Restore: stop the server and unzip the file into an empty
 * data directory ({@code plenary.mv.db}), see docs/operations.md. PostgreSQL has its own tools
 * ({@code pg_dump}, base backups with WAL archiving), so no backup is taken here.
 */
public final class Backups {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

  private Backups() {}

  /** A fresh file name under {@code dir} for a backup taken now. */
  public static Path newFile(Path dir) {
    return dir.resolve("plenary-" + STAMP.format(OffsetDateTime.now(ZoneOffset.UTC)) + "-"
        + Long.toHexString(System.nanoTime()) + ".zip");
  }

  /** Writes an online backup of the H2 database behind {@code dsl} to {@code target} (a new .zip file). */
  public static Path h2(DSLContext dsl, Path target) {
    Objects.requireNonNull(target, "target");
    try {
      Path parent = target.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    // A copy of every negotiation's confidential text: created readable by the server's user only (0600), like
    // the database, before H2 writes into it.
    try {
      if (!Files.exists(target)) {
        Files.createFile(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      }
    } catch (UnsupportedOperationException notPosix) {
      // not a POSIX file system: H2 creates the file itself
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    dsl.execute("BACKUP TO " + DSL.inline(target.toAbsolutePath().toString()));
    return target;
  }
}
