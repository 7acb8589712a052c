package org.plenary.proposal;

/**
 * How the group commit of new proposals ({@link Submissions}) is tuned: {@code maxBatch} submissions at most
 * in one transaction, {@code writers} transactions in flight at once, {@code maxQueue} submissions waiting at
 * most (beyond it a POST gets 503 with {@code Retry-After} at once instead of waiting without bound, so an
 * overloaded server stays responsive). {@code Config} reads them from {@code --group-commit-*} flags.
 *
 * <pre>
 *   new GroupCommit(64, 2, 10_000)   // GroupCommit.DEFAULT
 * </pre>
 */
public record GroupCommit(int maxBatch, int writers, int maxQueue) {
  /** 64 per transaction, 2 transactions at once, 10,000 waiting. */
  public static final GroupCommit DEFAULT = new GroupCommit(64, 2, 10_000);

  public GroupCommit {
    if (maxBatch < 1 || writers < 1 || maxQueue < 0) {
      throw new IllegalArgumentException("group commit: maxBatch and writers at least 1, maxQueue at least 0 (got "
          + maxBatch + ", " + writers + ", " + maxQueue + ")");
    }
  }
}
