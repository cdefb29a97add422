package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.StepLogEntry;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The durable record of sagas: their state, their lease and their step log. */
public interface SagaRepository {

  /**
   * Atomically stores {@code saga} as the saga's new state, appends {@code entry} to its step log,
   * when present stores {@code order}'s status, reason, total and item prices, and when present
   * adds {@code settled} to the outbox of events to publish. Succeeds only when the stored version
   * is still {@code saga.version()} and the saga is leased to {@code lease.owner()} (to nobody when
   * {@code lease} is null); otherwise fails with {@link SagaConflictException} and changes nothing
   * (no event either). The lease is renewed to {@code lease.expiresAt()}; a saga that is no longer
   * active (over or parked) is left leased to nobody. The log line is stored as driven by {@code
   * lease.owner()} (by nobody when {@code lease} is null): see {@link RecordedStep}.
   *
   * <p>The write that ends a saga, and only that write, carries its order's {@link OrderSettled}
   * event, with the order as settled: a write that breaks this rule fails with {@link
   * IllegalArgumentException} and changes nothing.
   *
   * @return {@code saga} at its new stored version
   */
  Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order, Optional<OrderSettled> settled, Lease lease);

  /** {@link #record(Saga, StepLogEntry, Optional, Optional, Lease)} of a write that does not end the saga. */
  default Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order, Lease lease) {
    return record(saga, entry, order, Optional.empty(), lease);
  }

  /** {@link #record(Saga, StepLogEntry, Optional, Lease)} by a writer that holds no lease. */
  default Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order) {
    return record(saga, entry, order, null);
  }

  /**
   * Throws {@link IllegalArgumentException} unless {@code settled} is present exactly when {@code
   * saga} is over, and then names the order as {@code order} stores it: the rule of {@link
   * #record(Saga, StepLogEntry, Optional, Optional, Lease)} that implementations check.
   */
  static void requireSettlementMatches(Saga saga, Optional<Order> order, Optional<OrderSettled> settled) {
    if (saga.isTerminal() != settled.isPresent()) {
      throw new IllegalArgumentException(saga.isTerminal()
          ? "the write that ends the saga of order " + saga.orderId() + " must carry its event"
          : "the saga of order " + saga.orderId() + " is " + saga.state() + ": it settles nothing");
    }
    if (settled.isPresent() && !order.equals(Optional.of(settled.get().order()))) {
      throw new IllegalArgumentException("the event of order " + saga.orderId() + " must name the order as it is stored");
    }
  }

  /**
   * Claims for {@code lease.owner()} up to {@code limit} active sagas whose lease is absent or
   * expired at {@code now} and whose retry, if any, is due at {@code now}, soonest due first. A
   * claim is one transaction that skips sagas another claimer holds locked, so two claimers never
   * get the same saga; it advances each claimed saga's version, so that a runner still driving it
   * under an expired lease stops at its next write.
   *
   * @return the claimed sagas at their new versions
   */
  Future<List<Saga>> claimDue(Lease lease, Instant now, int limit);

  /**
   * Stores {@code saga} leased to nobody, if the stored version is still {@code saga.version()}
   * (otherwise fails with {@link SagaConflictException}), so that the next recovery sweep claims it
   * once it is due. Used by an operator's retry of a parked saga.
   */
  Future<Saga> release(Saga saga);

  /** The saga of order {@code orderId}, or empty. */
  Future<Optional<Saga>> sagaOf(UUID orderId);

  /** The step log of a saga, oldest first, each line with the lease owner that wrote it. */
  Future<List<RecordedStep>> stepsOf(UUID orderId);

  /** Up to {@code limit} sagas in {@code state}, least recently updated first, for operators. */
  Future<List<SagaSummary>> list(SagaState state, int limit);

  /** How many sagas are in each state (every state present, 0 when none). */
  Future<Map<SagaState, Long>> countByState();
}
