package dev.vertxshop.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConversionTest {

  @Test
  void conversionRateIsTheShareOfSettledOrdersThatWereCompleted() {
    Conversion conversion = new Conversion(3, 1, 9000);

    assertThat(conversion.conversionRate()).hasValueCloseTo(0.75, within(1e-12));
    assertThat(conversion.ordersSettled()).isEqualTo(4);
  }

  @Test
  void conversionRateIsOneWhenNoOrderWasCancelled() {
    assertThat(new Conversion(2, 0, 100).conversionRate()).hasValueCloseTo(1.0, within(1e-12));
  }

  @Test
  void conversionRateIsZeroWhenEveryOrderWasCancelled() {
    assertThat(new Conversion(0, 5, 0).conversionRate()).hasValueCloseTo(0.0, within(1e-12));
  }

  @Test
  void conversionRateIsUnknownWhenNoOrderWasSettled() {
    assertThat(Conversion.NONE.conversionRate()).isEmpty();
  }

  @Test
  void addsCountsAndRevenue() {
    assertThat(new Conversion(1, 2, 300).plus(new Conversion(4, 5, 600))).isEqualTo(new Conversion(5, 7, 900));
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> new Conversion(-1, 0, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Conversion(0, -1, 0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new Conversion(0, 0, -1)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void refusesARevenueThatWouldOverflow() {
    Conversion almostFull = new Conversion(1, 0, Long.MAX_VALUE);

    assertThatThrownBy(() -> almostFull.plus(new Conversion(1, 0, 1))).isInstanceOf(ArithmeticException.class);
  }
}
