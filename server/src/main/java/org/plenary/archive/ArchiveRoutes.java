package org.plenary.archive;

import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.plenary.http.Http;
import org.plenary.http.Routes;
import org.plenary.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/negotiations/{n}/archive}: the whole negotiation as one ZIP ({@link ArchiveWriter}); the
 * secretariat (the authorization matrix). Written from one consistent read to a temporary file under the data
 * directory, streamed from there, then deleted: a large negotiation never sits in memory.
 *
 * <pre>
 *   curl -s -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/negotiations/3/archive -o n3.zip
 * </pre>
 */
public final class ArchiveRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ArchiveRoutes.class);
  private final Database db;
  private final Path dir;

  public ArchiveRoutes(Database db, Path dataDir) {
    this.db = db;
    this.dir = dataDir.resolve("archives");
  }

  public void mount(Routes api) {
    api.get("/negotiations/:n/archive").handler(this::export);
  }

  private void export(RoutingContext ctx) {
    long n = Http.idParam(ctx, "n", "negotiation");
    db.tx(dsl -> {
      if (db.isPostgres()) {
        // every part from the same snapshot, though proposals keep coming in
        dsl.execute("set transaction isolation level repeatable read");
      }
      try {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "negotiation-" + n + "-", ".zip");
        try (OutputStream out = Files.newOutputStream(file)) {
          ArchiveWriter.write(dsl, n, out);
        }
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).onSuccess(file -> ctx.response()
        .putHeader("Content-Type", "application/zip")
        .putHeader("Content-Disposition", "attachment; filename=\"negotiation-" + n + ".zip\"")
        .sendFile(file.toString())
        .onComplete(sent -> db.read(dsl -> delete(file))))
        .onFailure(ctx::fail);
  }

  private static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete the sent archive {}", file, e);
      return false;
    }
  }
}
