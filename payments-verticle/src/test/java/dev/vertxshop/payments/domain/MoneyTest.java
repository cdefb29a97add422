package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void rejectsANegativeAmount() {
    assertThatThrownBy(() -> Money.ofCents(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAmountToChargeIsPositive() {
    assertThatThrownBy(() -> Money.positive(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.positive(-500)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Money.positive(1).cents()).isEqualTo(1);
  }

  @Test
  void addsAmounts() {
    assertThat(Money.ofCents(1999).plus(Money.ofCents(1))).isEqualTo(Money.ofCents(2000));
  }

  @Test
  void refusesASumThatWouldOverflowInsteadOfWrappingAround() {
    Money huge = Money.ofCents(Long.MAX_VALUE);

    assertThatThrownBy(() -> huge.plus(Money.ofCents(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void subtractsIntoPlainCentsThatMayBeNegative() {
    assertThat(Money.ofCents(500).centsMinus(Money.ofCents(700))).isEqualTo(-200);
    assertThat(Money.ofCents(700).centsMinus(Money.ofCents(700))).isZero();
  }

  @Test
  void zeroIsNotPositive() {
    assertThat(Money.ZERO.isPositive()).isFalse();
    assertThat(Money.ofCents(1).isPositive()).isTrue();
  }

  @Test
  void comparesByAmount() {
    assertThat(Money.ofCents(5)).isLessThan(Money.ofCents(6));
  }
}
