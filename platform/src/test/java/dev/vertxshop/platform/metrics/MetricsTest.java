package dev.vertxshop.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final List<Vertx> started = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (Vertx vertx : started) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private Vertx vertx(Settings settings) {
    Vertx vertx = Vertx.vertx(Metrics.configure(new VertxOptions(), settings));
    started.add(vertx);
    return vertx;
  }

  private static Settings defaults() {
    return ConfigLoader.load(Map.of());
  }

  private static int statusOf(Vertx vertx, Router router, String path) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    HttpClient client = vertx.createHttpClient();
    HttpClientResponse response = client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
        .compose(request -> request.send())
        .await(10, TimeUnit.SECONDS);
    return response.statusCode();
  }

  @Test
  void eachVertxInstanceRecordsIntoAPrometheusRegistryOfItsOwn() {
    Vertx one = vertx(defaults());
    Vertx other = vertx(defaults());

    PrometheusMeterRegistry first = Metrics.registry(one).orElseThrow();
    PrometheusMeterRegistry second = Metrics.registry(other).orElseThrow();

    assertThat(first).isNotSameAs(second);
    assertThat(first.scrape()).contains("jvm_memory_used_bytes");
  }

  @Test
  void withMetricsDisabledNothingIsRecordedAndMetricsIsNotServed() throws Exception {
    Vertx vertx = vertx(defaults().with("metrics.enabled", false));
    Router router = Router.router(vertx);

    Metrics.mount(router, vertx);

    assertThat(Metrics.registry(vertx)).isEmpty();
    assertThat(ServiceMetrics.create(vertx, "svc").recording()).isFalse();
    assertThat(statusOf(vertx, router, Metrics.PATH)).isEqualTo(404);
  }

  @Test
  void jvmMetricsCanBeLeftOut() {
    Vertx vertx = vertx(defaults().with("metrics.jvm", false));

    assertThat(Metrics.registry(vertx).orElseThrow().scrape()).doesNotContain("jvm_memory_used_bytes");
  }

  @Test
  void servesThePrometheusTextFormat() throws Exception {
    Vertx vertx = vertx(defaults());
    Router router = Router.router(vertx);
    Metrics.mount(router, vertx);
    ServiceMetrics.create(vertx, "svc").counter("things.done", "Things done", Tags.of("kind", "a")).increment();

    assertThat(statusOf(vertx, router, Metrics.PATH)).isEqualTo(200);
    assertThat(Metrics.registry(vertx).orElseThrow().scrape()).contains("things_done_total{kind=\"a\",service=\"svc\"} 1.0");
  }

  @Test
  void timersHaveBucketsFrom5MillisecondsTo10SecondsAndSizesHaveNone() throws Exception {
    Vertx vertx = vertx(defaults());
    Router router = Router.router(vertx);
    Metrics.mount(router, vertx);
    ServiceMetrics.create(vertx, "svc").timer("work.done", "Work", Tags.empty()).record(Duration.ofMillis(7));
    statusOf(vertx, router, Metrics.PATH);

    String scrape = Metrics.registry(vertx).orElseThrow().scrape();

    assertThat(scrape)
        .contains("work_done_seconds_bucket{service=\"svc\",le=\"0.005\"} 0")
        .contains("work_done_seconds_bucket{service=\"svc\",le=\"0.01\"} 1")
        .contains("work_done_seconds_bucket{service=\"svc\",le=\"10.0\"} 1")
        .contains("vertx_http_server_response_time_seconds_bucket{")
        .contains("vertx_http_server_response_bytes_count{")
        .doesNotContain("vertx_http_server_response_bytes_bucket{");
    assertThat(scrape.lines().filter(line -> line.startsWith("work_done_seconds_bucket"))).hasSize(12);
  }

  @Test
  void polledGaugesShowTheLastRefreshAndLeaveTheRegistryOnClose() {
    Vertx vertx = vertx(defaults());
    PrometheusMeterRegistry registry = Metrics.registry(vertx).orElseThrow();
    ServiceMetrics metrics = ServiceMetrics.create(vertx, "svc");
    GaugeFamily queued = metrics.gauges("jobs.queued", "Jobs waiting");
    AtomicInteger refreshes = new AtomicInteger();

    metrics.every(Duration.ofMillis(20), () -> {
      queued.set(Tags.of("queue", "q1"), refreshes.incrementAndGet());
      return Future.succeededFuture();
    });

    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> refreshes.get() >= 3);
    assertThat(registry.get("jobs.queued").tags("service", "svc", "queue", "q1").gauge().value()).isGreaterThanOrEqualTo(3);

    metrics.close();
    int afterClose = refreshes.get();
    awaitTicks(vertx, 10);

    assertThat(registry.find("jobs.queued").gauges()).isEmpty();
    // A refresh already past its check when close() ran may still finish; none starts after it.
    assertThat(refreshes.get()).isLessThanOrEqualTo(afterClose + 1);
  }

  /** Waits until a timer at the refresh pace has fired {@code ticks} times on {@code vertx}. */
  private static void awaitTicks(Vertx vertx, int ticks) {
    AtomicInteger fired = new AtomicInteger();
    long timer = vertx.setPeriodic(20, tick -> fired.incrementAndGet());
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> fired.get() >= ticks);
    vertx.cancelTimer(timer);
  }

  @Test
  void aRefreshStillRunningIsNotStartedAgain() {
    Vertx vertx = vertx(defaults());
    ServiceMetrics metrics = ServiceMetrics.create(vertx, "svc");
    AtomicInteger runs = new AtomicInteger();
    Promise<Void> never = Promise.promise();

    metrics.every(Duration.ofMillis(10), () -> {
      runs.incrementAndGet();
      return never.future();
    });
    awaitTicks(vertx, 10);

    assertThat(runs.get()).isEqualTo(1);
    metrics.close();
  }
}
