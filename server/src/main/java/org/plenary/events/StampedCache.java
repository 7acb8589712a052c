package org.plenary.events;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map of values read from the database, each stamped with the {@link Changes} generation taken
 * before it was read. {@link #get} returns a value only for the stamp it was stored with, so a caller passing
 * the current generation never gets one read before a later change. Full, it is cleared (simple, and the
 * next reads refill it).
 *
 * <pre>
 *   long stamp = changes.structure(n);
 *   Row row = cache.get(key, stamp);
 *   if (row == null) { row = read(dsl); cache.put(key, stamp, row); }
 * </pre>
 */
public final class StampedCache<K, V> {
  private record Entry<V>(long stamp, V value) {}

  private final int maxEntries;
  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

  public StampedCache(int maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
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
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    // A slower reader with an older stamp must not replace a newer entry.
    entries.merge(key, new Entry<>(stamp, value), (old, fresh) -> fresh.stamp() >= old.stamp() ? fresh : old);
  }

  public int size() {
    return entries.size();
  }

  public void clear() {
    entries.clear();
  }
}
