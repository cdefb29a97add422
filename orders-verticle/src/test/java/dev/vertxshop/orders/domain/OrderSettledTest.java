package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderSettledTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(2);
  private static final RejectionReason OUT_OF_STOCK = RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "a");

  private final Order placed = Order.place(UUID.randomUUID(),
      new OrderRequest("cust-1", "ann@example.com", List.of(new OrderLine("a", 2)), PaymentMethod.card("4242424242424242")),
      new PriceList(Map.of("a", 100L)), T0);
  private final UUID eventId = UUID.randomUUID();

  /** The saga of the placed order after its reservation was attempted. */
  private Saga reserving() {
    return Saga.begin(placed.id(), T0).attemptStarted(T0);
  }

  @Test
  void aSagaThatEndsConfirmedSettlesItsOrderAsCompleted() {
    Saga confirmed = new Saga(placed.id(), SagaState.CONFIRMED, SagaStep.CONFIRM, 1, null, null, T0, T1, 5);

    OrderSettled event = OrderSettled.of(confirmed, confirmed.settle(placed, T1), eventId, T1).orElseThrow();

    assertThat(event.outcome()).isEqualTo(OrderSettled.Outcome.COMPLETED);
    assertThat(event.eventId()).isEqualTo(eventId);
    assertThat(event.orderId()).isEqualTo(placed.id());
    assertThat(event.order().status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(event.at()).isEqualTo(T1);
    assertThat(event.reason()).isEmpty();
  }

  @Test
  void aSagaThatEndsRejectedSettlesItsOrderAsCancelledWithTheReason() {
    Saga rejected = reserving().afterExecution(new StepOutcome.Failed(OUT_OF_STOCK, "409"), T1);

    OrderSettled event = OrderSettled.of(rejected, rejected.settle(placed, T1), eventId, T1).orElseThrow();

    assertThat(event.outcome()).isEqualTo(OrderSettled.Outcome.CANCELLED);
    assertThat(event.reason()).contains(OUT_OF_STOCK);
  }

  @Test
  void aSagaThatGoesOnOrIsParkedSettlesNothing() {
    Saga reserved = reserving().afterExecution(new StepOutcome.Succeeded("reserved"), T1);
    Saga compensating = reserving().afterExecution(new StepOutcome.Unknown(OUT_OF_STOCK, "timeout"), T1);
    Saga parked = compensating.attemptStarted(T1).afterCompensation(new CompensationOutcome.Refused("x", "refused"), T1,
        new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2)));

    assertThat(OrderSettled.of(reserved, placed, eventId, T1)).isEmpty();
    assertThat(OrderSettled.of(compensating, placed, eventId, T1)).isEmpty();
    assertThat(OrderSettled.of(parked, placed, eventId, T1)).isEmpty();
  }

  @Test
  void anOrderThatTheSagaDidNotSettleCannotBeItsEvent() {
    Saga rejected = reserving().afterExecution(new StepOutcome.Failed(OUT_OF_STOCK, "409"), T1);

    assertThatThrownBy(() -> OrderSettled.of(rejected, placed, eventId, T1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OrderSettled.of(rejected, placed.confirmed(T1), eventId, T1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderSettled(eventId, placed, T1)).as("a pending order is not settled")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
