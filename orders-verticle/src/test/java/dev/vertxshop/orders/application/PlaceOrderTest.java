package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.UnknownProductException;
import dev.vertxshop.platform.http.DownstreamException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.ConnectException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlaceOrderTest {

  private final Fixture fx = new Fixture();

  @Test
  void anOrderNamingAProductTheCatalogueLacksIsRefusedAndNothingIsStored() {
    fx.inventory.withoutProduct("pear");

    Future<Placement> placed = fx.service.place(twoApplesAndAPear());

    assertThat(placed.failed()).isTrue();
    assertThat(placed.cause()).isInstanceOfSatisfying(UnknownProductException.class, e -> assertThat(e.productId()).isEqualTo("pear"));
    assertThat(fx.store.orderCount()).isZero();
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear");
  }

  @Test
  void anOrderCannotBePlacedWhileTheCatalogueIsUnreachableAndNothingIsStored() {
    fx.inventory.catalogueFails(new DownstreamException("inventory", DownstreamException.Kind.CONNECTION, 0, "could not connect",
        new ConnectException("refused")));

    Future<Placement> placed = fx.service.place(twoApplesAndAPear());

    assertThat(placed.failed()).isTrue();
    assertThat(placed.cause()).isInstanceOf(CatalogueUnavailableException.class);
    assertThat(fx.store.orderCount()).isZero();
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear");
  }

  @Test
  void theOrderIsStoredPendingWithItsSagaBeforeAnyStepRuns() {
    Promise<ReserveOutcome> reserve = fx.inventory.reserves.hold();

    fx.service.place(twoApplesAndAPear());

    UUID id = fx.store.onlyOrderId();
    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(fx.store.order(id).totalCents()).isEqualTo(450);
    assertThat(fx.store.saga(id).state()).isEqualTo(SagaState.RUNNING);
    assertThat(fx.store.stepLog(id)).as("only the attempt of the first step").hasSize(1);
    reserve.complete(new ReserveOutcome.Insufficient("apple"));
  }

  @Test
  void whenTheSagaEndsWithinTheWaitTheAnswerIsFinal() {
    Promise<ReserveOutcome> reserve = fx.inventory.reserves.hold();
    Future<Placement> answer = fx.service.place(twoApplesAndAPear());
    assertThat(answer.isComplete()).isFalse();

    reserve.complete(fx.inventory.reservedAtCataloguePrices(twoApplesAndAPear().lines()));

    Placement placement = done(answer);
    assertThat(placement.finished()).isTrue();
    assertThat(placement.order().status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(fx.timers.pendingDelays()).as("the wait never elapsed").containsExactly(Fixture.RESPONSE_WAIT);
  }

  @Test
  void whenTheWaitIsOverFirstTheAnswerIsPendingAndTheSagaGoesOn() {
    Promise<ChargeOutcome> charge = fx.payments.charges.hold();
    Future<Placement> answer = fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();
    assertThat(answer.isComplete()).isFalse();

    fx.timers.fireOldest();

    Placement placement = done(answer);
    assertThat(placement.finished()).isFalse();
    assertThat(placement.order().id()).isEqualTo(id);
    assertThat(placement.order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(fx.calls.calls()).containsExactly("prices apple,pear", "reserve", "charge 450");

    charge.complete(new ChargeOutcome.Charged(450));

    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(fx.store.saga(id).state()).isEqualTo(SagaState.CONFIRMED);
  }

  @Test
  void everyOrderGetsItsOwnId() {
    Placement first = done(fx.service.place(twoApplesAndAPear()));
    Placement second = done(fx.service.place(twoApplesAndAPear()));

    assertThat(first.order().id()).isNotEqualTo(second.order().id());
    assertThat(fx.store.orderCount()).isEqualTo(2);
  }
}
