package dev.vertxshop.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.kafka.client.common.KafkaClientOptions;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.serialization.BufferSerializer;
import java.util.HashMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes CloudEvents to Kafka with {@code acks=all} and idempotence on: a record retried by the
 * producer is written once, and the records of one key stay in the order they were sent.
 */
public final class EventPublisher {

  private final KafkaProducer<String, Buffer> producer;

  private EventPublisher(KafkaProducer<String, Buffer> producer) {
    this.producer = producer;
  }

  public static EventPublisher create(Vertx vertx, KafkaSettings kafka, String clientId) {
    Producer<String, Buffer> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
        new HashMap<String, Object>(kafka.producerConfig(clientId)), new StringSerializer(), new BufferSerializer());
    // The client's own send spans are off: a record carries the trace context its sender chose (Tracing.publishing),
    // and a record passed on to a retry or dead-letter topic keeps the one it came with.
    return new EventPublisher(KafkaProducer.create(vertx, producer, new KafkaClientOptions().setTracingPolicy(TracingPolicy.IGNORE)));
  }

  /** Completes once the brokers acknowledged the record; fails when they did not in time. */
  public Future<Void> publish(String topic, String key, CloudEvent event) {
    return send(CloudEventRecords.toRecord(topic, key, event));
  }

  /** Sends a prepared record (retry and dead-letter records carry extra headers). */
  Future<Void> send(KafkaProducerRecord<String, Buffer> record) {
    return producer.send(record).mapEmpty();
  }

  public Future<Void> close() {
    return producer.close();
  }
}
