package dev.vertxshop.payments;

import static dev.vertxshop.payments.Await.await;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcService;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stand-in for the fraud service in tests: a real Vert.x gRPC server on a free loopback port
 * serving {@code CheckTransaction} with scripted answers. It can judge transactions fraudulent,
 * answer late, fail with a gRPC status, or be stopped (and started again on the same port). It
 * keeps every request it received, the {@code authorization} metadata of every {@code
 * CheckTransaction} call ("" when the call had none), and the path of every call, whatever its
 * service.
 */
public final class StandInFraud implements AutoCloseable {

  private final Vertx vertx;
  private final List<TransactionRequest> received = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private volatile Function<TransactionRequest, Future<FraudCheckResult>> script = StandInFraud::approve;
  private volatile Duration delay = Duration.ZERO;
  private HttpServer server;
  private int port;

  private StandInFraud(Vertx vertx) {
    this.vertx = vertx;
  }

  /** A stand-in that approves every transaction. */
  public static StandInFraud start(Vertx vertx) {
    StandInFraud fraud = new StandInFraud(vertx);
    fraud.listen(0);
    return fraud;
  }

  private void listen(int onPort) {
    GrpcServer grpc = GrpcServer.server(vertx).addService(new FraudDetectionGrpcService() {
      @Override
      public Future<FraudCheckResult> checkTransaction(TransactionRequest request) {
        return answer(request);
      }

      @Override
      protected void checkTransaction(TransactionRequest request, Completable<FraudCheckResult> response) {
        checkTransaction(request).onComplete((result, failure) -> {
          try {
            response.complete(result, failure);
          } catch (IllegalStateException callerGaveUp) {
            // A late answer meets a stream the caller has reset at its deadline: nobody to tell.
          }
        });
      }
    });
    server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(onPort).setReuseAddress(true))
        .requestHandler(request -> {
          paths.add(request.path());
          if (request.path().endsWith("/CheckTransaction")) {
            String authorization = request.getHeader("authorization");
            authorizations.add(authorization == null ? "" : authorization);
          }
          grpc.handle(request);
        })
        .listen());
    port = server.actualPort();
  }

  private Future<FraudCheckResult> answer(TransactionRequest request) {
    received.add(request);
    Function<TransactionRequest, Future<FraudCheckResult>> current = script;
    long ms = delay.toMillis();
    return ms == 0 ? current.apply(request) : vertx.timer(ms).compose(waited -> current.apply(request));
  }

  private static Future<FraudCheckResult> approve(TransactionRequest request) {
    return Future.succeededFuture(result(request.getTransactionId(), false, 0.05f, "NONE"));
  }

  public static FraudCheckResult result(String transactionId, boolean fraud, float score, String reason) {
    return FraudCheckResult.newBuilder()
        .setTransactionId(transactionId).setIsFraud(fraud).setRiskScore(score).setReasonCode(reason).build();
  }

  /** {@code host:port}, as {@code fraud.service-address} takes it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The paths of every call so far, in order, e.g. {@code /fraud.FraudDetection/CheckTransaction}. */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /** The {@code authorization} metadata of every CheckTransaction call so far, in order ("" for a call without). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  public int port() {
    return port;
  }

  /** Back to the start: every transaction approved at once, running, nothing received. */
  public StandInFraud reset() {
    script = StandInFraud::approve;
    delay = Duration.ZERO;
    received.clear();
    authorizations.clear();
    paths.clear();
    if (server == null) {
      listen(port);
    }
    return this;
  }

  /** Transactions that {@code fraudulent} accepts are judged fraud (reason VELOCITY), others approved. */
  public StandInFraud judgeFraudulent(Predicate<TransactionRequest> fraudulent) {
    script = request -> Future.succeededFuture(fraudulent.test(request)
        ? result(request.getTransactionId(), true, 0.93f, "VELOCITY")
        : result(request.getTransactionId(), false, 0.05f, "NONE"));
    return this;
  }

  /** Every call fails with {@code status}. */
  public StandInFraud failWith(GrpcStatus status) {
    script = request -> Future.failedFuture(new StatusException(status, "scripted " + status));
    return this;
  }

  /** Every call is answered by {@code answer}. */
  public StandInFraud answerWith(Function<TransactionRequest, FraudCheckResult> answer) {
    script = request -> Future.succeededFuture(answer.apply(request));
    return this;
  }

  /** Every answer (or failure) comes {@code delay} after the request arrived. */
  public StandInFraud answerAfter(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** Closes the server and its connections: calls find nothing listening until {@link #reset()}. */
  public StandInFraud stop() {
    if (server != null) {
      await(server.close());
      server = null;
    }
    return this;
  }

  /** The calls that reached the stand-in, oldest first. */
  public List<TransactionRequest> received() {
    return List.copyOf(received);
  }

  public int calls() {
    return received.size();
  }

  @Override
  public void close() {
    stop();
  }
}
