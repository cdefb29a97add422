package dev.vertxshop.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @Test
  void deliversAProducedRecordToAConsumer() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
      String topic = "test-" + UUID.randomUUID();
      createTopic(kafka, topic);

      produce(kafka, topic, "order-1", "{\"total\":42}");

      assertThat(consumeAll(kafka, topic, 1))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("order-1", "{\"total\":42}"));
    }
  }

  @Test
  void keepsTopicsAndRecordsAcrossAStopAndStartOnTheSamePortAndDataDirectory(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dataDir)) {
      String topic = "durable-" + UUID.randomUUID();
      createTopic(kafka, topic);
      produce(kafka, topic, "k1", "before stop");
      String address = kafka.bootstrapServers();

      kafka.stop();
      assertThat(kafka.isRunning()).isFalse();
      kafka.start();

      assertThat(kafka.bootstrapServers()).isEqualTo(address);
      produce(kafka, topic, "k2", "after start");
      assertThat(consumeAll(kafka, topic, 2)).extracting(ConsumerRecord::value)
          .containsExactly("before stop", "after start");
    }
  }

  @Test
  void startsOnADataDirectoryAnEarlierBrokerLeftBehind(@TempDir Path dataDir) throws Exception {
    String topic = "reopened-" + UUID.randomUUID();
    try (EmbeddedKafka first = EmbeddedKafka.start(0, dataDir)) {
      createTopic(first, topic);
      produce(first, topic, "k", "kept");
    }
    assertThat(dataDir).exists();

    try (EmbeddedKafka second = EmbeddedKafka.start(0, dataDir)) {
      assertThat(consumeAll(second, topic, 1)).extracting(ConsumerRecord::value).containsExactly("kept");
    }
  }

  @Test
  void removesItsTemporaryDataDirectoryOnClose() {
    EmbeddedKafka kafka = EmbeddedKafka.start(0, null);
    Path dataDir = kafka.dataDir();
    assertThat(dataDir).isDirectoryContaining(path -> path.getFileName().toString().equals("meta.properties"));

    kafka.close();

    assertThat(Files.exists(dataDir)).isFalse();
  }

  @Test
  void doesNotCreateTopicsOnFirstUse() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null); Admin admin = admin(kafka)) {
      String topic = "never-created-" + UUID.randomUUID();
      try (KafkaProducer<String, String> producer = producer(kafka, 2_000)) {
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS))
            .hasMessageContaining(topic);
      }
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
      assertThatThrownBy(() -> admin.describeTopics(Set.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }
  }

  @Test
  void refusesToStartOnAPortThatIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedKafka.start(taken.getLocalPort(), null))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("already in use");
    }
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static void createTopic(EmbeddedKafka kafka, String topic) throws Exception {
    try (Admin admin = admin(kafka)) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, int maxBlockMs) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs),
        new StringSerializer(), new StringSerializer());
  }

  private static void produce(EmbeddedKafka kafka, String topic, String key, String value) throws Exception {
    try (KafkaProducer<String, String> producer = producer(kafka, 30_000)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
