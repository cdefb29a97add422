package dev.vertxshop.fraud.adapter.in.grpc;

import static dev.vertxshop.fraud.adapter.in.grpc.TestFraudServer.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.ServiceFraudClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BatchCheckTest {

  private TestFraudServer server;
  private GrpcClient client;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = TestFraudServer.deploy(vertx);
    client = GrpcClient.client(vertx);
  }

  @Test
  void answersTenThousandItemsInOrder(Vertx vertx) throws Exception {
    int items = 10_000;
    BatchCall call = BatchCall.open(vertx, client, server);

    call.send(items, i -> request("tx-" + i, "user-" + (i % 500), 100 + i), true);
    GrpcStatus status = call.ended().await(30, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(GrpcStatus.OK);
    List<FraudCheckResult> results = call.results();
    assertThat(results).hasSize(items);
    for (int i = 0; i < items; i++) {
      assertThat(results.get(i).getTransactionId()).isEqualTo("tx-" + i);
    }
    assertThat(server.verticle.openStreams()).isZero();
  }

  @Test
  void answersABadItemWithInvalidRequestAndGoesOn(Vertx vertx) throws Exception {
    List<TransactionRequest> requests = List.of(
        request("tx-1", "alice", 100),
        request("tx-2", "alice", -5),
        request("", "alice", 100),
        request("tx-4", "alice", 100).toBuilder().setCountryCode("de").build(),
        request("tx-5", "alice", 100_001));
    BatchCall call = BatchCall.open(vertx, client, server);

    call.send(requests.size(), requests::get, true);
    GrpcStatus status = call.ended().await(10, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(GrpcStatus.OK);
    assertThat(call.results()).extracting(FraudCheckResult::getTransactionId, FraudCheckResult::getReasonCode)
        .containsExactly(
            tuple("tx-1", "NONE"),
            tuple("tx-2", "INVALID_REQUEST"),
            tuple("", "INVALID_REQUEST"),
            tuple("tx-4", "INVALID_REQUEST"),
            tuple("tx-5", "HIGH_AMOUNT"));
    assertThat(call.results().get(1).getIsFraud()).isFalse();
    assertThat(call.results().get(1).getRiskScore()).isZero();
  }

  @Test
  void stopsReadingRequestsWhileTheClientDoesNotReadResults(Vertx vertx) throws Exception {
    int items = 50_000;
    BatchCall call = BatchCall.open(vertx, client, server);
    call.pauseResults();

    // One user per item: the rules' user count is the number of requests the server has read.
    call.send(items, i -> request("tx-" + i, "user-" + i, 100), true);
    int readWhilePaused = awaitSteady(() -> server.verticle.rules().trackedUsers());
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
        .until(() -> server.verticle.rules().trackedUsers() == readWhilePaused);

    assertThat(readWhilePaused).isPositive().isLessThan(items / 5);
    assertThat(call.sent()).isLessThan(items);

    call.resumeResults();
    GrpcStatus status = call.ended().await(30, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(GrpcStatus.OK);
    assertThat(call.results()).hasSize(items);
    assertThat(call.results().get(items - 1).getTransactionId()).isEqualTo("tx-" + (items - 1));
    assertThat(server.verticle.rules().trackedUsers()).isEqualTo(items);
  }

  @Test
  void releasesTheCallWhenTheClientCancels(Vertx vertx) throws Exception {
    BatchCall call = BatchCall.open(vertx, client, server);
    call.send(5, i -> request("tx-" + i, "alice", 100), false);
    await().atMost(Duration.ofSeconds(10)).until(() -> call.received() == 5);
    assertThat(server.verticle.openStreams()).isEqualTo(1);

    call.cancel();

    await().atMost(Duration.ofSeconds(10)).until(() -> server.verticle.openStreams() == 0);
  }

  @Test
  void endsWithDeadlineExceededWhenTheDeadlinePasses(Vertx vertx) throws Exception {
    BatchCall call = BatchCall.open(vertx, client, server, 500);
    call.send(3, i -> request("tx-" + i, "alice", 100), false);

    GrpcStatus status = call.ended().await(10, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(GrpcStatus.DEADLINE_EXCEEDED);
    assertThat(call.received()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.verticle.openStreams() == 0);
  }

  /** Polls {@code counter} until two readings 100 ms apart agree, and returns that reading. */
  private static int awaitSteady(IntSupplier counter) {
    AtomicInteger previous = new AtomicInteger(-1);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      int now = counter.getAsInt();
      return now > 0 && now == previous.getAndSet(now);
    });
    return previous.get();
  }

  /**
   * A BatchCheck call driven from one client event loop: sends items as fast as the call's flow
   * control allows and collects the results. Every step runs on that event loop.
   */
  private static final class BatchCall {

    private final Context context;
    private final List<FraudCheckResult> results = new ArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final Promise<GrpcStatus> ended = Promise.promise();
    private GrpcClientRequest<TransactionRequest, FraudCheckResult> request;
    private GrpcClientResponse<TransactionRequest, FraudCheckResult> response;
    private boolean resultsPaused;

    private BatchCall(Context context) {
      this.context = context;
    }

    static BatchCall open(Vertx vertx, GrpcClient client, TestFraudServer server) throws Exception {
      return open(vertx, client, server, 0);
    }

    static BatchCall open(Vertx vertx, GrpcClient client, TestFraudServer server, long timeoutMillis) throws Exception {
      BatchCall call = new BatchCall(vertx.getOrCreateContext());
      call.onContext(() -> ServiceFraudClient.request(client, server.address, FraudDetectionGrpcClient.BatchCheck)
          .map(request -> call.opened(request, timeoutMillis)));
      return call;
    }

    private Void opened(GrpcClientRequest<TransactionRequest, FraudCheckResult> request, long timeoutMillis) {
      this.request = request;
      if (timeoutMillis > 0) {
        request.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
      }
      // The response arrives with the server's first answer.
      request.response().onSuccess(this::listen).onFailure(ended::tryFail);
      return null;
    }

    private void listen(GrpcClientResponse<TransactionRequest, FraudCheckResult> response) {
      this.response = response;
      if (resultsPaused) {
        response.pause();
      }
      response.handler(result -> {
        results.add(result);
        received.incrementAndGet();
      });
      response.endHandler(ignored -> ended.tryComplete(response.status()));
      response.exceptionHandler(ended::tryFail);
      response.errorHandler(error -> ended.tryFail(error.toString()));
    }

    /** Sends {@code count} items (then ends the call if {@code end}), honouring the write queue. */
    void send(int count, IntFunction<TransactionRequest> item, boolean end) throws Exception {
      onContext(() -> {
        pump(count, item, end);
        return Future.succeededFuture();
      });
    }

    private void pump(int count, IntFunction<TransactionRequest> item, boolean end) {
      while (sent.get() < count && !request.writeQueueFull()) {
        request.write(item.apply(sent.getAndIncrement()));
      }
      if (sent.get() < count) {
        request.drainHandler(ignored -> pump(count, item, end));
      } else if (end) {
        request.end();
      }
    }

    void pauseResults() throws Exception {
      onContext(() -> {
        resultsPaused = true;
        if (response != null) {
          response.pause();
        }
        return Future.succeededFuture();
      });
    }

    void resumeResults() throws Exception {
      onContext(() -> {
        resultsPaused = false;
        if (response != null) {
          response.resume();
        }
        return Future.succeededFuture();
      });
    }

    void cancel() throws Exception {
      onContext(() -> {
        request.cancel();
        return Future.succeededFuture();
      });
    }

    /** Runs {@code action} on the call's event loop and waits for the future it returns. */
    private void onContext(Supplier<Future<?>> action) throws Exception {
      Promise<Object> done = Promise.promise();
      context.runOnContext(ignored -> action.get().onComplete(done));
      done.future().await(10, TimeUnit.SECONDS);
    }

    Future<GrpcStatus> ended() {
      return ended.future();
    }

    /** The results; read only after {@link #ended()} completed. */
    List<FraudCheckResult> results() {
      return results;
    }

    int received() {
      return received.get();
    }

    int sent() {
      return sent.get();
    }
  }
}
