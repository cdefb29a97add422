package dev.vertxshop.fraud.adapter.in.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import dev.vertxshop.platform.health.Health;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HealthAndReflectionTest {

  private static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> REFLECTION = ServiceMethod.client(
      ServiceName.create("grpc.reflection.v1.ServerReflection"), "ServerReflectionInfo",
      GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

  private TestFraudServer server;
  private GrpcClient client;
  private HealthClient health;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = TestFraudServer.deploy(vertx);
    client = GrpcClient.client(vertx);
    health = new HealthClient(client, server.address);
  }

  @Test
  void healthAnswersServingForTheServerOnceStarted() throws Exception {
    assertThat(health.check("")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void healthAnswersServingForFraudDetection() throws Exception {
    assertThat(health.check("fraud.FraudDetection")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void healthAnswersNotServingAsSoonAsTheProcessAnnouncesItIsStopping(Vertx vertx) throws Exception {
    Health.announceStopping(vertx);

    Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5))
        .until(() -> health.check("") == ServingStatus.NOT_SERVING);
    assertThat(health.check("fraud.FraudDetection")).isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void healthAnswersNotFoundForAnUnknownService() throws Exception {
    assertThat(health.checkCallStatus("fraud.Nothing")).isEqualTo(GrpcStatus.NOT_FOUND);
  }

  @Test
  void healthWatchReportsServingAtOnce() throws Exception {
    assertThat(health.firstWatched("")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void healthListsEveryServiceOfTheServer() throws Exception {
    assertThat(health.list().getStatusesMap())
        .containsKeys("fraud.FraudDetection", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
  }

  @Test
  void reflectionListsFraudDetection() throws Exception {
    ServerReflectionResponse response = reflect(ServerReflectionRequest.newBuilder().setListServices("*").build());

    assertThat(response.getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains("fraud.FraudDetection", "grpc.health.v1.Health");
  }

  @Test
  void reflectionDescribesFraudDetectionFromItsProtoFile() throws Exception {
    ServerReflectionResponse response = reflect(
        ServerReflectionRequest.newBuilder().setFileContainingSymbol("fraud.FraudDetection").build());

    FileDescriptorProto file = FileDescriptorProto.parseFrom(response.getFileDescriptorResponse().getFileDescriptorProto(0));
    assertThat(file.getPackage()).isEqualTo("fraud");
    assertThat(file.getService(0).getMethodList())
        .extracting(MethodDescriptorProto::getName)
        .containsExactly("CheckTransaction", "BatchCheck");
  }

  private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
    return client.request(server.address, REFLECTION)
        .compose(call -> call.end(request).compose(ignored -> call.response()))
        .compose(response -> response.last())
        .await(10, TimeUnit.SECONDS);
  }
}
