package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Orders stored and driven to their end through {@link PgSagaRepository}, write after write as the
 * saga runner makes them, so that the outbox holds what a real saga leaves in it.
 */
public final class SettledOrders {

  private final PgOrderRepository orders;
  private final PgSagaRepository sagas;

  public SettledOrders(Pool pool) {
    this.orders = new PgOrderRepository(pool);
    this.sagas = new PgSagaRepository(pool);
  }

  /** A new PENDING order (2 apples at 100, 1 pear at 250) with its saga, not yet attempted. */
  public Order pending(Instant at) {
    List<OrderItem> items = List.of(new OrderItem("apple", 2, 100), new OrderItem("pear", 1, 250));
    Order order = new Order(UUID.randomUUID(), "cust-" + UUID.randomUUID().toString().substring(0, 8), "ann@example.com", items, 450,
        OrderStatus.PENDING, null, at, at);
    await(orders.create(order, Saga.begin(order.id(), at)));
    return order;
  }

  /** A new order whose saga reserved, charged and confirmed it; the order as stored. */
  public Order confirmed() {
    Instant at = now();
    Order order = pending(at);
    Saga saga = Saga.begin(order.id(), at);
    saga = step(saga, new StepOutcome.Succeeded("reserved"), at);
    saga = step(saga, new StepOutcome.Succeeded("charged"), at);
    Saga confirming = record(saga.attemptStarted(at), StepStatus.STARTED, at);
    return settle(order, confirming, new StepOutcome.Succeeded("confirmed"), at);
  }

  /** A new order whose reservation was refused for {@code reason}; the order as stored. */
  public Order rejected(RejectionReason reason) {
    Instant at = now();
    Order order = pending(at);
    Saga reserving = record(Saga.begin(order.id(), at).attemptStarted(at), StepStatus.STARTED, at);
    return settle(order, reserving, new StepOutcome.Failed(reason, "refused"), at);
  }

  private Order settle(Order order, Saga attempted, StepOutcome outcome, Instant at) {
    Saga ended = attempted.afterExecution(outcome, at);
    Order settled = ended.settle(order, at);
    Optional<OrderSettled> event = OrderSettled.of(ended, settled, UUID.randomUUID(), at);
    await(sagas.record(ended, entry(attempted, outcome instanceof StepOutcome.Succeeded ? StepStatus.SUCCEEDED : StepStatus.FAILED, at),
        Optional.of(settled), event, null));
    return settled;
  }

  private Saga step(Saga saga, StepOutcome outcome, Instant at) {
    Saga started = record(saga.attemptStarted(at), StepStatus.STARTED, at);
    return record(started.afterExecution(outcome, at), entry(started, StepStatus.SUCCEEDED, at));
  }

  private Saga record(Saga saga, StepStatus status, Instant at) {
    return record(saga, entry(saga, status, at));
  }

  private Saga record(Saga saga, StepLogEntry entry) {
    return await(sagas.record(saga, entry, Optional.empty()));
  }

  private static StepLogEntry entry(Saga saga, StepStatus status, Instant at) {
    return new StepLogEntry(saga.orderId(), saga.step(), saga.action(), status, null, at);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }
}
