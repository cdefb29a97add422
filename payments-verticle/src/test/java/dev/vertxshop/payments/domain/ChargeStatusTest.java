package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChargeStatusTest {

  @ParameterizedTest(name = "refunding a {0} charge leaves it {1}")
  @CsvSource({"SUCCEEDED, REFUNDED", "REFUNDED, REFUNDED", "DECLINED, DECLINED", "VOIDED, VOIDED"})
  void onlyASucceededChargeChangesOnRefund(ChargeStatus before, ChargeStatus after) {
    assertThat(before.afterRefund()).isEqualTo(after);
  }

  @ParameterizedTest
  @CsvSource({"SUCCEEDED, true", "REFUNDED, false", "DECLINED, false", "VOIDED, false"})
  void onlyASucceededChargeHoldsMoney(ChargeStatus status, boolean holdsMoney) {
    assertThat(status.holdsMoney()).isEqualTo(holdsMoney);
  }
}
