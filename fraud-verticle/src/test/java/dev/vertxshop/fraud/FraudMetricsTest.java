package dev.vertxshop.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.testing.PrometheusScrape;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fraud's decisions and gRPC calls at {@code GET /metrics} on its HTTP port. */
class FraudMetricsTest {

  private Vertx vertx;
  private FraudVerticle verticle;
  private ServiceFraudClient fraud;

  @BeforeEach
  void start() throws Exception {
    Settings settings = ConfigLoader.load(TestTokens.env()).with("fraud.http.port", 0).with("fraud.grpc.port", 0)
        .with("fraud.rules.blocked-merchants.ids", "evil-shop");
    vertx = Vertx.vertx(Metrics.configure(new VertxOptions(), settings));
    verticle = new FraudVerticle(FraudConfig.from(settings));
    vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    fraud = ServiceFraudClient.create(GrpcClient.client(vertx), SocketAddress.inetSocketAddress(verticle.grpcPort(), "127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static TransactionRequest request(String transactionId, String merchantId) {
    return TransactionRequest.newBuilder().setTransactionId(transactionId).setUserId("alice").setAmountCents(1_000)
        .setMerchantId(merchantId).setCountryCode("DE").build();
  }

  private PrometheusScrape scrape() throws Exception {
    HttpResponse<Buffer> response = WebClient.create(vertx).get(verticle.httpPort(), "127.0.0.1", "/metrics").send()
        .await(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(response.bodyAsString());
  }

  @Test
  void countsDecisionsByReasonAndTimesEachCallByStatus() throws Exception {
    fraud.checkTransaction(request("tx-1", "corner-shop")).await(10, TimeUnit.SECONDS);
    fraud.checkTransaction(request("tx-2", "corner-shop")).await(10, TimeUnit.SECONDS);
    fraud.checkTransaction(request("tx-3", "evil-shop")).await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> fraud.checkTransaction(request("", "corner-shop")).await(10, TimeUnit.SECONDS));

    PrometheusScrape scrape = scrape();

    Map<String, String> fraudService = Map.of("service", "fraud");
    assertThat(scrape.value("fraud_decisions_total", Map.of("service", "fraud", "decision", "legitimate", "reason", "NONE")))
        .contains(2.0);
    assertThat(scrape.value("fraud_decisions_total", Map.of("service", "fraud", "decision", "fraud", "reason", "BLOCKED_MERCHANT")))
        .contains(1.0);
    assertThat(scrape.value("fraud_decisions_total", Map.of("service", "fraud", "decision", "invalid", "reason", "INVALID_REQUEST")))
        .contains(1.0);
    assertThat(scrape.value("grpc_server_calls_seconds_count", Map.of("method", "CheckTransaction", "status", "OK")))
        .contains(3.0);
    assertThat(scrape.value("grpc_server_calls_seconds_count", Map.of("method", "CheckTransaction", "status", "INVALID_ARGUMENT")))
        .contains(1.0);
    assertThat(scrape.find("grpc_server_calls_seconds_bucket", fraudService)).isNotEmpty();
    // What Vert.x records of the same calls at the HTTP/2 level, on the gRPC port.
    assertThat(scrape.sum("vertx_http_server_requests_total", Map.of("method", "POST"))).isEqualTo(4);
  }

  @Test
  void countsCallsRefusedForTheirCredentialAndJudgesNothingOfThem() throws Exception {
    GrpcClient client = GrpcClient.client(vertx);
    SocketAddress address = SocketAddress.inetSocketAddress(verticle.grpcPort(), "127.0.0.1");
    for (String authorization : new String[] {null, TestTokens.bearer(TestTokens.customer("alice"))}) {
      GrpcClientResponse<TransactionRequest, FraudCheckResult> response = client.request(address, FraudDetectionGrpcClient.CheckTransaction)
          .compose(call -> {
            if (authorization != null) {
              call.headers().set(ServiceFraudClient.AUTHORIZATION, authorization);
            }
            return call.end(request("tx-1", "corner-shop")).compose(sent -> call.response());
          })
          .compose(answer -> answer.end().transform(ended -> Future.succeededFuture(answer)))
          .await(10, TimeUnit.SECONDS);
      assertThat(response.status()).isIn(GrpcStatus.UNAUTHENTICATED, GrpcStatus.PERMISSION_DENIED);
    }

    PrometheusScrape scrape = scrape();

    assertThat(scrape.value("grpc_server_refused_total", Map.of("service", "fraud", "status", "UNAUTHENTICATED"))).contains(1.0);
    assertThat(scrape.value("grpc_server_refused_total", Map.of("service", "fraud", "status", "PERMISSION_DENIED"))).contains(1.0);
    assertThat(scrape.find("fraud_decisions_total", Map.of("service", "fraud"))).isEmpty();
  }

  @Test
  void aStoppedServiceLeavesNoMetersBehind() throws Exception {
    fraud.checkTransaction(request("tx-1", "corner-shop")).await(10, TimeUnit.SECONDS);
    String id = vertx.deploymentIDs().iterator().next();

    vertx.undeploy(id).await(10, TimeUnit.SECONDS);

    assertThat(Metrics.registry(vertx).orElseThrow().getMeters())
        .noneMatch(meter -> "fraud".equals(meter.getId().getTag("service")));
  }
}
