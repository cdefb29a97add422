package dev.vertxshop.launcher;

import dev.vertxshop.embedded.EmbeddedKafka;
import dev.vertxshop.embedded.EmbeddedRedis;
import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.embedded.PortInUseException;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster, Redis server and SMTP server that the services of one launcher use. For each
 * one that a selected service needs and the configuration leaves empty ({@code
 * kafka.bootstrap-servers}, {@code redis.url}, {@code notifications.smtp.host}), the launcher starts a
 * real server inside its JVM on 127.0.0.1 and points the services at it; it stops them after the
 * services.
 */
public final class ShopServers {

  private static final Logger LOG = LoggerFactory.getLogger(ShopServers.class);

  static final String KAFKA_SERVERS = "kafka.bootstrap-servers";
  static final String KAFKA_PORT = "kafka.embedded.port";
  static final String KAFKA_DATA_DIR = "kafka.embedded.data-dir";
  static final String REDIS_URL = "redis.url";
  static final String REDIS_PORT = "redis.embedded.port";
  static final String SMTP_HOST = "notifications.smtp.host";
  static final String SMTP_PORT = "notifications.smtp.port";
  static final String SMTP_STARTTLS = "notifications.smtp.starttls";
  static final String SMTP_EMBEDDED_PORT = "notifications.smtp.embedded-port";

  private static final String HOST = "127.0.0.1";
  /** A port for configuration checks while an embedded server's real port is not known yet. */
  private static final int STAND_IN_PORT = 1;

  private final Set<Infrastructure> needed;
  private final EmbeddedKafka kafka;
  private final EmbeddedRedis redis;
  private final EmbeddedSmtp smtp;

  private ShopServers(Set<Infrastructure> needed, EmbeddedKafka kafka, EmbeddedRedis redis, EmbeddedSmtp smtp) {
    this.needed = needed;
    this.kafka = kafka;
    this.redis = redis;
    this.smtp = smtp;
  }

  /** No embedded server. */
  static ShopServers none() {
    return new ShopServers(Set.of(), null, null, null);
  }

  /**
   * Starts, each on a worker thread and all at once, an embedded server for every server in {@code
   * needed} that is not configured. Fails, with none of them left running, when one cannot start;
   * a port already in use fails with a {@link ConfigException} naming the port's key.
   */
  static Future<ShopServers> provide(Vertx vertx, Settings settings, Set<Infrastructure> needed) {
    Set<Infrastructure> toEmbed = toEmbed(settings, needed);
    Future<EmbeddedKafka> kafka = startIf(vertx, toEmbed.contains(Infrastructure.KAFKA), () -> startKafka(settings));
    Future<EmbeddedRedis> redis = startIf(vertx, toEmbed.contains(Infrastructure.REDIS), () -> startRedis(settings));
    Future<EmbeddedSmtp> smtp = startIf(vertx, toEmbed.contains(Infrastructure.SMTP), () -> startSmtp(settings));
    return Future.join(kafka, redis, smtp).transform(all -> {
      ShopServers started = new ShopServers(Set.copyOf(needed), kafka.result(), redis.result(), smtp.result());
      if (all.succeeded()) {
        return Future.succeededFuture(started);
      }
      return vertx.executeBlocking(() -> {
        started.stop();
        return null;
      }, false).transform(ignored -> Future.failedFuture(all.cause()));
    });
  }

  private static <T> Future<T> startIf(Vertx vertx, boolean wanted, Callable<T> start) {
    return wanted ? vertx.executeBlocking(start, false) : Future.succeededFuture();
  }

  /** The servers in {@code needed} whose configuration is empty. */
  static Set<Infrastructure> toEmbed(Settings settings, Set<Infrastructure> needed) {
    Set<Infrastructure> result = EnumSet.noneOf(Infrastructure.class);
    if (needed.contains(Infrastructure.KAFKA) && settings.optionalString(KAFKA_SERVERS).isEmpty()) {
      result.add(Infrastructure.KAFKA);
    }
    if (needed.contains(Infrastructure.REDIS) && settings.optionalString(REDIS_URL).isEmpty()) {
      result.add(Infrastructure.REDIS);
    }
    if (needed.contains(Infrastructure.SMTP) && settings.optionalString(SMTP_HOST).isEmpty()) {
      result.add(Infrastructure.SMTP);
    }
    return result;
  }

  /**
   * {@code settings} as the services will see them once the embedded servers run, with stand-in
   * addresses, so that configuration checks pass before anything starts. The embedded servers' own
   * keys are checked here too.
   */
  static Settings standIn(Settings settings, Set<Infrastructure> needed) {
    Set<Infrastructure> toEmbed = toEmbed(settings, needed);
    Settings result = settings;
    if (toEmbed.contains(Infrastructure.KAFKA)) {
      settings.port(KAFKA_PORT);
      kafkaDataDir(settings);
      result = result.with(KAFKA_SERVERS, HOST + ":" + STAND_IN_PORT);
    }
    if (toEmbed.contains(Infrastructure.REDIS)) {
      settings.port(REDIS_PORT);
      result = result.with(REDIS_URL, "redis://" + HOST + ":" + STAND_IN_PORT);
    }
    if (toEmbed.contains(Infrastructure.SMTP)) {
      settings.port(SMTP_EMBEDDED_PORT);
      result = pointAtSmtp(result, STAND_IN_PORT);
    }
    return result;
  }

  /** {@code settings} pointing the services at the embedded servers; unchanged for the others. */
  Settings applyTo(Settings settings) {
    Settings result = settings;
    if (kafka != null) {
      result = result.with(KAFKA_SERVERS, kafka.bootstrapServers());
    }
    if (redis != null) {
      result = result.with(REDIS_URL, redis.url());
    }
    if (smtp != null) {
      result = pointAtSmtp(result, smtp.port());
    }
    return result;
  }

  private static Settings pointAtSmtp(Settings settings, int port) {
    // The embedded server speaks plain SMTP only and takes any login.
    return settings
        .with(SMTP_HOST, HOST)
        .with(SMTP_PORT, port)
        .with(SMTP_STARTTLS, "none");
  }

  /** The embedded Kafka broker, when the launcher started one. */
  public Optional<EmbeddedKafka> kafka() {
    return Optional.ofNullable(kafka);
  }

  /** The embedded Redis server, when the launcher started one. */
  public Optional<EmbeddedRedis> redis() {
    return Optional.ofNullable(redis);
  }

  /** The embedded SMTP server and the mails it received, when the launcher started one. */
  public Optional<EmbeddedSmtp> smtp() {
    return Optional.ofNullable(smtp);
  }

  /**
   * One line per server that a selected service needs, for the console: where it is and whether it
   * is embedded. {@code settings} are the launcher's, before {@link #applyTo}.
   */
  public List<String> describe(Settings settings) {
    List<String> lines = new ArrayList<>();
    if (needed.contains(Infrastructure.KAFKA)) {
      lines.add("Kafka: " + (kafka == null
          ? settings.string(KAFKA_SERVERS) + " (configured)"
          : "embedded broker at " + kafka.bootstrapServers() + " (data in " + kafka.dataDir()
              + (settings.optionalString(KAFKA_DATA_DIR).isEmpty() ? ", deleted on exit" : ", kept")
              + "; set KAFKA_BOOTSTRAP_SERVERS to use a cluster of your own)"));
    }
    if (needed.contains(Infrastructure.REDIS)) {
      lines.add("Redis: " + (redis == null
          ? withoutPassword(settings.string(REDIS_URL)) + " (configured)"
          : "embedded server at " + redis.url() + " (nothing kept on disk; set REDIS_URL to use a server of your own)"));
    }
    if (needed.contains(Infrastructure.SMTP)) {
      lines.add("SMTP: " + (smtp == null
          ? settings.string(SMTP_HOST) + ":" + settings.port(SMTP_PORT) + " (configured)"
          : "embedded server at " + smtp.host() + ":" + smtp.port()
              + " (keeps the mails in memory; set NOTIFICATIONS_SMTP_HOST to use a server of your own)"));
    }
    return lines;
  }

  private static String withoutPassword(String url) {
    int at = url.lastIndexOf('@');
    int scheme = url.indexOf("://");
    return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
  }

  /** Stops the embedded servers, each on its own so that one failing does not keep the others up; blocks. */
  void stop() {
    if (kafka != null) {
      stopQuietly("Kafka broker", kafka::close);
    }
    if (redis != null) {
      stopQuietly("Redis server", redis::close);
    }
    if (smtp != null) {
      stopQuietly("SMTP server", smtp::close);
    }
  }

  private static void stopQuietly(String server, Runnable stop) {
    try {
      stop.run();
      LOG.info("Embedded {} stopped", server);
    } catch (RuntimeException e) {
      LOG.warn("Embedded {} did not stop cleanly: {}", server, e.toString());
    }
  }

  private static EmbeddedKafka startKafka(Settings settings) {
    long begin = System.nanoTime();
    Optional<Path> dataDir = kafkaDataDir(settings);
    EmbeddedKafka kafka = start(KAFKA_PORT, "set " + KAFKA_SERVERS + " to use a running cluster",
        () -> EmbeddedKafka.start(settings.port(KAFKA_PORT), dataDir.orElse(null)));
    LOG.info("Embedded Kafka broker started on {} in {} ms (data in {})",
        kafka.bootstrapServers(), millisSince(begin), kafka.dataDir());
    return kafka;
  }

  private static EmbeddedRedis startRedis(Settings settings) {
    long begin = System.nanoTime();
    EmbeddedRedis redis = start(REDIS_PORT, "set " + REDIS_URL + " to use a running server",
        () -> EmbeddedRedis.start(settings.port(REDIS_PORT)));
    LOG.info("Embedded Redis started on {} in {} ms", redis.url(), millisSince(begin));
    return redis;
  }

  private static EmbeddedSmtp startSmtp(Settings settings) {
    long begin = System.nanoTime();
    EmbeddedSmtp smtp = start(SMTP_EMBEDDED_PORT, "set " + SMTP_HOST + " to use a running server",
        () -> EmbeddedSmtp.start(settings.port(SMTP_EMBEDDED_PORT)));
    LOG.info("Embedded SMTP server started on {}:{} in {} ms", smtp.host(), smtp.port(), millisSince(begin));
    return smtp;
  }

  /** A port in use is a configuration problem: the message names the key that chose the port. */
  private static <T> T start(String portKey, String alternative, Supplier<T> start) {
    try {
      return start.get();
    } catch (PortInUseException e) {
      throw new ConfigException(portKey, e.getMessage() + "; choose another port (0: any free port) or " + alternative);
    }
  }

  private static Optional<Path> kafkaDataDir(Settings settings) {
    return settings.optionalString(KAFKA_DATA_DIR).map(dir -> {
      try {
        return Path.of(dir);
      } catch (RuntimeException e) {
        throw new ConfigException(KAFKA_DATA_DIR, "'" + dir + "' is not a path");
      }
    });
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
