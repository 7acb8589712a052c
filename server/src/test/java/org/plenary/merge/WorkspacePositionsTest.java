package org.plenary.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenary.merge.Workspaces.GAP;
import static org.plenary.merge.Workspaces.OFFSET;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The workspace's gapped positions: an insertion, a deletion or a move writes the one paragraph it concerns. */
class WorkspacePositionsTest {

  private static Map<Long, Integer> spreadOut(long... ids) {
    Map<Long, Integer> out = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      out.put(ids[i], OFFSET + (i + 1) * GAP);
    }
    return out;
  }

  private static int changed(List<Long> order, Map<Long, Integer> current, Integer[] placed) {
    int n = 0;
    for (int i = 0; i < order.size(); i++) {
      if (!placed[i].equals(current.get(order.get(i)))) {
        n++;
      }
    }
    return n;
  }

  private static void assertIncreasing(Integer[] placed) {
    for (int i = 1; i < placed.length; i++) {
      assertThat(placed[i]).as("position %d", i).isGreaterThan(placed[i - 1]);
    }
  }

  @Test
  void anInsertionTakesANumberBetweenItsNeighboursAndMovesNoOther() {
    Map<Long, Integer> current = spreadOut(1, 2, 3, 4);
    List<Long> order = List.of(1L, 2L, 99L, 3L, 4L);
    Integer[] placed = Workspaces.positions(order, current);
    assertIncreasing(placed);
    assertThat(changed(order, current, placed)).isEqualTo(1);
    assertThat(placed[2]).isBetween(OFFSET + 2 * GAP + 1, OFFSET + 3 * GAP - 1);
  }

  @Test
  void insertionsAtBothEndsAndAMoveKeepTheOthers() {
    Map<Long, Integer> current = spreadOut(1, 2, 3, 4, 5);
    List<Long> order = List.of(98L, 1L, 4L, 2L, 3L, 5L, 99L); // 4 moved up, 98 first, 99 last
    Integer[] placed = Workspaces.positions(order, current);
    assertIncreasing(placed);
    assertThat(changed(order, current, placed)).isEqualTo(3);
    assertThat(placed[0]).isGreaterThan(OFFSET);
  }

  @Test
  void aFullGapSpreadsTheWholeWorkspaceOutAgain() {
    Map<Long, Integer> current = new HashMap<>(Map.of(1L, OFFSET + 1, 2L, OFFSET + 2));
    List<Long> order = List.of(1L, 99L, 2L);
    Integer[] placed = Workspaces.positions(order, current);
    assertThat(placed).containsExactly(OFFSET + GAP, OFFSET + 2 * GAP, OFFSET + 3 * GAP);
  }

  @Test
  void aWorkspaceWithDensePositionsFromBeforeTheGapsIsSpreadOut() {
    Map<Long, Integer> current = new HashMap<>(Map.of(1L, 0, 2L, 1, 3L, 2));
    Integer[] placed = Workspaces.positions(List.of(1L, 3L, 2L), current);
    assertThat(placed).containsExactly(OFFSET + GAP, OFFSET + 2 * GAP, OFFSET + 3 * GAP);
  }

  @Test
  void manyInsertionsAtOnePlaceStayInOrderAndDistinct() {
    Map<Long, Integer> current = spreadOut(1, 2);
    List<Long> order = new ArrayList<>(List.of(1L, 2L));
    Random rnd = new Random(7);
    long next = 100;
    for (int round = 0; round < 200; round++) {
      order.add(1 + rnd.nextInt(order.size() - 1), next++);
      Integer[] placed = Workspaces.positions(order, current);
      assertIncreasing(placed);
      assertThat(Arrays.stream(placed).distinct().count()).isEqualTo(order.size());
      current.clear();
      for (int i = 0; i < order.size(); i++) {
        current.put(order.get(i), placed[i]);
      }
    }
  }
}
