package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static dev.vertxshop.orders.application.Fixture.twoApplesAndAPear;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaOutcome;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.SagaStep;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Undos that cannot be done park their saga for an operator, who sees it and can retry it. */
class SagaParkingTest {

  private static final RetryPolicy THREE_ATTEMPTS = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 3);

  private final Fixture fx = new Fixture(THREE_ATTEMPTS);

  /** A declined card whose reservation cannot be cancelled: three unknown outcomes park the saga. */
  private UUID parkedAfterThreeUnknownCancels() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
    fx.inventory.cancels.then(new CompensationOutcome.Unknown("timeout 1"))
        .then(new CompensationOutcome.Unknown("timeout 2"))
        .then(new CompensationOutcome.Unknown("timeout 3"));
    Future<Placement> answer = fx.service.place(twoApplesAndAPear());
    UUID id = fx.store.onlyOrderId();
    fx.clock.advance(Duration.ofSeconds(1));
    fx.timers.fire(Duration.ofSeconds(1));
    fx.clock.advance(Duration.ofSeconds(2));
    fx.timers.fire(Duration.ofSeconds(2));
    assertThat(done(answer).finished()).as("a parked order is answered pending").isFalse();
    return id;
  }

  @Test
  void anUndoWhoseOutcomeStaysUnknownIsParkedAfterTheLastAttemptAndItsOrderStaysPending() {
    UUID id = parkedAfterThreeUnknownCancels();

    Saga saga = fx.store.saga(id);
    assertThat(saga.state()).isEqualTo(SagaState.PARKED);
    assertThat(saga.step()).isEqualTo(SagaStep.RESERVE_STOCK);
    assertThat(saga.attempts()).isEqualTo(3);
    assertThat(fx.callsSince(0)).containsExactly("prices apple,pear", "reserve", "charge 450", "cancel", "cancel", "cancel");
    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.PENDING);
    assertThat(fx.store.lease(id)).isNull();
    assertThat(fx.timers.pendingDelays()).as("no further retry").doesNotContain(Duration.ofSeconds(4));
    fx.clock.advance(Duration.ofHours(1));
    assertThat(done(fx.restarted().recovery.sweep())).as("recovery leaves it alone").isEmpty();
  }

  @Test
  void operatorsSeeParkedSagasWithTheirLastErrorAndCountThem() {
    UUID id = parkedAfterThreeUnknownCancels();
    done(fx.service.place(twoApplesAndAPear()));

    List<SagaSummary> parked = done(fx.admin.list(SagaState.PARKED, 10));
    Map<SagaState, Long> counts = done(fx.admin.counts());

    assertThat(parked).extracting(summary -> summary.saga().orderId()).containsExactly(id);
    assertThat(parked.get(0).lastError()).isEqualTo("outcome unknown after 3 attempt(s), parked: timeout 3");
    assertThat(counts).containsEntry(SagaState.PARKED, 1L).containsEntry(SagaState.CONFIRMED, 1L)
        .containsEntry(SagaState.RUNNING, 0L).containsEntry(SagaState.COMPENSATING, 0L).containsEntry(SagaState.REJECTED, 0L);
  }

  @Test
  void aRetryUnparksTheSagaWhichThenUndoesTheStepAndEndsRejected() {
    UUID id = parkedAfterThreeUnknownCancels();
    fx.clock.advance(Duration.ofMinutes(5));

    SagaAdmin.Retry retry = done(fx.admin.retry(id));

    assertThat(retry).isInstanceOfSatisfying(SagaAdmin.Retry.Requeued.class, requeued -> {
      assertThat(requeued.saga().state()).isEqualTo(SagaState.COMPENSATING);
      assertThat(requeued.saga().attempts()).isZero();
      assertThat(requeued.saga().nextAttemptAt()).isEqualTo(fx.clock.instant());
    });
    assertThat(fx.callsSince(0)).as("the retry woke recovery, which cancelled once more").endsWith("cancel", "cancel", "cancel", "cancel");
    assertThat(fx.store.saga(id).state()).isEqualTo(SagaState.REJECTED);
    assertThat(fx.store.order(id).reason().text()).isEqualTo("payment-declined: card_declined");
    assertThat(fx.outcomes).as("the first run parked, the retried one compensated")
        .containsExactly(SagaOutcome.PARKED, SagaOutcome.COMPENSATED);
  }

  @Test
  void aRefusedUndoParksAtOnceAndCanBeRetriedOnceTheCauseIsFixed() {
    fx.payments.charges.then(new ChargeOutcome.Declined("card_declined"));
    fx.inventory.cancels.then(new CompensationOutcome.Refused("reservation-committed", "the reservation is committed"));
    done(fx.service.place(twoApplesAndAPear()));
    UUID id = fx.store.onlyOrderId();
    assertThat(fx.store.saga(id).attempts()).isEqualTo(1);

    done(fx.admin.retry(id));

    assertThat(fx.store.order(id).status()).isEqualTo(OrderStatus.REJECTED);
  }

  @Test
  void aRetryOfAnUnknownOrderIsNotFoundAndOfASagaThatIsNotParkedIsRefused() {
    done(fx.service.place(twoApplesAndAPear()));
    UUID confirmed = fx.store.onlyOrderId();

    assertThat(done(fx.admin.retry(UUID.randomUUID()))).isEqualTo(new SagaAdmin.Retry.NotFound());
    assertThat(done(fx.admin.retry(confirmed))).isEqualTo(new SagaAdmin.Retry.NotParked(SagaState.CONFIRMED));
  }

  @Test
  void aListingIsBoundedByItsLimit() {
    assertThat(fx.admin.list(SagaState.PARKED, 0).failed()).isTrue();
    assertThat(fx.admin.list(SagaState.PARKED, SagaAdmin.MAX_LISTED + 1).failed()).isTrue();
  }
}
