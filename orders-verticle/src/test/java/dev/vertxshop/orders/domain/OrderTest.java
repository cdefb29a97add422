package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(2);

  private final OrderRequest request = new OrderRequest("cust-1", "ann@example.com",
      List.of(new OrderLine("a", 2), new OrderLine("b", 1)), PaymentMethod.card("4242424242424242"));
  private final Order placed = Order.place(UUID.randomUUID(), request, new PriceList(Map.of("a", 100L, "b", 500L)), T0);

  @Test
  void aPlacedOrderIsPendingAndPriced() {
    assertThat(placed.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(placed.items()).containsExactly(new OrderItem("a", 2, 100), new OrderItem("b", 1, 500));
    assertThat(placed.totalCents()).isEqualTo(700);
    assertThat(placed.reason()).isNull();
    assertThat(placed.createdAt()).isEqualTo(T0).isEqualTo(placed.updatedAt());
    assertThat(placed.lines()).containsExactly(new OrderLine("a", 2), new OrderLine("b", 1));
  }

  @Test
  void aTotalThatIsNotTheSumOfTheItemsIsRefused() {
    assertThatThrownBy(() -> new Order(UUID.randomUUID(), "c", "a@b", List.of(new OrderItem("a", 1, 10)), 11,
        OrderStatus.PENDING, null, T0, T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void repricingTakesTheReservedPricesAndKeepsTheItemOrder() {
    Order repriced = placed.repricedAs(List.of(new OrderItem("b", 1, 450), new OrderItem("a", 2, 120)), T1);

    assertThat(repriced.items()).containsExactly(new OrderItem("a", 2, 120), new OrderItem("b", 1, 450));
    assertThat(repriced.totalCents()).isEqualTo(690);
    assertThat(repriced.updatedAt()).isEqualTo(T1);
    assertThat(repriced.createdAt()).isEqualTo(T0);
  }

  @Test
  void aReservationOfOtherQuantitiesCannotRepriceTheOrder() {
    assertThatThrownBy(() -> placed.repricedAs(List.of(new OrderItem("a", 3, 100), new OrderItem("b", 1, 500)), T1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> placed.repricedAs(List.of(new OrderItem("a", 2, 100)), T1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOrderEndsOnceConfirmedOrRejected() {
    Order confirmed = placed.confirmed(T1);
    Order rejected = placed.rejected(RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined"), T1);

    assertThat(confirmed.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(rejected.reason().text()).isEqualTo("payment-declined: card_declined");
    assertThatThrownBy(() -> confirmed.rejected(RejectionReason.of(RejectionReason.Code.CONFIRMATION_FAILED), T1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> rejected.confirmed(T1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyAnOrderWithSomethingToPayIsCharged() {
    Order free = Order.place(UUID.randomUUID(), request, new PriceList(Map.of("a", 0L, "b", 0L)), T0);

    assertThat(free.needsCharge()).isFalse();
    assertThat(placed.needsCharge()).isTrue();
  }
}
