package dev.vertxshop.fraud.domain;

/**
 * What a {@link UserActivity} needs from the settings, in the units it works with.
 *
 * @param velocityWindowMillis entries this old or older leave the velocity window
 * @param countCap the first transaction count above the limit: reaching it fires the rule, and counts
 *     are kept only up to it
 * @param amountCap the first amount above the limit, likewise
 * @param countryWindowMillis countries seen this long ago or longer are no longer recent
 * @param maxEvents the most velocity entries kept
 */
record HistoryLimits(long velocityWindowMillis, int countCap, long amountCap, long countryWindowMillis, int maxEvents) {

  static HistoryLimits of(RulesSettings settings) {
    return new HistoryLimits(
        settings.velocityWindow().toMillis(),
        settings.velocityMaxCount() + 1,
        settings.velocityMaxAmountCents() + 1,
        settings.countryWindow().toMillis(),
        settings.maxEventsPerUser());
  }
}
