package org.plenary.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.plenary.domain.DomainException;
import org.plenary.proposal.Proposals;

/**
 * What a batch of decisions is ({@code POST …/decisions}, {@link MergeService#decideAll}): its items, what became
 * of each, its bounds, and the writes its first decisions hold back to store together.
 */
public final class DecisionBatch {
  private DecisionBatch() {}

  /** One decision of a batch: the proposal, its ETag (as If-Match would carry it), the decision, text and note. */
  public record Item(long proposalId, String etag, String decision, String text, String note) {}

  /** What became of one item of a batch: {@code decided}, or {@code refused} with nothing of it kept. */
  public record Outcome(Item item, MergeService.Decided decided, DomainException refused) {}

  /** The most decisions one batch takes. */
  public static final int MAX_BATCH = 500;

  /**
   * A batch that is not atomic is decided in transactions of at most this many items, one after the other: each
   * item stands alone anyway, and a single decision by the other facilitator then waits for one chunk to commit,
   * not for the whole batch (the negotiation's lock is held per transaction).
   */
  public static final int CHUNK = 50;

  /** A batch as a whole: 1 to {@value #MAX_BATCH} items, no proposal named twice. */
  public static void check(List<Item> items) {
    if (items.isEmpty() || items.size() > MAX_BATCH) {
      throw DomainException.invalid("decisions", "name 1 to " + MAX_BATCH + " decisions");
    }
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!ids.add(items.get(i).proposalId())) {
        throw DomainException.invalid("decisions[" + i + "].proposal", "proposal " + items.get(i).proposalId()
            + " is named twice: one decision per proposal in a batch");
      }
    }
  }

  /**
   * The writes of a batch's first decisions, held back to be stored together: their decision rows in one insert and
   * their proposals' versions in one update, instead of two statements per item. Written before any item that
   * needs a savepoint or reads decisions, and before the audit events.
   */
  static final class Deferred {
    private final List<Workspaces.Decision> decisions = new ArrayList<>();
    private final List<Long> proposals = new ArrayList<>();

    void put(Workspaces.Decision d) {
      decisions.add(d);
    }

    void bump(long proposalId) {
      proposals.add(proposalId);
    }

    void flush(DSLContext dsl) {
      Workspaces.putDecisions(dsl, decisions);
      Proposals.bumpVersions(dsl, proposals);
      decisions.clear();
      proposals.clear();
    }
  }
}
