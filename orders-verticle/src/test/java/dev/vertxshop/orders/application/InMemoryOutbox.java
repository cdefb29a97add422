package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An outbox in memory with the store's rules: a pass claims pending events oldest first, skipping
 * those another pass holds, and marks what the publisher acknowledged; it counts how many passes
 * are in progress at once.
 */
final class InMemoryOutbox implements OutboxStore {

  private final Map<UUID, OutboxEvent> events = new LinkedHashMap<>();
  private final Map<UUID, Instant> publishedAt = new LinkedHashMap<>();
  private final Set<UUID> claimed = new HashSet<>();
  private final List<Integer> pruneLimits = new ArrayList<>();
  private int passesInProgress;
  private int mostPassesAtOnce;
  private int passes;

  /** Adds a pending event settled at {@code at}. */
  synchronized OutboxEvent add(Instant at) {
    UUID orderId = UUID.randomUUID();
    OutboxEvent event = new OutboxEvent(UUID.randomUUID(), orderId, "order.completed",
        new JsonObject().put("orderId", orderId.toString()), at, null);
    events.put(event.id(), event);
    return event;
  }

  /** Marks {@code event} published at {@code at}, as an earlier pass would have. */
  synchronized void published(OutboxEvent event, Instant at) {
    publishedAt.put(event.id(), at);
  }

  @Override
  public Future<RelayedBatch> relayPending(int limit, Function<List<OutboxEvent>, Future<RelayedBatch>> publish) {
    List<OutboxEvent> batch;
    synchronized (this) {
      passes++;
      passesInProgress++;
      mostPassesAtOnce = Math.max(mostPassesAtOnce, passesInProgress);
      batch = events.values().stream()
          .filter(event -> !publishedAt.containsKey(event.id()) && !claimed.contains(event.id()))
          .limit(limit)
          .toList();
      batch.forEach(event -> claimed.add(event.id()));
    }
    return publish.apply(batch).transform(result -> {
      synchronized (this) {
        passesInProgress--;
        batch.forEach(event -> claimed.remove(event.id()));
        if (result.failed()) {
          return Future.failedFuture(result.cause());
        }
        result.result().published().forEach(id -> publishedAt.put(id, result.result().publishedAt()));
        return Future.succeededFuture(result.result());
      }
    });
  }

  @Override
  public synchronized Future<Integer> prune(Instant publishedBefore, int limit) {
    pruneLimits.add(limit);
    List<UUID> old = publishedAt.entrySet().stream()
        .filter(entry -> entry.getValue().isBefore(publishedBefore))
        .map(Map.Entry::getKey)
        .limit(limit)
        .toList();
    old.forEach(id -> {
      publishedAt.remove(id);
      events.remove(id);
    });
    return Future.succeededFuture(old.size());
  }

  @Override
  public synchronized Future<OutboxCounts> counts() {
    List<OutboxEvent> pending = pending();
    Instant oldest = pending.stream().map(OutboxEvent::time).min(Instant::compareTo).orElse(null);
    return Future.succeededFuture(new OutboxCounts(pending.size(), oldest, publishedAt.size()));
  }

  synchronized List<OutboxEvent> pending() {
    return events.values().stream().filter(event -> !publishedAt.containsKey(event.id())).toList();
  }

  synchronized int size() {
    return events.size();
  }

  synchronized int passes() {
    return passes;
  }

  synchronized int mostPassesAtOnce() {
    return mostPassesAtOnce;
  }

  synchronized List<Integer> pruneLimits() {
    return List.copyOf(pruneLimits);
  }
}
