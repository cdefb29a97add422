package dev.vertxshop.platform.metrics;

import dev.vertxshop.platform.config.Settings;
import io.vertx.core.VertxOptions;

/** The services' metrics: what a Vert.x instance records, and where they are read. */
public final class Metrics {

  private Metrics() {}

  /** Sets up {@code options} so that the Vert.x instance they create records the metrics. */
  public static VertxOptions configure(VertxOptions options, Settings settings) {
    return options;
  }
}
