package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "4242424242424242", "5555555555554444", "378282246310005", "4000000000000002", "4000000000009995",
      "6011111111111117", "79927398713"})
  void acceptsNumbersWithACorrectCheckDigit(String number) {
    assertThat(Luhn.isValid(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4242424242424241", "5555555555554445", "79927398710", "4000000000000001", "1234567812345678"})
  void rejectsNumbersWithAWrongCheckDigit(String number) {
    assertThat(Luhn.isValid(number)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "4242-4242-4242-4242", "42424242424242a2", " 4242424242424242"})
  void rejectsTooShortInputAndNonDigits(String input) {
    assertThat(Luhn.isValid(input)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void rejectsNull() {
    assertThat(Luhn.isValid(null)).isFalse();
  }
}
