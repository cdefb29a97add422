package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.SagaState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An orders process stops after each write its runner makes (the calls it recorded the start of
 * may or may not have been made); another process then takes the saga over and must end it as the
 * record allows, making only the calls it has to.
 */
class SagaRecoveryTest {

  private static final Consumer<Fixture> EVERYTHING_WORKS = fx -> { };
  private static final Consumer<Fixture> CARD_DECLINED = fx -> fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
  private static final Consumer<Fixture> CHARGE_UNKNOWN = fx -> fx.payments.charges.then(new ChargeOutcome.Unknown("timeout"));
  private static final Consumer<Fixture> CANCEL_UNKNOWN = CARD_DECLINED.andThen(
      fx -> fx.inventory.cancels.then(new CompensationOutcome.Unknown("connection reset")));

  static Stream<Arguments> crashPoints() {
    return Stream.of(
        // the happy path writes: reserve STARTED, SUCCEEDED, charge STARTED, SUCCEEDED, confirm STARTED, SUCCEEDED
        crash("happy path", EVERYTHING_WORKS, 0, List.of("reserve", "cancel"), "order-interrupted"),
        crash("happy path", EVERYTHING_WORKS, 1, List.of("reserve", "cancel"), "order-interrupted"),
        crash("happy path", EVERYTHING_WORKS, 2, List.of("cancel"), "order-interrupted"),
        crash("happy path", EVERYTHING_WORKS, 3, List.of("refund", "cancel"), "order-interrupted"),
        crash("happy path", EVERYTHING_WORKS, 4, List.of(), null),
        crash("happy path", EVERYTHING_WORKS, 5, List.of(), null),
        // charge FAILED, then cancel STARTED, SUCCEEDED
        crash("declined card", CARD_DECLINED, 3, List.of("refund", "cancel"), "order-interrupted"),
        crash("declined card", CARD_DECLINED, 4, List.of("cancel"), "payment-declined: card_declined"),
        crash("declined card", CARD_DECLINED, 5, List.of("cancel"), "payment-declined: card_declined"),
        // charge FAILED (unknown), then refund STARTED, SUCCEEDED, cancel STARTED, SUCCEEDED
        crash("charge outcome unknown", CHARGE_UNKNOWN, 4, List.of("refund", "cancel"), "payments-unavailable"),
        crash("charge outcome unknown", CHARGE_UNKNOWN, 5, List.of("refund", "cancel"), "payments-unavailable"),
        crash("charge outcome unknown", CHARGE_UNKNOWN, 6, List.of("cancel"), "payments-unavailable"),
        crash("charge outcome unknown", CHARGE_UNKNOWN, 7, List.of("cancel"), "payments-unavailable"),
        // cancel STARTED, then FAILED (unknown, retry due in 1 s)
        crash("cancel outcome unknown", CANCEL_UNKNOWN, 5, List.of("cancel"), "payment-declined: card_declined"),
        crash("cancel outcome unknown", CANCEL_UNKNOWN, 6, List.of("cancel"), "payment-declined: card_declined"));
  }

  private static Arguments crash(String scenario, Consumer<Fixture> script, int writes, List<String> calls, String reason) {
    return Arguments.of(scenario, script, writes, calls, reason);
  }

  @ParameterizedTest(name = "{0}, stopped after {2} writes: {3}")
  @MethodSource("crashPoints")
  void aSagaLeftByAStoppedProcessIsEndedByAnotherAsItsRecordAllows(
      String scenario, Consumer<Fixture> script, int writes, List<String> expectedCalls, String expectedReason) {
    Fixture first = new Fixture();
    script.accept(first);
    first.store.crashAfterWrites(writes);
    first.service.place(twoApplesAndAPear());
    UUID id = first.store.onlyOrderId();
    int callsBeforeTakeover = first.calls.calls().size();
    first.store.restart();
    first.clock.advance(Duration.ofMinutes(1));

    Fixture second = first.restarted();
    List<UUID> claimed = done(second.recovery.sweep());

    assertThat(claimed).containsExactly(id);
    assertThat(second.callsSince(callsBeforeTakeover)).isEqualTo(expectedCalls);
    Order order = second.store.order(id);
    assertThat(order.status()).isEqualTo(expectedReason == null ? OrderStatus.CONFIRMED : OrderStatus.REJECTED);
    assertThat(order.reason() == null ? null : order.reason().text()).isEqualTo(expectedReason);
    assertThat(second.store.saga(id).isTerminal()).isTrue();
    assertThat(second.store.lease(id)).as("a finished saga is leased to nobody").isNull();
    assertThat(done(second.recovery.sweep())).as("nothing is left to take over").isEmpty();
  }

  @Test
  void aSagaWhoseRunnerStoppedAfterAllWritesIsNotTakenOver() {
    Fixture first = new Fixture();
    first.service.place(twoApplesAndAPear());
    first.clock.advance(Duration.ofMinutes(1));

    assertThat(done(first.restarted().recovery.sweep())).isEmpty();
  }

  @Test
  void aLiveLeaseKeepsOtherInstancesOffAndAnExpiredOneLetsThemTakeOverAndStopsTheRunner() {
    Fixture first = new Fixture();
    Promise<ReserveOutcome> reserve = first.inventory.reserves.hold();
    Future<Placement> answer = first.service.place(twoApplesAndAPear());
    UUID id = first.store.onlyOrderId();
    Fixture second = first.restarted();

    first.clock.advance(Fixture.LEASE.minusMillis(1));
    assertThat(done(second.recovery.sweep())).as("the lease is live").isEmpty();
    assertThat(first.store.lease(id).owner()).isEqualTo(first.leases.owner());

    first.clock.advance(Duration.ofMillis(1));
    assertThat(done(second.recovery.sweep())).as("the lease has expired").containsExactly(id);
    assertThat(second.callsSince(0)).containsExactly("prices apple,pear", "reserve", "reserve", "cancel");
    assertThat(second.store.order(id).reason().text()).isEqualTo("order-interrupted");

    reserve.complete(first.inventory.reservedAtCataloguePrices(first.store.order(id).lines()));

    assertThat(second.callsSince(0)).as("the first runner stopped at its next write").hasSize(4);
    assertThat(second.store.saga(id).state()).isEqualTo(SagaState.REJECTED);
    assertThat(done(answer).finished()).isFalse();
    assertThat(first.saga.inProgress(id)).isEmpty();
  }

  @Test
  void aWriteByAnInstanceThatNoLongerHoldsTheLeaseChangesNothing() {
    Fixture first = new Fixture();
    Promise<ChargeOutcome> charge = first.payments.charges.hold();
    first.service.place(twoApplesAndAPear());
    UUID id = first.store.onlyOrderId();
    long versionBefore = first.store.saga(id).version();
    first.clock.advance(Fixture.LEASE);
    done(first.store.claimDue(first.restarted().leases.from(first.clock.instant()), first.clock.instant(), 10));
    int logBefore = first.store.stepLog(id).size();

    charge.complete(new ChargeOutcome.Charged(450));

    assertThat(first.store.saga(id).version()).as("only the claim moved it").isEqualTo(versionBefore + 1);
    assertThat(first.store.stepLog(id)).hasSize(logBefore);
    assertThat(first.store.order(id).status()).isEqualTo(OrderStatus.PENDING);
  }

  @Test
  void aSagaWaitingToRetryAnUndoKeepsItsLeaseThroughTheWaitAndIsRetriedByItsRunner() {
    Fixture first = new Fixture();
    CANCEL_UNKNOWN.accept(first);
    first.service.place(twoApplesAndAPear());
    UUID id = first.store.onlyOrderId();
    assertThat(first.store.lease(id).expiresAt()).isEqualTo(first.store.saga(id).nextAttemptAt().plus(Fixture.LEASE));

    first.clock.advance(Fixture.LEASE);
    assertThat(done(first.restarted().recovery.sweep())).as("retry due, but the runner's lease is live").isEmpty();

    first.timers.fire(Duration.ofSeconds(1));

    assertThat(first.callsSince(0)).endsWith("cancel", "cancel");
    assertThat(first.store.order(id).status()).isEqualTo(OrderStatus.REJECTED);
  }

  @Test
  void aRetryThatIsNotDueYetIsNotClaimed() {
    Fixture first = new Fixture();
    CANCEL_UNKNOWN.accept(first);
    first.service.place(twoApplesAndAPear());
    UUID id = first.store.onlyOrderId();
    first.store.overwrite(first.store.saga(id));

    assertThat(done(first.restarted().recovery.sweep())).as("due in 1 s").isEmpty();
    first.clock.advance(Duration.ofSeconds(1));
    assertThat(done(first.restarted().recovery.sweep())).containsExactly(id);
  }

  @Test
  void recoverySweepsAtStartThenEveryIntervalAndAtOnceAfterAFullBatch() {
    Fixture fx = new Fixture();
    fx.store.crashAfterWrites(0);
    fx.service.place(twoApplesAndAPear());
    fx.service.place(twoApplesAndAPear());
    fx.store.restart();
    fx.timers.fire(Fixture.RESPONSE_WAIT);
    fx.timers.fire(Fixture.RESPONSE_WAIT);
    fx.clock.advance(Duration.ofMinutes(1));
    SagaRecovery oneAtATime = new SagaRecovery(fx.store, fx.service, fx.saga, fx.timers, fx.clock,
        new SagaRecovery.Schedule(Duration.ofSeconds(1), 1));

    oneAtATime.start();
    assertThat(fx.timers.pendingDelays()).as("a full batch: at once again").containsExactly(Duration.ZERO);
    fx.timers.fireOldest();
    assertThat(fx.timers.pendingDelays()).containsExactly(Duration.ZERO);
    fx.timers.fireOldest();
    assertThat(fx.timers.pendingDelays()).as("nothing claimed: after the interval").containsExactly(Duration.ofSeconds(1));
    fx.store.orderIds().forEach(id -> assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.REJECTED));

    oneAtATime.stop();
    fx.timers.fireOldest();
    assertThat(fx.timers.pendingDelays()).as("stopped: no further sweep").isEmpty();
  }

  @Test
  void aSweepDeletesExpiredIdempotencyKeys() {
    Fixture fx = new Fixture();
    IdempotentRequest request = new IdempotentRequest(new IdempotencyKey("k-1"), "c".repeat(64));
    done(fx.service.place(twoApplesAndAPear(), Optional.of(request)));
    fx.clock.advance(Fixture.KEY_RETENTION);

    done(fx.recovery.sweep());
    assertThat(fx.store.keyCount()).as("kept for exactly the retention").isEqualTo(1);

    fx.clock.advance(Duration.ofMillis(1));
    done(fx.recovery.sweep());
    assertThat(fx.store.keyCount()).isZero();
  }
}
