package dev.vertxshop.platform.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics: {@code orders} carries the order events; each consumer group has a retry topic and a
 * dead-letter topic of its own, so one group's failures never reach another group.
 */
public final class Topics {

  /** Order events, keyed by order id. */
  public static final String ORDERS = "orders";

  private Topics() {}

  /** Where a group's failed events wait for their next attempt: {@code <topic>.<group>.retry}. */
  public static String retry(String topic, String group) {
    return topic + "." + group + ".retry";
  }

  /** Where a group's events go when they cannot be handled: {@code <topic>.<group>.dlt}. */
  public static String deadLetter(String topic, String group) {
    return topic + "." + group + ".dlt";
  }

  /** Creates those of {@code topics} that do not exist yet; existing topics are left as they are. */
  public static Future<Void> ensure(Vertx vertx, KafkaSettings kafka, Collection<String> topics) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, kafka.adminConfig("topics-" + ProcessHandle.current().pid()));
    return admin.listTopics()
        .compose(existing -> create(admin, kafka, existing, topics))
        .eventually(admin::close);
  }

  private static Future<Void> create(KafkaAdminClient admin, KafkaSettings kafka, Set<String> existing, Collection<String> topics) {
    List<NewTopic> missing = topics.stream()
        .distinct()
        .filter(topic -> !existing.contains(topic))
        .map(topic -> new NewTopic(topic, kafka.partitions(), kafka.replicationFactor()))
        .toList();
    if (missing.isEmpty()) {
      return Future.succeededFuture();
    }
    // Another service may create the same topic at the same moment.
    return admin.createTopics(missing).recover(failure -> isTopicExists(failure)
        ? Future.succeededFuture()
        : Future.failedFuture(failure));
  }

  private static boolean isTopicExists(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TopicExistsException) {
        return true;
      }
    }
    return false;
  }
}
