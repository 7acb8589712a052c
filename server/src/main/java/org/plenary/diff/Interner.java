package org.plenary.diff;

import java.util.Arrays;

/**
 * Gives each distinct token key a small int id, looking keys up by a range of the source text so that
 * a token seen before costs no new string. Open addressing; one per diff or revision diff.
 */
final class Interner {
  private char[][] keys;
  private int[] hashes;
  private int[] ids;
  private int size;

  Interner(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
    keys = new char[capacity][];
    hashes = new int[capacity];
    ids = new int[capacity];
  }

  int size() {
    return size;
  }

  /** The id of {@code source[start, end)}. */
  int id(char[] source, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + source[i];
    }
    h ^= h >>> 16;
    int mask = keys.length - 1;
    int len = end - start;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      char[] k = keys[slot];
      if (k == null) {
        keys[slot] = Arrays.copyOfRange(source, start, end);
        hashes[slot] = h;
        ids[slot] = size++;
        if (size * 2 > keys.length) {
          grow();
        }
        return size - 1;
      }
      if (hashes[slot] == h && k.length == len && same(source, start, k)) {
        return ids[slot];
      }
    }
  }

  /** A plain loop: tokens are short, shorter than the set-up of a vectorised comparison pays for. */
  private static boolean same(char[] source, int start, char[] key) {
    for (int i = 0; i < key.length; i++) {
      if (source[start + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  /** The keys, indexed by id. */
  char[][] keysById() {
    char[][] out = new char[size][];
    for (int slot = 0; slot < keys.length; slot++) {
      if (keys[slot] != null) {
        out[ids[slot]] = keys[slot];
      }
    }
    return out;
  }

  int id(String key) {
    char[] chars = key.toCharArray();
    return id(chars, 0, chars.length);
  }

  private void grow() {
    char[][] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldIds = ids;
    keys = new char[oldKeys.length * 2][];
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
