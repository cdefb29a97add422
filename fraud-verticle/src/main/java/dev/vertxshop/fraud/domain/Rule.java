package dev.vertxshop.fraud.domain;

/**
 * The rules a transaction can fire; each name is also the {@code reason_code} of a verdict whose
 * heaviest fired rule it is. When two fired rules weigh the same, the one declared first here is the
 * reason.
 */
public enum Rule {
  /** The merchant is on the configured block list. */
  BLOCKED_MERCHANT,
  /** The amount is above the very-high threshold (then {@link #HIGH_AMOUNT} does not fire). */
  VERY_HIGH_AMOUNT,
  /** The amount is above the high threshold but not above the very-high one. */
  HIGH_AMOUNT,
  /** The user's amounts within the velocity window add up to more than the limit. */
  VELOCITY_AMOUNT,
  /** The user made more transactions within the velocity window than the limit. */
  VELOCITY_COUNT,
  /** The user was seen recently, but never in this country within the country window. */
  COUNTRY_CHANGE;

  private static final Rule[] ALL = values();

  /** Every rule in declaration order (a shared array: do not modify). */
  static Rule[] all() {
    return ALL;
  }

  int bit() {
    return 1 << ordinal();
  }
}
