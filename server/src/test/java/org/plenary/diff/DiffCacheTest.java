package org.plenary.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The diff's bounded LRU cache")
class DiffCacheTest {
  @Test
  @DisplayName("a value put is found again; a missing key is a miss")
  void hit() {
    DiffCache<String, byte[]> c = new DiffCache<>(100, b -> b.length);
    byte[] v = new byte[10];
    c.put("a", v);
    assertThat(c.get("a")).isSameAs(v);
    assertThat(c.get("b")).isNull();
    assertThat(c.hits()).isEqualTo(1);
    assertThat(c.misses()).isEqualTo(1);
  }

  @Test
  @DisplayName("the summed weight stays within the bound: the least recently used entries go first")
  void bounded() {
    DiffCache<Integer, byte[]> c = new DiffCache<>(100, b -> b.length);
    for (int i = 0; i < 5; i++) {
      c.put(i, new byte[30]);
      assertThat(c.weight()).isLessThanOrEqualTo(100);
    }
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.get(0)).isNull();
    assertThat(c.get(1)).isNull();
    // 2 is used now, so 3 is the eldest when 5 comes in.
    assertThat(c.get(2)).isNotNull();
    c.put(5, new byte[30]);
    assertThat(c.get(3)).isNull();
    assertThat(c.get(2)).isNotNull();
    assertThat(c.get(4)).isNotNull();
    assertThat(c.get(5)).isNotNull();
    assertThat(c.weight()).isEqualTo(90);
  }

  @Test
  @DisplayName("an entry heavier than the bound is not kept; replacing a key counts its weight once")
  void heavyAndReplaced() {
    DiffCache<String, byte[]> c = new DiffCache<>(100, b -> b.length);
    c.put("big", new byte[101]);
    assertThat(c.get("big")).isNull();
    assertThat(c.size()).isZero();
    c.put("a", new byte[40]);
    c.put("a", new byte[60]);
    assertThat(c.weight()).isEqualTo(60);
    assertThat(c.size()).isEqualTo(1);
  }
}
