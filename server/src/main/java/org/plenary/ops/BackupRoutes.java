package org.plenary.ops;

import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/admin/backup}: an online backup of the H2 database, sent back as a ZIP (administrators;
 * {@code java -jar plenary.jar backup} calls it). On PostgreSQL it answers 409: back up with pg_dump or WAL
 * archiving (docs/operations.md).
 *
 * <pre>
 *   curl -s -X POST -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/admin/backup -o plenary-backup.zip
 * </pre>
 */
public final class BackupRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(BackupRoutes.class);
  private final Database db;
  private final Path dir;

  /** Backups are written under {@code dataDir}/backups, sent, then deleted. */
  public BackupRoutes(Database db, Path dataDir) {
    this.db = db;
    this.dir = dataDir.resolve("backups");
  }

  public void mount(Routes api) {
    api.post("/admin/backup").handler(this::backup);
  }

  private void backup(RoutingContext ctx) {
    Principal p = org.plenary.access.AuthHandler.principal(ctx);
    if (!p.admin()) {
      throw Problem.forbidden("only an administrator takes backups");
    }
    if (db.isPostgres()) {
      throw Problem.conflict("backup-by-postgresql", "this server runs on PostgreSQL: back it up with pg_dump or "
          + "WAL archiving (docs/operations.md), which see every node's writes");
    }
    Path file = Backups.newFile(dir);
    db.read(dsl -> Backups.h2(dsl, file)).onSuccess(done -> {
      LOG.info("backup written to {} for account {}", file, p.accountId());
      ctx.response().putHeader("Content-Type", "application/zip")
          .putHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
          .sendFile(file.toString())
          .onComplete(sent -> db.read(dsl -> deleteQuietly(file)));
    }).onFailure(ctx::fail);
  }

  private static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      LOG.warn("could not delete the sent backup {}", file, e);
      return false;
    }
  }
}
