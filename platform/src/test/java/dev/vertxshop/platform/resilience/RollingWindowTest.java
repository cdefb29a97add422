package dev.vertxshop.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RollingWindowTest {

  @Test
  void countsCallsAndFailuresWithinTheWindow() {
    RollingWindow window = new RollingWindow(10_000);
    window.record(1_000, true);
    window.record(2_000, false);
    window.record(9_000, true);

    assertThat(window.calls(9_500)).isEqualTo(3);
    assertThat(window.failures(9_500)).isEqualTo(2);
  }

  @Test
  void callsLeaveTheWindowOnceItHasPassedSinceThem() {
    RollingWindow window = new RollingWindow(10_000);
    window.record(1_000, true);
    window.record(5_000, true);

    assertThat(window.failures(10_999)).isEqualTo(2);
    assertThat(window.failures(11_000)).isEqualTo(1);
    assertThat(window.failures(15_000)).isZero();
    assertThat(window.calls(15_000)).isZero();
  }

  @Test
  void aCallCountsForAtLeastTheWindowLessOneBucket() {
    RollingWindow window = new RollingWindow(10_000);
    window.record(1_099, true);

    assertThat(window.calls(1_099 + 9_900)).isEqualTo(1);
    assertThat(window.calls(1_099 + 10_000)).isZero();
  }

  @Test
  void clearingForgetsEverything() {
    RollingWindow window = new RollingWindow(10_000);
    window.record(1_000, true);
    window.clear();
    window.record(1_500, false);

    assertThat(window.calls(2_000)).isEqualTo(1);
    assertThat(window.failures(2_000)).isZero();
  }

  @Test
  void aClockSetBackCountsInTheNewestBucket() {
    RollingWindow window = new RollingWindow(10_000);
    window.record(5_000, true);
    window.record(4_000, true);

    assertThat(window.failures(5_000)).isEqualTo(2);
    assertThat(window.failures(15_000)).isZero();
  }
}
