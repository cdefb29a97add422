package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x gRPC client, in a Vert.x of its own: both RPCs through the generated method descriptors
 * ({@link FraudDetectionGrpcClient#CheckTransaction}, {@link FraudDetectionGrpcClient#BatchCheck}) on
 * a {@link GrpcClient}, because the generated client's methods neither take metadata (the
 * credential) nor report an error status with its message.
 */
final class VertxCaller implements FraudCaller {

  private static final long TIMEOUT_SECONDS = 30;

  @Override
  public String name() {
    return "Vert.x gRPC client";
  }

  @Override
  public List<Answer> converse(int port, Optional<String> token, List<Call> calls) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GrpcClient client = GrpcClient.client(vertx);
      SocketAddress server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
      List<Answer> answers = new ArrayList<>();
      for (Call call : calls) {
        Future<List<Answer>> answered = call instanceof Call.Check check
            ? check(client, server, token, check.request())
            : batch(client, server, token, ((Call.Batch) call).requests());
        answers.addAll(await(answered));
      }
      return answers;
    } finally {
      await(vertx.close());
    }
  }

  private static Future<List<Answer>> check(GrpcClient client, SocketAddress server, Optional<String> token,
      TransactionRequest request) {
    return client.request(server, FraudDetectionGrpcClient.CheckTransaction)
        .map(call -> withCredential(call, token))
        .compose(call -> call.end(request).compose(sent -> call.response()))
        .compose(VertxCaller::unaryAnswer);
  }

  private static <Req, Resp> GrpcClientRequest<Req, Resp> withCredential(GrpcClientRequest<Req, Resp> call,
      Optional<String> token) {
    token.ifPresent(value -> call.headers().set("authorization", "Bearer " + value));
    return call;
  }

  private static Future<List<Answer>> unaryAnswer(GrpcClientResponse<TransactionRequest, FraudCheckResult> response) {
    if (endedWithError(response)) {
      return Future.succeededFuture(List.of(failure("CheckTransaction", response)));
    }
    return response.last()
        .<List<Answer>>map(result -> List.of(Answer.Result.of("CheckTransaction", result)))
        .recover(error -> error instanceof InvalidStatusException
            ? Future.succeededFuture(List.of(failure("CheckTransaction", response)))
            : Future.failedFuture(error));
  }

  /** Whether the response's headers already carry an error status (a trailers-only answer). */
  private static boolean endedWithError(GrpcClientResponse<?, ?> response) {
    return response.status() != null && response.status() != GrpcStatus.OK;
  }

  private static Answer failure(String rpc, GrpcClientResponse<?, ?> response) {
    return new Answer.Failure(rpc, response.status().code, response.statusMessage());
  }

  private static Future<List<Answer>> batch(GrpcClient client, SocketAddress server, Optional<String> token,
      List<TransactionRequest> requests) {
    return client.request(server, FraudDetectionGrpcClient.BatchCheck)
        .map(call -> withCredential(call, token))
        .compose(call -> {
          writeAll(call, requests.iterator());
          return call.response();
        })
        .compose(VertxCaller::streamAnswers);
  }

  /** Every result of the stream, then its error status if it ended with one. */
  private static Future<List<Answer>> streamAnswers(GrpcClientResponse<TransactionRequest, FraudCheckResult> response) {
    if (endedWithError(response)) {
      return Future.succeededFuture(List.of(failure("BatchCheck", response)));
    }
    List<Answer> answers = new ArrayList<>();
    response.handler(result -> answers.add(Answer.Result.of("BatchCheck", result)));
    return response.end()
        .<List<Answer>>map(ended -> answers)
        .recover(error -> {
          if (!(error instanceof InvalidStatusException)) {
            return Future.failedFuture(error);
          }
          answers.add(failure("BatchCheck", response));
          return Future.succeededFuture(answers);
        });
  }

  /** Writes while the stream takes more, resumes when it drains, then half-closes. */
  private static void writeAll(WriteStream<TransactionRequest> stream, Iterator<TransactionRequest> requests) {
    while (requests.hasNext()) {
      stream.write(requests.next());
      if (stream.writeQueueFull()) {
        stream.drainHandler(drained -> writeAll(stream, requests));
        return;
      }
    }
    stream.end();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
