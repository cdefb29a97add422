package dev.vertxshop.fraud.adapter.in.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.contracts.fraud.FraudDetectionGrpcService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ReadinessHealthServiceTest {

  private final AtomicBoolean ready = new AtomicBoolean(true);
  private HealthClient health;

  @BeforeEach
  void serve(Vertx vertx) throws Exception {
    GrpcServer grpc = GrpcServer.server(vertx)
        .addService(new ReadinessHealthService(vertx, ready::get, FraudDetectionGrpcService.SERVICE_NAME));
    HttpServer server = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    health = new HealthClient(GrpcClient.client(vertx), SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1"));
  }

  @Test
  void reportsNotServingForTheServerWhileNotReady() throws Exception {
    assertThat(health.check("")).isEqualTo(ServingStatus.SERVING);

    ready.set(false);

    assertThat(health.check("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(health.firstWatched("")).isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void reportsNotServingForTheNamedServiceWhileNotReady() throws Exception {
    ready.set(false);

    assertThat(health.check("fraud.FraudDetection")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(health.list().getStatusesMap().get("fraud.FraudDetection").getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void reportsServingAgainOnceReady() throws Exception {
    ready.set(false);
    assertThat(health.check("fraud.FraudDetection")).isEqualTo(ServingStatus.NOT_SERVING);

    ready.set(true);

    assertThat(health.check("fraud.FraudDetection")).isEqualTo(ServingStatus.SERVING);
    assertThat(health.check("")).isEqualTo(ServingStatus.SERVING);
  }
}
