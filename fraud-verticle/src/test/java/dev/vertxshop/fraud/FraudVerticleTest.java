package dev.vertxshop.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FraudVerticleTest {

  private static Settings freePorts() {
    // Port 0: the verticle binds free ports and reports them through httpPort() and grpcPort().
    return ConfigLoader.load(TestTokens.env()).with("fraud.http.port", 0).with("fraud.grpc.port", 0);
  }

  private static FraudVerticle deploy(Vertx vertx) throws Exception {
    FraudVerticle verticle = new FraudVerticle(FraudConfig.from(freePorts()));
    vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
    return verticle;
  }

  private static Future<HttpResponse<Buffer>> get(Vertx vertx, FraudVerticle verticle, String path) {
    return WebClient.create(vertx).get(verticle.httpPort(), "127.0.0.1", path).send();
  }

  @Test
  void answersLivenessWithUp(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = get(vertx, deploy(vertx), "/health/live").await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void isReadyOnceTheGrpcServerServes(Vertx vertx) throws Exception {
    FraudVerticle verticle = deploy(vertx);

    HttpResponse<Buffer> response = get(vertx, verticle, "/health/ready").await(10, TimeUnit.SECONDS);

    assertThat(verticle.isServing()).isTrue();
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").getJsonObject(0).getString("id")).isEqualTo("grpc");
  }

  @Test
  void stopsServingWhenUndeployed(Vertx vertx) throws Exception {
    FraudVerticle verticle = new FraudVerticle(FraudConfig.from(freePorts()));
    String id = vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);

    vertx.undeploy(id).await(10, TimeUnit.SECONDS);

    assertThat(verticle.isServing()).isFalse();
  }

  @Test
  void answersAnUnknownPathWithNotFoundProblem(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = get(vertx, deploy(vertx), "/api/fraud-checks").await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).startsWith(Problem.MEDIA_TYPE);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
  }

  @Test
  void servesItsOpenApiDocument(Vertx vertx) throws Exception {
    HttpResponse<Buffer> response = get(vertx, deploy(vertx), "/openapi.yaml").await(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("title: fraud").contains("FraudDetection");
  }

  @Test
  void servesGrpcOnItsOwnPort(Vertx vertx) throws Exception {
    FraudVerticle verticle = deploy(vertx);

    FraudCheckResult result = ServiceFraudClient
        .create(GrpcClient.client(vertx), SocketAddress.inetSocketAddress(verticle.grpcPort(), "127.0.0.1"))
        .checkTransaction(transaction("tx-1"))
        .await(10, TimeUnit.SECONDS);

    assertThat(verticle.grpcPort()).isNotEqualTo(verticle.httpPort());
    assertThat(result.getReasonCode()).isEqualTo("NONE");
  }

  @Test
  void instancesSharingRulesSplitConnectionsAndJudgeUsersAsOne(Vertx vertx) throws Exception {
    int grpcPort = freePort();
    FraudConfig config = FraudConfig.from(freePorts().with("fraud.grpc.port", grpcPort));
    Supplier<FraudVerticle> shared = FraudVerticle.sharingRules(config);
    List<FraudVerticle> instances = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      FraudVerticle instance = shared.get();
      instances.add(instance);
      return instance;
    }, new DeploymentOptions().setInstances(2)).await(10, TimeUnit.SECONDS);
    SocketAddress address = SocketAddress.inetSocketAddress(grpcPort, "127.0.0.1");

    // Each client opens a connection of its own; the instances take turns accepting them.
    FraudCheckResult last = null;
    for (int i = 0; i <= 10; i++) {
      last = ServiceFraudClient.create(GrpcClient.client(vertx), address)
          .checkTransaction(transaction("tx-" + i)).await(10, TimeUnit.SECONDS);
    }

    assertThat(instances).hasSize(2).allSatisfy(instance -> assertThat(instance.grpcPort()).isEqualTo(grpcPort));
    assertThat(instances.get(0).rules()).isSameAs(instances.get(1).rules());
    assertThat(last.getReasonCode()).isEqualTo("VELOCITY_COUNT");

    // Two streams on two connections: one lands on each instance.
    List<GrpcClientRequest<TransactionRequest, FraudCheckResult>> streams = List.of(
        openStream(vertx, address), openStream(vertx, address));
    assertThat(instances).allSatisfy(instance -> assertThat(instance.openStreams()).isEqualTo(1));
    for (GrpcClientRequest<TransactionRequest, FraudCheckResult> stream : streams) {
      stream.end().await(10, TimeUnit.SECONDS);
    }
  }

  /** Opens a BatchCheck stream on a connection of its own and waits for the answer to one item. */
  private static GrpcClientRequest<TransactionRequest, FraudCheckResult> openStream(Vertx vertx, SocketAddress address)
      throws Exception {
    return ServiceFraudClient.request(GrpcClient.client(vertx), address, FraudDetectionGrpcClient.BatchCheck)
        .compose(request -> {
          request.write(transaction("stream-item"));
          return request.response()
              .compose(response -> {
                Promise<FraudCheckResult> first = Promise.promise();
                response.handler(first::tryComplete);
                return first.future();
              })
              .map(ignored -> request);
        })
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void rejectsAnInvalidPortNamingTheKey() {
    assertThatThrownBy(() -> FraudConfig.from(ConfigLoader.load(Map.of("FRAUD_HTTP_PORT", "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.http.port")
        .hasMessageContaining("FRAUD_HTTP_PORT");
  }

  @Test
  void readsItsDefaultPorts() {
    FraudConfig config = FraudConfig.from(ConfigLoader.load(TestTokens.env()));

    assertThat(config.httpPort()).isEqualTo(8084);
    assertThat(config.grpcPort()).isEqualTo(9090);
  }

  private static TransactionRequest transaction(String id) {
    return TransactionRequest.newBuilder()
        .setTransactionId(id).setUserId("alice").setAmountCents(100).setMerchantId("shop-1").setCountryCode("DE")
        .build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
