package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static dev.vertxshop.orders.domain.SagaStep.CONFIRM;
import static dev.vertxshop.orders.domain.StepStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.RetryPolicy;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The event of a settled order is decided by the saga runner and stored with the write that ends
 * the saga: exactly one per settled order, whichever path settles it, and none for an order that
 * is not settled or a write that is refused.
 */
class SettlementEventsTest {

  private final Fixture fx = new Fixture();

  private Order placed() {
    Placement placement = done(fx.service.place(twoApplesAndAPear()));
    return fx.store.order(placement.order().id());
  }

  @Test
  void aConfirmedOrderHasOneCompletedEventNamingTheOrderAsStored() {
    Order order = placed();

    List<OrderSettled> events = fx.store.eventsOf(order.id());

    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).outcome()).isEqualTo(OrderSettled.Outcome.COMPLETED);
    assertThat(events.get(0).order()).isEqualTo(order);
    assertThat(events.get(0).at()).as("settled when the order was confirmed").isEqualTo(order.updatedAt());
    assertThat(events.get(0).reason()).isEmpty();
  }

  @Test
  void aRejectedOrderHasOneCancelledEventWithItsReason() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));

    Order order = placed();

    List<OrderSettled> events = fx.store.eventsOf(order.id());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).outcome()).isEqualTo(OrderSettled.Outcome.CANCELLED);
    assertThat(events.get(0).reason()).contains(RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined"));
    assertThat(events.get(0).order()).isEqualTo(order);
  }

  @Test
  void aConfirmationThatCouldNotBeWrittenEndsWithOneCancelledEventAndNoCompletedOne() {
    fx.store.failNextWrite(entry -> entry.step() == CONFIRM && entry.status() == SUCCEEDED);

    Order order = placed();

    assertThat(fx.store.eventsOf(order.id())).extracting(OrderSettled::outcome).containsExactly(OrderSettled.Outcome.CANCELLED);
    assertThat(fx.store.eventsOf(order.id()).get(0).reason().orElseThrow().code()).isEqualTo(RejectionReason.Code.CONFIRMATION_FAILED);
  }

  @Test
  void anOrderWhoseSagaStillRunsHasNoEvent() {
    Promise<ChargeOutcome> charge = fx.payments.charges.hold();
    fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();

    assertThat(fx.store.eventsOf(id)).isEmpty();

    charge.complete(new ChargeOutcome.Charged(450));
    assertThat(fx.store.eventsOf(id)).extracting(OrderSettled::outcome).containsExactly(OrderSettled.Outcome.COMPLETED);
  }

  @Test
  void aWriteRefusedBecauseAnotherRunnerMovedTheSagaOnStoresNoEvent() {
    Promise<ChargeOutcome> charge = fx.payments.charges.hold();
    fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();
    fx.store.bumpVersion(id);

    charge.complete(new ChargeOutcome.Charged(450));

    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(fx.store.events()).isEmpty();
  }

  @ParameterizedTest(name = "stopped after {0} writes")
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void aSagaEndedByTheInstanceThatTookItOverHasExactlyOneEvent(int writes) {
    fx.store.crashAfterWrites(writes);
    fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();
    fx.store.restart();
    fx.clock.advance(Duration.ofMinutes(1));

    Fixture second = fx.restarted();
    done(second.recovery.sweep());
    done(second.recovery.sweep());

    Order order = fx.store.order(id);
    List<OrderSettled> events = fx.store.eventsOf(id);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).order()).isEqualTo(order);
    assertThat(events.get(0).outcome()).isEqualTo(
        order.status() == OrderStatus.CONFIRMED ? OrderSettled.Outcome.COMPLETED : OrderSettled.Outcome.CANCELLED);
  }

  @Test
  void aParkedSagaHasNoEventUntilAnOperatorsRetryEndsIt() {
    Fixture parking = new Fixture(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 1));
    parking.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
    parking.inventory.cancels.then(new CompensationOutcome.Refused("reservation-committed", "committed by hand"));
    done(parking.service.place(twoApplesAndAPear()));
    UUID id = parking.store.onlyOrderId();
    assertThat(parking.store.eventsOf(id)).as("parked: not settled").isEmpty();

    done(parking.admin.retry(id));

    assertThat(parking.store.order(id).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(parking.store.eventsOf(id)).extracting(OrderSettled::outcome).containsExactly(OrderSettled.Outcome.CANCELLED);
  }
}
