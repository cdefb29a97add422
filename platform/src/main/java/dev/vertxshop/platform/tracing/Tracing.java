package dev.vertxshop.platform.tracing;

import dev.vertxshop.platform.config.Settings;
import io.vertx.core.VertxOptions;

/** The services' traces: how a Vert.x instance records and propagates them. */
public final class Tracing {

  private Tracing() {}

  /** Sets up {@code options} so that the Vert.x instance they create traces what it does. */
  public static VertxOptions configure(VertxOptions options, Settings settings) {
    return options;
  }
}
