package org.plenary.diff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * A bounded least-recently-used map, bounded by the summed weight of its values (about their bytes in
 * memory), for what never changes: the paragraphs of published revisions and diffs between two published
 * revisions. Callers decide what may go in; an entry heavier than the whole bound is not kept.
 *
 * <pre>
 *   DiffCache&lt;Long, byte[]&gt; c = new DiffCache&lt;&gt;(32 &lt;&lt; 20, b -&gt; b.length);
 *   c.put(7L, bytes);  c.get(7L)  →  bytes (until 32 MB of newer entries push it out)
 * </pre>
 */
final class DiffCache<K, V> {
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>(64, 0.75f, true);
  private long weight;
  private long hits;
  private long misses;

  DiffCache(long maxWeight, ToLongFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = Objects.requireNonNull(weigher, "weigher");
  }

  synchronized V get(K key) {
    V v = map.get(key);
    if (v == null) {
      misses++;
    } else {
      hits++;
    }
    return v;
  }

  synchronized void put(K key, V value) {
    long w = weigher.applyAsLong(value);
    if (w > maxWeight) {
      return;
    }
    V old = map.put(key, value);
    if (old != null) {
      weight -= weigher.applyAsLong(old);
    }
    weight += w;
    Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
    while (weight > maxWeight && eldest.hasNext()) {
      Map.Entry<K, V> e = eldest.next();
      weight -= weigher.applyAsLong(e.getValue());
      eldest.remove();
    }
  }

  synchronized int size() {
    return map.size();
  }

  synchronized long weight() {
    return weight;
  }

  synchronized long hits() {
    return hits;
  }

  synchronized long misses() {
    return misses;
  }
}
