package dev.vertxshop.orders.adapter.out.timer;

import dev.vertxshop.orders.application.Timers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/** {@link Timers} on Vert.x timers. */
public final class VertxTimers implements Timers {

  private final Vertx vertx;

  public VertxTimers(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Void> after(Duration delay) {
    // Vert.x timers need at least 1 ms; a delay that is already over still waits a tick.
    return vertx.timer(Math.max(1, delay.toMillis()));
  }
}
