package org.plenary.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenary.Config;

@DisplayName("PLENARY_LOG_FORMAT")
class LogFormatTest {
  @Test
  @DisplayName("json writes one JSON object per line with the level, logger, message and request id")
  void json() throws Exception {
    LoggerContext context = new LoggerContext(); // not the test JVM's own: nothing global changes
    LogFormat.configureJson(context);
    @SuppressWarnings("unchecked")
    var appender = (OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
        context.getLogger("ROOT").getAppender("JSON");
    var logger = context.getLogger("org.plenary.Test");
    LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "القرار {} stored\nsecond line",
        null, new Object[] {88});
    event.setMDCPropertyMap(Map.of("requestId", "req-7"));
    String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(line).endsWith("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("loggerName").asText()).isEqualTo("org.plenary.Test");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("القرار 88 stored\nsecond line");
    assertThat(json.get("mdc").get("requestId").asText()).isEqualTo("req-7");
    context.stop();
  }

  @Test
  @DisplayName("the format is text or json, nothing else")
  void onlyTwo() {
    assertThat(Config.from(new String[0], Map.of("PLENARY_LOG_FORMAT", "JSON")).logFormat()).isEqualTo("json");
    assertThat(Config.from(new String[0], Map.of()).logFormat()).isEqualTo("text");
    assertThatThrownBy(() -> Config.from(new String[] {"--log-format", "xml"}, Map.of()))
        .hasMessageContaining("text or json");
  }
}
