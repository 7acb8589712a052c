package org.plenary.archive;

import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plenary.access.Principal;
import org.plenary.http.Http;
import org.plenary.http.Problem;
import org.plenary.http.Routes;
import org.plenary.store.Database;

/**
 * {@code POST /api/v1/negotiations/import} (administrators): restores a negotiation archive
 * ({@code application/zip} body) as a new negotiation, after checking its manifest, parts and audit chain
 * ({@link ArchiveReader}); a tampered archive is a 400 naming the part, and nothing is written.
 *
 * <pre>
 *   curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/zip' \
 *        --data-binary @n3.zip localhost:8080/api/v1/negotiations/import
 * </pre>
 */
public final class ImportRoutes {
  private final Database db;

  public ImportRoutes(Database db) {
    this.db = db;
  }

  public void mount(Routes api) {
    api.post("/negotiations/import").handler(this::restore);
  }

  private void restore(RoutingContext ctx) {
    Principal p = org.plenary.access.AuthHandler.principal(ctx);
    if (!p.admin()) {
      throw Problem.forbidden("only an administrator imports a negotiation");
    }
    byte[] zip = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    Http.respond(ctx, 201, db.tx(dsl -> {
      ArchiveImporter.Imported done;
      try {
        done = ArchiveImporter.restore(dsl, ArchiveReader.read(zip, org.plenary.audit.AuditKey.of(dsl)), p.accountId());
      } catch (ArchiveReader.Refused refused) {
        throw new Problem(400, "archive-refused", "The archive was refused", refused.getMessage(),
            List.of(new Problem.FieldError(refused.part(), refused.getMessage())), Map.of("part", refused.part()));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", done.negotiationId());
      out.put("ids", done.ids());
      out.put("invitations", done.invitations());
      return out;
    }));
  }
}
