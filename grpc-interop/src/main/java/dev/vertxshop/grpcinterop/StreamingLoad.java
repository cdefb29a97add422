package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpc;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * BatchCheck streams, each on a channel of its own, each keeping up to {@code window} checks in
 * flight: a new check is sent whenever an answer comes back and the transport is ready. Answers
 * come back in the order of the checks, so a check's send time is found by its position; every
 * answer's transaction id is compared with its request's.
 */
final class StreamingLoad extends Load {

  private final List<ManagedChannel> channels;
  private final int window;
  private final List<Stream> streams = new ArrayList<>();

  /** One stream per channel. */
  StreamingLoad(List<ManagedChannel> channels, int window) {
    this.channels = List.copyOf(channels);
    this.window = window;
  }

  @Override
  String shape() {
    return channels.size() + " streams x " + window + " in flight";
  }

  @Override
  void start() {
    for (int i = 0; i < channels.size(); i++) {
      Stream stream = new Stream(RequestPool.generate("s" + i + "-", 16, 100_000, 1000 + i));
      streams.add(stream);
      FraudDetectionGrpc.newStub(channels.get(i)).batchCheck(stream);
    }
  }

  @Override
  void stop(Duration grace) {
    streams.forEach(Stream::stopSending);
    for (Stream stream : streams) {
      try {
        stream.done.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        stream.requests.cancel("the benchmark is over", null);
      } catch (ExecutionException e) {
        // Already counted as a failure when it happened.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * One stream. Every callback runs on its channel's event loop (direct executor), one at a time,
   * so the counters need no locking; only {@code stopping} is written by another thread.
   */
  private final class Stream implements ClientResponseObserver<TransactionRequest, FraudCheckResult> {

    private final RequestPool pool;
    private final long[] sentAt = new long[window];
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private ClientCallStreamObserver<TransactionRequest> requests;
    private long sent;
    private long received;
    private volatile boolean stopping;
    private boolean halfClosed;

    Stream(RequestPool pool) {
      this.pool = pool;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<TransactionRequest> requests) {
      this.requests = requests;
      requests.setOnReadyHandler(this::send);
    }

    private void send() {
      if (stopping) {
        finishWhenDrained();
        return;
      }
      while (sent - received < window && requests.isReady()) {
        sentAt[(int) (sent % window)] = System.nanoTime();
        requests.onNext(pool.get(sent));
        sent++;
      }
    }

    @Override
    public void onNext(FraudCheckResult result) {
      long now = System.nanoTime();
      TransactionRequest request = pool.get(received);
      if (request.getTransactionId().equals(result.getTransactionId())) {
        answered(now - sentAt[(int) (received % window)]);
      } else {
        failed(new IllegalStateException("answer " + result.getTransactionId() + " came for " + request.getTransactionId()));
      }
      received++;
      send();
    }

    void stopSending() {
      stopping = true;
    }

    private void finishWhenDrained() {
      if (!halfClosed && received == sent) {
        halfClosed = true;
        requests.onCompleted();
      }
    }

    @Override
    public void onError(Throwable error) {
      if (!stopping || Status.fromThrowable(error).getCode() != Status.Code.CANCELLED) {
        failed(error);
      }
      done.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
      done.complete(null);
    }
  }
}
