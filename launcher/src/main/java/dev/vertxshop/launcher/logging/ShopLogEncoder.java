package dev.vertxshop.launcher.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;

/**
 * The shop's log lines: one JSON object per line (timestamp, level, service, logger, message,
 * trace_id, span_id, order_id where known, and the exception), or a human-readable pattern.
 *
 * <p>The format is the setting {@code logging.format}: {@code json}, {@code text}, or {@code auto}
 * (the default): text when the process writes to a terminal, JSON otherwise (a container, a file,
 * a log collector). Logging starts before the configuration files are read, so it comes from the
 * environment ({@code LOGGING_FORMAT}) or the system property {@code logging.format}.
 */
public final class ShopLogEncoder extends EncoderBase<ILoggingEvent> {

  /** The text pattern, for people reading a terminal. */
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

  private Encoder<ILoggingEvent> delegate;

  /** Whether the lines are JSON, by the setting and the terminal. */
  static boolean json() {
    String setting = System.getProperty("logging.format");
    if (setting == null) {
      setting = System.getenv("LOGGING_FORMAT");
    }
    String format = setting == null || setting.isBlank() ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    return switch (format) {
      case "json" -> true;
      case "text" -> false;
      default -> System.console() == null;
    };
  }

  @Override
  public void start() {
    delegate = json() ? jsonEncoder() : textEncoder();
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  private static Encoder<ILoggingEvent> jsonEncoder() {
    LogstashEncoder encoder = new LogstashEncoder();
    LogstashFieldNames names = new LogstashFieldNames();
    names.setTimestamp("timestamp");
    names.setVersion("[ignore]");
    names.setLevelValue("[ignore]");
    names.setThread("thread");
    names.setLogger("logger");
    encoder.setFieldNames(names);
    encoder.setIncludeMdc(true);
    encoder.addProvider(new TraceFieldsProvider());
    return encoder;
  }

  private static Encoder<ILoggingEvent> textEncoder() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setPattern(PATTERN);
    return encoder;
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate == null ? null : delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate == null ? null : delegate.footerBytes();
  }
}
