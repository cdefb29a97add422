package dev.vertxshop.fraud;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionClient;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;

/**
 * The generated {@code FraudDetection} client's two calls, made as a service makes them: with its
 * credential ({@code authorization: Bearer <token>} metadata carrying the internal grant).
 */
public final class ServiceFraudClient implements FraudDetectionClient {

  /** The metadata key of the credential. */
  public static final String AUTHORIZATION = "authorization";

  private final GrpcClient client;
  private final SocketAddress address;
  private final String authorization;

  private ServiceFraudClient(GrpcClient client, SocketAddress address, String authorization) {
    this.client = client;
    this.address = address;
    this.authorization = authorization;
  }

  /** A client calling {@code address} with a service token of {@link TestTokens#DEFAULT}. */
  public static ServiceFraudClient create(GrpcClient client, SocketAddress address) {
    return new ServiceFraudClient(client, address, TestTokens.bearer(TestTokens.internal()));
  }

  /** A request for {@code method} at {@code address} carrying a service token of {@link TestTokens#DEFAULT}. */
  public static <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(GrpcClient client, SocketAddress address,
      ServiceMethod<Resp, Req> method) {
    return client.request(address, method).map(ServiceFraudClient::authorized);
  }

  /** {@code request} with a service token of {@link TestTokens#DEFAULT} in its metadata. */
  public static <Req, Resp> GrpcClientRequest<Req, Resp> authorized(GrpcClientRequest<Req, Resp> request) {
    request.headers().set(AUTHORIZATION, TestTokens.bearer(TestTokens.internal()));
    return request;
  }

  @Override
  public Future<FraudCheckResult> checkTransaction(TransactionRequest request) {
    return client.request(address, FraudDetectionGrpcClient.CheckTransaction).compose(call -> {
      call.headers().set(AUTHORIZATION, authorization);
      return call.end(request).compose(sent -> call.response().compose(GrpcClientResponse::last));
    });
  }

  @Override
  public Future<ReadStream<FraudCheckResult>> batchCheck(Completable<WriteStream<TransactionRequest>> completable) {
    return client.request(address, FraudDetectionGrpcClient.BatchCheck)
        .andThen((call, failure) -> {
          if (failure == null) {
            call.headers().set(AUTHORIZATION, authorization);
          }
          completable.complete(call, failure);
        })
        .compose(call -> call.response().flatMap(response -> response.status() != null && response.status() != GrpcStatus.OK
            ? Future.failedFuture(new InvalidStatusException(GrpcStatus.OK, response.status()))
            : Future.succeededFuture(response)));
  }
}
