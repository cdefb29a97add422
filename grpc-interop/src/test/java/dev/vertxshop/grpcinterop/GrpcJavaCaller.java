package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpc;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stock grpc-java (Netty, default executor): CheckTransaction through the blocking stub, BatchCheck
 * through the async stub, writing only while the call is ready. The credential goes into every call's
 * metadata through a channel interceptor ({@link BearerCredential#attaching}).
 */
final class GrpcJavaCaller implements FraudCaller {

  private static final long DEADLINE_SECONDS = 30;

  @Override
  public String name() {
    return "grpc-java client";
  }

  @Override
  public List<Answer> converse(int port, Optional<String> token, List<Call> calls) throws Exception {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
    token.ifPresent(value -> builder.intercept(BearerCredential.attaching(value)));
    ManagedChannel channel = builder.build();
    try {
      List<Answer> answers = new ArrayList<>();
      for (Call call : calls) {
        if (call instanceof Call.Check check) {
          answers.add(check(channel, check.request()));
        } else {
          answers.addAll(batch(channel, ((Call.Batch) call).requests()));
        }
      }
      return answers;
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static Answer check(ManagedChannel channel, TransactionRequest request) {
    try {
      FraudCheckResult result = FraudDetectionGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .checkTransaction(request);
      return Answer.Result.of("CheckTransaction", result);
    } catch (StatusRuntimeException e) {
      return failure("CheckTransaction", e.getStatus());
    }
  }

  private static Answer failure(String rpc, Status status) {
    return new Answer.Failure(rpc, status.getCode().value(), status.getDescription());
  }

  private static List<Answer> batch(ManagedChannel channel, List<TransactionRequest> requests) throws Exception {
    BatchObserver observer = new BatchObserver(requests.iterator());
    FraudDetectionGrpc.newStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).batchCheck(observer);
    return observer.answers.get(DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
  }

  /** Sends the requests as flow control allows and gathers the results; a failure ends the list. */
  private static final class BatchObserver implements ClientResponseObserver<TransactionRequest, FraudCheckResult> {

    private final Iterator<TransactionRequest> requests;
    private final List<Answer> received = new ArrayList<>();
    private final CompletableFuture<List<Answer>> answers = new CompletableFuture<>();
    private ClientCallStreamObserver<TransactionRequest> call;
    private boolean halfClosed;

    BatchObserver(Iterator<TransactionRequest> requests) {
      this.requests = requests;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<TransactionRequest> call) {
      this.call = call;
      call.setOnReadyHandler(this::sendWhileReady);
    }

    private void sendWhileReady() {
      while (call.isReady() && requests.hasNext()) {
        call.onNext(requests.next());
      }
      if (!requests.hasNext() && !halfClosed) {
        halfClosed = true;
        call.onCompleted();
      }
    }

    @Override
    public void onNext(FraudCheckResult result) {
      received.add(Answer.Result.of("BatchCheck", result));
    }

    @Override
    public void onError(Throwable error) {
      received.add(failure("BatchCheck", Status.fromThrowable(error)));
      answers.complete(received);
    }

    @Override
    public void onCompleted() {
      answers.complete(received);
    }
  }
}
