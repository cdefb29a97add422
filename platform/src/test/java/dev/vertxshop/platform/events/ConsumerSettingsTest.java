package dev.vertxshop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

  private final ConsumerSettings settings = new ConsumerSettings("inventory", 4, Duration.ofSeconds(1), Duration.ofSeconds(5),
      Duration.ofSeconds(30), Duration.ofHours(24));

  @Test
  void backoffDoublesWithEachAttemptUpToTheMaximum() {
    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.backoffAfter(40)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refusesAGroupNameThatIsNotALowerCaseName() {
    assertThatThrownBy(() -> settings.withGroup("Orders Group")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAMaximumBackoffBelowTheFirst() {
    assertThatThrownBy(() -> new ConsumerSettings("g", 3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("retry-backoff-max-ms");
  }
}
