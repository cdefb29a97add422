package dev.vertxshop.platform.metrics;

import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges of one name whose values a refresh sets, one per tag set (e.g. sagas per state, lag per
 * consumer group). A scrape reads the last value set; nothing is queried then.
 */
public final class GaugeFamily {

  private final ServiceMetrics metrics;
  private final String name;
  private final String description;
  private final Map<Tags, AtomicLong> values = new ConcurrentHashMap<>();

  GaugeFamily(ServiceMetrics metrics, String name, String description) {
    this.metrics = metrics;
    this.name = name;
    this.description = description;
  }

  /** Sets the gauge with {@code tags} (the {@code service} tag is added) to {@code value}. */
  public void set(Tags tags, double value) {
    values.computeIfAbsent(tags, this::register).set(Double.doubleToLongBits(value));
  }

  private AtomicLong register(Tags tags) {
    AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));
    metrics.gauge(name, description, tags, bits, held -> Double.longBitsToDouble(held.get()));
    return bits;
  }
}
