package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A broker stand-in: acknowledges events at once, or fails them while it is down, or for chosen
 * events; or holds them until the test completes them.
 */
final class ScriptedPublisher implements OrderEventPublisher {

  private final List<OutboxEvent> acknowledged = new ArrayList<>();
  private final Set<UUID> failing = new HashSet<>();
  private final List<Promise<Void>> held = new ArrayList<>();
  private boolean down;
  private boolean holding;

  @Override
  public synchronized Future<Void> publish(OutboxEvent event) {
    if (down || failing.contains(event.id())) {
      return Future.failedFuture(new IllegalStateException("broker unreachable"));
    }
    if (holding) {
      Promise<Void> promise = Promise.promise();
      held.add(promise);
      return promise.future().onSuccess(ok -> acknowledge(event));
    }
    acknowledged.add(event);
    return Future.succeededFuture();
  }

  private synchronized void acknowledge(OutboxEvent event) {
    acknowledged.add(event);
  }

  synchronized void down(boolean isDown) {
    down = isDown;
  }

  synchronized void fail(OutboxEvent event) {
    failing.add(event.id());
  }

  /** Events sent from now on wait for {@link #release()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Acknowledges the held events; later ones are acknowledged at once. */
  void release() {
    List<Promise<Void>> toComplete;
    synchronized (this) {
      holding = false;
      toComplete = List.copyOf(held);
      held.clear();
    }
    toComplete.forEach(Promise::complete);
  }

  synchronized List<UUID> acknowledgedIds() {
    return acknowledged.stream().map(OutboxEvent::id).toList();
  }
}
