package dev.vertxshop.orders.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The orders use cases wired to in-memory ports; each test builds its own. */
final class Fixture {

  static final Duration RESPONSE_WAIT = Duration.ofSeconds(3);
  static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));

  final CallLog calls = new CallLog();
  final ScriptedInventory inventory = new ScriptedInventory(calls).product("apple", 100).product("pear", 250);
  final ScriptedPayments payments = new ScriptedPayments(calls);
  final InMemoryOrderStore store = new InMemoryOrderStore();
  final ManualTimers timers = new ManualTimers();
  final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));
  final CreateOrderSaga saga = new CreateOrderSaga(inventory, payments, store, timers, clock, RETRY);
  final OrderService service = new OrderService(inventory, store, saga, timers, clock, RESPONSE_WAIT);

  /** 2 apples and 1 pear: 450 cents at catalogue prices. */
  static OrderRequest twoApplesAndAPear() {
    return new OrderRequest("cust-1", "ann@example.com",
        List.of(new OrderLine("apple", 2), new OrderLine("pear", 1)), PaymentMethod.card("4242424242424242"));
  }

  static <T> T done(Future<T> future) {
    assertThat(future.isComplete()).as("completed").isTrue();
    if (future.failed()) {
      throw new AssertionError("failed: " + future.cause(), future.cause());
    }
    return future.result();
  }

  static StepLogEntry step(SagaStep step, StepAction action, StepStatus status) {
    return new StepLogEntry(new UUID(0, 0), step, action, status, null, Instant.EPOCH);
  }

  /** The step log without ids, details and times, to compare with {@link #step}. */
  List<StepLogEntry> stepLog(UUID orderId) {
    return store.stepLog(orderId).stream().map(e -> step(e.step(), e.action(), e.status())).toList();
  }
}
