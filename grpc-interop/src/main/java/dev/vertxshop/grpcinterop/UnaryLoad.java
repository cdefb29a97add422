package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpc;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * CheckTransaction calls, {@code concurrency} at a time, spread evenly over the channels: each
 * answer starts the next call at once (closed loop).
 */
final class UnaryLoad extends Load {

  private final List<ManagedChannel> channels;
  private final int concurrency;
  private final RequestPool pool = RequestPool.generate("u-", 16, 100_000, 7);
  // One party per caller still calling; stop() waits for them all to leave.
  private final Phaser callers = new Phaser(1);
  private volatile boolean stopping;

  UnaryLoad(List<ManagedChannel> channels, int concurrency) {
    this.channels = List.copyOf(channels);
    this.concurrency = concurrency;
  }

  @Override
  String shape() {
    return concurrency + " in flight on " + channels.size() + " connections";
  }

  @Override
  void start() {
    for (int i = 0; i < concurrency; i++) {
      callers.register();
      new Caller(FraudDetectionGrpc.newStub(channels.get(i % channels.size())), i).call();
    }
  }

  @Override
  void stop(Duration grace) {
    stopping = true;
    try {
      callers.awaitAdvanceInterruptibly(callers.arrive(), grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Calls still open are ended with their channels.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One caller: one call at a time, the next one sent from the answer's callback. */
  private final class Caller implements StreamObserver<FraudCheckResult> {

    private final FraudDetectionGrpc.FraudDetectionStub stub;
    private long next;
    private String transactionId;
    private long sentAt;

    Caller(FraudDetectionGrpc.FraudDetectionStub stub, int index) {
      this.stub = stub;
      // Callers start at different places in the pool, so they screen different transactions.
      this.next = (long) index * (pool.size() / concurrency);
    }

    void call() {
      if (stopping) {
        callers.arriveAndDeregister();
        return;
      }
      TransactionRequest request = pool.get(next++);
      transactionId = request.getTransactionId();
      sentAt = System.nanoTime();
      stub.checkTransaction(request, this);
    }

    @Override
    public void onNext(FraudCheckResult result) {
      long roundTrip = System.nanoTime() - sentAt;
      if (transactionId.equals(result.getTransactionId())) {
        answered(roundTrip);
      } else {
        failed(new IllegalStateException("answer " + result.getTransactionId() + " came for " + transactionId));
      }
    }

    @Override
    public void onError(Throwable error) {
      failed(error);
      callers.arriveAndDeregister();
    }

    @Override
    public void onCompleted() {
      call();
    }
  }
}
