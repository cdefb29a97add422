package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"o", "order-1", "3f1c2a9e-5d7b-4c1e-9a0b-1234567890ab", "A.b_c-9"})
  void acceptsLettersDigitsAndSeparators(String value) {
    assertThat(OrderId.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-order", "order 1", "order/1", "ordér"})
  void rejectsOtherCharactersAndALeadingSeparator(String value) {
    assertThatThrownBy(() -> OrderId.of(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsMoreThanSixtyFourCharacters() {
    assertThat(OrderId.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> OrderId.of("a".repeat(65))).isInstanceOf(IllegalArgumentException.class);
  }
}
