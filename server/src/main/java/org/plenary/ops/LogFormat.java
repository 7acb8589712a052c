package org.plenary.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * The log format: {@code text} (logback.xml, for people) or {@code json} (logback-json.xml: one JSON object per
 * line with the request id from the MDC, for collectors). Applied once at start-up, before anything is logged.
 */
public final class LogFormat {
  private LogFormat() {}

  public static void apply(String format) {
    if (!"json".equals(format)) {
      return;
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) { // else another binding: its own config
      configureJson(context);
    }
  }

  /** Replaces {@code context}'s configuration with logback-json.xml. */
  static void configureJson(LoggerContext context) {
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(LogFormat.class.getResource("/logback-json.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("logback-json.xml is broken", e);
    }
  }
}
