package org.plenary.diff;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.domain.DomainException;
import org.plenary.http.ReadyBody;
import org.plenary.store.Database;

/**
 * The revision diff for a member: the membership check first, the two revisions' texts (from memory when
 * published), the diff, and the rendered body, kept while both revisions are published (they never change
 * then). Runs on the database's worker pool; refusals are {@link DomainException}s.
 *
 * <pre>
 *   diffs.diff(principal, n, () -> request, false).onSuccess(body -> … body.etag() …);
 * </pre>
 */
final class DiffService {
  private final Database db;
  final RevisionTexts.Cache texts;
  final DiffCache<String, ReadyBody> results;

  DiffService(Database db, long textCacheBytes, long resultCacheBytes) {
    this.db = db;
    this.texts = new RevisionTexts.Cache(textCacheBytes);
    this.results = new DiffCache<>(resultCacheBytes, ReadyBody::weight);
  }

  /**
   * The rendered diff {@code request} asks for; {@code request} is read only after the membership check, so
   * an outsider gets 404 whatever the parameters say. {@code fresh} computes it again (the texts may still
   * come from memory).
   */
  Future<Answer> diff(Principal p, long n, Supplier<DiffRoutes.Request> request, boolean fresh) {
    return db.read(dsl -> {
      // Membership first, on every request and before any cache: an outsider gets 404 whatever the
      // parameters say, and what a member may see is checked against the revisions' current state.
      Membership m = Membership.require(dsl, n, p);
      DiffRoutes.Request req = request.get();
      Map<Long, RevisionTexts.Loaded> loaded = RevisionTexts.load(dsl, n, req.from(), req.to(), texts);
      RevisionTexts.Loaded from = RevisionTexts.of(loaded, req.from()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> DomainException.notFound("revision " + req.from()));
      RevisionTexts.Loaded to = RevisionTexts.of(loaded, req.to()).filter(r -> m.seesRevision(r.state()))
          .orElseThrow(() -> DomainException.notFound("revision " + req.to()));
      boolean immutable = RevisionTexts.PUBLISHED.equals(from.state()) && RevisionTexts.PUBLISHED.equals(to.state());
      String key = immutable ? cacheKey(n, from, to, req) : null;
      ReadyBody cached = key == null || fresh ? null : results.get(key);
      if (cached != null) {
        return new Answer(cached, immutable);
      }
      // Still on the worker (no connection is held between statements): diff and render here too.
      ReadyBody body = render(n, from, to, req);
      if (key != null) {
        results.put(key, body);
      }
      return new Answer(body, immutable);
    });
  }

  /** A diff and whether both its revisions are published (then it never changes while the structure stays). */
  record Answer(ReadyBody body, boolean published) {}

  /**
   * What a rendered diff between two published revisions depends on: the revisions (their paragraphs
   * never change once published; label and bracket count are in the key in case they are edited), the
   * format, the options and the layout.
   */
  static String cacheKey(long n, RevisionTexts.Loaded from, RevisionTexts.Loaded to, DiffRoutes.Request req) {
    return n + "|" + from.id() + "|" + to.id() + "|" + req.format() + "|" + String.join(",", req.options().ignoreCodes())
        + "|" + req.options().cleanup() + "|" + (req.format() == DiffRoutes.Format.HTML ? req.layout() : "") + "|"
        + from.seq() + "|" + from.bracketCount() + "|" + from.label() + "|" + to.seq() + "|" + to.bracketCount()
        + "|" + to.label();
  }

  private static ReadyBody render(long negotiation, RevisionTexts.Loaded from, RevisionTexts.Loaded to, DiffRoutes.Request req) {
    RevisionDiff.Result result = RevisionDiff.compare(from.paragraphs(), to.paragraphs(), req.options(),
        from.tokens(), to.tokens());
    return switch (req.format()) {
      case JSON -> ReadyBody.of("application/json; charset=utf-8",
          DiffJsonWriter.document(negotiation, from, to, req.options().ignoreCodes(), result));
      case HTML -> ReadyBody.of("text/html; charset=utf-8", DiffHtml.revision(result, from.label(),
          to.label(), req.layout(), language(to)).getBytes(StandardCharsets.UTF_8));
      case TEXT -> ReadyBody.of("text/plain; charset=utf-8",
          DiffText.revision(result, from.label(), to.label()).getBytes(StandardCharsets.UTF_8));
    };
  }

  private static String language(RevisionTexts.Loaded r) {
    long rtl = r.paragraphs().stream().filter(p -> "rtl".equals(p.direction())).count();
    return rtl * 2 >= r.paragraphs().size() ? "ar" : "en";
  }
}
