package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeclineReasonTest {

  @ParameterizedTest
  @EnumSource(DeclineReason.class)
  void readsBackEveryCode(DeclineReason reason) {
    assertThat(DeclineReason.fromCode(reason.code())).isEqualTo(reason);
  }

  @Test
  void usesTheApiCodes() {
    assertThat(DeclineReason.INCORRECT_NUMBER.code()).isEqualTo("incorrect_number");
    assertThat(DeclineReason.CARD_DECLINED.code()).isEqualTo("card_declined");
    assertThat(DeclineReason.INSUFFICIENT_FUNDS.code()).isEqualTo("insufficient_funds");
    assertThat(DeclineReason.FRAUD_SUSPECTED.code()).isEqualTo("fraud_suspected");
    assertThat(DeclineReason.FRAUD_CHECK_UNAVAILABLE.code()).isEqualTo("fraud_check_unavailable");
  }

  @Test
  void rejectsAnUnknownCode() {
    assertThatThrownBy(() -> DeclineReason.fromCode("stolen_card")).isInstanceOf(IllegalArgumentException.class);
  }
}
