package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerSummaryTest {

  @Test
  void netIsChargedMinusRefunded() {
    LedgerSummary summary = new LedgerSummary(3, Money.ofCents(9000), 1, Money.ofCents(2500));

    assertThat(summary.netCents()).isEqualTo(6500);
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatThrownBy(() -> new LedgerSummary(-1, Money.ZERO, 0, Money.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
