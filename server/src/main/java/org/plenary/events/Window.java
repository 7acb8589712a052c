package org.plenary.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one negotiation this node has read recently, in the order it read them, shared by all its
 * subscribers. Arrival numbers ("seq", local to the node) are contiguous: {@code events.get(i)} arrived as
 * number {@code fromSeq + i + 1}. Arrival order is not id order: an event can commit after one with a
 * higher id, and then arrives after it.
 *
 * <p>{@code floor} is the id below which the node no longer expects late events (see
 * {@link LiveUpdates#LATE_COMMIT}). Immutable: the feed replaces it as a whole, so subscribers on other
 * threads read it without locks.
 */
record Window(long fromSeq, List<LiveEvent> events, long floor) {
  static Window empty(long floor) {
    return new Window(0, List.of(), floor);
  }

  long toSeq() {
    return fromSeq + events.size();
  }

  /** This window followed by {@code newer}, keeping at most {@code keep} events. */
  Window advance(List<LiveEvent> newer, int keep, long newFloor) {
    if (newer.isEmpty()) {
      return newFloor == floor ? this : new Window(fromSeq, events, newFloor);
    }
    List<LiveEvent> all = new ArrayList<>(events.size() + newer.size());
    all.addAll(events);
    all.addAll(newer);
    long newFrom = fromSeq;
    if (all.size() > keep) {
      int drop = all.size() - keep;
      newFrom += drop;
      all = all.subList(drop, all.size());
    }
    return new Window(newFrom, List.copyOf(all), newFloor);
  }
}
