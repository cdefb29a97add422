package dev.vertxshop.platform.metrics;

import dev.vertxshop.platform.events.EventConsumer;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges and counters of an {@link EventConsumer}, per consumer group, from its {@link
 * EventConsumer#status()} (which asks Kafka), refreshed every {@link ServiceMetrics#REFRESH_INTERVAL}:
 *
 * <ul>
 *   <li>{@code events_consumer_lag_records{group,topic}}: records of the topic not consumed yet;
 *   <li>{@code events_consumer_retry_lag_records{group}}: records waiting in the group's retry topic;
 *   <li>{@code events_dead_letter_records{group}}: records in the group's dead-letter topic, and
 *       {@code events_dead_letters_awaiting_replay_records{group}} those not replayed yet;
 *   <li>{@code events_consumed_total{group,outcome}}: records this member settled since it started,
 *       by outcome ({@code handled}, {@code duplicate}, {@code retried}, {@code dead_lettered}).
 * </ul>
 */
public final class ConsumerMetrics {

  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final GaugeFamily lag;
  private final GaugeFamily retryLag;
  private final GaugeFamily deadLetters;
  private final GaugeFamily awaitingReplay;
  private final EventConsumer consumer;

  private ConsumerMetrics(ServiceMetrics metrics, EventConsumer consumer) {
    this.consumer = consumer;
    lag = metrics.gauges("events.consumer.lag.records", "Records of the topic the consumer group has not consumed yet");
    retryLag = metrics.gauges("events.consumer.retry.lag.records", "Records waiting in the consumer group's retry topic");
    deadLetters = metrics.gauges("events.dead.letter.records", "Records in the consumer group's dead-letter topic");
    awaitingReplay = metrics.gauges("events.dead.letters.awaiting.replay.records",
        "Records in the consumer group's dead-letter topic not replayed yet");
    Tags group = Tags.of("group", consumer.group());
    String description = "Records this member of the consumer group settled since it started, by outcome";
    metrics.functionCounter("events.consumed", description, group.and("outcome", "handled"), handled, AtomicLong::get);
    metrics.functionCounter("events.consumed", description, group.and("outcome", "duplicate"), duplicates, AtomicLong::get);
    metrics.functionCounter("events.consumed", description, group.and("outcome", "retried"), retried, AtomicLong::get);
    metrics.functionCounter("events.consumed", description, group.and("outcome", "dead_lettered"), deadLettered, AtomicLong::get);
  }

  /** Records {@code consumer}'s metrics in {@code metrics} until it is closed. */
  public static void watch(ServiceMetrics metrics, EventConsumer consumer) {
    ConsumerMetrics watched = new ConsumerMetrics(metrics, consumer);
    metrics.every(watched::refresh);
  }

  private Future<?> refresh() {
    return consumer.status().onSuccess(this::update);
  }

  private void update(JsonObject status) {
    Tags group = Tags.of("group", consumer.group());
    lag.set(group.and("topic", consumer.topic()), status.getLong("lag", 0L));
    retryLag.set(group, status.getLong("retryLag", 0L));
    JsonObject letters = status.getJsonObject("deadLetters", new JsonObject());
    deadLetters.set(group, letters.getLong("total", 0L));
    awaitingReplay.set(group, letters.getLong("awaitingReplay", 0L));
    JsonObject member = status.getJsonObject("member", new JsonObject());
    handled.set(member.getLong("handled", 0L));
    duplicates.set(member.getLong("duplicatesSkipped", 0L));
    retried.set(member.getLong("retried", 0L));
    deadLettered.set(member.getLong("deadLettered", 0L));
  }
}
