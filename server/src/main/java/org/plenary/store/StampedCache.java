package org.plenary.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A bounded map of values read from the database, each stamped with the {@link Changes} generation taken
 * before it was read. {@link #get} returns a value only for the stamp it was stored with, so a caller passing
 * the current generation never gets one read before a later change. Bounded by a number of entries and,
 * optionally, a total weight (such as characters of text); full, it is cleared (simple, and the next reads
 * refill it).
 *
 * <pre>
 *   long stamp = changes.structure(n);
 *   Row row = cache.get(key, stamp);
 *   if (row == null) { row = read(dsl); cache.put(key, stamp, row); }
 * </pre>
 */
public final class StampedCache<K, V> {
  private record Entry<V>(long stamp, V value, long weight) {}

  private final int maxEntries;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  /** The weights of the entries held (approximate under concurrent clears: the bound is "about"). */
  private final AtomicLong weight = new AtomicLong();

  /** At most {@code maxEntries} entries. */
  public StampedCache(int maxEntries) {
    this(maxEntries, Long.MAX_VALUE, v -> 0);
  }

  /** At most {@code maxEntries} entries, and about {@code maxWeight} in all as {@code weigher} weighs them. */
  public StampedCache(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
    if (maxEntries <= 0 || maxWeight <= 0) {
      throw new IllegalArgumentException("bounds must be positive, got " + maxEntries + " and " + maxWeight);
    }
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
  }

  /** The value stored for {@code key} with exactly {@code stamp}; null otherwise or when uncacheable. */
  public V get(K key, long stamp) {
    if (stamp == Changes.UNCACHEABLE) {
      return null;
    }
    Entry<V> e = entries.get(key);
    return e != null && e.stamp() == stamp ? e.value() : null;
  }

  /** Stores {@code value} read after taking {@code stamp}; does nothing for {@link Changes#UNCACHEABLE}. */
  public void put(K key, long stamp, V value) {
    Objects.requireNonNull(value, "value");
    if (stamp == Changes.UNCACHEABLE) {
      return;
    }
    long w = weigher.applyAsLong(value);
    if (w > maxWeight) {
      return; // larger than the whole cache: not kept
    }
    Entry<V> current = entries.get(key);
    long added = current == null ? w : w - current.weight();
    if (current == null && entries.size() >= maxEntries || weight.get() + added > maxWeight) {
      clear();
    }
    Entry<V> fresh = new Entry<>(stamp, value, w);
    entries.compute(key, (k, old) -> {
      // A slower reader with an older stamp must not replace a newer entry.
      if (old != null && old.stamp() > stamp) {
        return old;
      }
      weight.addAndGet(w - (old == null ? 0 : old.weight()));
      return fresh;
    });
  }

  public int size() {
    return entries.size();
  }

  /** The entries' weight in all, as the weigher counts it. */
  public long weight() {
    return weight.get();
  }

  public void clear() {
    entries.clear();
    weight.set(0);
  }
}
