package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.step;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static dev.vertxshop.orders.domain.SagaStep.CHARGE_PAYMENT;
import static dev.vertxshop.orders.domain.SagaStep.CONFIRM;
import static dev.vertxshop.orders.domain.SagaStep.RESERVE_STOCK;
import static dev.vertxshop.orders.domain.StepAction.COMPENSATE;
import static dev.vertxshop.orders.domain.StepAction.EXECUTE;
import static dev.vertxshop.orders.domain.StepStatus.FAILED;
import static dev.vertxshop.orders.domain.StepStatus.STARTED;
import static dev.vertxshop.orders.domain.StepStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaOutcome;
import dev.vertxshop.orders.domain.SagaState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CreateOrderSagaTest {

  private final Fixture fx = new Fixture();

  private Order placeAndFinish() {
    Placement placement = done(fx.service.place(twoApplesAndAPear()));
    assertThat(placement.finished()).as("finished within the wait").isTrue();
    assertThat(fx.store.order(placement.order().id())).as("stored as answered").isEqualTo(placement.order());
    return placement.order();
  }

  @Test
  void happyPathReservesChargesAndConfirms() {
    Order order = placeAndFinish();

    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "charge 450");
    assertThat(fx.stepLog(order.id())).containsExactly(
        step(RESERVE_STOCK, EXECUTE, STARTED), step(RESERVE_STOCK, EXECUTE, SUCCEEDED),
        step(CHARGE_PAYMENT, EXECUTE, STARTED), step(CHARGE_PAYMENT, EXECUTE, SUCCEEDED),
        step(CONFIRM, EXECUTE, STARTED), step(CONFIRM, EXECUTE, SUCCEEDED));
    Saga saga = fx.store.saga(order.id());
    assertThat(saga.state()).isEqualTo(SagaState.CONFIRMED);
    assertThat(saga.version()).as("one write per log line").isEqualTo(6);
    assertThat(fx.outcomes).containsExactly(SagaOutcome.CONFIRMED);
  }

  @Test
  void insufficientStockRejectsWithoutUndoingAnything() {
    fx.inventory.reserves.then(new ReserveOutcome.Insufficient("pear"));

    Order order = placeAndFinish();

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason().text()).isEqualTo("insufficient-stock: pear");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve");
    assertThat(fx.stepLog(order.id())).containsExactly(step(RESERVE_STOCK, EXECUTE, STARTED), step(RESERVE_STOCK, EXECUTE, FAILED));
    assertThat(fx.outcomes).as("nothing to undo").containsExactly(SagaOutcome.REJECTED);
  }

  @Test
  void aDeclinedCardCancelsTheReservationAndRejects() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));

    Order order = placeAndFinish();

    assertThat(order.reason().text()).isEqualTo("payment-declined: card_declined");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "charge 450", "cancel");
    assertThat(fx.stepLog(order.id())).containsExactly(
        step(RESERVE_STOCK, EXECUTE, STARTED), step(RESERVE_STOCK, EXECUTE, SUCCEEDED),
        step(CHARGE_PAYMENT, EXECUTE, STARTED), step(CHARGE_PAYMENT, EXECUTE, FAILED),
        step(RESERVE_STOCK, COMPENSATE, STARTED), step(RESERVE_STOCK, COMPENSATE, SUCCEEDED));
    assertThat(fx.store.saga(order.id()).state()).isEqualTo(SagaState.REJECTED);
    assertThat(fx.outcomes).as("rejected once the reservation was undone").containsExactly(SagaOutcome.COMPENSATED);
  }

  @Test
  void aFailedConfirmationRefundsThenCancels() {
    fx.store.failNextWrite(entry -> entry.step() == CONFIRM && entry.status() == SUCCEEDED);

    Order order = placeAndFinish();

    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.reason().text()).isEqualTo("confirmation-failed");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "charge 450", "refund", "cancel");
    assertThat(fx.stepLog(order.id())).containsExactly(
        step(RESERVE_STOCK, EXECUTE, STARTED), step(RESERVE_STOCK, EXECUTE, SUCCEEDED),
        step(CHARGE_PAYMENT, EXECUTE, STARTED), step(CHARGE_PAYMENT, EXECUTE, SUCCEEDED),
        step(CONFIRM, EXECUTE, STARTED), step(CONFIRM, EXECUTE, FAILED),
        step(CHARGE_PAYMENT, COMPENSATE, STARTED), step(CHARGE_PAYMENT, COMPENSATE, SUCCEEDED),
        step(RESERVE_STOCK, COMPENSATE, STARTED), step(RESERVE_STOCK, COMPENSATE, SUCCEEDED));
    assertThat(fx.outcomes).as("the failed CONFIRM write counted nothing").containsExactly(SagaOutcome.COMPENSATED);
  }

  @Test
  void aReservationWithUnknownOutcomeIsCancelled() {
    fx.inventory.reserves.then(new ReserveOutcome.Unknown("inventory: POST /api/reservations got no answer within 2000 ms"));

    Order order = placeAndFinish();

    assertThat(order.reason().text()).isEqualTo("inventory-unavailable");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "cancel");
    assertThat(fx.store.stepLog(order.id()).get(1).detail()).startsWith("outcome unknown: inventory: POST");
  }

  @Test
  void aChargeWithUnknownOutcomeIsRefundedThenTheReservationCancelled() {
    fx.payments.charges.then(new ChargeOutcome.Unknown("payments: answered 503"));

    Order order = placeAndFinish();

    assertThat(order.reason().text()).isEqualTo("payments-unavailable");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "charge 450", "refund", "cancel");
  }

  @Test
  void aPortThatFailsInsteadOfAnsweringCountsAsUnknownOutcome() {
    fx.payments.charges.thenFail(new IllegalStateException("bug"));

    Order order = placeAndFinish();

    assertThat(order.reason().text()).isEqualTo("payments-unavailable");
    assertThat(fx.calls.calls()).endsWith("refund", "cancel");
  }

  @Test
  void aPriceChangedSincePricingIsChargedAtTheReservationsTotalAndStored() {
    fx.inventory.reserves.then(new ReserveOutcome.Reserved(List.of(new OrderItem("apple", 2, 120), new OrderItem("pear", 1, 250)), 490));

    Order order = placeAndFinish();

    assertThat(fx.calls.calls()).contains("charge 490");
    assertThat(order.totalCents()).isEqualTo(490);
    assertThat(order.items()).containsExactly(new OrderItem("apple", 2, 120), new OrderItem("pear", 1, 250));
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
  }

  @Test
  void aReservationThatDoesNotHoldTheOrderIsUndoneAsUnknown() {
    fx.inventory.reserves.then(new ReserveOutcome.Reserved(List.of(new OrderItem("apple", 1, 100)), 100));

    Order order = placeAndFinish();

    assertThat(order.reason().text()).isEqualTo("inventory-unavailable");
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "cancel");
  }

  @Test
  void aFreeOrderIsConfirmedWithoutACharge() {
    fx.inventory.product("apple", 0).product("pear", 0);

    Order order = placeAndFinish();

    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve");
  }

  @Test
  void anUndoWithUnknownOutcomeIsRetriedAfterTheBackoff() {
    fx.payments.charges.then(new ChargeOutcome.Declined("insufficient_funds"));
    fx.inventory.cancels.then(new CompensationOutcome.Unknown("connection refused"));

    Future<Placement> answer = fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();

    assertThat(fx.calls.calls()).endsWith("charge 450", "cancel");
    assertThat(fx.store.saga(id).nextAttemptAt()).isEqualTo(fx.clock.instant().plusSeconds(1));
    assertThat(fx.timers.pendingDelays()).as("the retry, then the response wait")
        .containsExactly(Duration.ofSeconds(1), Fixture.RESPONSE_WAIT);
    assertThat(answer.isComplete()).isFalse();

    fx.clock.advance(Duration.ofSeconds(1));
    fx.timers.fireOldest();

    assertThat(fx.calls.calls()).endsWith("charge 450", "cancel", "cancel");
    assertThat(fx.stepLog(id)).endsWith(
        step(RESERVE_STOCK, COMPENSATE, STARTED), step(RESERVE_STOCK, COMPENSATE, FAILED),
        step(RESERVE_STOCK, COMPENSATE, STARTED), step(RESERVE_STOCK, COMPENSATE, SUCCEEDED));
    Placement placement = done(answer);
    assertThat(placement.finished()).as("the retry succeeded within the response wait").isTrue();
    assertThat(placement.order().reason().text()).isEqualTo("payment-declined: insufficient_funds");
    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.REJECTED);
  }

  @Test
  void aRefusedUndoParksTheSagaAndLeavesTheOrderPendingForAnOperator() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
    fx.inventory.cancels.then(new CompensationOutcome.Refused("reservation-committed", "the reservation is committed"));

    Placement placement = done(fx.service.place(twoApplesAndAPear()));

    assertThat(placement.finished()).as("answered at once, as pending").isFalse();
    UUID id = placement.order().id();
    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.PENDING);
    Saga saga = fx.store.saga(id);
    assertThat(saga.state()).isEqualTo(SagaState.PARKED);
    assertThat(saga.failureReason().text()).isEqualTo("payment-declined: card_declined");
    assertThat(fx.store.lease(id)).as("nobody drives a parked saga").isNull();
    assertThat(fx.store.stepLog(id).get(fx.store.stepLog(id).size() - 1).detail()).startsWith("refused, parked: ");
    assertThat(fx.outcomes).containsExactly(SagaOutcome.PARKED);
  }

  @Test
  void aStepIsNotAttemptedWhenItsStartCannotBeRecorded() {
    fx.store.failNextWrite(entry -> entry.step() == CHARGE_PAYMENT && entry.status() == STARTED);

    Placement placement = done(fx.service.place(twoApplesAndAPear()));

    assertThat(placement.finished()).isFalse();
    assertThat(placement.order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve");
    Saga saga = fx.store.saga(placement.order().id());
    assertThat(saga.state()).isEqualTo(SagaState.RUNNING);
    assertThat(saga.step()).as("the record says what comes next").isEqualTo(CHARGE_PAYMENT);
    assertThat(fx.outcomes).as("a run that stops unfinished ended nothing").isEmpty();
  }

  @Test
  void aRunnerWhoseSagaWasTakenOverStopsWithoutCallingAnyone() {
    Promise<ReserveOutcome> reserve = fx.inventory.reserves.hold();
    Placement[] answer = new Placement[1];
    fx.service.place(twoApplesAndAPear()).onSuccess(placement -> answer[0] = placement);
    UUID id = fx.store.onlyOrderId();

    fx.store.bumpVersion(id);
    reserve.complete(fx.inventory.reservedAtCataloguePrices(fx.store.order(id).lines()));

    assertThat(answer[0]).isNotNull();
    assertThat(answer[0].finished()).isFalse();
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve");
    assertThat(fx.stepLog(id)).containsExactly(step(RESERVE_STOCK, EXECUTE, STARTED));
    assertThat(fx.outcomes).isEmpty();
  }

  @Test
  void aCompensatingSagaResumesFromItsRecord() {
    Order placed = placeAndFinishWithDecline();
    Saga stored = fx.store.saga(placed.id());
    assertThat(stored.state()).isEqualTo(SagaState.REJECTED);

    // A saga left COMPENSATING at CHARGE_PAYMENT (as a crash would leave it) runs on from there.
    Fixture other = new Fixture();
    Order pending = new Order(UUID.randomUUID(), "c", "a@b.c", placed.items(), placed.totalCents(), OrderStatus.PENDING, null,
        placed.createdAt(), placed.createdAt());
    Saga compensating = new Saga(pending.id(), SagaState.COMPENSATING, CHARGE_PAYMENT, 1,
        placed.reason(), null, placed.createdAt(), placed.createdAt(), 0);
    done(other.store.create(pending, compensating));

    Order finished = done(other.saga.run(pending, compensating, twoApplesAndAPear().paymentMethod()));

    assertThat(other.calls.calls()).containsExactly("refund", "cancel");
    assertThat(finished.status()).isEqualTo(OrderStatus.REJECTED);
  }

  private Order placeAndFinishWithDecline() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
    return placeAndFinish();
  }
}
