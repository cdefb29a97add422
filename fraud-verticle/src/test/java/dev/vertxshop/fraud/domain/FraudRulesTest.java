package dev.vertxshop.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FraudRulesTest {

  private final MutableClock clock = MutableClock.startingAt("2026-01-05T10:00:00Z");
  private final AtomicInteger ids = new AtomicInteger();

  private FraudRules rules(RulesSettings.Builder settings) {
    return new FraudRules(settings.build(), clock);
  }

  private FraudRules defaultRules() {
    return new FraudRules(RulesSettings.defaults(), clock);
  }

  private Transaction tx(String user, long amountCents, String country) {
    return new Transaction("tx-" + ids.incrementAndGet(), user, amountCents, "shop-1", country);
  }

  private Transaction tx(String user, long amountCents) {
    return tx(user, amountCents, "DE");
  }

  @Nested
  class Amounts {

    @Test
    void anAmountAtTheHighThresholdFiresNothing() {
      Verdict verdict = defaultRules().check(tx("alice", 100_000));

      assertThat(verdict.reasonCode()).isEqualTo("NONE");
      assertThat(verdict.riskScore()).isZero();
      assertThat(verdict.fraud()).isFalse();
    }

    @Test
    void anAmountAboveTheHighThresholdFiresHighAmountWithItsWeight() {
      Verdict verdict = defaultRules().check(tx("alice", 100_001));

      assertThat(verdict.reasonCode()).isEqualTo("HIGH_AMOUNT");
      assertThat(verdict.riskScore()).isCloseTo(0.2f, within(1e-6f));
      assertThat(verdict.fraud()).isFalse();
    }

    @Test
    void anAmountAboveTheVeryHighThresholdFiresVeryHighAmountInsteadOfHighAmount() {
      FraudRules rules = rules(RulesSettings.builder().velocityAmount(500_000, 0));

      Verdict verdict = rules.check(tx("alice", 1_000_001));

      assertThat(verdict.reasonCode()).isEqualTo("VERY_HIGH_AMOUNT");
      assertThat(verdict.riskScore()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void aVeryHighAmountAlsoExceedsTheVelocityAmountByDefault() {
      Verdict verdict = defaultRules().check(tx("alice", 1_000_001));

      // 1 - (1 - 0.5)(1 - 0.3)
      assertThat(verdict.riskScore()).isCloseTo(0.65f, within(1e-6f));
      assertThat(verdict.reasonCode()).isEqualTo("VERY_HIGH_AMOUNT");
      assertThat(verdict.fraud()).isFalse();
    }
  }

  @Nested
  class VelocityCount {

    @Test
    void tenTransactionsWithinTheWindowPassAndTheEleventhFires() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        assertThat(rules.check(tx("alice", 100)).reasonCode()).as("transaction %d", i + 1).isEqualTo("NONE");
        clock.advance(Duration.ofSeconds(5));
      }

      Verdict eleventh = rules.check(tx("alice", 100));

      assertThat(eleventh.reasonCode()).isEqualTo("VELOCITY_COUNT");
      assertThat(eleventh.riskScore()).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void transactionsThatLeftTheWindowNoLongerCount() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 100));
      }
      clock.advance(Duration.ofSeconds(60));

      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void aTransactionJustInsideTheWindowStillCounts() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 100));
      }
      clock.advance(Duration.ofMillis(59_999));

      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
    }

    @Test
    void countsEachUserSeparately() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 100));
      }

      assertThat(rules.check(tx("bob", 100)).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
    }

    @Test
    void keepsCountingExactlyWhenEntriesAreMerged() {
      FraudRules rules = rules(RulesSettings.builder().maxEventsPerUser(2).velocityCount(10, 0.5));
      for (int i = 0; i < 10; i++) {
        assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE");
        clock.advance(Duration.ofSeconds(1));
      }

      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
    }

    @Test
    void keepsCountingWithASingleEntryPerUser() {
      FraudRules rules = rules(RulesSettings.builder().maxEventsPerUser(1).velocityCount(3, 0.5));
      for (int i = 0; i < 3; i++) {
        assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE");
        clock.advance(Duration.ofSeconds(1));
      }

      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
      clock.advance(Duration.ofSeconds(60));
      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void mergedEntriesLeaveTheWindowWithTheYoungerTime() {
      FraudRules rules = rules(RulesSettings.builder().maxEventsPerUser(2).velocityCount(3, 0.5));
      rules.check(tx("alice", 100));                  // t = 0
      clock.advance(Duration.ofSeconds(10));
      rules.check(tx("alice", 100));                  // t = 10 s
      clock.advance(Duration.ofSeconds(10));
      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE"); // t = 20 s: 3 in the window
      clock.advance(Duration.ofSeconds(45));

      // t = 65 s: the first transaction left the window, but it was merged into a younger entry, so
      // it still counts (late, never early): 4 rather than 3.
      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
      clock.advance(Duration.ofSeconds(60));
      assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("NONE");
    }
  }

  @Nested
  class VelocityAmount {

    @Test
    void amountsUpToTheLimitPassAndOneCentMoreFires() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 5; i++) {
        assertThat(rules.check(tx("alice", 100_000)).reasonCode()).isEqualTo("NONE");
      }

      Verdict verdict = rules.check(tx("alice", 1));

      assertThat(verdict.reasonCode()).isEqualTo("VELOCITY_AMOUNT");
      assertThat(verdict.riskScore()).isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void amountsThatLeftTheWindowNoLongerCount() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100_000));
      rules.check(tx("alice", 100_000));
      rules.check(tx("alice", 100_000));
      clock.advance(Duration.ofSeconds(30));
      rules.check(tx("alice", 100_000));
      rules.check(tx("alice", 100_000));
      clock.advance(Duration.ofSeconds(30));

      // The first three left the window; 200,000 + 300,000 stays at the limit.
      assertThat(rules.check(tx("alice", 300_000)).reasonCode()).isEqualTo("HIGH_AMOUNT");
      assertThat(rules.check(tx("alice", 1)).reasonCode()).isEqualTo("VELOCITY_AMOUNT");
    }

    @Test
    void keepsTheTotalExactWhenEntriesAreMerged() {
      FraudRules rules = rules(RulesSettings.builder().maxEventsPerUser(3).velocityCount(100, 0.5));
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 50_000));
      }

      assertThat(rules.check(tx("alice", 1)).reasonCode()).isEqualTo("VELOCITY_AMOUNT");
    }

    @Test
    void handlesAmountsAtTheLargestValueWithoutOverflow() {
      FraudRules rules = rules(RulesSettings.builder().maxEventsPerUser(2).velocityCount(1_000_000, 0.5));
      for (int i = 0; i < 100; i++) {
        assertThat(rules.check(tx("alice", Long.MAX_VALUE)).reasonCode()).isEqualTo("VERY_HIGH_AMOUNT");
      }
      clock.advance(Duration.ofSeconds(60));

      assertThat(rules.check(tx("alice", 1)).reasonCode()).isEqualTo("NONE");
    }
  }

  @Nested
  class CountryChange {

    @Test
    void theFirstTransactionOfAUserNeverFires() {
      assertThat(defaultRules().check(tx("alice", 100, "FR")).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void aNewCountryWithinTheWindowFires() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));
      clock.advance(Duration.ofHours(23));

      Verdict verdict = rules.check(tx("alice", 100, "BR"));

      assertThat(verdict.reasonCode()).isEqualTo("COUNTRY_CHANGE");
      assertThat(verdict.riskScore()).isCloseTo(0.4f, within(1e-6f));
    }

    @Test
    void theSameCountryDoesNotFire() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));

      assertThat(rules.check(tx("alice", 100, "DE")).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void anyRecentCountryOfTheUserIsKnown() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));
      rules.check(tx("alice", 100, "FR"));

      assertThat(rules.check(tx("alice", 100, "DE")).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("alice", 100, "FR")).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("alice", 100, "IT")).reasonCode()).isEqualTo("COUNTRY_CHANGE");
    }

    @Test
    void countriesOlderThanTheWindowAreForgotten() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));
      clock.advance(Duration.ofHours(24));

      assertThat(rules.check(tx("alice", 100, "BR")).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void aCountrySeenAgainStaysRecentFromItsLatestVisit() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));
      clock.advance(Duration.ofHours(20));
      rules.check(tx("alice", 100, "DE"));
      clock.advance(Duration.ofHours(20));

      assertThat(rules.check(tx("alice", 100, "BR")).reasonCode()).isEqualTo("COUNTRY_CHANGE");
    }

    @Test
    void keepsTheMostRecentCountriesWhenAUserVisitsMany() {
      FraudRules rules = defaultRules();
      String[] countries = {"AT", "BE", "CH", "DE", "ES", "FR", "GR", "HU", "IE", "IT"};
      for (String country : countries) {
        rules.check(tx("alice", 100, country));
        clock.advance(Duration.ofMinutes(1));
      }

      // Eight countries are kept: the two seen first were replaced.
      assertThat(rules.check(tx("alice", 100, "IT")).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("alice", 100, "CH")).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("alice", 100, "AT")).reasonCode()).isEqualTo("COUNTRY_CHANGE");
    }
  }

  @Nested
  class BlockedMerchants {

    @Test
    void aBlockedMerchantIsFraudWithScoreOne() {
      FraudRules rules = rules(RulesSettings.builder().blockedMerchants(Set.of("evil-shop"), 1.0));

      Verdict verdict = rules.check(new Transaction("tx-1", "alice", 100, "evil-shop", "DE"));

      assertThat(verdict).isEqualTo(new Verdict("tx-1", true, 1f, "BLOCKED_MERCHANT"));
    }

    @Test
    void anyOtherMerchantPasses() {
      FraudRules rules = rules(RulesSettings.builder().blockedMerchants(Set.of("evil-shop"), 1.0));

      Verdict verdict = rules.check(new Transaction("tx-1", "alice", 100, "evil-shop-2", "DE"));

      assertThat(verdict).isEqualTo(new Verdict("tx-1", false, 0f, "NONE"));
    }
  }

  @Nested
  class Scoring {

    @Test
    void combinesWeightsAsOneMinusTheProductOfTheirComplements() {
      FraudRules rules = defaultRules();
      rules.check(tx("alice", 100, "DE"));
      Verdict verdict = rules.check(tx("alice", 100_001, "FR"));

      // HIGH_AMOUNT 0.2 and COUNTRY_CHANGE 0.4: 1 - 0.8 * 0.6
      assertThat(verdict.riskScore()).isCloseTo(0.52f, within(1e-6f));
      assertThat(verdict.reasonCode()).isEqualTo("COUNTRY_CHANGE");
      assertThat(verdict.fraud()).isFalse();
    }

    @Test
    void aScoreThatReachesTheThresholdIsFraudDespiteRounding() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 100, "DE"));
      }
      Verdict verdict = rules.check(tx("alice", 100, "FR"));

      // VELOCITY_COUNT 0.5 and COUNTRY_CHANGE 0.4: 1 - 0.5 * 0.6 = 0.7, the threshold.
      assertThat(verdict.riskScore()).isCloseTo(0.7f, within(1e-6f));
      assertThat(verdict.reasonCode()).isEqualTo("VELOCITY_COUNT");
      assertThat(verdict.fraud()).isTrue();
    }

    @Test
    void manyRulesTogetherStayBelowOne() {
      FraudRules rules = defaultRules();
      for (int i = 0; i < 10; i++) {
        rules.check(tx("alice", 100, "DE"));
      }
      Verdict verdict = rules.check(tx("alice", 2_000_000, "FR"));

      // VERY_HIGH_AMOUNT, VELOCITY_AMOUNT, VELOCITY_COUNT, COUNTRY_CHANGE: 1 - 0.5 * 0.7 * 0.5 * 0.6
      assertThat(verdict.riskScore()).isCloseTo(0.895f, within(1e-6f));
      assertThat(verdict.fraud()).isTrue();
    }

    @Test
    void theHeaviestFiredRuleIsTheReason() {
      FraudRules rules = rules(RulesSettings.builder().highAmount(100_000, 0.45));
      rules.check(tx("alice", 100, "DE"));

      assertThat(rules.check(tx("alice", 100_001, "FR")).reasonCode()).isEqualTo("HIGH_AMOUNT");
    }

    @Test
    void aTieGoesToTheRuleDeclaredFirst() {
      FraudRules rules = rules(RulesSettings.builder().highAmount(100_000, 0.4).countryChange(Duration.ofHours(24), 0.4));
      rules.check(tx("alice", 100, "DE"));

      assertThat(rules.check(tx("alice", 100_001, "FR")).reasonCode()).isEqualTo("HIGH_AMOUNT");
    }

    @Test
    void aRuleOfWeightZeroIsOff() {
      FraudRules rules = rules(RulesSettings.builder().highAmount(100_000, 0));

      Verdict verdict = rules.check(tx("alice", 100_001));

      assertThat(verdict.reasonCode()).isEqualTo("NONE");
      assertThat(verdict.riskScore()).isZero();
    }

    @Test
    void theFraudThresholdIsConfigurable() {
      FraudRules strict = rules(RulesSettings.builder().fraudThreshold(0.2));
      FraudRules lenient = rules(RulesSettings.builder().fraudThreshold(0.21));

      assertThat(strict.check(tx("alice", 100_001)).fraud()).isTrue();
      assertThat(lenient.check(tx("alice", 100_001)).fraud()).isFalse();
    }

    @Test
    void echoesTheTransactionId() {
      Verdict verdict = defaultRules().check(new Transaction("order-42/charge-1", "alice", 100, "shop-1", "DE"));

      assertThat(verdict.transactionId()).isEqualTo("order-42/charge-1");
    }
  }

  @Nested
  class UserLimit {

    @Test
    void forgetsTheLeastRecentlySeenUserBeyondTheLimit() {
      FraudRules rules = rules(RulesSettings.builder().maxUsers(2));
      rules.check(tx("alice", 100, "DE"));
      rules.check(tx("bob", 100, "DE"));
      rules.check(tx("carol", 100, "DE"));

      assertThat(rules.trackedUsers()).isEqualTo(2);
      // alice was forgotten, so France is her first country; carol is remembered.
      assertThat(rules.check(tx("alice", 100, "FR")).reasonCode()).isEqualTo("NONE");
      assertThat(rules.check(tx("carol", 100, "FR")).reasonCode()).isEqualTo("COUNTRY_CHANGE");
    }

    @Test
    void aUserSeenAgainIsNoLongerTheLeastRecent() {
      FraudRules rules = rules(RulesSettings.builder().maxUsers(2));
      rules.check(tx("alice", 100, "DE"));
      rules.check(tx("bob", 100, "DE"));
      rules.check(tx("alice", 100, "DE"));
      rules.check(tx("carol", 100, "DE"));

      assertThat(rules.check(tx("alice", 100, "FR")).reasonCode()).isEqualTo("COUNTRY_CHANGE");
      assertThat(rules.check(tx("bob", 100, "FR")).reasonCode()).isEqualTo("NONE");
    }

    @Test
    void neverKeepsMoreUsersThanTheLimitAcrossStripes() {
      FraudRules rules = rules(RulesSettings.builder().maxUsers(5_000));
      for (int i = 0; i < 50_000; i++) {
        rules.check(tx("user-" + i, 100));
      }

      assertThat(rules.trackedUsers()).isBetween(4_900, 5_000);
    }
  }

  @Test
  void givesTheSameVerdictsForTheSameTransactionsAndClock() {
    assertThat(replay(42)).isEqualTo(replay(42)).isNotEqualTo(replay(43));
  }

  private List<Verdict> replay(long seed) {
    MutableClock replayClock = MutableClock.startingAt("2026-01-05T10:00:00Z");
    FraudRules rules = new FraudRules(RulesSettings.builder()
        .maxUsers(20).maxEventsPerUser(4).blockedMerchants(Set.of("m-3"), 1.0).build(), replayClock);
    Random random = new Random(seed);
    String[] countries = {"DE", "FR", "IT"};
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      replayClock.advance(Duration.ofMillis(random.nextInt(2_000)));
      verdicts.add(rules.check(new Transaction("tx-" + i, "user-" + random.nextInt(30),
          random.nextInt(200_000), "m-" + random.nextInt(50), countries[random.nextInt(countries.length)])));
    }
    return verdicts;
  }

  @Test
  void treatsAClockThatStepsBackAsStandingStill() {
    FraudRules rules = rules(RulesSettings.builder().velocityCount(2, 0.5));
    clock.advance(Duration.ofMinutes(10));
    rules.check(tx("alice", 100));
    rules.check(tx("alice", 100));
    clock.advance(Duration.ofMinutes(-10));

    // Still inside the window of the two transactions above, not ten minutes before them.
    assertThat(rules.check(tx("alice", 100)).reasonCode()).isEqualTo("VELOCITY_COUNT");
  }

  @Test
  void countsEveryTransactionOfOneUserCheckedFromManyThreads() throws Exception {
    int threads = 8;
    int perThread = 2_000;
    FraudRules rules = rules(RulesSettings.builder().velocityCount(threads * perThread, 0.5).maxEventsPerUser(16));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Integer>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(() -> {
          start.await();
          int fired = 0;
          for (int i = 0; i < perThread; i++) {
            if (rules.check(tx("alice", 1)).reasonCode().equals("VELOCITY_COUNT")) {
              fired++;
            }
          }
          return fired;
        });
      }
      List<Future<Integer>> results = new ArrayList<>();
      for (Callable<Integer> worker : workers) {
        results.add(pool.submit(worker));
      }
      start.countDown();
      int fired = 0;
      for (Future<Integer> result : results) {
        fired += result.get();
      }

      assertThat(fired).isZero();
      assertThat(rules.check(tx("alice", 1)).reasonCode()).isEqualTo("VELOCITY_COUNT");
    } finally {
      pool.shutdownNow();
    }
  }
}
