package org.plenary.diff;

import java.util.Arrays;

/**
 * Gives each distinct token key a small int id, looking keys up by a range of the source text so that
 * a token seen before costs no new string. Open addressing; one per diff or revision diff.
 */
final class Interner {
  private String[] keys;
  private int[] hashes;
  private int[] ids;
  private int size;

  Interner(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    keys = new String[capacity];
    hashes = new int[capacity];
    ids = new int[capacity];
  }

  int size() {
    return size;
  }

  /** The id of {@code source[start, end)}. */
  int id(String source, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + source.charAt(i);
    }
    h ^= h >>> 16;
    int mask = keys.length - 1;
    int len = end - start;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      String k = keys[slot];
      if (k == null) {
        keys[slot] = start == 0 && end == source.length() ? source : source.substring(start, end);
        hashes[slot] = h;
        ids[slot] = size++;
        if (size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
      if (hashes[slot] == h && k.length() == len && source.regionMatches(start, k, 0, len)) {
        return ids[slot];
      }
    }
  }

  int id(String key) {
    return id(key, 0, key.length());
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    hashes = new int[keys.length];
    ids = new int[keys.length];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = oldHashes[i] & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        hashes[slot] = oldHashes[i];
        ids[slot] = oldIds[i];
      }
    }
    Arrays.fill(oldKeys, null);
  }
}
