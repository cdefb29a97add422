package dev.vertxshop.payments.adapter.out.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.payments.Await;
import dev.vertxshop.payments.GrpcWarmUp;
import dev.vertxshop.payments.StandInFraud;
import dev.vertxshop.payments.application.FraudCheck;
import dev.vertxshop.payments.application.FraudVerdict;
import dev.vertxshop.payments.application.ScreeningUnavailableException;
import dev.vertxshop.payments.application.ScreeningUnavailableException.Kind;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import dev.vertxshop.platform.resilience.BreakerSettings;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gRPC adapter against a stand-in fraud service on loopback; no database. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcFraudScreeningTest {

  private static final Duration DEADLINE = Duration.ofMillis(200);
  private static final String CREDENTIAL = "Bearer the-service-token";
  // Opens once 3 calls ended in the window and at least half of them failed; stays open a minute.
  private static final BreakerSettings BREAKER = new BreakerSettings(50, 3, Duration.ofSeconds(30), Duration.ofMinutes(1));
  private static final TransactionDefaults DEFAULTS = new TransactionDefaults("vertx-shop", "DE");

  private Vertx vertx;
  private StandInFraud fraud;
  private CircuitBreakers breakers;
  private GrpcFraudScreening screening;

  @BeforeEach
  void start(Vertx vertx) {
    GrpcWarmUp.once(vertx);
    this.vertx = vertx;
    fraud = StandInFraud.start(vertx);
    screening = screeningOf("127.0.0.1", fraud.port());
  }

  private GrpcFraudScreening screeningOf(String host, int port) {
    breakers = CircuitBreakers.create(vertx, BREAKER);
    return GrpcFraudScreening.create(vertx, host, port, DEADLINE, DEFAULTS, breakers.forService(GrpcFraudScreening.SERVICE),
        () -> Optional.of(CREDENTIAL));
  }

  @AfterEach
  void stop() {
    Await.await(screening.close());
    breakers.close();
    fraud.close();
  }

  private static FraudCheck check(long cents, String customerId, String countryCode) {
    return new FraudCheck(OrderId.of("order-" + UUID.randomUUID()), Money.positive(cents), "424242", "4242", customerId, countryCode);
  }

  private ScreeningUnavailableException unavailable(FraudCheck check) {
    Throwable failure = catchThrowable(() -> Await.await(screening.screen(check)));
    assertThat(failure).isInstanceOf(ScreeningUnavailableException.class);
    return (ScreeningUnavailableException) failure;
  }

  @Test
  void asksWithTheOrderAsTransactionTheCustomerAsUserAndTheChargesCountry() {
    FraudCheck check = check(4_599, "customer-3", "FR");

    FraudVerdict verdict = Await.await(screening.screen(check));

    assertThat(verdict.approved()).isTrue();
    assertThat(fraud.received()).singleElement().isEqualTo(TransactionRequest.newBuilder()
        .setTransactionId(check.orderId().value())
        .setUserId("customer-3")
        .setAmountCents(4_599)
        .setMerchantId("vertx-shop")
        .setCountryCode("FR")
        .build());
  }

  @Test
  void sendsTheCredentialOfEachCallAsAuthorizationMetadata() {
    List<String> credentials = List.of("Bearer first", "Bearer second");
    Iterator<String> next = credentials.iterator();
    Await.await(screening.close());
    screening = GrpcFraudScreening.create(vertx, "127.0.0.1", fraud.port(), DEADLINE, DEFAULTS,
        breakers.forService(GrpcFraudScreening.SERVICE), () -> Optional.of(next.next()));

    Await.await(screening.screen(check(100, "customer-1", "DE")));
    Await.await(screening.screen(check(100, "customer-1", "DE")));

    assertThat(fraud.authorizations()).isEqualTo(credentials);
  }

  @Test
  void aCallWithoutCredentialCarriesNoAuthorization() {
    Await.await(screening.close());
    screening = GrpcFraudScreening.create(vertx, "127.0.0.1", fraud.port(), DEADLINE, DEFAULTS,
        breakers.forService(GrpcFraudScreening.SERVICE), Optional::empty);

    Await.await(screening.screen(check(100, "customer-1", "DE")));

    assertThat(fraud.authorizations()).containsExactly("");
  }

  @Test
  void anUnauthenticatedAnswerIsAnErrorThatCountsTowardsTheBreaker() {
    fraud.failWith(GrpcStatus.UNAUTHENTICATED);

    ScreeningUnavailableException failure = unavailable(check(100, "customer-1", "DE"));

    assertThat(failure.kind()).isEqualTo(Kind.ERROR);
    assertThat(failure.getMessage()).contains("UNAUTHENTICATED");
    assertThat(breakers.snapshots()).singleElement().satisfies(breaker -> assertThat(breaker.failures()).isEqualTo(1));
  }

  @Test
  void aPaymentWithoutCustomerIsItsOrdersOwnUserAndWithoutCountryTheDefaultCountry() {
    FraudCheck check = check(100, null, null);

    Await.await(screening.screen(check));

    assertThat(fraud.received()).singleElement().satisfies(request -> {
      assertThat(request.getUserId()).isEqualTo(check.orderId().value());
      assertThat(request.getCountryCode()).isEqualTo("DE");
    });
  }

  @Test
  void aFraudulentVerdictRejectsThePaymentWithTheRuleAndScore() {
    fraud.judgeFraudulent(request -> request.getAmountCents() > 50_000);

    FraudVerdict small = Await.await(screening.screen(check(50_000, "c-1", null)));
    FraudVerdict large = Await.await(screening.screen(check(50_001, "c-1", null)));

    assertThat(small.approved()).isTrue();
    assertThat(large.approved()).isFalse();
    assertThat(large.reason()).isEqualTo("VELOCITY, risk 0.93");
  }

  @Test
  void noVerdictWithinTheDeadlineFailsAsDeadlineExceededLongBeforeTheLateAnswer() {
    // the first call pays for the connection; the second measures the deadline alone
    assertThat(Await.await(screening.screen(check(100, null, null))).approved()).isTrue();
    fraud.answerAfter(Duration.ofMillis(500));
    long started = System.nanoTime();

    ScreeningUnavailableException failure = unavailable(check(100, null, null));

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure.kind()).isEqualTo(Kind.DEADLINE_EXCEEDED);
    assertThat(failure.reason()).isEqualTo("DEADLINE_EXCEEDED: no verdict within 200 ms");
    assertThat(took).isBetween(Duration.ofMillis(195), Duration.ofMillis(450));
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5)).until(() -> fraud.calls() == 2);
  }

  @Test
  void aServiceThatIsNotListeningIsUnavailable() {
    fraud.stop();

    ScreeningUnavailableException failure = unavailable(check(100, null, null));

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.reason()).startsWith("UNAVAILABLE: ");
  }

  @Test
  void aHostThatCannotBeResolvedIsUnavailableWithinTheDeadline() {
    Await.await(screening.close());
    breakers.close();
    screening = screeningOf("fraud.invalid", 9090);
    long started = System.nanoTime();

    ScreeningUnavailableException failure = unavailable(check(100, null, null));

    assertThat(failure.kind()).isIn(Kind.UNAVAILABLE, Kind.DEADLINE_EXCEEDED);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anUnavailableStatusIsUnavailableAndAnyOtherStatusAnError() {
    fraud.failWith(GrpcStatus.UNAVAILABLE);
    ScreeningUnavailableException unavailable = unavailable(check(100, null, null));
    fraud.failWith(GrpcStatus.INTERNAL);
    ScreeningUnavailableException internal = unavailable(check(100, null, null));

    assertThat(unavailable.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(internal.kind()).isEqualTo(Kind.ERROR);
    assertThat(internal.reason()).isEqualTo("ERROR: fraud answered INTERNAL");
  }

  @Test
  void anAnswerForAnotherTransactionIsAnError() {
    fraud.answerWith(request -> StandInFraud.result("someone-else", false, 0f, "NONE"));

    ScreeningUnavailableException failure = unavailable(check(100, null, null));

    assertThat(failure.kind()).isEqualTo(Kind.ERROR);
    assertThat(failure.reason()).contains("someone-else");
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndThenNoCallReachesTheService() {
    fraud.failWith(GrpcStatus.UNAVAILABLE);
    for (int i = 0; i < 3; i++) {
      assertThat(unavailable(check(100, null, null)).kind()).isEqualTo(Kind.UNAVAILABLE);
    }
    assertThat(fraud.calls()).isEqualTo(3);
    assertThat(breakers.snapshots()).singleElement()
        .satisfies(breaker -> assertThat(breaker.state()).isEqualTo(CircuitBreakerState.OPEN));

    fraud.reset();
    for (int i = 0; i < 5; i++) {
      ScreeningUnavailableException refused = unavailable(check(100, null, null));
      assertThat(refused.kind()).isEqualTo(Kind.CIRCUIT_OPEN);
      assertThat(refused.reason()).contains("circuit breaker fraud is open");
    }
    assertThat(fraud.calls()).isZero();
  }

  @Test
  void aSlowServiceCountsTowardsTheBreakerLikeAnUnreachableOne() {
    fraud.answerAfter(Duration.ofMillis(500));
    for (int i = 0; i < 3; i++) {
      assertThat(unavailable(check(100, null, null)).kind()).isEqualTo(Kind.DEADLINE_EXCEEDED);
    }

    assertThat(unavailable(check(100, null, null)).kind()).isEqualTo(Kind.CIRCUIT_OPEN);
    assertThat(fraud.calls()).isEqualTo(3);
  }

  @Test
  void aRequestRefusedAsInvalidIsAnAnswerThatNeverOpensTheBreaker() {
    fraud.failWith(GrpcStatus.INVALID_ARGUMENT);
    for (int i = 0; i < 5; i++) {
      assertThat(unavailable(check(100, null, null)).kind()).isEqualTo(Kind.REFUSED);
    }

    assertThat(fraud.calls()).isEqualTo(5);
    assertThat(breakers.snapshots()).singleElement().satisfies(breaker -> {
      assertThat(breaker.state()).isEqualTo(CircuitBreakerState.CLOSED);
      assertThat(breaker.failures()).isZero();
    });
  }

  @Test
  void connectsAheadWithAHealthCheckAndScreensNothing() {
    screening.connectAhead(Duration.ofMillis(100), 5);

    await().atMost(10, TimeUnit.SECONDS).until(() -> fraud.paths().contains("/grpc.health.v1.Health/Check"));
    assertThat(fraud.paths()).containsOnly("/grpc.health.v1.Health/Check");
    assertThat(fraud.received()).isEmpty();
  }

  @Test
  void keepsAskingForAConnectionUntilFraudListens() {
    fraud.stop();
    screening.connectAhead(Duration.ofMillis(100), 600);
    fraud.reset();

    await().atMost(10, TimeUnit.SECONDS).until(() -> fraud.paths().contains("/grpc.health.v1.Health/Check"));
    assertThat(fraud.paths()).containsOnly("/grpc.health.v1.Health/Check");
  }

  @Test
  void refusesADeadlineBelowOneMillisecond() {
    assertThatThrownBy(() -> GrpcFraudScreening.create(vertx, "127.0.0.1", 9090, Duration.ZERO, DEFAULTS,
        breakers.forService("fraud"), Optional::empty))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
