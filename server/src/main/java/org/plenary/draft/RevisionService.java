package org.plenary.draft;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.access.Role;
import org.plenary.audit.AuditLog;
import org.plenary.domain.DomainException;
import org.plenary.store.Database;

/**
 * Revisions of a negotiation: an uploaded draft parsed (through the {@link ImportGate}) and stored with its
 * paragraphs aligned to the revision before, its audit event and the merge's hook ({@link RevisionRoutes.Uploaded});
 * reading them as a member may see them. Refusals are {@link DomainException}s.
 *
 * <pre>
 *   revisions.upload(vertx, principal, n, "Rev.1", null, SourceFormat.TEXT, bytes).onSuccess(rev -> …);
 * </pre>
 */
final class RevisionService {
  /** A revision and the label of the one it is based on (null for the first). */
  record Mapped(Revisions.Revision revision, String basedOnLabel) {}

  private final Database db;
  private final ImportGate imports;
  private final RevisionRoutes.Uploaded uploaded;

  RevisionService(Database db, ImportGate imports, RevisionRoutes.Uploaded uploaded) {
    this.db = Objects.requireNonNull(db, "db");
    this.imports = Objects.requireNonNull(imports, "imports");
    this.uploaded = Objects.requireNonNull(uploaded, "uploaded");
  }

  /** Stores a new revision from {@code bytes}; access is checked before the (CPU-bound) parse. */
  Future<Revisions.Revision> upload(Vertx vertx, Principal p, long n, String label, String sourceName,
      SourceFormat format, byte[] bytes) {
    // Check access before the parse, so outsiders learn nothing from parse errors.
    return db.read(dsl -> Membership.requireRole(dsl, n, p, Role.SECRETARIAT, Role.FACILITATOR))
        .compose(m -> imports.run(vertx, () -> parse(bytes, format)))
        .compose(draft -> db.tx(dsl -> {
          long revisionId = Revisions.create(dsl, n, label, format, sourceName, draft, p.accountId());
          Revisions.storeSource(dsl, revisionId, format, bytes);
          uploaded.revision(dsl, n, revisionId);
          Revisions.Revision stored = Revisions.get(dsl, n, revisionId).orElseThrow();
          AuditLog.append(dsl, n, new AuditLog.Actor(p.accountId(), null), "revision.created",
              "revision:" + revisionId, Map.of("label", stored.revision().label(), "seq", stored.revision().seq(),
                  "paragraphs", stored.paragraphs().size(), "format", format.name().toLowerCase(),
                  "brackets", stored.revision().bracketCount(), "deleted", stored.deleted().size()));
          return stored;
        }));
  }

  /** The file revision {@code r} was uploaded from; 404 for a revision built in Plenary (a workspace). */
  public Future<Revisions.Source> source(long n, long r) {
    return db.read(dsl -> Revisions.source(dsl, n, r)
        .orElseThrow(() -> DomainException.notFound("an uploaded source of revision " + r)));
  }

  private static ImportedDraft parse(byte[] bytes, SourceFormat format) {
    try {
      return DraftReader.read(bytes, format);
    } catch (ImportException e) {
      throw DomainException.invalid(e.field(), e.getMessage());
    }
  }

  /** The revisions the member may see (an editing one only for the chair), oldest first. */
  Future<List<Revisions.Summary>> list(Principal p, long n) {
    return db.read(dsl -> {
      Membership m = Membership.require(dsl, n, p);
      return Revisions.list(dsl, n).stream().filter(r -> m.seesRevision(r.state())).toList();
    });
  }

  Future<Revisions.Revision> get(Principal p, long n, long r) {
    return db.read(dsl -> {
      Membership.require(dsl, n, p);
      return Revisions.get(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
    });
  }

  /** The revision with the label of the one it is based on, for its number mapping. */
  Future<Mapped> mapped(Principal p, long n, long r) {
    return db.read(dsl -> {
      Membership.require(dsl, n, p);
      Revisions.Revision rev = Revisions.get(dsl, n, r).orElseThrow(() -> DomainException.notFound("revision " + r));
      Long basedOn = rev.revision().basedOn();
      String fromLabel = basedOn == null ? null
          : Revisions.get(dsl, n, basedOn).map(b -> b.revision().label()).orElse(null);
      return new Mapped(rev, fromLabel);
    });
  }
}
