package dev.vertxshop.launcher.dashboard;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns ever-growing totals (counters) into rates per second between two consecutive readings.
 * The first reading after a reset gives 0: there is nothing to compare it with yet.
 */
final class Rates {

  private final Clock clock;
  private final Map<String, Double> lastTotals = new HashMap<>();
  private long lastTick;
  private long tick;

  Rates(Clock clock) {
    this.clock = clock;
  }

  /** Starts a new reading: every rate asked for until the next call compares with the previous reading. */
  void tick() {
    lastTick = tick;
    tick = clock.millis();
  }

  /** Forgets every total, so that the next reading starts afresh (after nobody watched for a while). */
  void reset() {
    lastTotals.clear();
    lastTick = 0;
    tick = 0;
  }

  /**
   * The rate of {@code total} since the previous reading. A total first seen after the first reading
   * belongs to a meter created since then, which counted from zero.
   */
  double perSecond(String key, double total) {
    Double seen = lastTotals.put(key, total);
    long elapsed = tick - lastTick;
    if (lastTick == 0 || elapsed <= 0) {
      return 0;
    }
    double previous = seen == null ? 0 : seen;
    return total < previous ? 0 : (total - previous) * 1000.0 / elapsed;
  }
}
