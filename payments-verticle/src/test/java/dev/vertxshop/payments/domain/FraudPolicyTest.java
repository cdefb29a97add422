package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FraudPolicyTest {

  @ParameterizedTest(name = "fail-open below 10000 lets {0} cents through: {1}")
  @CsvSource({"1, true", "9999, true", "10000, false", "10001, false", "500000, false"})
  void failOpenLetsThroughOnlyAmountsBelowTheLimit(long cents, boolean through) {
    FraudPolicy policy = FraudPolicy.failOpenBelow(Money.ofCents(10_000));

    assertThat(policy.letsThroughUnscreened(Money.ofCents(cents))).isEqualTo(through);
  }

  @Test
  void failOpenWithALimitOfZeroLetsNothingThrough() {
    assertThat(FraudPolicy.failOpenBelow(Money.ZERO).letsThroughUnscreened(Money.ofCents(1))).isFalse();
  }

  @Test
  void failClosedLetsNothingThroughWhateverItsLimit() {
    FraudPolicy policy = new FraudPolicy(FraudPolicy.Mode.FAIL_CLOSED, Money.ofCents(1_000_000));

    assertThat(policy.letsThroughUnscreened(Money.ofCents(1))).isFalse();
  }

  @Test
  void readsTheModesByTheirConfigurationCodes() {
    assertThat(FraudPolicy.Mode.fromCode("fail-open")).isEqualTo(FraudPolicy.Mode.FAIL_OPEN);
    assertThat(FraudPolicy.Mode.fromCode("fail-closed")).isEqualTo(FraudPolicy.Mode.FAIL_CLOSED);
    assertThatThrownBy(() -> FraudPolicy.Mode.fromCode("FAIL_OPEN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fail-open").hasMessageContaining("fail-closed");
  }
}
