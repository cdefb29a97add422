package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Timers} that fire only when the test says so. */
final class ManualTimers implements Timers {

  private record Pending(Duration delay, Promise<Void> promise) {}

  private final List<Pending> pending = new ArrayList<>();

  @Override
  public synchronized Future<Void> after(Duration delay) {
    Promise<Void> promise = Promise.promise();
    pending.add(new Pending(delay, promise));
    return promise.future();
  }

  /** The delays waited for and not fired yet, oldest first. */
  synchronized List<Duration> pendingDelays() {
    return pending.stream().map(Pending::delay).toList();
  }

  /** Fires the oldest pending timer that waits for {@code delay}. */
  void fire(Duration delay) {
    Pending first;
    synchronized (this) {
      first = pending.stream().filter(timer -> timer.delay().equals(delay)).findFirst()
          .orElseThrow(() -> new IllegalStateException("no timer of " + delay + " is pending: " + pendingDelays()));
      pending.remove(first);
    }
    first.promise().complete();
  }

  /** Fires the oldest pending timer. */
  void fireOldest() {
    Pending oldest;
    synchronized (this) {
      if (pending.isEmpty()) {
        throw new IllegalStateException("no timer is pending");
      }
      oldest = pending.remove(0);
    }
    oldest.promise().complete();
  }
}
