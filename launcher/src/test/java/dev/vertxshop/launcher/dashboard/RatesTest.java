package dev.vertxshop.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RatesTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Rates rates = new Rates(new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  });

  @Test
  void theFirstReadingOnlySetsTheBaseline() {
    rates.tick();
    assertThat(rates.perSecond("orders", 40)).isZero();
  }

  @Test
  void dividesTheGrowthByTheTimeBetweenReadings() {
    rates.tick();
    rates.perSecond("orders", 40);
    now.addAndGet(2000);
    rates.tick();
    assertThat(rates.perSecond("orders", 50)).isEqualTo(5.0);
  }

  @Test
  void countsAMeterFirstSeenAfterTheBaselineFromZero() {
    rates.tick();
    now.addAndGet(1000);
    rates.tick();
    assertThat(rates.perSecond("fraud:legitimate", 3)).isEqualTo(3.0);
  }

  @Test
  void startsAfreshAfterAReset() {
    rates.tick();
    rates.perSecond("orders", 40);
    now.addAndGet(1000);
    rates.reset();
    rates.tick();
    assertThat(rates.perSecond("orders", 90)).isZero();
  }
}
