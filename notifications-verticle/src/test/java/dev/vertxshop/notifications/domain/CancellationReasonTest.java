package dev.vertxshop.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CancellationReasonTest {

  @ParameterizedTest
  @CsvSource({
      "INSUFFICIENT_STOCK, An item of your order is not in stock in the quantity you asked for.",
      "insufficient-stock, An item of your order is not in stock in the quantity you asked for.",
      "OUT_OF_STOCK, An item of your order is not in stock in the quantity you asked for.",
      "UNKNOWN_PRODUCT, An item of your order is no longer sold.",
      "payment-declined, Your payment was declined.",
      "PAYMENT_DECLINED, Your payment was declined.",
      "inventory-unavailable, We could not complete your order because of a technical problem on our side.",
      "PAYMENTS_UNAVAILABLE, We could not complete your order because of a technical problem on our side.",
      "ORDER_INTERRUPTED, We could not complete your order because of a technical problem on our side."})
  void explainsAKnownCodeWhicheverWayItIsWritten(String code, String explanation) {
    assertThat(new CancellationReason(code, "whatever orders recorded").explanation()).isEqualTo(explanation);
  }

  @Test
  void explainsAnUnknownCodeWithANeutralSentence() {
    assertThat(new CancellationReason("SOMETHING_NEW", "something-new: detail").explanation())
        .isEqualTo("We could not complete your order.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void refusesABlankCode(String code) {
    assertThatThrownBy(() -> new CancellationReason(code, "text")).isInstanceOf(InvalidOrderException.class);
  }
}
