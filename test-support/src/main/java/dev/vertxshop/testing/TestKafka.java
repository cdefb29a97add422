package dev.vertxshop.testing;

import dev.vertxshop.embedded.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster that tests use: the one named by the {@code KAFKA_BOOTSTRAP_SERVERS} environment
 * variable when it is set, otherwise one real broker started inside the test JVM on a free port the
 * first time a test asks for it, shared by every test of the JVM and stopped when the JVM exits.
 * Tests share the broker, so each uses topics and consumer groups of its own (random names).
 */
public final class TestKafka {

  private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
  private static String bootstrapServers;

  private TestKafka() {}

  /** host:port[,host:port...] for a client's {@code bootstrap.servers} (kafka.bootstrap-servers). */
  public static synchronized String bootstrapServers() {
    if (bootstrapServers == null) {
      bootstrapServers = locate();
    }
    return bootstrapServers;
  }

  private static String locate() {
    String configured = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (configured != null && !configured.isBlank()) {
      LOG.info("Tests use the Kafka cluster at {}", configured.trim());
      return configured.trim();
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-stop"));
    LOG.info("Tests use an embedded Kafka broker on {}", kafka.bootstrapServers());
    return kafka.bootstrapServers();
  }
}
