package dev.vertxshop.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.serialization.BufferSerializer;
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
    return new EventPublisher(KafkaProducer.create(vertx, kafka.producerConfig(clientId), new StringSerializer(), new BufferSerializer()));
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
