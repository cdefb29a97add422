package dev.vertxshop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.serialization.BufferDeserializer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer against a real Kafka broker and the running Redis. Each test uses a topic and a
 * consumer group of its own; the handler's "source of truth" is a set of applied event ids.
 */
class EventConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private Vertx vertx;
  private KafkaSettings kafka;
  private Redis redis;
  private EventPublisher publisher;
  private String topic;
  private String group;
  private final List<EventConsumer> consumers = new ArrayList<>();
  private final Set<String> applied = ConcurrentHashMap.newKeySet();
  private final AtomicInteger effects = new AtomicInteger();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    kafka = new KafkaSettings(TestKafka.bootstrapServers(), 2, (short) 1);
    redis = new RedisSettings(TestRedis.url()).client(vertx);
    publisher = EventPublisher.create(vertx, kafka, "test-publisher");
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    topic = "events-test-" + suffix;
    group = "group-" + suffix;
  }

  @AfterEach
  void tearDown() {
    consumers.forEach(consumer -> join(consumer.stop()));
    join(publisher.close());
    redis.close();
    join(vertx.close());
  }

  @Test
  void appliesAnEventOnceAndCommitsItsOffset() {
    EventConsumer consumer = start(settings(4), this::applyOnce);

    join(publisher.publish(topic, "order-1", event("e-1")));

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> {
      assertThat(effects).hasValue(1);
      assertThat(status(consumer).getLong("lag")).isZero();
    });
    assertThat(applied).containsExactly("e-1");
  }

  @Test
  void theSameEventDeliveredTenTimesHasOneEffect() {
    EventConsumer consumer = start(settings(4), this::applyOnce);

    for (int i = 0; i < 10; i++) {
      join(publisher.publish(topic, "order-1", event("e-dup")));
    }

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(status(consumer).getLong("lag")).isZero());
    assertThat(effects).hasValue(1);
    assertThat(status(consumer).getJsonObject("member").getLong("duplicatesSkipped")).isEqualTo(9);
  }

  @Test
  void redisEmptiedLeavesTheHandlersOwnRecordToDecide() {
    EventConsumer first = start(settings(4), this::applyOnce);
    join(publisher.publish(topic, "order-1", event("e-flushed")));
    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(status(first).getLong("lag")).isZero());

    // This group's keys are gone, as after FLUSHALL; a redelivery of the event finds no DONE mark.
    join(redis.send(Request.cmd(Command.DEL).arg("events:" + group + ":e-flushed")));
    join(publisher.publish(topic, "order-1", event("e-flushed")));

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(status(first).getLong("lag")).isZero());
    assertThat(effects).hasValue(1);
  }

  @Test
  void aFailingEventIsRetriedWithoutHoldingUpTheOthers() {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    List<String> order = new CopyOnWriteArrayList<>();
    EventConsumer consumer = start(settings(4), event -> {
      if (event.id().equals("e-flaky") && failuresLeft.getAndDecrement() > 0) {
        return Future.failedFuture(new IllegalStateException("database briefly down"));
      }
      order.add(event.id());
      return applyOnce(event);
    });

    join(publisher.publish(topic, "order-1", event("e-flaky")));
    join(publisher.publish(topic, "order-2", event("e-next")));

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(applied).containsExactlyInAnyOrder("e-flaky", "e-next"));
    assertThat(order.indexOf("e-next")).isLessThan(order.indexOf("e-flaky"));
    JsonObject member = status(consumer).getJsonObject("member");
    assertThat(member.getLong("retried")).isEqualTo(2);
    assertThat(member.getLong("deadLettered")).isZero();
  }

  @Test
  void anEventThatKeepsFailingIsDeadLetteredWithWhyWhereAndHowOften() {
    EventConsumer consumer = start(settings(3), event -> Future.failedFuture(new IllegalStateException("bug in the handler")));

    join(publisher.publish(topic, "order-1", event("e-doomed")));

    KafkaConsumerRecord<String, Buffer> letter = readOne(Topics.deadLetter(topic, group));
    Map<String, String> headers = CloudEventRecords.lastValues(letter.headers());
    assertThat(headers).containsEntry("ce_id", "e-doomed")
        .containsEntry(EventConsumer.DEAD_LETTER_GROUP, group)
        .containsEntry(EventConsumer.DEAD_LETTER_REASON, "RETRIES_EXHAUSTED")
        .containsEntry(EventConsumer.ATTEMPTS, "3")
        .containsEntry(EventConsumer.ORIGINAL_TOPIC, topic)
        .containsEntry(EventConsumer.ORIGINAL_OFFSET, "0")
        .containsKey(EventConsumer.DEAD_LETTER_AT);
    assertThat(headers.get(EventConsumer.ERROR)).contains("bug in the handler");
    assertThat(letter.key()).isEqualTo("order-1");
    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> {
      JsonObject status = status(consumer);
      assertThat(status.getLong("lag")).isZero();
      assertThat(status.getLong("retryLag")).isZero();
      assertThat(status.getJsonObject("deadLetters").getLong("total")).isEqualTo(1);
    });
  }

  @Test
  void aPoisonMessageIsDeadLetteredAtOnceAndThePartitionKeepsFlowing() {
    EventConsumer consumer = start(settings(4), this::applyOnce);

    KafkaProducerRecord<String, Buffer> poison = KafkaProducerRecord.create(topic, "order-1", Buffer.buffer("{definitely not json"));
    poison.addHeader("ce_specversion", "1.0");
    join(publisher.send(poison));
    join(publisher.publish(topic, "order-1", event("e-after-poison")));

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> {
      JsonObject status = status(consumer);
      assertThat(status.getLong("lag")).isZero();
      assertThat(status.getJsonObject("deadLetters").getLong("total")).isEqualTo(1);
    });
    assertThat(applied).containsExactly("e-after-poison");
    Map<String, String> headers = CloudEventRecords.lastValues(readOne(Topics.deadLetter(topic, group)).headers());
    assertThat(headers).containsEntry(EventConsumer.DEAD_LETTER_REASON, "UNPROCESSABLE").containsEntry(EventConsumer.ATTEMPTS, "1");
    assertThat(headers.get(EventConsumer.ERROR)).contains("the record has no ce_time header");
  }

  @Test
  void unprocessableFromTheHandlerSkipsTheRetries() {
    EventConsumer consumer = start(settings(4), event -> Future.failedFuture(new UnprocessableEventException("orderId is missing")));

    join(publisher.publish(topic, "order-1", event("e-bad-data")));

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() ->
        assertThat(status(consumer).getJsonObject("deadLetters").getLong("total")).isEqualTo(1));
    assertThat(status(consumer).getJsonObject("member").getLong("retried")).isZero();
  }

  @Test
  void replayedDeadLettersAreHandledOnceTheFaultIsFixed() {
    AtomicBoolean fixed = new AtomicBoolean();
    EventConsumer consumer = start(settings(2), event -> fixed.get()
        ? applyOnce(event)
        : Future.failedFuture(new IllegalStateException("missing configuration")));
    join(publisher.publish(topic, "order-1", event("e-a")));
    join(publisher.publish(topic, "order-2", event("e-b")));
    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() ->
        assertThat(status(consumer).getJsonObject("deadLetters").getLong("awaitingReplay")).isEqualTo(2));

    fixed.set(true);
    assertThat(join(consumer.replayDeadLetters())).isEqualTo(2);

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(applied).containsExactlyInAnyOrder("e-a", "e-b"));
    JsonObject deadLetters = status(consumer).getJsonObject("deadLetters");
    assertThat(deadLetters.getLong("total")).isEqualTo(2);
    assertThat(deadLetters.getLong("awaitingReplay")).isZero();
    assertThat(join(consumer.replayDeadLetters())).isZero();
  }

  @Test
  void eventsOfOneKeyAreHandledInTheOrderTheyWerePublished() {
    List<String> seen = new CopyOnWriteArrayList<>();
    start(settings(4), event -> {
      seen.add(event.id());
      return applyOnce(event);
    });

    for (int i = 0; i < 50; i++) {
      join(publisher.publish(topic, "order-1", event("e-" + i)));
    }

    await().pollDelay(Duration.ZERO).atMost(WAIT).untilAsserted(() -> assertThat(seen).hasSize(50));
    assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "e-" + i).toList());
  }

  private Future<Void> applyOnce(CloudEvent event) {
    if (applied.add(event.id())) {
      effects.incrementAndGet();
    }
    return Future.succeededFuture();
  }

  private EventConsumer start(ConsumerSettings settings, EventHandler handler) {
    EventConsumer consumer = join(EventConsumer.start(vertx, kafka, redis, settings, topic, handler));
    consumers.add(consumer);
    return consumer;
  }

  private ConsumerSettings settings(int maxAttempts) {
    return new ConsumerSettings(group, maxAttempts, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30), Duration.ofHours(1));
  }

  private static CloudEvent event(String id) {
    return new CloudEvent(id, "order.completed", "/orders", Instant.now(), "order-1", new JsonObject().put("orderId", "order-1"), null);
  }

  private JsonObject status(EventConsumer consumer) {
    return join(consumer.status());
  }

  private KafkaConsumerRecord<String, Buffer> readOne(String fromTopic) {
    Map<String, String> config = Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "reader-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false");
    KafkaConsumer<String, Buffer> reader = KafkaConsumer.create(vertx, config, new StringDeserializer(), new BufferDeserializer());
    try {
      join(reader.subscribe(fromTopic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        var records = join(reader.poll(Duration.ofMillis(500)));
        if (!records.isEmpty()) {
          return records.recordAt(0);
        }
      }
      throw new AssertionError("nothing arrived on " + fromTopic + " within " + WAIT);
    } finally {
      join(reader.close());
    }
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
