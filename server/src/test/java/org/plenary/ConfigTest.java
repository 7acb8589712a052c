package org.plenary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.proposal.GroupCommit;

class ConfigTest {
  @Test
  @DisplayName("the group commit and the SSE heartbeat are tuned by flags or PLENARY_* variables, a flag winning")
  void tuning() {
    Config defaults = Config.from(new String[0], Map.of());
    assertThat(defaults.groupCommit()).isEqualTo(GroupCommit.DEFAULT);
    assertThat(defaults.sseHeartbeatMillis()).isEqualTo(15_000);

    Config tuned = Config.from(new String[] {"--group-commit-max-batch", "8", "--group-commit-writers=3",
        "--sse-heartbeat-millis", "250"}, Map.of("PLENARY_GROUP_COMMIT_MAX_QUEUE", "100",
        "PLENARY_GROUP_COMMIT_WRITERS", "9"));
    assertThat(tuned.groupCommit()).isEqualTo(new GroupCommit(8, 3, 100));
    assertThat(tuned.sseHeartbeatMillis()).isEqualTo(250);
    assertThat(tuned.withPort(0).groupCommit()).isEqualTo(tuned.groupCommit());
  }

  @Test
  @DisplayName("a group commit without writers, or a heartbeat of 0 ms, is refused at start")
  void refusesNonsense() {
    assertThatThrownBy(() -> Config.from(new String[] {"--group-commit-writers", "0"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group commit");
    assertThatThrownBy(() -> Config.from(new String[] {"--sse-heartbeat-millis", "0"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeat");
    assertThatThrownBy(() -> Config.from(new String[] {"--group-commit-max-queue", "many"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLENARY_GROUP_COMMIT_MAX_QUEUE");
  }
}
