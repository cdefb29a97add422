package dev.vertxshop.inventory.events;

import static dev.vertxshop.inventory.Ids.unique;
import static dev.vertxshop.inventory.TestInventory.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.CloudEventRecords;
import dev.vertxshop.platform.events.EventConsumer;
import dev.vertxshop.platform.events.EventPublisher;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inventory service consuming topic {@code orders} of a real broker: events are published as
 * orders publishes them, and their effect is read back through the HTTP API and the tables.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrderEventsServiceTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static TestDatabase database;
  private static TestInventory inventory;
  private static EventPublisher publisher;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    inventory = TestInventory.start(vertx, database);
    publisher = EventPublisher.create(vertx, new KafkaSettings(TestKafka.bootstrapServers(), 3, (short) 1), unique("orders-test"));
  }

  @AfterAll
  static void stop() {
    await(publisher.close());
    inventory.close();
    database.close();
  }

  @Test
  void aCompletedOrderCommitsItsReservation() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 3);

    publish(completed(orderId));

    await().pollDelay(Duration.ZERO).atMost(PATIENCE).untilAsserted(() ->
        assertThat(reservationStatus(orderId)).isEqualTo("COMMITTED"));
    assertStock(mug, 7, 0);
  }

  @Test
  void anOrderCompletedTenTimesCommitsItsReservationOnce() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 3);
    reserve(UUID.randomUUID().toString(), mug, 2);
    CloudEvent event = completed(orderId);

    for (int i = 0; i < 10; i++) {
      publish(event);
    }

    awaitEverythingConsumed();
    assertThat(reservationStatus(orderId)).isEqualTo("COMMITTED");
    assertStock(mug, 5, 2);
    assertThat(inventory.processedEvents(event.id())).isEqualTo(1);
  }

  @Test
  void aCancelledOrderLeavesItsReservationAlone() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 3);
    CloudEvent event = event("order.cancelled", orderId, data(orderId)
        .put("reason", new JsonObject().put("code", "PAYMENT_DECLINED").put("text", "payment declined: insufficient funds")));

    publish(event);

    awaitEverythingConsumed();
    assertThat(reservationStatus(orderId)).isEqualTo("RESERVED");
    assertStock(mug, 7, 3);
    assertThat(inventory.processedEvents(event.id())).isZero();
  }

  @Test
  void aCompletedOrderWithoutAReservationIsDeadLetteredWithItsReasonAndAppliedWhenReplayedOnceReserved() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String orderId = UUID.randomUUID().toString();
    CloudEvent event = completed(orderId);

    publish(event);

    Map<String, String> letter = awaitDeadLetter(event.id());
    assertThat(letter.get(EventConsumer.DEAD_LETTER_REASON)).isEqualTo("UNPROCESSABLE");
    assertThat(letter.get(EventConsumer.ERROR)).contains("no reservation " + orderId);
    assertThat(inventory.processedEvents(event.id())).isZero();

    reserve(orderId, mug, 4);
    HttpResponse<Buffer> replay = inventory.post("/admin/dead-letters/replay");

    assertThat(replay.statusCode()).isEqualTo(200);
    await().pollDelay(Duration.ZERO).atMost(PATIENCE).untilAsserted(() ->
        assertThat(reservationStatus(orderId)).isEqualTo("COMMITTED"));
    assertStock(mug, 6, 0);
    assertThat(inventory.processedEvents(event.id())).isEqualTo(1);
  }

  @Test
  void aCompletedOrderWithoutAnOrderIdIsDeadLetteredAtOnce() {
    String orderId = UUID.randomUUID().toString();
    CloudEvent event = completed(orderId, data(orderId).put("orderId", 42));

    publish(event);

    Map<String, String> letter = awaitDeadLetter(event.id());
    assertThat(letter.get(EventConsumer.DEAD_LETTER_REASON)).isEqualTo("UNPROCESSABLE");
    assertThat(letter.get(EventConsumer.ATTEMPTS)).isEqualTo("1");
    assertThat(letter.get(EventConsumer.ERROR)).contains("data.orderId");
    assertThat(inventory.processedEvents(event.id())).isZero();
  }

  @Test
  void isReadyWhenItsDatabaseRedisAndKafkaAnswer() {
    HttpResponse<Buffer> ready = inventory.get("/health/ready");

    assertThat(ready.statusCode()).isEqualTo(200);
    JsonArray checks = ready.bodyAsJsonObject().getJsonArray("checks");
    assertThat(checks.stream().map(check -> ((JsonObject) check).getString("id")))
        .containsExactlyInAnyOrder("database", "redis", "kafka");
    assertThat(checks.stream().map(check -> ((JsonObject) check).getString("status"))).containsOnly("UP");
  }

  @Test
  void showsItsConsumerGroupOnTopicOrders() {
    HttpResponse<Buffer> response = inventory.get("/admin/events");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject consumer = response.bodyAsJsonObject().getJsonArray("consumers").getJsonObject(0);
    assertThat(consumer.getString("group")).isEqualTo(inventory.consumerGroup());
    assertThat(consumer.getString("topic")).isEqualTo(Topics.ORDERS);
  }

  private static void publish(CloudEvent event) {
    await(publisher.publish(Topics.ORDERS, event.subject(), event));
  }

  /** Every event on the topic and on the retry topic has been handled and its offset committed. */
  private static void awaitEverythingConsumed() {
    await().pollDelay(Duration.ZERO).atMost(PATIENCE).untilAsserted(() -> {
      JsonObject consumer = inventory.get("/admin/events").bodyAsJsonObject().getJsonArray("consumers").getJsonObject(0);
      assertThat(consumer.getLong("lag")).isZero();
      assertThat(consumer.getLong("retryLag")).isZero();
    });
  }

  /** The headers of the dead letter of {@code eventId} in the group's dead-letter topic, once it is there. */
  private static Map<String, String> awaitDeadLetter(String eventId) {
    String topic = Topics.deadLetter(Topics.ORDERS, inventory.consumerGroup());
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      // The reader is used by one thread at a time: the test's own.
      return await().pollInSameThread().pollDelay(Duration.ZERO).atMost(PATIENCE)
          .until(() -> find(reader, eventId), Optional::isPresent)
          .orElseThrow();
    }
  }

  private static Optional<Map<String, String>> find(KafkaConsumer<byte[], byte[]> reader, String eventId) {
    for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
      Map<String, String> headers = new HashMap<>();
      for (Header header : record.headers()) {
        headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
      }
      if (eventId.equals(headers.get(CloudEventRecords.ID))) {
        return Optional.of(headers);
      }
    }
    return Optional.empty();
  }

  private static void reserve(String orderId, String productId, int quantity) {
    HttpResponse<Buffer> response = inventory.post("/api/reservations", new JsonObject()
        .put("reservationId", orderId)
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("quantity", quantity))));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static String reservationStatus(String orderId) {
    return inventory.get("/api/reservations/" + orderId).bodyAsJsonObject().getString("status");
  }

  private static void assertStock(String productId, long available, long reserved) {
    JsonObject product = inventory.product(productId);
    assertThat(product.getLong("available")).as("available of %s", productId).isEqualTo(available);
    assertThat(product.getLong("reserved")).as("reserved of %s", productId).isEqualTo(reserved);
  }

  private static CloudEvent completed(String orderId) {
    return completed(orderId, data(orderId).put("completedAt", Instant.now().toString()));
  }

  private static CloudEvent completed(String orderId, JsonObject data) {
    return event("order.completed", orderId, data);
  }

  private static CloudEvent event(String type, String orderId, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", Instant.now(), orderId, data, null);
  }

  /** The fields order.completed and order.cancelled share (contracts/events/). */
  private static JsonObject data(String orderId) {
    return new JsonObject()
        .put("orderId", orderId)
        .put("customerId", "customer-1")
        .put("email", "ada@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "ceramic-mug").put("quantity", 1).put("unitPriceCents", 1250)))
        .put("totalCents", 1250);
  }
}
