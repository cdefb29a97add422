package dev.vertxshop.fraud.adapter.in.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.FraudDetectionGrpcClient;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.ServiceFraudClient;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.HostileInputs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile field values on the fraud gRPC API. {@code CheckTransaction} answers a valid request with
 * its verdict and anything else with {@code INVALID_ARGUMENT} and a message; {@code BatchCheck}
 * answers every item, a bad one with reason {@code INVALID_REQUEST}, and ends the stream {@code OK};
 * a message that is not a {@code TransactionRequest} at all (garbage bytes in the frame) gets one of
 * those answers too ({@code INVALID_ARGUMENT}, or an {@code INVALID_REQUEST} item), never {@code
 * INTERNAL}, {@code UNKNOWN} or a reset stream. Authorization metadata that is not a service
 * token (garbage, other schemes, tampered or foreign tokens) always gets {@code UNAUTHENTICATED}.
 * After each, the service still answers a valid request.
 */
class FraudHostileInputTest {

  private static Vertx vertx;
  private static TestFraudServer server;
  private static GrpcClient client;
  private static ServiceFraudClient fraud;
  private static final AtomicInteger tried = new AtomicInteger();
  private static final Map<String, Integer> garbageStatuses = new ConcurrentSkipListMap<>();
  /** The largest message the Vert.x gRPC server reads by default. */
  private static final int MAX_MESSAGE_BYTES = 256 * 1024;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestFraudServer.deploy(vertx);
    client = GrpcClient.client(vertx);
    fraud = ServiceFraudClient.create(client, server.address);
  }

  @AfterContainer
  static void stop() throws Exception {
    System.out.println("fraud (gRPC, all calls): hostile inputs tried: " + tried.get());
    System.out.println("fraud garbage messages answered: " + garbageStatuses);
    client.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Property(tries = 300)
  void checkTransaction(@ForAll("requests") TransactionRequest generated) throws Exception {
    tried.incrementAndGet();
    TransactionRequest request = asSent(generated);
    Future<FraudCheckResult> answer = fraud.checkTransaction(request);
    try {
      FraudCheckResult result = answer.await(10, TimeUnit.SECONDS);
      assertThat(isValid(request)).as("answered OK: " + describe(request)).isTrue();
      assertThat(result.getTransactionId()).isEqualTo(request.getTransactionId());
    } catch (InvalidStatusException e) {
      if (request.getSerializedSize() > MAX_MESSAGE_BYTES) {
        // Larger than the server reads: refused before it is decoded.
        assertThat(e.actualStatus()).as("status for " + describe(request)).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
      } else {
        assertThat(e.actualStatus()).as("status for " + describe(request)).isEqualTo(GrpcStatus.INVALID_ARGUMENT);
        assertThat(isValid(request)).as("refused: " + describe(request)).isFalse();
      }
      assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception", "dev.vertxshop");
    }
  }

  @Property(tries = 60)
  void batchCheck(@ForAll("batches") List<TransactionRequest> generated) throws Exception {
    tried.addAndGet(generated.size());
    List<TransactionRequest> requests = new ArrayList<>();
    for (TransactionRequest request : generated) {
      requests.add(asSent(request));
    }
    Promise<BatchOutcome> ended = Promise.promise();
    List<FraudCheckResult> received = Collections.synchronizedList(new ArrayList<>());
    ServiceFraudClient.request(client, server.address, FraudDetectionGrpcClient.BatchCheck)
        .onFailure(ended::tryFail)
        .onSuccess(call -> {
          // Listened to on the call's event loop before anything is sent, so that no result can
          // arrive before its handler.
          call.response().onFailure(ended::tryFail).onSuccess(response -> {
            response.handler(received::add);
            response.exceptionHandler(ended::tryFail);
            response.endHandler(done -> ended.tryComplete(new BatchOutcome(response.status(), List.copyOf(received))));
          });
          requests.forEach(call::write);
          call.end();
        });
    BatchOutcome outcome = ended.future().await(20, TimeUnit.SECONDS);
    List<FraudCheckResult> results = outcome.results();

    assertThat(outcome.status()).isEqualTo(GrpcStatus.OK);
    assertThat(results).hasSize(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      boolean invalid = "INVALID_REQUEST".equals(results.get(i).getReasonCode());
      assertThat(invalid).as("item " + i + ": " + describe(requests.get(i))).isEqualTo(!isValid(requests.get(i)));
      assertThat(results.get(i).getTransactionId()).isEqualTo(requests.get(i).getTransactionId());
    }
    stillAnswers();
  }

  private record BatchOutcome(GrpcStatus status, List<FraudCheckResult> results) {}

  @Property(tries = 100)
  void garbageMessage(@ForAll("garbage") byte[] bytes, @ForAll("methods") String method) throws Exception {
    tried.incrementAndGet();
    GrpcStatus status = rawCall(method, TestTokens.bearer(TestTokens.internal()), bytes);

    garbageStatuses.merge(method.substring(method.lastIndexOf('/') + 1) + " " + status, 1, Integer::sum);
    // A status the contract names, never INTERNAL or UNKNOWN, and never a reset stream (CANCELLED).
    assertThat(status).as("status for " + method + " with " + HexFormat.of().formatHex(bytes))
        .isIn(GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.UNIMPLEMENTED);
    stillAnswers();
  }

  @Property(tries = 150)
  void credential(@ForAll("credentials") String authorization, @ForAll("methods") String method) throws Exception {
    tried.incrementAndGet();
    TransactionRequest request = TestFraudServer.request("tx-credential", "credential-user", 100);
    GrpcStatus status = rawCall(method, authorization, request.toByteArray());

    // No credential but a service token opens the service's methods; an unknown method is unknown either way.
    assertThat(status).as("status for " + method + " with authorization '" + authorization + "'")
        .isEqualTo(method.startsWith("fraud.FraudDetection/") && !method.endsWith("/Nothing")
            ? GrpcStatus.UNAUTHENTICATED
            : GrpcStatus.UNIMPLEMENTED);
    stillAnswers();
  }

  /** Calls {@code method} with {@code bytes} as its one message, whatever they are, and returns the status it ends with. */
  private static GrpcStatus rawCall(String method, String authorization, byte[] bytes) throws Exception {
    return client.request(server.address)
        .compose(call -> {
          call.fullMethodName(method);
          call.headers().set(ServiceFraudClient.AUTHORIZATION, authorization);
          call.end(Buffer.buffer(bytes));
          return call.response();
        })
        .compose(response -> response.end().transform(ended -> Future.succeededFuture(response.status())))
        .recover(failure -> failure instanceof GrpcErrorException error
            ? Future.succeededFuture(error.status())
            : Future.failedFuture(failure))
        .await(10, TimeUnit.SECONDS);
  }

  /**
   * The request as the server receives it: protobuf writes a lone surrogate of a string as {@code ?},
   * so that is what the server sees and echoes.
   */
  private static TransactionRequest asSent(TransactionRequest request) throws Exception {
    return TransactionRequest.parseFrom(request.toByteArray());
  }

  /** The request with long values cut short, for failure messages. */
  private static String describe(TransactionRequest request) {
    String text = request.toString().replace('\n', ' ');
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + request.getSerializedSize() + " bytes)";
  }

  private static void stillAnswers() throws Exception {
    TransactionRequest valid = TestFraudServer.request("tx-alive", "alive-user", 100);
    assertThat(fraud.checkTransaction(valid).await(10, TimeUnit.SECONDS).getTransactionId()).isEqualTo("tx-alive");
  }

  /** The contract's rules for a transaction ({@code fraud.proto}, {@code Transaction}), restated. */
  private static boolean isValid(TransactionRequest request) {
    return isId(request.getTransactionId()) && isId(request.getUserId()) && request.getAmountCents() >= 0
        && isId(request.getMerchantId()) && request.getCountryCode().matches("[A-Z]{2}");
  }

  private static boolean isId(String value) {
    return !value.isBlank() && value.length() <= 128;
  }

  @Provide
  Arbitrary<TransactionRequest> requests() {
    return requests(Arbitraries.of("x".repeat(100_000)));
  }

  private static Arbitrary<TransactionRequest> requests(Arbitrary<String> huge) {
    Arbitrary<String> ids = Arbitraries.oneOf(HostileInputs.strings(), Arbitraries.of("tx-1", "user-1", "shop-1"),
        Arbitraries.strings().alpha().ofLength(128), Arbitraries.strings().alpha().ofLength(129), huge);
    Arbitrary<Long> amounts = Arbitraries.oneOf(Arbitraries.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 100_000L, 100_001L,
        1_000_001L), Arbitraries.longs());
    Arbitrary<String> countries = Arbitraries.oneOf(HostileInputs.strings(), Arbitraries.of("DE", "de", "D", "DEU", "ZZ", "\u00c4\u00d6", "D1"));
    return Combinators.combine(ids, ids, amounts, ids, countries)
        .as((transaction, user, amount, merchant, country) -> TransactionRequest.newBuilder()
            .setTransactionId(transaction)
            .setUserId(user)
            .setAmountCents(amount)
            .setMerchantId(merchant)
            .setCountryCode(country)
            .build());
  }

  @Provide
  Arbitrary<List<TransactionRequest>> batches() {
    // Each item below the message limit, so that every one is read and answered.
    return requests(Arbitraries.of("x".repeat(10_000))).list().ofMinSize(0).ofMaxSize(40);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200),
        HostileInputs.invalidUtf8().map(bad -> {
          byte[] framed = new byte[bad.length + 2];
          framed[0] = 0x0a;
          framed[1] = (byte) bad.length;
          System.arraycopy(bad, 0, framed, 2, bad.length);
          return framed;
        }),
        Arbitraries.of(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, new byte[] {(byte) 0xff},
            new byte[] {0x18, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
                (byte) 0x80, (byte) 0x80, 0x01}));
  }

  /** Authorization metadata that is never a usable service credential: garbage, other schemes, tampered or foreign tokens. */
  @Provide
  Arbitrary<String> credentials() {
    String valid = TestTokens.internal();
    Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
    // The last character is left alone: part of it is padding, which a decoder may ignore.
    Arbitrary<String> tampered = Arbitraries.integers().between(0, valid.length() - 2).map(at -> {
      char replaced = valid.charAt(at) == 'A' ? 'B' : 'A';
      return "Bearer " + valid.substring(0, at) + replaced + valid.substring(at + 1);
    });
    return Arbitraries.oneOf(
        printable,
        printable.map(text -> "Bearer " + text),
        tampered,
        Arbitraries.of("Bearer " + valid.substring(0, valid.lastIndexOf('.')), "Bearer " + valid + "." + valid, valid,
            "Basic " + valid, "Bearer  ", "bearer", "Bearer " + "x".repeat(7000),
            TestTokens.bearer(TestTokens.rsa().token("service-elsewhere", List.of(TestTokens.INTERNAL), Duration.ofHours(1)))));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("fraud.FraudDetection/CheckTransaction", "fraud.FraudDetection/BatchCheck", "fraud.FraudDetection/Nothing",
        "nothing.Service/CheckTransaction");
  }
}
