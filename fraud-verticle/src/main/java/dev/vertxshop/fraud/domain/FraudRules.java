package dev.vertxshop.fraud.domain;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges transactions by rules (see {@link Rule}) and keeps the per-user history the rules need.
 *
 * <p>Scoring: each rule that fires contributes its weight {@code w} from {@link RulesSettings}; the risk
 * score is {@code 1 - (1 - w1)(1 - w2)...}, so one rule alone scores its own weight, more rules raise the
 * score towards 1 without passing it, and the order does not matter. A rule of weight 0 is off. The
 * reason is the heaviest fired rule (ties go to the rule declared first in {@link Rule}); the verdict
 * is fraud when the score reaches {@link RulesSettings#fraudThreshold()} (compared with a tolerance of
 * 1e-9, so that weights such as 0.5 and 0.4 reach a threshold of 0.7 despite rounding).
 *
 * <p>Every checked transaction counts towards its user's history, whatever the verdict: a burst of
 * declined attempts is itself a signal. The history lives in memory only and is bounded twice: entries
 * older than their window are dropped at the user's next check, and at most {@link
 * RulesSettings#maxUsers()} users are kept, the least recently seen forgotten first (a forgotten user
 * starts again with no history). Users are spread by the hash of their id over up to 64 stripes, each a
 * least-recently-used map with its own lock and an equal share of the limit; below 512 users there is a
 * single stripe, so eviction is exactly least-recently-seen.
 *
 * <p>Thread-safe: the rules are immutable and each stripe is guarded by its own lock, held only for the
 * user's update. A check costs O(entries that leave the user's window), amortised O(1), and allocates
 * only the verdict (plus the history of a user seen for the first time). Deterministic for a given
 * sequence of transactions and clock readings; a clock that steps back is treated, per user, as
 * standing still.
 */
public final class FraudRules {

  private static final double SCORE_TOLERANCE = 1e-9;
  private static final int MAX_STRIPES = 64;
  private static final int USERS_PER_STRIPE = 256;
  private static final Rule[] RULES = Rule.all();

  private final RulesSettings settings;
  private final Clock clock;
  private final double[] weights = new double[RULES.length];
  private final HistoryLimits limits;
  private final Set<String> blockedMerchants;
  private final UserStripe[] stripes;
  private final int stripeBits;

  public FraudRules(RulesSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (Rule rule : RULES) {
      weights[rule.ordinal()] = settings.weight(rule);
    }
    this.limits = HistoryLimits.of(settings);
    this.blockedMerchants = settings.blockedMerchants();
    int stripeCount = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, settings.maxUsers() / USERS_PER_STRIPE)));
    this.stripeBits = Integer.numberOfTrailingZeros(stripeCount);
    this.stripes = new UserStripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new UserStripe(settings.maxUsers() / stripeCount);
    }
  }

  /** Judges {@code transaction} at the clock's current time and adds it to its user's history. */
  public Verdict check(Transaction transaction) {
    long now = clock.millis();
    int fired = amountRule(transaction.amountCents())
        | merchantRule(transaction.merchantId())
        | historyRules(transaction, now);
    return verdict(transaction.transactionId(), fired);
  }

  /** The settings these rules judge by. */
  public RulesSettings settings() {
    return settings;
  }

  /** How many users have a history right now (at most {@link RulesSettings#maxUsers()}). */
  public int trackedUsers() {
    int users = 0;
    for (UserStripe stripe : stripes) {
      synchronized (stripe) {
        users += stripe.size();
      }
    }
    return users;
  }

  private int amountRule(long amountCents) {
    if (amountCents > settings.veryHighAmountCents()) {
      return Rule.VERY_HIGH_AMOUNT.bit();
    }
    return amountCents > settings.highAmountCents() ? Rule.HIGH_AMOUNT.bit() : 0;
  }

  private int merchantRule(String merchantId) {
    return blockedMerchants.contains(merchantId) ? Rule.BLOCKED_MERCHANT.bit() : 0;
  }

  private int historyRules(Transaction transaction, long now) {
    String userId = transaction.userId();
    UserStripe stripe = stripeOf(userId);
    synchronized (stripe) {
      UserActivity activity = stripe.get(userId);
      if (activity == null) {
        activity = new UserActivity();
        stripe.put(userId, activity);
      }
      return activity.record(now, transaction.amountCents(), transaction.countryCode(), limits);
    }
  }

  private UserStripe stripeOf(String userId) {
    if (stripeBits == 0) {
      return stripes[0];
    }
    // Fibonacci hashing takes the stripe from the high bits, leaving the low bits, which the stripe's
    // own hash table uses, evenly spread within each stripe.
    return stripes[(userId.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - stripeBits)];
  }

  private Verdict verdict(String transactionId, int fired) {
    double unaffected = 1.0;
    Rule reason = null;
    double reasonWeight = 0;
    for (Rule rule : RULES) {
      double weight = weights[rule.ordinal()];
      if ((fired & rule.bit()) == 0 || weight <= 0) {
        continue;
      }
      unaffected *= 1 - weight;
      if (weight > reasonWeight) {
        reason = rule;
        reasonWeight = weight;
      }
    }
    double score = 1 - unaffected;
    boolean fraud = score >= settings.fraudThreshold() - SCORE_TOLERANCE;
    return new Verdict(transactionId, fraud, (float) score, reason == null ? Verdict.NONE : reason.name());
  }

  /** A share of the users: a least-recently-used map of its own capacity, guarded by its own monitor. */
  private static final class UserStripe extends LinkedHashMap<String, UserActivity> {

    private final int capacity;

    UserStripe(int capacity) {
      super(16, 0.75f, true);
      this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, UserActivity> eldest) {
      return size() > capacity;
    }
  }
}
