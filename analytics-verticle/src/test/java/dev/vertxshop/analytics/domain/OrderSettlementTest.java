package dev.vertxshop.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrderSettlementTest {

  @Test
  void countsForTheUtcDayOnWhichItHappened() {
    // 23:30 in New York is already the next day in UTC.
    OrderCompleted completed = new OrderCompleted("o-1", 100, Instant.parse("2025-03-02T04:30:00Z"));

    assertThat(completed.day()).isEqualTo(LocalDate.parse("2025-03-02"));
    assertThat(new OrderCompleted("o-1", 100, Instant.parse("2025-03-01T23:59:59.999Z")).day())
        .isEqualTo(LocalDate.parse("2025-03-01"));
  }

  @Test
  void aCompletedOrderAddsOneCompletedOrderAndItsTotal() {
    assertThat(new OrderCompleted("o-1", 4980, Instant.EPOCH).contribution()).isEqualTo(new Conversion(1, 0, 4980));
  }

  @Test
  void aCancelledOrderAddsOneCancelledOrderAndNoRevenue() {
    assertThat(new OrderCancelled("o-1", "PAYMENT_DECLINED", Instant.EPOCH).contribution()).isEqualTo(new Conversion(0, 1, 0));
  }

  @Test
  void aCompletedOrderOfNothingIsAllowed() {
    assertThat(new OrderCompleted("o-1", 0, Instant.EPOCH).contribution().revenueCents()).isZero();
  }

  @Test
  void refusesANegativeTotal() {
    assertThatThrownBy(() -> new OrderCompleted("o-1", -1, Instant.EPOCH))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("totalCents");
  }

  @Test
  void refusesABlankOrderId() {
    assertThatThrownBy(() -> new OrderCompleted(" ", 1, Instant.EPOCH)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new OrderCancelled(null, "x", Instant.EPOCH)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refusesAMissingTime() {
    assertThatThrownBy(() -> new OrderCompleted("o-1", 1, null)).hasMessageContaining("completedAt");
    assertThatThrownBy(() -> new OrderCancelled("o-1", "x", null)).hasMessageContaining("cancelledAt");
  }

  @Test
  void refusesABlankOrOverlongReasonCode() {
    assertThatThrownBy(() -> new OrderCancelled("o-1", "", Instant.EPOCH)).hasMessageContaining("reason.code");
    assertThatThrownBy(() -> new OrderCancelled("o-1", "x".repeat(101), Instant.EPOCH)).hasMessageContaining("reason.code");
  }
}
