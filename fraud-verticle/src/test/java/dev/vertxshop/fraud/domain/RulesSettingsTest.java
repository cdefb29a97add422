package dev.vertxshop.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesSettingsTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    RulesSettings defaults = RulesSettings.defaults();

    assertThat(defaults.highAmountCents()).isEqualTo(100_000);
    assertThat(defaults.veryHighAmountCents()).isEqualTo(1_000_000);
    assertThat(defaults.velocityWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.velocityMaxCount()).isEqualTo(10);
    assertThat(defaults.velocityMaxAmountCents()).isEqualTo(500_000);
    assertThat(defaults.countryWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(defaults.blockedMerchants()).isEmpty();
    assertThat(defaults.fraudThreshold()).isEqualTo(0.7);
    assertThat(defaults.maxUsers()).isEqualTo(100_000);
    assertThat(defaults.weight(Rule.BLOCKED_MERCHANT)).isEqualTo(1.0);
    assertThat(defaults.weight(Rule.VERY_HIGH_AMOUNT)).isEqualTo(0.5);
    assertThat(defaults.weight(Rule.HIGH_AMOUNT)).isEqualTo(0.2);
    assertThat(defaults.weight(Rule.VELOCITY_AMOUNT)).isEqualTo(0.3);
    assertThat(defaults.weight(Rule.VELOCITY_COUNT)).isEqualTo(0.5);
    assertThat(defaults.weight(Rule.COUNTRY_CHANGE)).isEqualTo(0.4);
  }

  @Test
  void aBuilderFromSettingsRebuildsEqualSettings() {
    RulesSettings settings = RulesSettings.builder().blockedMerchants(Set.of("m-1"), 0.9).maxUsers(7).build();

    assertThat(settings.toBuilder().build()).isEqualTo(settings);
  }

  @Test
  void rejectsAWeightAboveOne() {
    assertThatThrownBy(() -> RulesSettings.builder().highAmount(100_000, 1.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("highAmountWeight 1.5 is outside 0..1");
  }

  @Test
  void rejectsAVeryHighThresholdBelowTheHighOne() {
    assertThatThrownBy(() -> RulesSettings.builder().highAmount(500, 0.2).veryHighAmount(400, 0.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("veryHighAmountCents 400 is below highAmountCents 500");
  }

  @Test
  void rejectsAFraudThresholdOfZero() {
    assertThatThrownBy(() -> RulesSettings.builder().fraudThreshold(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("fraudThreshold 0.0");
  }

  @Test
  void rejectsAnEmptyWindow() {
    assertThatThrownBy(() -> RulesSettings.builder().velocityWindow(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("velocityWindow PT0S is outside");
  }

  @Test
  void rejectsABlankBlockedMerchant() {
    assertThatThrownBy(() -> RulesSettings.builder().blockedMerchants(Set.of(" "), 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blockedMerchants");
  }

  @Test
  void rejectsNoRoomForUsers() {
    assertThatThrownBy(() -> RulesSettings.builder().maxUsers(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxUsers 0 is outside 1..10000000");
  }

  @Test
  void keepsItsOwnCopyOfTheBlockList() {
    Set<String> merchants = new HashSet<>(Set.of("m-1"));
    RulesSettings settings = RulesSettings.builder().blockedMerchants(merchants, 1).build();
    merchants.add("m-2");

    assertThat(settings.blockedMerchants()).containsExactly("m-1");
  }
}
