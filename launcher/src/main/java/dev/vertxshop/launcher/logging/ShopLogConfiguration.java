package dev.vertxshop.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The shop's logging, set up in code when logback starts (found through {@code
 * META-INF/services}): every event to the console through {@link ShopLogEncoder} (JSON lines, or
 * text on a terminal), at the level of {@code LOG_LEVEL} (system property or environment; INFO by
 * default), with the chattiest libraries turned down. In code rather than a {@code logback.xml}
 * because reading XML is logback's slowest way to start, and it runs before anything else at
 * start-up. A {@code logback.configurationFile} system property or a {@code logback-test.xml} on
 * the class path still wins.
 */
public final class ShopLogConfiguration extends ContextAwareBase implements Configurator {

  /** Libraries whose INFO (or WARN) says more than an operator needs. */
  static final Map<String, Level> QUIETER = Map.ofEntries(
      Map.entry("io.netty", Level.WARN),
      Map.entry("org.flywaydb", Level.WARN),
      Map.entry("io.zonky", Level.WARN),
      // The embedded broker and every Kafka client print their whole configuration at INFO.
      Map.entry("kafka", Level.WARN),
      Map.entry("org.apache.kafka", Level.WARN),
      Map.entry("state.change.logger", Level.WARN),
      Map.entry("org.apache.zookeeper", Level.WARN),
      // Reports every start of the embedded broker's controller as a warning.
      Map.entry("org.apache.kafka.controller.QuorumController", Level.ERROR),
      Map.entry("com.icegreen.greenmail", Level.WARN),
      // Hazelcast reports every step of a join at INFO; the launcher logs the membership itself.
      Map.entry("com.hazelcast", Level.WARN),
      // Warns on every start that the CP subsystem (unused: Vert.x locks and counters do not need it) is off.
      Map.entry("com.hazelcast.cp.CPSubsystem", Level.ERROR));

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || ShopLogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    ShopLogEncoder encoder = new ShopLogEncoder();
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel());
    root.addAppender(console);
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code LOG_LEVEL} from the system properties, else the environment; INFO when absent or unknown. */
  static Level rootLevel() {
    String setting = System.getProperty("LOG_LEVEL", System.getenv("LOG_LEVEL"));
    return Level.toLevel(setting, Level.INFO);
  }
}
