package dev.vertxshop.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the broker says, asked from the test JVM with the plain Kafka clients: the offsets a consumer
 * group committed, the records of a topic, and the operator's moves on a group (rewind it, drop its
 * members).
 */
final class KafkaProbe implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;

  private final String bootstrapServers;
  private final Admin admin;

  KafkaProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "system-tests-probe-" + UUID.randomUUID()));
  }

  /** The partitions of {@code topic} and the offset after its last record in each. */
  Map<TopicPartition, Long> endOffsets(String topic) {
    Set<TopicPartition> partitions = partitions(topic);
    var ends = get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all());
    Map<TopicPartition, Long> result = new HashMap<>();
    ends.forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  /** The offsets {@code group} committed on {@code topic}, 0 for a partition it never committed. */
  Map<TopicPartition, Long> committed(String group, String topic) {
    Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    Map<TopicPartition, Long> result = new HashMap<>();
    for (TopicPartition tp : partitions(topic)) {
      OffsetAndMetadata at = offsets.get(tp);
      result.put(tp, at == null ? 0L : at.offset());
    }
    return result;
  }

  /** The {@code ce_id} of every record of {@code topic} below {@code until} in its partition, in order, repeats kept. */
  List<String> eventIds(String topic, Map<TopicPartition, Long> until) {
    List<String> ids = new ArrayList<>();
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "system-tests-reader-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = until.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (partitions.stream().anyMatch(tp -> reader.position(tp) < until.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + topic + " up to " + until + " within " + TIMEOUT_SECONDS + " s");
        }
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
          if (record.offset() < until.get(new TopicPartition(record.topic(), record.partition()))) {
            Header id = record.headers().lastHeader("ce_id");
            ids.add(id == null ? "(no ce_id at " + record.partition() + "@" + record.offset() + ")" : new String(id.value(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return ids;
  }

  /** Every {@code ce_id} on {@code topic}, repeats kept. */
  List<String> allEventIds(String topic) {
    return eventIds(topic, endOffsets(topic));
  }

  /**
   * Rewinds {@code group} to the first record of each partition of {@code topics}, as an operator
   * does to replay them. The group must have no live member.
   */
  void rewindToEarliest(String group, Collection<String> topics) {
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    topics.forEach(topic -> partitions(topic).forEach(tp -> earliest.put(tp, OffsetSpec.earliest())));
    var starts = get(admin.listOffsets(earliest).all());
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    starts.forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
    get(admin.alterConsumerGroupOffsets(group, offsets).all());
  }

  /**
   * Removes every member of {@code group}: what the broker does by itself once a killed member's
   * session times out (45 s by default), done at once so the next member is not kept waiting.
   */
  void removeMembers(String group) {
    boolean hasMembers = !get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)).members().isEmpty();
    if (hasMembers) {
      get(admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all());
    }
  }

  private Set<TopicPartition> partitions(String topic) {
    return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .collect(Collectors.toSet());
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka admin request failed: " + e, e);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
