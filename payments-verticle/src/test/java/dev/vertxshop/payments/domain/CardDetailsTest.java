package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardDetailsTest {

  @Test
  void keepsTheLastFourDigitsAndTheIssuerPrefix() {
    CardDetails card = CardDetails.of("5555555555554444");

    assertThat(card.last4()).isEqualTo("4444");
    assertThat(card.bin()).isEqualTo("555555");
  }

  @Test
  void neverShowsTheFullNumberWhenPrinted() {
    CardDetails card = CardDetails.of("4242424242424242");

    assertThat(card.toString()).doesNotContain("4242424242424242").contains("4242");
  }

  @Test
  void acceptsANumberThatFailsTheLuhnCheckBecauseDecliningItIsTheNetworksAnswer() {
    CardDetails card = CardDetails.of("4242424242424241");

    assertThat(card.passesLuhnCheck()).isFalse();
  }

  @Test
  void reportsALuhnValidNumber() {
    assertThat(CardDetails.of("4242424242424242").passesLuhnCheck()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"42424242424", "42424242424242424242", "4242 4242 4242 4242", "4242x24242424242", "", "４２４２４２４２４２４２"})
  void rejectsSomethingThatIsNotACardNumber(String input) {
    assertThatThrownBy(() -> CardDetails.of(input)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRejectionNeverRepeatsTheNumber() {
    String tooLong = "42424242424242424242";

    assertThatThrownBy(() -> CardDetails.of(tooLong)).message().doesNotContain(tooLong).doesNotContain("4242");
  }

  @Test
  void rejectsAMissingNumber() {
    assertThatThrownBy(() -> CardDetails.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void acceptsTheShortestAndLongestNumbers() {
    assertThat(CardDetails.of("424242424242").last4()).isEqualTo("4242");
    assertThat(CardDetails.of("4242424242424242424").last4()).isEqualTo("2424");
  }
}
