package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The text log set up in code")
class LogSetupTest {
  @Test
  @DisplayName("found by logback, it logs INFO to the console and quiets the libraries as logback.xml does")
  void asLogbackXml() {
    assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
        .contains(LogSetup.class.getName());
    LoggerContext context = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("STDOUT")).isNotNull();
    assertThat(context.getLogger("org.jooq").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.apache.poi.ooxml").getEffectiveLevel()).isEqualTo(Level.OFF);
    assertThat(context.getLogger("org.plenary.Plenary").getEffectiveLevel()).isEqualTo(Level.INFO);
  }
}
