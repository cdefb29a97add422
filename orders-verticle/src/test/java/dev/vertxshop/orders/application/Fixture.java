package dev.vertxshop.orders.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.LeasePolicy;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.SagaOutcome;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The orders use cases wired to in-memory ports; each test builds its own. {@link #restarted()}
 * gives a second orders process on the same ports (same store, services, clock and timers), as
 * after a crash or beside the first instance.
 */
final class Fixture {

  static final Duration RESPONSE_WAIT = Duration.ofSeconds(3);
  static final Duration LEASE = Duration.ofSeconds(10);
  static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final Duration KEY_RETENTION = Duration.ofHours(24);
  static final SagaRecovery.Schedule SCHEDULE = new SagaRecovery.Schedule(Duration.ofSeconds(1), 50);

  final CallLog calls;
  final ScriptedInventory inventory;
  final ScriptedPayments payments;
  final InMemoryOrderStore store;
  final ManualTimers timers;
  final MutableClock clock;
  final LeasePolicy leases;
  /** How each saga run this process ended, in the order they ended. */
  final List<SagaOutcome> outcomes = new ArrayList<>();
  final CreateOrderSaga saga;
  final OrderService service;
  final SagaRecovery recovery;
  final SagaAdmin admin;

  Fixture() {
    this(RETRY);
  }

  Fixture(RetryPolicy retry) {
    this(new CallLog(), new InMemoryOrderStore(), new ManualTimers(), new MutableClock(Instant.parse("2025-03-01T12:00:00Z")), retry,
        "instance-1");
  }

  private Fixture(CallLog calls, InMemoryOrderStore store, ManualTimers timers, MutableClock clock, RetryPolicy retry, String owner) {
    this(calls, new ScriptedInventory(calls).product("apple", 100).product("pear", 250), new ScriptedPayments(calls), store, timers,
        clock, retry, owner);
  }

  private Fixture(CallLog calls, ScriptedInventory inventory, ScriptedPayments payments, InMemoryOrderStore store, ManualTimers timers,
      MutableClock clock, RetryPolicy retry, String owner) {
    this.calls = calls;
    this.inventory = inventory;
    this.payments = payments;
    this.store = store;
    this.timers = timers;
    this.clock = clock;
    this.leases = new LeasePolicy(owner, LEASE);
    this.saga = new CreateOrderSaga(inventory, payments, store, timers, clock, retry, leases, outcomes::add);
    this.service = new OrderService(inventory, store, saga, timers, clock, RESPONSE_WAIT, KEY_RETENTION);
    this.recovery = new SagaRecovery(store, service, saga, timers, clock, SCHEDULE);
    this.admin = new SagaAdmin(store, clock, recovery::wake);
  }

  /** Another orders process on the same store, services, clock and timers, with its own lease owner. */
  Fixture restarted() {
    return new Fixture(calls, inventory, payments, store, timers, clock, RETRY, "instance-" + UUID.randomUUID());
  }

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

  /** The calls made to the services since the first {@code skip} calls. */
  List<String> callsSince(int skip) {
    List<String> all = calls.calls();
    return all.subList(skip, all.size());
  }
}
