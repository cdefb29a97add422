package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.StandInFraud;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.testing.PrometheusScrape;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payments' calls to fraud, and its breaker for them, at {@code GET /metrics}. */
class PaymentsMetricsTest {

  private Vertx vertx;
  private RunningPayments payments;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(Metrics.configure(new VertxOptions(), ConfigLoader.load(Map.of())));
    payments = RunningPayments.start(vertx, Map.of(
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "3",
        "HTTP_CLIENT_BREAKER_OPEN_MS", "600000"));
  }

  @AfterEach
  void stop() {
    payments.close();
    await(vertx.close());
  }

  private void charge() {
    HttpResponse<Buffer> response = payments.post("/api/charges",
        PaymentsApiTest.chargeRequest("order-" + UUID.randomUUID(), 1_500, "4242424242424242"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private PrometheusScrape scrape() {
    HttpResponse<Buffer> response = payments.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(response.bodyAsString());
  }

  @Test
  void timesEachFraudCallByStatusAndShowsTheFraudBreakerOpening() {
    charge();
    StandInFraud fraud = payments.fraud().failWith(GrpcStatus.UNAVAILABLE);
    charge();
    charge();
    fraud.reset();
    charge();

    PrometheusScrape scrape = scrape();

    Map<String, String> calls = Map.of("service", "payments", "method", "CheckTransaction");
    assertThat(scrape.sum("grpc_client_calls_seconds_count", Map.of("method", "CheckTransaction", "status", "OK"))).isEqualTo(1);
    assertThat(scrape.sum("grpc_client_calls_seconds_count", Map.of("method", "CheckTransaction", "status", "UNAVAILABLE")))
        .isEqualTo(2);
    assertThat(scrape.find("grpc_client_calls_seconds_bucket", calls)).isNotEmpty();
    Map<String, String> breaker = Map.of("service", "payments", "breaker", "fraud");
    assertThat(scrape.value("circuit_breaker_state", breaker)).contains(1.0);
    assertThat(scrape.sum("circuit_breaker_calls_total", Map.of("breaker", "fraud", "outcome", "success"))).isEqualTo(1);
    assertThat(scrape.sum("circuit_breaker_calls_total", Map.of("breaker", "fraud", "outcome", "failure"))).isEqualTo(2);
    assertThat(scrape.sum("circuit_breaker_calls_total", Map.of("breaker", "fraud", "outcome", "rejected"))).isEqualTo(1);
    assertThat(scrape.value("vertx_pool_in_use", Map.of("pool_type", "sql", "pool_name", "payments"))).isPresent();
  }
}
