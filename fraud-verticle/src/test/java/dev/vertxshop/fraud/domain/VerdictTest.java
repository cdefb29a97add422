package dev.vertxshop.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerdictTest {

  @Test
  void anInvalidRequestIsNotFraudAndEchoesTheId() {
    assertThat(Verdict.invalidRequest("tx-9")).isEqualTo(new Verdict("tx-9", false, 0f, "INVALID_REQUEST"));
  }

  @Test
  void anInvalidRequestWithoutIdHasAnEmptyId() {
    assertThat(Verdict.invalidRequest(null).transactionId()).isEmpty();
  }

  @Test
  void rejectsAScoreAboveOne() {
    assertThatThrownBy(() -> new Verdict("tx-1", true, 1.5f, "HIGH_AMOUNT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("riskScore 1.5 is outside 0..1");
  }
}
