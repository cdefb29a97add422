package dev.vertxshop.platform.metrics;

import dev.vertxshop.platform.config.Settings;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.metrics.MetricsProvider;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.micrometer.impl.MicrometerMetrics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The services' metrics: what a Vert.x instance records, and where they are read.
 *
 * <p>A Vert.x instance set up by {@link #configure} records into one Prometheus registry of its
 * own, shared by every service it runs: HTTP servers (labelled with the local address, so the port
 * tells the services apart, and with the route template, never the raw path), HTTP clients
 * (labelled with the address called), pools (the SQL pools named after their service),
 * the JVM, and the meters each service adds through {@link ServiceMetrics} (tagged {@code
 * service}). Every HTTP service serves that registry at {@code GET /metrics} ({@link #mount}).
 */
public final class Metrics {

  /** The path of the Prometheus endpoint on every service's HTTP port. */
  public static final String PATH = "/metrics";

  /**
   * The labels Vert.x puts on what it records. Only bounded ones: the route template and not the
   * path (which carries ids); the remote address is kept for clients (it names the service called)
   * and blanked for servers ({@link #ANY_CLIENT}), where it would name every client's port.
   */
  static final EnumSet<Label> LABELS = EnumSet.of(
      Label.LOCAL, Label.REMOTE, Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE);

  /**
   * Histogram buckets of every timer (Vert.x's and the services'), from 5 ms to 10 s. Sizes (bytes)
   * get no buckets: the sum and count answer what is asked of them, at a twentieth of the series.
   */
  static final MeterFilter TIMER_BUCKETS = new MeterFilter() {
    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
      if (id.getType() != Meter.Type.TIMER) {
        return config;
      }
      return DistributionStatisticConfig.builder()
          .serviceLevelObjectives(Stream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
              .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
              .toArray())
          .build()
          .merge(config);
    }
  };

  /** The value of the {@code remote} label on what servers record. */
  static final String ANY_CLIENT = "any";

  private Metrics() {}

  /**
   * Sets up {@code options} so that the Vert.x instance they create records the metrics, unless
   * {@code metrics.enabled} is false; {@code metrics.jvm} adds the JVM's.
   */
  public static VertxOptions configure(VertxOptions options, Settings settings) {
    if (!settings.bool("metrics.enabled")) {
      return options;
    }
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // A registry per Vert.x instance: tests start several in one JVM, and each must see its own.
        .setRegistryName("vertx-shop-" + UUID.randomUUID())
        .setLabels(LABELS)
        .addLabelMatch(anyRemote(MetricsDomain.HTTP_SERVER))
        .addLabelMatch(anyRemote(MetricsDomain.NET_SERVER))
        .setJvmMetricsEnabled(settings.bool("metrics.jvm"))
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(TIMER_BUCKETS);
    // Vert.x looks its backend up by registry name when the instance is created; set up first, this
    // registry (with its buckets) is the one it records into.
    BackendRegistries.setupBackend(metrics, registry);
    return options.setMetricsOptions(metrics);
  }

  private static Match anyRemote(MetricsDomain domain) {
    return new Match().setDomain(domain).setLabel(Label.REMOTE.toString()).setType(MatchType.REGEX).setValue(".*")
        .setAlias(ANY_CLIENT);
  }

  /** The Prometheus registry {@code vertx} records into, when it was set up by {@link #configure}. */
  public static Optional<PrometheusMeterRegistry> registry(Vertx vertx) {
    // vertx-micrometer-metrics keeps the registry behind the instance's metrics SPI (its own
    // MetricsService reads it the same way); the registry name alone cannot be read back.
    if (vertx instanceof MetricsProvider provider
        && provider.getMetrics() instanceof MicrometerMetrics metrics
        && metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
      return Optional.of(prometheus);
    }
    return Optional.empty();
  }

  /**
   * Serves {@code GET /metrics} (Prometheus text format) on {@code router} when {@code vertx} records
   * metrics; otherwise the path stays unknown (404).
   */
  public static void mount(Router router, Vertx vertx) {
    registry(vertx).ifPresent(registry -> router.get(PATH).handler(PrometheusScrapingHandler.create(registry)));
  }
}
