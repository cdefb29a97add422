package dev.vertxshop.fraud.adapter.in.grpc;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import java.util.concurrent.TimeUnit;

/** Calls {@code grpc.health.v1.Health} as any gRPC client would. */
final class HealthClient {

  private static final ServiceName HEALTH = ServiceName.create("grpc.health.v1.Health");
  private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> CHECK = ServiceMethod.client(
      HEALTH, "Check", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));
  private static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> WATCH = ServiceMethod.client(
      HEALTH, "Watch", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));
  private static final ServiceMethod<HealthListResponse, HealthListRequest> LIST = ServiceMethod.client(
      HEALTH, "List", GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthListResponse.newBuilder()));

  private final GrpcClient client;
  private final SocketAddress address;

  HealthClient(GrpcClient client, SocketAddress address) {
    this.client = client;
    this.address = address;
  }

  /** The status Check answers for {@code service} ("" for the whole server). */
  HealthCheckResponse.ServingStatus check(String service) throws Exception {
    return client.request(address, CHECK)
        .compose(call -> call.end(HealthCheckRequest.newBuilder().setService(service).build())
            .compose(ignored -> call.response()))
        .compose(response -> response.last())
        .map(HealthCheckResponse::getStatus)
        .await(10, TimeUnit.SECONDS);
  }

  /** The gRPC status of a Check call for {@code service}. */
  GrpcStatus checkCallStatus(String service) throws Exception {
    return client.request(address, CHECK)
        .compose(call -> call.end(HealthCheckRequest.newBuilder().setService(service).build())
            .compose(ignored -> call.response()))
        .compose(response -> response.end().transform(ignored -> Future.succeededFuture(response.status())))
        .await(10, TimeUnit.SECONDS);
  }

  /** The first status Watch reports for {@code service}; the watch is then cancelled. */
  HealthCheckResponse.ServingStatus firstWatched(String service) throws Exception {
    return client.request(address, WATCH)
        .compose(call -> call.end(HealthCheckRequest.newBuilder().setService(service).build())
            .compose(ignored -> call.response())
            .compose(response -> {
              Promise<HealthCheckResponse> first = Promise.promise();
              response.handler(message -> {
                first.tryComplete(message);
                call.cancel();
              });
              return first.future();
            }))
        .map(HealthCheckResponse::getStatus)
        .await(10, TimeUnit.SECONDS);
  }

  HealthListResponse list() throws Exception {
    return client.request(address, LIST)
        .compose(call -> call.end(HealthListRequest.getDefaultInstance()).compose(ignored -> call.response()))
        .compose(response -> response.last())
        .await(10, TimeUnit.SECONDS);
  }
}
