package dev.vertxshop.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one node) running inside
 * this JVM, for development and tests. It listens on 127.0.0.1 only, uses replication factor 1 for
 * everything and never creates topics by itself (the services create theirs).
 *
 * <p>{@link #stop()} shuts the broker down cleanly and keeps its data; {@link #start()} brings it
 * back on the same port with the same topics and records. {@link #close()} stops it for good and
 * removes the data directory when this broker created it.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String BROKER_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final long READY_TIMEOUT_SECONDS = 60;

  static {
    QuietLogging.quiet("kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper");
    // Reports every activation of the controller, i.e. every start, as a warning.
    QuietLogging.errorsOnly("org.apache.kafka.controller.QuorumController");
  }

  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final boolean ownsDataDir;
  private KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(int port, int controllerPort, Path dataDir, boolean ownsDataDir) {
    this.port = port;
    this.controllerPort = controllerPort;
    this.dataDir = dataDir;
    this.ownsDataDir = ownsDataDir;
  }

  /**
   * Starts a broker and returns once it accepts clients.
   *
   * @param port the client port on 127.0.0.1; 0 picks a free one
   * @param dataDir where the broker keeps its logs and metadata (created and formatted when new,
   *     reused as it is otherwise); {@code null} for a temporary directory removed by {@link #close()}
   * @throws PortInUseException when something already listens on {@code port}
   */
  public static EmbeddedKafka start(int port, Path dataDir) {
    EmbeddedKafka kafka = new EmbeddedKafka(Ports.resolve(port), Ports.free(), dataDirectory(dataDir), dataDir == null);
    try {
      kafka.start();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }

  private static Path dataDirectory(Path requested) {
    try {
      return requested == null ? Files.createTempDirectory("embedded-kafka-") : Files.createDirectories(requested);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Kafka data directory " + requested, e);
    }
  }

  /** host:port for a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return Ports.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Starts the broker again after {@link #stop()}, on the same port and data directory. Does nothing
   * when it is running.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("This embedded Kafka broker is closed");
    }
    if (server != null) {
      return;
    }
    Ports.requireFree(port, "Kafka broker");
    KafkaConfig config = new KafkaConfig(brokerProperties(), false);
    formatIfNew(config);
    KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      starting.startup();
      awaitClients();
    } catch (RuntimeException e) {
      shutdown(starting);
      throw new IllegalStateException("The embedded Kafka broker on " + bootstrapServers()
          + " (data in " + dataDir + ") failed to start: " + e.getMessage(), e);
    }
    server = starting;
  }

  /** Shuts the broker down cleanly, keeping its data for {@link #start()}. Does nothing when stopped. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer stopping = server;
      server = null;
      shutdown(stopping);
    }
  }

  /** Stops the broker and removes its data directory if this broker created it. */
  @Override
  public synchronized void close() {
    stop();
    closed = true;
    if (ownsDataDir) {
      deleteRecursively(dataDir);
    }
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    props.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", Integer.toString(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + Ports.HOST + ":" + controllerPort),
        Map.entry("listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + port + ","
            + CONTROLLER_LISTENER + "://" + Ports.HOST + ":" + controllerPort),
        Map.entry("advertised.listeners", BROKER_LISTENER + "://" + Ports.HOST + ":" + port),
        Map.entry("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
        Map.entry("controller.listener.names", CONTROLLER_LISTENER),
        Map.entry("inter.broker.listener.name", BROKER_LISTENER),
        Map.entry("log.dirs", dataDir.toAbsolutePath().toString()),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("num.partitions", "1"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("min.insync.replicas", "1"),
        Map.entry("offsets.topic.replication.factor", "1"),
        // 50 partitions by default: their creation delays the first consumer group by seconds.
        Map.entry("offsets.topic.num.partitions", "10"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "10"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // The log cleaner allocates this buffer up front (128 MB by default); the compacted internal
        // topics of one development broker need a fraction of it.
        Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))));
    return props;
  }

  private void formatIfNew(KafkaConfig config) {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return;
    }
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(java.util.List.of(dataDir.toAbsolutePath().toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format the Kafka data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link KafkaRaftServer#startup()} returns once the broker is unfenced; a client's first request
   * can still race the broker's first metadata publication, so wait for one to be answered.
   */
  private void awaitClients() {
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Kafka on " + bootstrapServers(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka on " + bootstrapServers() + " did not answer within "
          + READY_TIMEOUT_SECONDS + " s", e);
    }
  }

  private void shutdown(KafkaRaftServer target) {
    try {
      target.shutdown();
      target.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("The embedded Kafka broker on {} did not shut down cleanly", bootstrapServers(), e);
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not remove the Kafka data directory {}", root, e);
    }
  }
}
