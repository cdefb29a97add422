package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcService;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.fraud.domain.InvalidTransactionException;
import dev.vertxshop.fraud.domain.Verdict;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.StatusException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code fraud.FraudDetection} gRPC service over {@link FraudRules}; add it to any Vert.x {@link
 * GrpcServer} with {@code server.addService(new FraudGrpcService(rules, auth, metrics))}. One instance
 * may serve many servers and event loops at once: the rules are thread-safe and each call keeps its
 * own state.
 *
 * <p>Only services call it: both methods need {@code authorization: Bearer <token>} metadata whose
 * token carries the internal grant, checked before any message is read ({@link CallGuard}:
 * {@code UNAUTHENTICATED}, or {@code PERMISSION_DENIED} for a token without the grant).
 *
 * <ul>
 *   <li>{@code CheckTransaction}: one verdict; a malformed request fails with {@code INVALID_ARGUMENT}
 *       and a message naming the field.
 *   <li>{@code BatchCheck}: one result per request, in order; a malformed item is answered with reason
 *       {@code INVALID_REQUEST} and the stream goes on. Reading pauses while the response cannot be
 *       written (the client reads slower than it sends) and resumes on drain, so a call holds a bounded
 *       amount of memory. Cancellation, a reset or a passed deadline stops the call at once.
 * </ul>
 *
 * <p>Checks run on the calling event loop: the rules are in-memory work of a few microseconds.
 *
 * <p>Metrics: {@code fraud_decisions_total{decision,reason}} counts every screened transaction
 * (both RPCs) by decision ({@code fraud}, {@code legitimate}, {@code invalid}) and reason code (the
 * heaviest rule that fired, {@code NONE}, or {@code INVALID_REQUEST}); {@code
 * grpc_server_calls_seconds{method="CheckTransaction",status}} times each unary call's handling;
 * {@code grpc_server_refused_total{status}} counts the calls refused for their credential.
 */
public class FraudGrpcService extends FraudDetectionGrpcService {

  private final FraudRules rules;
  private final AtomicInteger openStreams = new AtomicInteger();
  private final ServiceMetrics metrics;
  private final CallGuard guard;

  /** The service, admitting calls whose token {@code auth} accepts, recording its decisions and calls in {@code metrics}. */
  public FraudGrpcService(FraudRules rules, AuthGuard auth, ServiceMetrics metrics) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.guard = new CallGuard(auth, this::countRefused);
  }

  /**
   * Binds both methods as the generated service does, except that the requests are decoded here
   * ({@link RequestDecoder}): Vert.x 5.0.7 resets the stream when a message's bytes are not a {@code
   * TransactionRequest}, so the client would get no status. Here {@code CheckTransaction} answers
   * such a message {@code INVALID_ARGUMENT}, and {@code BatchCheck} a result with reason {@code
   * INVALID_REQUEST}, going on with the stream ({@link BatchCheckCall}). Both are behind the
   * credential check ({@link CallGuard}).
   */
  @Override
  public void bind(GrpcServer server) {
    server.callHandler(CheckTransaction, guard.admit(request -> request.messageHandler(message -> RequestDecoder.decode(message).ifPresentOrElse(
        transaction -> checkTransaction(transaction, (result, failure) -> {
          if (failure == null) {
            request.response().end(result);
          } else {
            request.response().fail(failure);
          }
        }),
        () -> request.response().fail(new StatusException(GrpcStatus.INVALID_ARGUMENT, "the message is not a fraud.TransactionRequest"))))));
    server.callHandler(BatchCheck, guard.admit(request -> batchCheck(request, request.response())));
  }

  @Override
  public Future<FraudCheckResult> checkTransaction(TransactionRequest request) {
    Timer.Sample sample = Timer.start();
    try {
      FraudCheckResult result = check(request);
      timeUnary(sample, GrpcStatus.OK);
      return Future.succeededFuture(result);
    } catch (InvalidTransactionException e) {
      countInvalid();
      timeUnary(sample, GrpcStatus.INVALID_ARGUMENT);
      return Future.failedFuture(invalidArgument(e));
    }
  }

  @Override
  protected void checkTransaction(TransactionRequest request, Completable<FraudCheckResult> response) {
    // Answers directly rather than through a Future: this is the hot path of every unary call.
    Timer.Sample sample = Timer.start();
    FraudCheckResult result;
    try {
      result = check(request);
    } catch (InvalidTransactionException e) {
      countInvalid();
      timeUnary(sample, GrpcStatus.INVALID_ARGUMENT);
      response.fail(invalidArgument(e));
      return;
    }
    timeUnary(sample, GrpcStatus.OK);
    response.succeed(result);
  }

  @Override
  protected void batchCheck(ReadStream<TransactionRequest> requests, WriteStream<FraudCheckResult> results) {
    new BatchCheckCall(this::checkItem, requests, results, openStreams).start();
  }

  /** BatchCheck calls in progress, over every server this service is bound to. */
  public int openStreams() {
    return openStreams.get();
  }

  private FraudCheckResult check(TransactionRequest request) {
    FraudCheckResult result = FraudMessages.result(rules.check(FraudMessages.transaction(request)));
    countDecision(result.getIsFraud() ? "fraud" : "legitimate", result.getReasonCode());
    return result;
  }

  private FraudCheckResult checkItem(TransactionRequest request) {
    try {
      return check(request);
    } catch (InvalidTransactionException e) {
      countInvalid();
      return FraudMessages.invalidRequest(request);
    }
  }

  private void countInvalid() {
    countDecision("invalid", Verdict.INVALID_REQUEST);
  }

  private void countDecision(String decision, String reason) {
    metrics.counter("fraud.decisions", "Transactions screened, by decision and reason code",
        Tags.of("decision", decision, "reason", reason)).increment();
  }

  private void countRefused(GrpcStatus status) {
    metrics.counter("grpc.server.refused", "gRPC calls to the fraud service refused for their credential",
        Tags.of("status", status.name())).increment();
  }

  private void timeUnary(Timer.Sample sample, GrpcStatus status) {
    sample.stop(metrics.timer("grpc.server.calls", "gRPC calls handled by the fraud service",
        Tags.of("method", "CheckTransaction", "status", status.name())));
  }

  private static StatusException invalidArgument(InvalidTransactionException e) {
    return new StatusException(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
  }
}
