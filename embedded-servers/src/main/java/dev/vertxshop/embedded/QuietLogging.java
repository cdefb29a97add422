package dev.vertxshop.embedded;

import org.slf4j.LoggerFactory;

/**
 * Lowers the embedded servers' own loggers to WARN. A broker logs hundreds of INFO lines while it
 * starts, which would bury the application's start-up report; warnings and errors still show. A
 * level that the application's logging configuration sets for one of these loggers is left alone.
 */
final class QuietLogging {

  private QuietLogging() {}

  static void quiet(String... loggerNames) {
    setLevel("WARN", loggerNames);
  }

  /** For loggers whose routine messages come at WARN. */
  static void errorsOnly(String... loggerNames) {
    setLevel("ERROR", loggerNames);
  }

  private static void setLevel(String level, String... loggerNames) {
    if (!logbackInUse()) {
      return;
    }
    for (String name : loggerNames) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger && logger.getLevel() == null) {
        logger.setLevel(ch.qos.logback.classic.Level.toLevel(level));
      }
    }
  }

  private static boolean logbackInUse() {
    try {
      Class.forName("ch.qos.logback.classic.Logger", false, QuietLogging.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return false;
    }
    return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.");
  }
}
