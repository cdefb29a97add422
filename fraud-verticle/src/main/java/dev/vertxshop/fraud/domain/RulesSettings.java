package dev.vertxshop.fraud.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link FraudRules} judges transactions. Every rule has a weight in [0, 1]; a weight of 0 turns the
 * rule off. The risk score of a transaction is {@code 1 - (1 - w1)(1 - w2)...} over the weights of the
 * rules it fires, and the transaction is fraud when that score reaches {@code fraudThreshold}.
 *
 * @param highAmountCents an amount above this fires {@link Rule#HIGH_AMOUNT}
 * @param highAmountWeight weight of {@link Rule#HIGH_AMOUNT}
 * @param veryHighAmountCents an amount above this fires {@link Rule#VERY_HIGH_AMOUNT} instead; not below
 *     {@code highAmountCents}
 * @param veryHighAmountWeight weight of {@link Rule#VERY_HIGH_AMOUNT}
 * @param velocityWindow how far back the velocity rules look (a sliding window per user)
 * @param velocityMaxCount more transactions than this within the window (this one included) fire
 *     {@link Rule#VELOCITY_COUNT}
 * @param velocityCountWeight weight of {@link Rule#VELOCITY_COUNT}
 * @param velocityMaxAmountCents amounts within the window (this one included) adding up to more than
 *     this fire {@link Rule#VELOCITY_AMOUNT}
 * @param velocityAmountWeight weight of {@link Rule#VELOCITY_AMOUNT}
 * @param countryWindow how long a country counts as one of the user's recent countries
 * @param countryChangeWeight weight of {@link Rule#COUNTRY_CHANGE}
 * @param blockedMerchants merchant ids that fire {@link Rule#BLOCKED_MERCHANT}
 * @param blockedMerchantWeight weight of {@link Rule#BLOCKED_MERCHANT}
 * @param fraudThreshold a risk score at or above this is fraud; in (0, 1]
 * @param maxUsers the most users whose history is kept; the least recently seen are forgotten first
 * @param maxEventsPerUser the most velocity entries kept per user; beyond it the two oldest are merged
 *     (totals stay exact, the merged amount leaves the window with the younger of the two)
 */
public record RulesSettings(
    long highAmountCents,
    double highAmountWeight,
    long veryHighAmountCents,
    double veryHighAmountWeight,
    Duration velocityWindow,
    int velocityMaxCount,
    double velocityCountWeight,
    long velocityMaxAmountCents,
    double velocityAmountWeight,
    Duration countryWindow,
    double countryChangeWeight,
    Set<String> blockedMerchants,
    double blockedMerchantWeight,
    double fraudThreshold,
    int maxUsers,
    int maxEventsPerUser) {

  /** Largest amount limit accepted (10^15 cents), so that window totals can never overflow. */
  public static final long MAX_CENTS = 1_000_000_000_000_000L;
  public static final int MAX_VELOCITY_COUNT = 1_000_000;
  public static final Duration MAX_WINDOW = Duration.ofDays(365);
  public static final int MAX_USERS = 10_000_000;
  public static final int MAX_EVENTS_PER_USER = 4096;

  public RulesSettings {
    requireCents("highAmountCents", highAmountCents);
    requireCents("veryHighAmountCents", veryHighAmountCents);
    if (veryHighAmountCents < highAmountCents) {
      throw new IllegalArgumentException("veryHighAmountCents " + veryHighAmountCents
          + " is below highAmountCents " + highAmountCents);
    }
    requireWeight("highAmountWeight", highAmountWeight);
    requireWeight("veryHighAmountWeight", veryHighAmountWeight);
    requireWindow("velocityWindow", velocityWindow);
    if (velocityMaxCount < 1 || velocityMaxCount > MAX_VELOCITY_COUNT) {
      throw new IllegalArgumentException("velocityMaxCount " + velocityMaxCount + " is outside 1.." + MAX_VELOCITY_COUNT);
    }
    requireWeight("velocityCountWeight", velocityCountWeight);
    requireCents("velocityMaxAmountCents", velocityMaxAmountCents);
    requireWeight("velocityAmountWeight", velocityAmountWeight);
    requireWindow("countryWindow", countryWindow);
    requireWeight("countryChangeWeight", countryChangeWeight);
    Objects.requireNonNull(blockedMerchants, "blockedMerchants");
    for (String merchant : blockedMerchants) {
      if (merchant == null || merchant.isBlank() || merchant.length() > Transaction.MAX_ID_LENGTH) {
        throw new IllegalArgumentException("blockedMerchants holds an invalid merchant id '" + merchant + "'");
      }
    }
    blockedMerchants = Set.copyOf(blockedMerchants);
    requireWeight("blockedMerchantWeight", blockedMerchantWeight);
    if (!(fraudThreshold > 0 && fraudThreshold <= 1)) {
      throw new IllegalArgumentException("fraudThreshold " + fraudThreshold + " is outside (0, 1]");
    }
    if (maxUsers < 1 || maxUsers > MAX_USERS) {
      throw new IllegalArgumentException("maxUsers " + maxUsers + " is outside 1.." + MAX_USERS);
    }
    if (maxEventsPerUser < 1 || maxEventsPerUser > MAX_EVENTS_PER_USER) {
      throw new IllegalArgumentException("maxEventsPerUser " + maxEventsPerUser + " is outside 1.." + MAX_EVENTS_PER_USER);
    }
  }

  /**
   * The defaults: high amount above 100,000 cents (0.2), very high above 1,000,000 (0.5); velocity over
   * 60 s: more than 10 transactions (0.5) or more than 500,000 cents (0.3); a new country within 24 h
   * (0.4); no blocked merchants (1.0); fraud from a score of 0.7; 100,000 users of 32 entries each.
   */
  public static RulesSettings defaults() {
    return builder().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .highAmount(highAmountCents, highAmountWeight)
        .veryHighAmount(veryHighAmountCents, veryHighAmountWeight)
        .velocityWindow(velocityWindow)
        .velocityCount(velocityMaxCount, velocityCountWeight)
        .velocityAmount(velocityMaxAmountCents, velocityAmountWeight)
        .countryChange(countryWindow, countryChangeWeight)
        .blockedMerchants(blockedMerchants, blockedMerchantWeight)
        .fraudThreshold(fraudThreshold)
        .maxUsers(maxUsers)
        .maxEventsPerUser(maxEventsPerUser);
  }

  /** The weight of {@code rule}. */
  public double weight(Rule rule) {
    return switch (rule) {
      case BLOCKED_MERCHANT -> blockedMerchantWeight;
      case VERY_HIGH_AMOUNT -> veryHighAmountWeight;
      case HIGH_AMOUNT -> highAmountWeight;
      case VELOCITY_AMOUNT -> velocityAmountWeight;
      case VELOCITY_COUNT -> velocityCountWeight;
      case COUNTRY_CHANGE -> countryChangeWeight;
    };
  }

  private static void requireCents(String name, long cents) {
    if (cents < 0 || cents > MAX_CENTS) {
      throw new IllegalArgumentException(name + " " + cents + " is outside 0.." + MAX_CENTS);
    }
  }

  private static void requireWeight(String name, double weight) {
    if (!(weight >= 0 && weight <= 1)) {
      throw new IllegalArgumentException(name + " " + weight + " is outside 0..1");
    }
  }

  private static void requireWindow(String name, Duration window) {
    Objects.requireNonNull(window, name);
    if (window.toMillis() < 1 || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(name + " " + window + " is outside 1 ms.." + MAX_WINDOW.toDays() + " days");
    }
  }

  /** Builds {@link RulesSettings}, starting from the defaults; {@link #build()} validates. */
  public static final class Builder {

    private long highAmountCents = 100_000;
    private double highAmountWeight = 0.2;
    private long veryHighAmountCents = 1_000_000;
    private double veryHighAmountWeight = 0.5;
    private Duration velocityWindow = Duration.ofSeconds(60);
    private int velocityMaxCount = 10;
    private double velocityCountWeight = 0.5;
    private long velocityMaxAmountCents = 500_000;
    private double velocityAmountWeight = 0.3;
    private Duration countryWindow = Duration.ofHours(24);
    private double countryChangeWeight = 0.4;
    private Set<String> blockedMerchants = Set.of();
    private double blockedMerchantWeight = 1.0;
    private double fraudThreshold = 0.7;
    private int maxUsers = 100_000;
    private int maxEventsPerUser = 32;

    private Builder() {}

    public Builder highAmount(long cents, double weight) {
      this.highAmountCents = cents;
      this.highAmountWeight = weight;
      return this;
    }

    public Builder veryHighAmount(long cents, double weight) {
      this.veryHighAmountCents = cents;
      this.veryHighAmountWeight = weight;
      return this;
    }

    public Builder velocityWindow(Duration window) {
      this.velocityWindow = window;
      return this;
    }

    public Builder velocityCount(int maxCount, double weight) {
      this.velocityMaxCount = maxCount;
      this.velocityCountWeight = weight;
      return this;
    }

    public Builder velocityAmount(long maxAmountCents, double weight) {
      this.velocityMaxAmountCents = maxAmountCents;
      this.velocityAmountWeight = weight;
      return this;
    }

    public Builder countryChange(Duration window, double weight) {
      this.countryWindow = window;
      this.countryChangeWeight = weight;
      return this;
    }

    public Builder blockedMerchants(Set<String> merchants, double weight) {
      this.blockedMerchants = merchants;
      this.blockedMerchantWeight = weight;
      return this;
    }

    public Builder fraudThreshold(double threshold) {
      this.fraudThreshold = threshold;
      return this;
    }

    public Builder maxUsers(int maxUsers) {
      this.maxUsers = maxUsers;
      return this;
    }

    public Builder maxEventsPerUser(int maxEventsPerUser) {
      this.maxEventsPerUser = maxEventsPerUser;
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting */
    public RulesSettings build() {
      return new RulesSettings(highAmountCents, highAmountWeight, veryHighAmountCents, veryHighAmountWeight,
          velocityWindow, velocityMaxCount, velocityCountWeight, velocityMaxAmountCents, velocityAmountWeight,
          countryWindow, countryChangeWeight, blockedMerchants, blockedMerchantWeight, fraudThreshold,
          maxUsers, maxEventsPerUser);
    }
  }
}
