package org.plenary.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The text log's configuration, set in code: what logback.xml says (kept beside it as the readable version and for
 * {@code -Dlogback.configurationFile}), without logback's XML configurator, which took about 150 ms of every start
 * (found by {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}). With
 * {@code -Dlogback.configurationFile=…} it steps aside and that file is read as usual; {@code PLENARY_LOG_FORMAT=json}
 * replaces it afterwards ({@link LogFormat}).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("STDOUT");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    quiet(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** The libraries' levels, as in logback.xml and logback-json.xml. */
  static void quiet(LoggerContext context) {
    context.getLogger("org.jooq").setLevel(Level.WARN);
    context.getLogger("org.jooq.Constants").setLevel(Level.OFF);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    context.getLogger("io.netty").setLevel(Level.WARN);
    // POI logs every malformed part of an uploaded DOCX as an error; the uploader gets a problem instead.
    context.getLogger("org.apache.poi").setLevel(Level.OFF);
  }
}
