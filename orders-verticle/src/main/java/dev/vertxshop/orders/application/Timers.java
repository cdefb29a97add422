package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import java.time.Duration;

/** Waiting without blocking, behind a port so that tests decide when time has passed. */
public interface Timers {

  /** Completes once {@code delay} has passed. */
  Future<Void> after(Duration delay);
}
