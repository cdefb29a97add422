package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.UnknownProductException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Placing orders with an idempotency key: one order per key, the first answer for its repeats. */
class IdempotentPlacementTest {

  private static final IdempotencyKey KEY = new IdempotencyKey("order-attempt-1");
  private static final Optional<IdempotentRequest> SAME = Optional.of(new IdempotentRequest(KEY, "a".repeat(64)));
  private static final Optional<IdempotentRequest> OTHER_BODY = Optional.of(new IdempotentRequest(KEY, "b".repeat(64)));

  private final Fixture fx = new Fixture();

  @Test
  void aRepeatedRequestGetsTheFirstOrderBackWithoutPlacingAnother() {
    Placement first = done(fx.service.place(twoApplesAndAPear(), SAME));

    Placement again = done(fx.service.place(twoApplesAndAPear(), SAME));

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.finished()).isTrue();
    assertThat(again.order()).isEqualTo(first.order());
    assertThat(again.order().status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(fx.store.orderCount()).isEqualTo(1);
    assertThat(fx.callsSince(0)).as("the repeat was not even priced").containsExactly("prices apple,pear", "reserve", "charge 450");
  }

  @Test
  void theKeyWithAnotherRequestIsRefusedAndNothingIsStored() {
    done(fx.service.place(twoApplesAndAPear(), SAME));

    Future<Placement> reused = fx.service.place(twoApplesAndAPear(), OTHER_BODY);

    assertThat(reused.failed()).isTrue();
    assertThat(reused.cause()).isInstanceOf(IdempotencyKeyReusedException.class).hasMessageContaining("order-attempt-1");
    assertThat(fx.store.orderCount()).isEqualTo(1);
    assertThat(fx.callsSince(0)).hasSize(3);
  }

  @Test
  void aRepeatWhileTheSagaRunsHereWaitsForItsEndLikeTheFirstRequest() {
    Promise<ReserveOutcome> reserve = fx.inventory.reserves.hold();
    Future<Placement> first = fx.service.place(twoApplesAndAPear(), SAME);
    Future<Placement> again = fx.service.place(twoApplesAndAPear(), SAME);
    assertThat(again.isComplete()).isFalse();

    reserve.complete(fx.inventory.reservedAtCataloguePrices(twoApplesAndAPear().lines()));

    assertThat(done(again).finished()).isTrue();
    assertThat(done(again).order()).isEqualTo(done(first).order());
    assertThat(done(again).order().status()).isEqualTo(OrderStatus.CONFIRMED);
  }

  @Test
  void aRepeatOfAnOrderThatAnotherInstanceDrivesLooksAtItUntilItEnds() {
    Promise<ChargeOutcome> charge = fx.payments.charges.hold();
    fx.service.place(twoApplesAndAPear(), SAME);
    UUID id = fx.store.onlyOrderId();

    Future<Placement> again = fx.restarted().service.place(twoApplesAndAPear(), SAME);
    fx.timers.fire(OrderService.REPLAY_POLL_INTERVAL);
    assertThat(again.isComplete()).as("still pending").isFalse();
    charge.complete(new ChargeOutcome.Charged(450));
    fx.timers.fire(OrderService.REPLAY_POLL_INTERVAL);

    Placement placement = done(again);
    assertThat(placement.finished()).isTrue();
    assertThat(placement.replayed()).isTrue();
    assertThat(placement.order().id()).isEqualTo(id);
    assertThat(placement.order().status()).isEqualTo(OrderStatus.CONFIRMED);
  }

  @Test
  void aRepeatThatOutlastsTheResponseWaitIsAnsweredPending() {
    fx.payments.charges.hold();
    fx.service.place(twoApplesAndAPear(), SAME);
    Future<Placement> again = fx.restarted().service.place(twoApplesAndAPear(), SAME);

    fx.timers.fire(Fixture.RESPONSE_WAIT);
    fx.timers.fire(Fixture.RESPONSE_WAIT);

    assertThat(done(again).finished()).isFalse();
    assertThat(done(again).order().status()).isEqualTo(OrderStatus.PENDING);
    assertThat(done(again).replayed()).isTrue();
  }

  @Test
  void ofTwoRequestsWithOneKeyInFlightTogetherOnlyTheFirstToStoreMakesAnOrder() {
    Promise<Boolean> firstPricing = fx.inventory.pricing.hold();
    Promise<Boolean> secondPricing = fx.inventory.pricing.hold();
    Future<Placement> first = fx.service.place(twoApplesAndAPear(), SAME);
    Future<Placement> second = fx.service.place(twoApplesAndAPear(), SAME);

    secondPricing.complete(true);
    firstPricing.complete(true);

    assertThat(fx.store.orderCount()).isEqualTo(1);
    assertThat(done(first).replayed()).as("the second stored first").isTrue();
    assertThat(done(second).replayed()).isFalse();
    assertThat(done(first).order().id()).isEqualTo(done(second).order().id());
    assertThat(done(first).order().status()).isEqualTo(OrderStatus.CONFIRMED);
  }

  @Test
  void anExpiredKeyPlacesANewOrder() {
    Placement first = done(fx.service.place(twoApplesAndAPear(), SAME));
    fx.clock.advance(Fixture.KEY_RETENTION.plusMillis(1));

    Placement later = done(fx.service.place(twoApplesAndAPear(), OTHER_BODY));

    assertThat(later.replayed()).isFalse();
    assertThat(later.order().id()).isNotEqualTo(first.order().id());
    assertThat(fx.store.orderCount()).isEqualTo(2);
    assertThat(fx.store.keyCount()).as("the key now names the new order").isEqualTo(1);
  }

  @Test
  void aRequestThatPlacesNothingLeavesItsKeyFree() {
    OrderRequest durian = new OrderRequest("cust-1", "ann@example.com", List.of(new OrderLine("durian", 1)),
        PaymentMethod.card("4242424242424242"));

    assertThat(fx.service.place(durian, SAME).cause()).isInstanceOf(UnknownProductException.class);
    assertThat(fx.store.keyCount()).isZero();

    fx.inventory.product("durian", 700);
    assertThat(done(fx.service.place(durian, SAME)).order().totalCents()).isEqualTo(700);
  }
}
