package dev.vertxshop.launcher.dashboard;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Latency percentiles of the requests recorded since the previous reading, from the histogram
 * buckets of a set of timers (their counts summed per bucket). A percentile is the upper bound of
 * the bucket it falls in, in milliseconds: "at most this long".
 */
final class LatencyWindow {

  private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

  private TreeMap<Double, Double> previous;
  private double previousTotal;

  /** {@code {"p50": ms, "p95": ms, "p99": ms, "count": n}}, with null percentiles when nothing was recorded. */
  JsonObject read(Collection<Timer> timers) {
    TreeMap<Double, Double> cumulative = new TreeMap<>();
    for (Timer timer : timers) {
      for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
        cumulative.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
      }
    }
    double all = timers.stream().mapToLong(Timer::count).sum();
    // The first reading after a reset has nothing to compare with: it only sets the baseline.
    TreeMap<Double, Double> baseline = previous == null ? cumulative : previous;
    double total = previous == null ? 0 : all - previousTotal;
    TreeMap<Double, Double> window = new TreeMap<>();
    cumulative.forEach((bound, count) -> window.put(bound, Math.max(0, count - baseline.getOrDefault(bound, 0.0))));
    previous = cumulative;
    previousTotal = all;
    JsonObject result = new JsonObject().put("count", (long) Math.max(0, total));
    for (double percentile : PERCENTILES) {
      result.put("p" + Math.round(percentile * 100), total <= 0 ? null : bound(window, percentile * total));
    }
    return result;
  }

  void reset() {
    previous = null;
    previousTotal = 0;
  }

  /** The smallest bucket bound whose cumulative count reaches {@code rank}; null beyond the last bucket. */
  private static Double bound(TreeMap<Double, Double> window, double rank) {
    for (var bucket : window.entrySet()) {
      if (bucket.getValue() >= rank) {
        return bucket.getKey();
      }
    }
    return null;
  }
}
