package dev.vertxshop.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters one service adds to its Vert.x instance's registry ({@link Metrics}), each tagged
 * {@code service=<name>}: counters, timers, gauges, and gauges whose values a periodic query
 * refreshes ({@link #every}), so that a scrape never runs a query. A service creates one when it
 * starts and closes it when it stops: its meters leave the registry then, so a service restarted on
 * the same Vert.x instance registers fresh ones instead of finding the stopped one's. When the
 * instance records no metrics, the meters keep nothing and no query runs.
 */
public final class ServiceMetrics {

  /** How often the gauges that need a query (saga counts, outbox backlog, consumer lag) are refreshed. */
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

  private final Vertx vertx;
  private final String service;
  private final MeterRegistry registry;
  private final boolean recording;
  private final Map<Meter.Id, Meter> meters = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Long> timers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private ServiceMetrics(Vertx vertx, String service, MeterRegistry registry, boolean recording) {
    this.vertx = vertx;
    this.service = Objects.requireNonNull(service, "service");
    this.registry = registry;
    this.recording = recording;
  }

  /** The meters of {@code service} on {@code vertx}'s registry. */
  public static ServiceMetrics create(Vertx vertx, String service) {
    Objects.requireNonNull(vertx, "vertx");
    Optional<PrometheusMeterRegistry> registry = Metrics.registry(vertx);
    return new ServiceMetrics(vertx, service, registry.<MeterRegistry>map(r -> r).orElseGet(CompositeMeterRegistry::new),
        registry.isPresent());
  }

  /** Meters that keep nothing, for code run without a service around it. */
  public static ServiceMetrics none() {
    return new ServiceMetrics(null, "none", new CompositeMeterRegistry(), false);
  }

  public String service() {
    return service;
  }

  /** True when the meters are recorded (the Vert.x instance was set up by {@link Metrics#configure}). */
  public boolean recording() {
    return recording;
  }

  /** The counter {@code name} with {@code tags} (the {@code service} tag is added). */
  public Counter counter(String name, String description, Tags tags) {
    return keep(Counter.builder(name).description(description).tags(tagged(tags)).register(registry));
  }

  /** A counter whose total is read from {@code source} (which must only grow). */
  public <T> void functionCounter(String name, String description, Tags tags, T source, ToDoubleFunction<T> total) {
    keep(FunctionCounter.builder(name, source, total).description(description).tags(tagged(tags)).register(registry));
  }

  /** The timer {@code name} with {@code tags}; its histogram buckets are the registry's ({@link Metrics}). */
  public Timer timer(String name, String description, Tags tags) {
    return keep(Timer.builder(name).description(description).tags(tagged(tags)).register(registry));
  }

  /** A gauge reading {@code value} from {@code source} at each scrape; the source must be cheap to read. */
  public <T> void gauge(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
    keep(Gauge.builder(name, source, value).description(description).tags(tagged(tags)).strongReference(true)
        .register(registry));
  }

  /** A family of gauges named {@code name} whose values are set, per tag set, by a refresh. */
  public GaugeFamily gauges(String name, String description) {
    return new GaugeFamily(this, name, description);
  }

  /**
   * Runs {@code refresh} at once and then every {@link #REFRESH_INTERVAL}, one run at a time (a run
   * that outlasts the interval makes the next one wait). A failed run is logged and its gauges keep
   * their last values. Nothing runs when the meters are not recorded.
   */
  public void every(Supplier<Future<?>> refresh) {
    every(REFRESH_INTERVAL, refresh);
  }

  void every(Duration interval, Supplier<Future<?>> refresh) {
    if (!recording || closed) {
      return;
    }
    AtomicBoolean running = new AtomicBoolean();
    Runnable run = () -> {
      if (closed || !running.compareAndSet(false, true)) {
        return;
      }
      Future<?> done;
      try {
        done = refresh.get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      done.onComplete(ran -> {
        running.set(false);
        if (ran.failed() && !closed) {
          LOG.debug("{}: a metrics refresh failed: {}", service, ran.cause().toString());
        }
      });
    };
    vertx.runOnContext(now -> run.run());
    timers.add(vertx.setPeriodic(interval.toMillis(), tick -> run.run()));
  }

  /** Stops the refreshes and removes this service's meters from the registry. */
  public void close() {
    closed = true;
    timers.forEach(vertx::cancelTimer);
    timers.clear();
    meters.values().forEach(registry::remove);
    meters.clear();
  }

  Tags tagged(Tags tags) {
    return tags.and("service", service);
  }

  MeterRegistry registry() {
    return registry;
  }

  <M extends Meter> M keep(M meter) {
    meters.put(meter.getId(), meter);
    return meter;
  }
}
