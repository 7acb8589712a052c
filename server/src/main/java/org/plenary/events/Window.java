package org.plenary.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one negotiation that this node has read, shared by all its subscribers: every
 * event of the negotiation with {@code from < id <= to} is in {@code events}, and every event up to
 * {@code to} has committed. A subscriber whose cursor is older than {@code from} reads the table instead.
 * Immutable: the feed replaces it as a whole, so subscribers on other threads read it without locks.
 */
record Window(long from, long to, List<LiveEvent> events) {
  static Window empty(long head) {
    return new Window(head, head, List.of());
  }

  /** This window followed by {@code newer} (ids above {@code to}), keeping at most {@code keep} events. */
  Window advance(List<LiveEvent> newer, int keep) {
    if (newer.isEmpty()) {
      return this;
    }
    List<LiveEvent> all = new ArrayList<>(events.size() + newer.size());
    all.addAll(events);
    all.addAll(newer);
    long newFrom = from;
    if (all.size() > keep) {
      int drop = all.size() - keep;
      newFrom = all.get(drop - 1).id();
      all = all.subList(drop, all.size());
    }
    return new Window(newFrom, newer.get(newer.size() - 1).id(), List.copyOf(all));
  }
}
