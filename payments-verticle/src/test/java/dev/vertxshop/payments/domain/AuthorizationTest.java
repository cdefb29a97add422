package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizationTest {

  @Test
  void aDeclineCarriesItsReason() {
    assertThat(Authorization.decline(DeclineReason.CARD_DECLINED).decline()).contains(DeclineReason.CARD_DECLINED);
    assertThat(Authorization.approve().decline()).isEmpty();
  }

  @Test
  void aDeclineWithoutReasonAndAnApprovalWithOneAreRejected() {
    assertThatThrownBy(() -> new Authorization(false, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Authorization(true, DeclineReason.CARD_DECLINED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
