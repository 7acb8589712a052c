package org.plenary.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The proposal core")
class PureCoreTest {
  static final List<Class<?>> CORE = List.of(ProposalKind.class, Anchor.class, Anchor.Input.class, PlainText.class,
      ProposalDraft.class, ProposalDraft.Checked.class, ProposalDraft.Target.class, CommentWindow.class,
      Proposal.class, Proposal.Cosponsor.class, ProposalPermissions.class);

  @Test
  @DisplayName("uses no Vert.x, jOOQ or Jackson type in any field, parameter or return type")
  void noFrameworkTypes() {
    List<String> offending = new ArrayList<>();
    for (Class<?> c : CORE) {
      for (Field f : c.getDeclaredFields()) {
        check(c, f.getName(), f.getType(), offending);
      }
      for (Executable e : Stream.concat(Stream.of(c.getDeclaredMethods()), Stream.of(c.getDeclaredConstructors()))
          .toList()) {
        for (Class<?> p : e.getParameterTypes()) {
          check(c, e.getName(), p, offending);
        }
        if (e instanceof java.lang.reflect.Method m) {
          check(c, m.getName(), m.getReturnType(), offending);
        }
      }
    }
    assertThat(offending).isEmpty();
  }

  private static void check(Class<?> owner, String member, Class<?> type, List<String> offending) {
    String name = type.getName();
    if (name.startsWith("io.vertx.") || name.startsWith("org.jooq.") || name.startsWith("com.fasterxml.")) {
      offending.add(owner.getSimpleName() + "." + member + ": " + name);
    }
  }
}
