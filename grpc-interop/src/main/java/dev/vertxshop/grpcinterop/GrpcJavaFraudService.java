package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpc;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.adapter.in.grpc.FraudMessages;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.fraud.domain.InvalidTransactionException;
import dev.vertxshop.fraud.domain.Transaction;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/**
 * The fraud service's scoring served by plain grpc-java: the yardstick the Vert.x server is measured
 * against. It answers as the Vert.x service does (the same rules, the same mapping, {@code
 * INVALID_ARGUMENT} for a bad unary request, an {@code INVALID_REQUEST} result for a bad stream item)
 * and honours flow control the same way: it reads the next item of a stream only while the response
 * side can take more.
 */
public final class GrpcJavaFraudService extends FraudDetectionGrpc.FraudDetectionImplBase {

  private final FraudRules rules;

  public GrpcJavaFraudService(FraudRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  @Override
  public void checkTransaction(TransactionRequest request, StreamObserver<FraudCheckResult> responses) {
    Transaction transaction;
    try {
      transaction = FraudMessages.transaction(request);
    } catch (InvalidTransactionException e) {
      responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    responses.onNext(FraudMessages.result(rules.check(transaction)));
    responses.onCompleted();
  }

  @Override
  public StreamObserver<TransactionRequest> batchCheck(StreamObserver<FraudCheckResult> responses) {
    return new BatchCheck((ServerCallStreamObserver<FraudCheckResult>) responses);
  }

  /** One BatchCheck stream: reads one item at a time, and only while the response side is ready. */
  private final class BatchCheck implements StreamObserver<TransactionRequest> {

    private final ServerCallStreamObserver<FraudCheckResult> responses;
    // Whether an item has been requested and not yet received; flips only on the call's own thread.
    private boolean awaitingItem;

    BatchCheck(ServerCallStreamObserver<FraudCheckResult> responses) {
      this.responses = responses;
      responses.disableAutoRequest();
      responses.setOnReadyHandler(this::resumeIfReady);
      awaitingItem = true;
      responses.request(1);
    }

    private void resumeIfReady() {
      if (!awaitingItem && responses.isReady()) {
        awaitingItem = true;
        responses.request(1);
      }
    }

    @Override
    public void onNext(TransactionRequest request) {
      awaitingItem = false;
      responses.onNext(answer(request));
      resumeIfReady();
    }

    private FraudCheckResult answer(TransactionRequest request) {
      try {
        return FraudMessages.result(rules.check(FraudMessages.transaction(request)));
      } catch (InvalidTransactionException e) {
        return FraudMessages.invalidRequest(request);
      }
    }

    @Override
    public void onError(Throwable cancelled) {
      // The client cancelled or the deadline passed: nothing is left to answer.
    }

    @Override
    public void onCompleted() {
      responses.onCompleted();
    }
  }
}
