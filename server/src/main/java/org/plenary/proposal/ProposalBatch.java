package org.plenary.proposal;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.plenary.access.Membership;
import org.plenary.access.Principal;
import org.plenary.domain.DomainException;
import org.plenary.http.Problem;

/**
 * Several proposals of one delegation created together, all or none, in the caller's transaction: the
 * group commit's own checks and inserts ({@link Submissions#write}), so an imported proposal is stored and
 * audited exactly as a posted one. Used by the Word import.
 *
 * <pre>
 *   db.tx(dsl -> ProposalBatch.createAll(dsl, principal, membership, n, r, drafts));
 * </pre>
 */
public final class ProposalBatch {
  /** One stored proposal: its id and its JSON as {@code GET …/proposals/{id}} answers it. */
  public record Stored(long id, String json) {}

  private ProposalBatch() {}

  /**
   * Creates every draft or, when one fails a check, none: the problem names the draft as
   * {@code proposals[i].field}. Idempotency is the caller's (one key for the whole batch).
   */
  public static List<Stored> createAll(DSLContext dsl, Principal p, Membership m, long n, long r,
      List<ProposalDraft> drafts) {
    List<Submissions.Submission> batch = new ArrayList<>();
    for (ProposalDraft d : drafts) {
      batch.add(new Submissions.Submission(p, m, n, r, d, null, null, null, null));
    }
    List<Object> outcomes = Submissions.write(dsl, batch);
    List<Problem.FieldError> errors = new ArrayList<>();
    List<Stored> out = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      Object o = outcomes.get(i);
      if (o instanceof Created c) {
        out.add(new Stored(Long.parseLong(c.location().substring(c.location().lastIndexOf('/') + 1)), c.body()));
      } else if (o instanceof DomainException refused) {
        if (refused.kind() != DomainException.Kind.INVALID) {
          throw refused; // not about this draft (the window closed, not a delegate…): the whole batch fails alike
        }
        for (DomainException.FieldError e : refused.errors()) {
          errors.add(new Problem.FieldError("proposals[" + i + "]." + e.field(), e.message()));
        }
      } else if (o instanceof Problem problem) {
        if (problem.status() != 422 && problem.status() != 400) {
          throw problem;
        }
        for (Problem.FieldError e : problem.errors()) {
          errors.add(new Problem.FieldError("proposals[" + i + "]." + e.field(), e.message()));
        }
      } else if (o instanceof RuntimeException e) {
        throw e;
      }
    }
    if (!errors.isEmpty()) {
      // the caller's transaction rolls back: nothing of the batch is kept
      throw Problem.invalid(errors);
    }
    return out;
  }
}
