package dev.vertxshop.orders.adapter.out.kafka;

import dev.vertxshop.orders.application.OrderEventPublisher;
import dev.vertxshop.orders.application.OutboxEvent;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.EventPublisher;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Order events on the {@code orders} topic, keyed by order id (so the events of one order keep their
 * order), as CloudEvents 1.0 in binary mode with source {@code /orders} and the order id as subject
 * (see {@code contracts/events/README.md}).
 *
 * <p>The topic is created (when missing) before the first event is published, and again before the
 * next one for as long as that fails, so orders starts, and keeps its events in the outbox, while
 * Kafka is unreachable.
 */
public final class KafkaEventPublisher implements OrderEventPublisher {

  /** The CloudEvents source of every order event. */
  public static final String SOURCE = "/orders";

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final EventPublisher publisher;
  private Future<Void> topicReady;

  private KafkaEventPublisher(Vertx vertx, KafkaSettings kafka, EventPublisher publisher) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.publisher = publisher;
  }

  /** A publisher with a producer of its own, named {@code clientId}. */
  public static KafkaEventPublisher create(Vertx vertx, KafkaSettings kafka, String clientId) {
    return new KafkaEventPublisher(vertx, kafka, EventPublisher.create(vertx, kafka, clientId));
  }

  @Override
  public Future<Void> publish(OutboxEvent event) {
    String orderId = event.orderId().toString();
    // The publish continues the trace of the saga write that stored the event, and the record carries the publish's span.
    return ensureTopic().compose(ready -> Tracing.publishing("orders", Topics.ORDERS, event.id().toString(), event.traceparent(),
        traceparent -> publisher.publish(Topics.ORDERS, orderId, new CloudEvent(event.id().toString(), event.type(), SOURCE, event.time(),
            orderId, event.data(), traceparent == null ? event.traceparent() : traceparent))));
  }

  /** Creates the {@code orders} topic when it is missing; once that succeeded, it is not asked again. */
  public synchronized Future<Void> ensureTopic() {
    if (topicReady == null || topicReady.failed()) {
      topicReady = Topics.ensure(vertx, kafka, List.of(Topics.ORDERS));
    }
    return topicReady;
  }

  /** Closes the producer. */
  public Future<Void> close() {
    return publisher.close();
  }
}
