package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailOpenDecisionTest {

  private static final OrderId ORDER = OrderId.of("order-5");
  private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void cutsAReasonLongerThanTheMaximum() {
    FailOpenDecision decision = new FailOpenDecision(ORDER, Money.ofCents(100), "x".repeat(2_000), AT);

    assertThat(decision.reason()).hasSize(FailOpenDecision.MAX_REASON_LENGTH);
  }

  @Test
  void needsAPositiveAmountAndAReason() {
    assertThatThrownBy(() -> new FailOpenDecision(ORDER, Money.ZERO, "UNAVAILABLE: down", AT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FailOpenDecision(ORDER, Money.ofCents(1), " ", AT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aReportNeverCountsFewerDecisionsThanItLists() {
    FailOpenDecision decision = new FailOpenDecision(ORDER, Money.ofCents(100), "UNAVAILABLE: down", AT);

    assertThat(new FailOpenReport(7, List.of(decision)).latest()).containsExactly(decision);
    assertThatThrownBy(() -> new FailOpenReport(0, List.of(decision))).isInstanceOf(IllegalArgumentException.class);
  }
}
