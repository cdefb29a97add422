package dev.vertxshop.payments.adapter.out.grpc;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.payments.application.FraudCheck;
import dev.vertxshop.payments.application.FraudScreening;
import dev.vertxshop.payments.application.FraudVerdict;
import dev.vertxshop.payments.application.ScreeningUnavailableException;
import dev.vertxshop.payments.application.ScreeningUnavailableException.Kind;
import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.resilience.CircuitOpenException;
import dev.vertxshop.platform.resilience.ServiceBreaker;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fraud screening by the fraud service's {@code CheckTransaction} RPC (contracts/proto/fraud.proto),
 * through the Vert.x gRPC client.
 *
 * <p>The transaction id is the order id; the user is the charge's customer when given, else the
 * order (a payment without customer is nobody's history); the merchant and, when the charge names
 * none, the country come from {@link TransactionDefaults}.
 *
 * <p>Every call carries the service's credential as {@code authorization} metadata (fraud answers
 * only services); without one fraud answers {@code UNAUTHENTICATED}, a failure like any other status.
 *
 * <p>Every call has a deadline that covers the whole call, connecting included: the request
 * carries it as {@code grpc-timeout}, the client resets the stream when it passes, and the answer
 * fails with {@link Kind#DEADLINE_EXCEEDED} then at the latest, whatever the connection is doing.
 * Every call goes through the service's circuit breaker, under the platform's rules: no answer in
 * time, no connection, a status other than OK or an answer for another transaction count as
 * failures; {@code INVALID_ARGUMENT} is an answer about the request and never counts. While the
 * breaker is open the fraud service is not asked at all.
 *
 * <p>A verdict is a successful future; anything else fails with a {@link
 * ScreeningUnavailableException} saying why, and the charge's policy decides.
 */
public final class GrpcFraudScreening implements FraudScreening {

  /** The name of the fraud service's circuit breaker. */
  public static final String SERVICE = "fraud";
  private static final String AUTHORIZATION = "authorization";
  private static final String HEALTH_CHECK = "grpc.health.v1.Health/Check";

  private final Vertx vertx;
  private final GrpcClient grpc;
  private final ServiceTarget target;
  /** The address of each fraud instance called so far. */
  private final Map<String, SocketAddress> addresses = new ConcurrentHashMap<>();
  private final long deadlineMs;
  private final TransactionDefaults defaults;
  private final ServiceBreaker breaker;
  private final ServiceMetrics metrics;
  private final Supplier<Optional<String>> credential;
  private long connectTimer = -1;
  private boolean closed;

  private GrpcFraudScreening(Vertx vertx, GrpcClient grpc, ServiceTarget target, Duration deadline,
      TransactionDefaults defaults, ServiceBreaker breaker, ServiceMetrics metrics, Supplier<Optional<String>> credential) {
    this.vertx = vertx;
    this.grpc = grpc;
    this.target = target;
    this.deadlineMs = deadline.toMillis();
    this.defaults = defaults;
    this.breaker = breaker;
    this.metrics = metrics;
    this.credential = credential;
  }

  /**
   * A client of the fraud service at {@code host:port}; each call gets {@code deadline}, goes
   * through {@code breaker} and carries the {@code authorization} that {@code credential} gives
   * (none when empty). Create it on the context that will use it (the verticle's).
   */
  public static GrpcFraudScreening create(Vertx vertx, String host, int port, Duration deadline,
      TransactionDefaults defaults, ServiceBreaker breaker, Supplier<Optional<String>> credential) {
    Objects.requireNonNull(host, "host");
    return create(vertx, ServiceTarget.fixed(host + ":" + port), deadline, defaults, breaker, ServiceMetrics.none(), credential);
  }

  /**
   * The client of {@link #create(Vertx, String, int, Duration, TransactionDefaults, ServiceBreaker,
   * Supplier)}, asking the fraud instance {@code target} names ({@code host:port}) at each call: with
   * a discovered target, calls are spread across the fraud instances of the cluster. While the target
   * knows none, a call fails at once with {@link Kind#UNAVAILABLE}. Each call that reaches the fraud
   * service is timed in {@code metrics}: {@code grpc_client_calls_seconds{method="CheckTransaction",status}},
   * status the gRPC status name, or {@code NO_STATUS} when the call ended without one (no connection,
   * reset).
   */
  public static GrpcFraudScreening create(Vertx vertx, ServiceTarget target, Duration deadline,
      TransactionDefaults defaults, ServiceBreaker breaker, ServiceMetrics metrics, Supplier<Optional<String>> credential) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(credential, "credential");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(defaults, "defaults");
    Objects.requireNonNull(breaker, "breaker");
    if (deadline.toMillis() < 1 || deadline.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("A deadline is 1 ms or more, not " + deadline);
    }
    int ms = (int) deadline.toMillis();
    GrpcClient grpc = GrpcClient.builder(vertx)
        .with(new GrpcClientOptions()
            .setTimeout(ms)
            .setTimeoutUnit(TimeUnit.MILLISECONDS)
            .setScheduleDeadlineAutomatically(true))
        .with(new HttpClientOptions()
            .setHttp2ClearTextUpgrade(false)
            .setConnectTimeout(ms))
        .build();
    return new GrpcFraudScreening(vertx, grpc, target, deadline, defaults, breaker, metrics, credential);
  }

  /** Where the fraud service is asked: {@code host:port}, or the service found in the cluster. */
  public String address() {
    return target.describe();
  }

  @Override
  public Future<FraudVerdict> screen(FraudCheck check) {
    TransactionRequest request = request(check);
    return breaker.execute(() -> withinDeadline(() -> ask(request)))
        .transform(GrpcFraudScreening::verdict);
  }

  private TransactionRequest request(FraudCheck check) {
    String orderId = check.orderId().value();
    return TransactionRequest.newBuilder()
        .setTransactionId(orderId)
        .setUserId(check.customer().orElse(orderId))
        .setAmountCents(check.amount().cents())
        .setMerchantId(defaults.merchantId())
        .setCountryCode(check.country().orElse(defaults.countryCode()))
        .build();
  }

  /** The call as the breaker counts it: an answer (a result, or a refusal of the request) or a failure. */
  private Future<Answer> ask(TransactionRequest request) {
    Optional<String> address = target.next();
    if (address.isEmpty()) {
      return Future.failedFuture(new ScreeningUnavailableException(Kind.UNAVAILABLE,
          "no instance of fraud is known in the cluster", null));
    }
    Timer.Sample sample = Timer.start();
    return call(addresses.computeIfAbsent(address.get(), GrpcFraudScreening::socketAddress), request)
        .andThen(outcome -> sample.stop(metrics.timer("grpc.client.calls", "gRPC calls to the fraud service",
            Tags.of("method", "CheckTransaction", "status", statusName(outcome)))))
        .compose(result -> answerTo(request, result))
        .recover(GrpcFraudScreening::refusalOrFailure);
  }

  /** {@code CheckTransaction} at {@code address}, with the credential; the answer, or the call's failure (a status that is not OK). */
  private Future<FraudCheckResult> call(SocketAddress address, TransactionRequest request) {
    Optional<String> authorization = credential.get();
    return grpc.request(address, FraudDetectionGrpcClient.CheckTransaction).compose(call -> {
      authorization.ifPresent(value -> call.headers().set(AUTHORIZATION, value));
      return call.end(request).compose(sent -> call.response().compose(GrpcClientResponse::last));
    });
  }

  private static SocketAddress socketAddress(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return SocketAddress.inetSocketAddress(Integer.parseInt(hostAndPort.substring(colon + 1)), hostAndPort.substring(0, colon));
  }

  private static Future<Answer> answerTo(TransactionRequest request, FraudCheckResult result) {
    if (!request.getTransactionId().equals(result.getTransactionId())) {
      return Future.failedFuture(new ScreeningUnavailableException(Kind.ERROR, "fraud answered for transaction '"
          + result.getTransactionId() + "' instead of '" + request.getTransactionId() + "'", null));
    }
    return Future.succeededFuture(new Answer(result));
  }

  private static Future<Answer> refusalOrFailure(Throwable failure) {
    return statusOf(failure) == GrpcStatus.INVALID_ARGUMENT
        ? Future.succeededFuture(new Answer(null))
        : Future.failedFuture(failure);
  }

  /** The call, failed with DEADLINE_EXCEEDED once the deadline passes; the timer starts first. */
  private <T> Future<T> withinDeadline(Supplier<Future<T>> call) {
    Promise<T> outcome = Promise.promise();
    long timer = vertx.setTimer(deadlineMs, fired -> outcome.tryFail(new ScreeningUnavailableException(
        Kind.DEADLINE_EXCEEDED, "no verdict within " + deadlineMs + " ms", null)));
    Future<T> started;
    try {
      started = call.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(result -> {
      vertx.cancelTimer(timer);
      if (result.succeeded()) {
        outcome.tryComplete(result.result());
      } else {
        outcome.tryFail(result.cause());
      }
    });
    return outcome.future();
  }

  private static Future<FraudVerdict> verdict(AsyncResult<Answer> answer) {
    if (answer.failed()) {
      return Future.failedFuture(unavailable(answer.cause()));
    }
    FraudCheckResult result = answer.result().result();
    if (result == null) {
      return Future.failedFuture(
          new ScreeningUnavailableException(Kind.REFUSED, "fraud refused the request as INVALID_ARGUMENT", null));
    }
    return Future.succeededFuture(result.getIsFraud()
        ? FraudVerdict.reject(String.format(Locale.ROOT, "%s, risk %.2f", result.getReasonCode(), result.getRiskScore()))
        : FraudVerdict.approve());
  }

  private static ScreeningUnavailableException unavailable(Throwable failure) {
    if (failure instanceof ScreeningUnavailableException known) {
      return known;
    }
    if (failure instanceof CircuitOpenException open) {
      return new ScreeningUnavailableException(Kind.CIRCUIT_OPEN, open.getMessage(), failure);
    }
    GrpcStatus status = statusOf(failure);
    if (status == GrpcStatus.DEADLINE_EXCEEDED) {
      return new ScreeningUnavailableException(Kind.DEADLINE_EXCEEDED, "fraud answered " + status.name(), failure);
    }
    if (status == GrpcStatus.UNAVAILABLE) {
      return new ScreeningUnavailableException(Kind.UNAVAILABLE, "fraud answered UNAVAILABLE", failure);
    }
    if (status != null) {
      return new ScreeningUnavailableException(Kind.ERROR, "fraud answered " + status.name(), failure);
    }
    if (failure instanceof IOException || failure instanceof HttpClosedException) {
      return new ScreeningUnavailableException(Kind.UNAVAILABLE, describe(failure), failure);
    }
    return new ScreeningUnavailableException(Kind.ERROR, describe(failure), failure);
  }

  private static String statusName(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      return GrpcStatus.OK.name();
    }
    GrpcStatus status = statusOf(outcome.cause());
    return status == null ? "NO_STATUS" : status.name();
  }

  private static GrpcStatus statusOf(Throwable failure) {
    if (failure instanceof InvalidStatusException invalid) {
      return invalid.actualStatus();
    }
    if (failure instanceof GrpcErrorException error) {
      return error.status();
    }
    return null;
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /**
   * Opens a connection to fraud ahead of the first charge, so that the first screening does not
   * spend its deadline connecting: asks fraud's standard health service (an empty {@code
   * grpc.health.v1.HealthCheckRequest}, open to all, so no credential goes along) and, while no
   * answer comes (fraud not listening yet, as when it starts after payments), asks again every
   * {@code every}, at most {@code attempts} times. Any answer, whatever its status, means a
   * connection is open; nothing is screened. Stops with {@link #close()}. Call it on the context
   * that uses this client.
   */
  public void connectAhead(Duration every, int attempts) {
    if (closed || attempts < 1) {
      return;
    }
    Optional<String> address = target.next();
    Future<Void> answered = address.isEmpty()
        ? Future.failedFuture("no fraud instance known yet")
        : grpc.request(addresses.computeIfAbsent(address.get(), GrpcFraudScreening::socketAddress))
            .compose(call -> {
              call.fullMethodName(HEALTH_CHECK);
              return call.end(Buffer.buffer()).compose(sent -> call.response());
            })
            .compose(response -> response.end().transform(ended -> Future.<Void>succeededFuture()));
    answered.onFailure(failure -> {
      if (!closed) {
        connectTimer = vertx.setTimer(every.toMillis(), fired -> connectAhead(every, attempts - 1));
      }
    });
  }

  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(connectTimer);
    return grpc.close();
  }

  /** A result, or null when fraud refused the request as invalid (an answer, not a failure). */
  private record Answer(FraudCheckResult result) {}
}
