package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Vert.x gRPC client, in a Vert.x of its own: BatchCheck through the generated {@link
 * FraudDetectionGrpcClient}, CheckTransaction through the generated method descriptor on the
 * {@link GrpcClient}, because the generated {@code checkTransaction} reports an error status without
 * its message.
 */
final class VertxCaller implements FraudCaller {

  private static final long TIMEOUT_SECONDS = 30;

  @Override
  public String name() {
    return "Vert.x gRPC client";
  }

  @Override
  public List<Answer> converse(int port, List<Call> calls) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GrpcClient client = GrpcClient.client(vertx);
      SocketAddress server = SocketAddress.inetSocketAddress(port, "127.0.0.1");
      FraudDetectionGrpcClient fraud = FraudDetectionGrpcClient.create(client, server);
      List<Answer> answers = new ArrayList<>();
      for (Call call : calls) {
        Future<List<Answer>> answered = call instanceof Call.Check check
            ? check(client, server, check.request())
            : batch(fraud, ((Call.Batch) call).requests());
        answers.addAll(await(answered));
      }
      return answers;
    } finally {
      await(vertx.close());
    }
  }

  private static Future<List<Answer>> check(GrpcClient client, SocketAddress server, TransactionRequest request) {
    return client.request(server, FraudDetectionGrpcClient.CheckTransaction)
        .compose(call -> call.end(request).compose(sent -> call.response()))
        .compose(VertxCaller::unaryAnswer);
  }

  private static Future<List<Answer>> unaryAnswer(GrpcClientResponse<TransactionRequest, FraudCheckResult> response) {
    if (response.status() != null && response.status() != GrpcStatus.OK) {
      return Future.succeededFuture(List.of(failure("CheckTransaction", response)));
    }
    return response.last()
        .<List<Answer>>map(result -> List.of(Answer.Result.of("CheckTransaction", result)))
        .recover(error -> error instanceof InvalidStatusException
            ? Future.succeededFuture(List.of(failure("CheckTransaction", response)))
            : Future.failedFuture(error));
  }

  private static Answer failure(String rpc, GrpcClientResponse<?, ?> response) {
    return new Answer.Failure(rpc, response.status().code, response.statusMessage());
  }

  private static Future<List<Answer>> batch(FraudDetectionGrpcClient fraud, List<TransactionRequest> requests) {
    return fraud.batchCheck((stream, error) -> {
          if (error == null) {
            writeAll(stream, requests.iterator());
          }
        })
        .compose(results -> results.collect(Collectors.toList()))
        .map(results -> results.stream().<Answer>map(result -> Answer.Result.of("BatchCheck", result)).toList());
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
