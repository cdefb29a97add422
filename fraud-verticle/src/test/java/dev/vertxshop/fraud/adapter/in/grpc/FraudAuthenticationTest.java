package dev.vertxshop.fraud.adapter.in.grpc;

import static dev.vertxshop.fraud.adapter.in.grpc.TestFraudServer.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.ServiceFraudClient;
import dev.vertxshop.fraud.domain.RulesSettings;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Only services reach {@code fraud.FraudDetection}: both methods need {@code authorization: Bearer
 * <token>} metadata with the internal grant; the health and reflection services stay open.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class FraudAuthenticationTest {

  private TestFraudServer server;
  private GrpcClient client;

  @BeforeEach
  void deploy(Vertx vertx) throws Exception {
    server = TestFraudServer.deploy(vertx);
    client = GrpcClient.client(vertx);
  }

  /** Authorization metadata that is not a usable credential, each with what makes it so. */
  static List<String> unusableCredentials() {
    TestTokens otherProvider = TestTokens.rsa();
    Map<String, Object> expired = TestTokens.standardClaims("service-old", Instant.now().minus(Duration.ofHours(2)),
        Duration.ofHours(1));
    expired.put("scope", TestTokens.INTERNAL);
    List<String> credentials = new ArrayList<>();
    credentials.add("");
    credentials.add("Bearer");
    credentials.add("Basic c2VydmljZTpzZWNyZXQ=");
    credentials.add("Bearer not.a.token");
    credentials.add(TestTokens.internal());
    credentials.add(TestTokens.bearer(TestTokens.DEFAULT.sign(expired)));
    credentials.add(TestTokens.bearer(otherProvider.token("service-elsewhere", List.of(TestTokens.INTERNAL), Duration.ofHours(1))));
    credentials.add(TestTokens.bearer(TestTokens.unsigned(Map.of("sub", "service-x", "scope", TestTokens.INTERNAL,
        "iss", TestTokens.ISSUER, "aud", TestTokens.AUDIENCE, "exp", Instant.now().plusSeconds(3600).getEpochSecond()))));
    return credentials;
  }

  @Test
  void refusesACheckWithoutCredentialAsUnauthenticated() throws Exception {
    Ended<FraudCheckResult> ended = unary(null, request("tx-1", "alice", 100));

    assertThat(ended.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(ended.message()).isEqualTo(CallGuard.UNAUTHENTICATED);
    assertThat(ended.messages()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("unusableCredentials")
  void refusesEveryUnusableCredentialWithTheSameStatusAndMessage(String authorization) throws Exception {
    Ended<FraudCheckResult> ended = unary(authorization, request("tx-2", "alice", 100));

    assertThat(ended.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(ended.message()).isEqualTo(CallGuard.UNAUTHENTICATED);
  }

  @Test
  void refusesACustomersTokenAsPermissionDenied() throws Exception {
    Ended<FraudCheckResult> ended = unary(TestTokens.bearer(TestTokens.customer("alice")), request("tx-3", "alice", 100));

    assertThat(ended.status()).isEqualTo(GrpcStatus.PERMISSION_DENIED);
    assertThat(ended.message()).isEqualTo(CallGuard.PERMISSION_DENIED);
  }

  @Test
  void answersAServiceWithTheInternalGrant() throws Exception {
    Ended<FraudCheckResult> ended = unary(TestTokens.bearer(TestTokens.internal()), request("tx-4", "alice", 100));

    assertThat(ended.status()).isEqualTo(GrpcStatus.OK);
    assertThat(ended.messages()).singleElement().extracting(FraudCheckResult::getTransactionId).isEqualTo("tx-4");
  }

  @Test
  void refusesAStreamWithoutCredentialBeforeJudgingAnything() throws Exception {
    int velocityLimit = RulesSettings.defaults().velocityMaxCount();
    List<TransactionRequest> burst = new ArrayList<>();
    for (int i = 0; i <= velocityLimit; i++) {
      burst.add(request("tx-burst-" + i, "bob", 100));
    }

    Ended<FraudCheckResult> refused = call(FraudDetectionGrpcClient.BatchCheck, null, burst);

    assertThat(refused.status()).isEqualTo(GrpcStatus.UNAUTHENTICATED);
    assertThat(refused.messages()).isEmpty();
    // None of the refused burst entered bob's history, or this check would exceed the velocity limit.
    FraudCheckResult next = ServiceFraudClient.create(client, server.address).checkTransaction(request("tx-5", "bob", 100))
        .await(10, TimeUnit.SECONDS);
    assertThat(next.getReasonCode()).isEqualTo("NONE");
  }

  @Test
  void answersAStreamWithTheServicesCredential() throws Exception {
    Ended<FraudCheckResult> ended = call(FraudDetectionGrpcClient.BatchCheck, TestTokens.bearer(TestTokens.internal()),
        List.of(request("tx-9", "carol", 100), request("tx-10", "carol", 100)));

    assertThat(ended.status()).isEqualTo(GrpcStatus.OK);
    assertThat(ended.messages()).extracting(FraudCheckResult::getTransactionId).containsExactly("tx-9", "tx-10");
  }

  @Test
  void answersUnavailableWhileTheIdentityProvidersKeysCannotBeFetched(Vertx vertx) throws Exception {
    Map<String, String> env = new HashMap<>(TestTokens.env());
    env.remove("AUTH_JWT_PUBLIC_KEY");
    env.put("AUTH_JWT_JWKS_URL", "http://127.0.0.1:" + closedPort() + "/.well-known/jwks.json");
    TestFraudServer withoutKeys = TestFraudServer.deploy(vertx, env, UnaryOperator.identity());

    Ended<FraudCheckResult> ended = call(withoutKeys, FraudDetectionGrpcClient.CheckTransaction,
        TestTokens.bearer(TestTokens.internal()), List.of(request("tx-11", "dave", 100)));

    assertThat(ended.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(ended.message()).isEqualTo(CallGuard.KEYS_UNAVAILABLE);
  }

  private Ended<FraudCheckResult> unary(String authorization, TransactionRequest request) throws Exception {
    return call(FraudDetectionGrpcClient.CheckTransaction, authorization, List.of(request));
  }

  private Ended<FraudCheckResult> call(ServiceMethod<FraudCheckResult, TransactionRequest> method, String authorization,
      List<TransactionRequest> requests) throws Exception {
    return call(server, method, authorization, requests);
  }

  /** Makes the call with {@code authorization} (none when null) and returns how it ended, whatever its status. */
  private Ended<FraudCheckResult> call(TestFraudServer target, ServiceMethod<FraudCheckResult, TransactionRequest> method,
      String authorization, List<TransactionRequest> requests) throws Exception {
    Promise<Ended<FraudCheckResult>> ended = Promise.promise();
    client.request(target.address, method).onFailure(ended::tryFail).onSuccess(call -> {
      if (authorization != null) {
        call.headers().set(ServiceFraudClient.AUTHORIZATION, authorization);
      }
      List<FraudCheckResult> received = new ArrayList<>();
      call.response().onFailure(ended::tryFail).onSuccess(response -> {
        response.handler(received::add);
        response.endHandler(done -> ended.tryComplete(new Ended<>(response.status(), response.statusMessage(), List.copyOf(received))));
        response.exceptionHandler(ended::tryFail);
      });
      send(call, requests);
    });
    return ended.future().await(10, TimeUnit.SECONDS);
  }

  private static void send(GrpcClientRequest<TransactionRequest, FraudCheckResult> call, List<TransactionRequest> requests) {
    for (int i = 0; i < requests.size() - 1; i++) {
      call.write(requests.get(i));
    }
    call.end(requests.get(requests.size() - 1));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** How a call ended: its status, the status message and the messages received before. */
  private record Ended<T>(GrpcStatus status, String message, List<T> messages) {}
}
