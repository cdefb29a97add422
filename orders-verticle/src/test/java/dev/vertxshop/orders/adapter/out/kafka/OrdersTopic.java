package dev.vertxshop.orders.adapter.out.kafka;

import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the {@code orders} topic of the test broker as a plain Kafka client would, from the
 * beginning up to its end at the time of reading. Tests share the topic, so they pick out the records
 * of their own orders by key.
 */
public final class OrdersTopic {

  /** One record: its key, its headers (last value per name) and its value. */
  public record Event(String key, Map<String, String> headers, String value) {}

  private OrdersTopic() {}

  /** Every record of the topic now whose key is one of {@code keys}, in partition and offset order. */
  public static List<Event> eventsOf(Collection<String> keys) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDERS, Duration.ofSeconds(10)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition()))
          .toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<Event> events = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!reachedEnds(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the topic could not be read to its end " + ends + " within 30 s");
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (keys.contains(record.key()) && record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
            events.add(new Event(record.key(), headers(record), record.value()));
          }
        }
      }
      return events;
    }
  }

  private static boolean reachedEnds(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> headers(ConsumerRecord<String, String> record) {
    Map<String, String> headers = new HashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
