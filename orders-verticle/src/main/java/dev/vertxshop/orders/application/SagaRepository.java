package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.StepLogEntry;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The durable record of sagas: their state and their step log. */
public interface SagaRepository {

  /**
   * Atomically stores {@code saga} as the saga's new state, appends {@code entry} to its step log
   * and, when present, stores {@code order}'s status, reason, total and item prices. Succeeds only
   * when the stored version is still {@code saga.version()}; otherwise fails with {@link
   * SagaConflictException} and changes nothing.
   *
   * @return {@code saga} at its new stored version
   */
  Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order);

  /** The saga of order {@code orderId}, or empty. */
  Future<Optional<Saga>> sagaOf(UUID orderId);

  /** The step log of a saga, oldest first. */
  Future<List<StepLogEntry>> stepsOf(UUID orderId);
}
