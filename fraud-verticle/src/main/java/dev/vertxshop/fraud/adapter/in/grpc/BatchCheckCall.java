package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.Context;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcError;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServerRequest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code BatchCheck} call: answers each request in order, pauses reading while the response is
 * full and resumes on drain, and stops when the client ends, cancels or resets the call, the
 * connection closes, or the deadline passes. Every callback runs on the call's event loop, so the state
 * below needs no locks.
 */
final class BatchCheckCall {

  private static final Logger LOG = LoggerFactory.getLogger(BatchCheckCall.class);

  private final Function<TransactionRequest, FraudCheckResult> checker;
  private final ReadStream<TransactionRequest> requests;
  private final WriteStream<FraudCheckResult> results;
  private final AtomicInteger openStreams;
  private boolean paused;
  private boolean finished;
  private Vertx timerOwner;
  private long deadlineTimer = -1;

  BatchCheckCall(Function<TransactionRequest, FraudCheckResult> checker, ReadStream<TransactionRequest> requests,
      WriteStream<FraudCheckResult> results, AtomicInteger openStreams) {
    this.checker = checker;
    this.requests = requests;
    this.results = results;
    this.openStreams = openStreams;
  }

  void start() {
    openStreams.incrementAndGet();
    requests.exceptionHandler(this::failed);
    requests.endHandler(ignored -> completed());
    results.exceptionHandler(this::failed);
    results.drainHandler(ignored -> drained());
    if (requests instanceof GrpcServerRequest<?, ?> call) {
      call.errorHandler(this::aborted);
      watchDeadline(call);
      // Decoded here rather than by Vert.x, which resets the stream on an item that is not a
      // TransactionRequest: such an item gets its INVALID_REQUEST result and the stream goes on.
      call.messageHandler(message -> check(RequestDecoder.decode(message).orElse(TransactionRequest.getDefaultInstance())));
    } else {
      requests.handler(this::check);
    }
  }

  private void check(TransactionRequest request) {
    if (finished) {
      return;
    }
    results.write(checker.apply(request));
    if (!paused && results.writeQueueFull()) {
      // The client reads slower than it sends: stop reading until the answers are flushed, so the
      // client's own flow-control window holds the backlog instead of this server's memory.
      paused = true;
      requests.pause();
    }
  }

  private void drained() {
    if (paused && !finished) {
      paused = false;
      requests.resume();
    }
  }

  private void completed() {
    if (finish()) {
      results.end();
    }
  }

  private void aborted(GrpcError error) {
    // Cancelled or reset by the client: nobody is left to answer.
    if (finish()) {
      LOG.debug("BatchCheck stopped: {}", error);
    }
  }

  private void failed(Throwable failure) {
    if (finish()) {
      LOG.debug("BatchCheck stopped: {}", failure.toString());
    }
  }

  private void watchDeadline(GrpcServerRequest<?, ?> call) {
    Timer deadline = call.deadline();
    if (deadline != null) {
      // The server answers DEADLINE_EXCEEDED itself when this fires; this call only stops working.
      deadline.onSuccess(ignored -> finish());
    } else if (call.timeout() > 0) {
      // A server that does not schedule deadlines: enforce the client's here.
      Context context = Vertx.currentContext();
      if (context != null) {
        timerOwner = context.owner();
        deadlineTimer = timerOwner.setTimer(call.timeout(), ignored -> expired(call));
      }
    }
  }

  private void expired(GrpcServerRequest<?, ?> call) {
    deadlineTimer = -1;
    if (finish()) {
      call.response().status(GrpcStatus.DEADLINE_EXCEEDED).end();
    }
  }

  /** Releases the call once; true for the caller that did. */
  private boolean finish() {
    if (finished) {
      return false;
    }
    finished = true;
    openStreams.decrementAndGet();
    if (requests instanceof GrpcServerRequest<?, ?> call) {
      call.messageHandler(null);
    } else {
      requests.handler(null);
    }
    results.drainHandler(null);
    if (deadlineTimer >= 0) {
      timerOwner.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
    return true;
  }
}
