package dev.vertxshop.notifications.application;

import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The store's contract in memory, for tests of what uses it. */
public final class InMemorySentEmailStore implements SentEmailStore {

  private final Map<String, SentEmail> sent = new ConcurrentHashMap<>();

  @Override
  public Future<Boolean> wasSent(String eventId) {
    return Future.succeededFuture(sent.containsKey(eventId));
  }

  @Override
  public Future<Boolean> recordSent(CloudEvent event, SentEmail email) {
    return Future.succeededFuture(sent.putIfAbsent(event.id(), email) == null);
  }

  @Override
  public Future<List<SentEmail>> forOrder(UUID orderId) {
    return Future.succeededFuture(sent.values().stream()
        .filter(email -> email.orderId().equals(orderId))
        .sorted(Comparator.comparing(SentEmail::sentAt))
        .toList());
  }
}
