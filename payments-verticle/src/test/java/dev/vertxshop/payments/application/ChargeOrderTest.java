package dev.vertxshop.payments.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.adapter.out.card.TestCardNetwork;
import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeStatus;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.FraudPolicy;
import dev.vertxshop.payments.domain.LedgerKind;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The charge use case with test ports: completed futures only, no Vert.x instance, no I/O. */
class ChargeOrderTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00.123456789Z");
  private static final OrderId ORDER = OrderId.of("order-42");

  private final InMemoryChargeRepository charges = new InMemoryChargeRepository();
  private final List<FraudCheck> screened = new ArrayList<>();
  private final List<CardDetails> authorized = new ArrayList<>();

  private FraudScreening screeningThatAnswers(FraudVerdict verdict) {
    return check -> {
      screened.add(check);
      return Future.succeededFuture(verdict);
    };
  }

  private final CardNetwork countingTestNetwork = (orderId, card, amount) -> {
    authorized.add(card);
    return new TestCardNetwork().authorize(orderId, card, amount);
  };

  private ChargeOrder useCase(FraudScreening screening, CardNetwork network) {
    return useCase(screening, FraudPolicy.failOpenBelow(Money.ofCents(10_000)), network);
  }

  private ChargeOrder useCase(FraudScreening screening, FraudPolicy policy, CardNetwork network) {
    return new ChargeOrder(charges, screening, policy, network, Clock.fixed(NOW, ZoneOffset.UTC), UUID::randomUUID);
  }

  private static ChargeCommand command(String cardNumber) {
    return command(4999, cardNumber);
  }

  private static ChargeCommand command(long cents, String cardNumber) {
    return new ChargeCommand(ORDER, Money.positive(cents), CardDetails.of(cardNumber), "customer-7", "FR");
  }

  private static final FraudScreening UNAVAILABLE = check -> Future.failedFuture(
      new ScreeningUnavailableException(ScreeningUnavailableException.Kind.DEADLINE_EXCEEDED, "no verdict within 200 ms", null));

  private static <T> T completed(Future<T> future) {
    assertThat(future.isComplete()).as("completed").isTrue();
    if (future.failed()) {
      throw new AssertionError("failed", future.cause());
    }
    return future.result();
  }

  @Test
  void chargesAnApprovedCardAndRecordsTheChargeWithItsLedgerEntry() {
    ChargeOutcome outcome = completed(
        useCase(screeningThatAnswers(FraudVerdict.approve()), countingTestNetwork).charge(command("4242424242424242")));

    assertThat(outcome.created()).isTrue();
    Charge charge = outcome.charge();
    assertThat(charge.status()).isEqualTo(ChargeStatus.SUCCEEDED);
    assertThat(charge.amount()).isEqualTo(Money.ofCents(4999));
    assertThat(charge.cardLast4()).isEqualTo("4242");
    assertThat(charge.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
    assertThat(charges.charges).containsEntry(ORDER, charge);
    assertThat(charges.ledger).singleElement().satisfies(entry -> {
      assertThat(entry.kind()).isEqualTo(LedgerKind.CHARGE);
      assertThat(entry.amount()).isEqualTo(Money.ofCents(4999));
    });
  }

  @Test
  void aRejectionByFraudScreeningDeclinesTheChargeAsFraudSuspectedWithoutAskingTheCardNetwork() {
    FraudScreening rejecting = screeningThatAnswers(FraudVerdict.reject("velocity limit"));

    ChargeOutcome outcome = completed(useCase(rejecting, countingTestNetwork).charge(command("4242424242424242")));

    assertThat(outcome.created()).isTrue();
    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.DECLINED);
    assertThat(outcome.charge().decline()).contains(DeclineReason.FRAUD_SUSPECTED);
    assertThat(authorized).isEmpty();
    assertThat(charges.ledger).isEmpty();
  }

  @Test
  void screeningRunsBeforeTheCardNetworkAndSeesOrderAmountCustomerAndCardDigitsButNotTheNumber() {
    List<String> calls = new ArrayList<>();
    FraudScreening screening = check -> {
      calls.add("screening");
      screened.add(check);
      return Future.succeededFuture(FraudVerdict.approve());
    };
    CardNetwork network = (orderId, card, amount) -> {
      calls.add("network");
      return Future.succeededFuture(Authorization.approve());
    };

    completed(useCase(screening, network).charge(command("5555555555554444")));

    assertThat(calls).containsExactly("screening", "network");
    assertThat(screened).containsExactly(
        new FraudCheck(ORDER, Money.ofCents(4999), "555555", "4444", "customer-7", "FR"));
  }

  @Test
  void recordsADeclineByTheCardNetworkWithItsReasonAndNoLedgerEntry() {
    ChargeOutcome outcome = completed(
        useCase(screeningThatAnswers(FraudVerdict.approve()), countingTestNetwork).charge(command("4000000000000002")));

    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.DECLINED);
    assertThat(outcome.charge().decline()).contains(DeclineReason.CARD_DECLINED);
    assertThat(charges.charges).containsKey(ORDER);
    assertThat(charges.ledger).isEmpty();
  }

  @Test
  void anOrderThatHasAChargeIsAnsweredWithItWithoutScreeningOrAskingTheNetwork() {
    ChargeOrder useCase = useCase(screeningThatAnswers(FraudVerdict.approve()), countingTestNetwork);
    Charge first = completed(useCase.charge(command("4242424242424242"))).charge();
    screened.clear();
    authorized.clear();

    ChargeOutcome again = completed(useCase.charge(command("5555555555554444")));

    assertThat(again.created()).isFalse();
    assertThat(again.charge()).isEqualTo(first);
    assertThat(screened).isEmpty();
    assertThat(authorized).isEmpty();
    assertThat(charges.ledger).hasSize(1);
  }

  @Test
  void withoutAVerdictFailOpenLetsAnAmountBelowTheLimitThroughAndRecordsTheDecisionWithTheCharge() {
    ChargeOutcome outcome = completed(useCase(UNAVAILABLE, countingTestNetwork).charge(command(9_999, "4242424242424242")));

    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.SUCCEEDED);
    assertThat(authorized).hasSize(1);
    assertThat(charges.ledger).hasSize(1);
    assertThat(charges.failOpens).containsExactly(new FailOpenDecision(
        ORDER, Money.ofCents(9_999), "DEADLINE_EXCEEDED: no verdict within 200 ms", Instant.parse("2025-03-01T10:00:00.123456Z")));
  }

  @Test
  void withoutAVerdictFailOpenDeclinesTheLimitAndAboveWithoutAskingTheCardNetwork() {
    ChargeOutcome outcome = completed(useCase(UNAVAILABLE, countingTestNetwork).charge(command(10_000, "4242424242424242")));

    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.DECLINED);
    assertThat(outcome.charge().decline()).contains(DeclineReason.FRAUD_CHECK_UNAVAILABLE);
    assertThat(authorized).isEmpty();
    assertThat(charges.ledger).isEmpty();
    assertThat(charges.failOpens).isEmpty();
  }

  @Test
  void withoutAVerdictFailClosedDeclinesEvenTheSmallestAmount() {
    ChargeOutcome outcome = completed(
        useCase(UNAVAILABLE, FraudPolicy.failClosed(), countingTestNetwork).charge(command(1, "4242424242424242")));

    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.DECLINED);
    assertThat(outcome.charge().decline()).contains(DeclineReason.FRAUD_CHECK_UNAVAILABLE);
    assertThat(authorized).isEmpty();
    assertThat(charges.failOpens).isEmpty();
  }

  @Test
  void aFailOpenDecisionIsRecordedAlsoWhenTheCardNetworkThenDeclines() {
    ChargeOutcome outcome = completed(useCase(UNAVAILABLE, countingTestNetwork).charge(command("4000000000000002")));

    assertThat(outcome.charge().decline()).contains(DeclineReason.CARD_DECLINED);
    assertThat(charges.failOpens).singleElement().satisfies(decision -> assertThat(decision.orderId()).isEqualTo(ORDER));
  }

  @Test
  void anyScreeningFailureCountsAsNoVerdictWithItsMessageAsTheReason() {
    FraudScreening failing = check -> Future.failedFuture(new IllegalStateException("connection refused"));

    ChargeOutcome outcome = completed(useCase(failing, countingTestNetwork).charge(command("4242424242424242")));

    assertThat(outcome.charge().status()).isEqualTo(ChargeStatus.SUCCEEDED);
    assertThat(charges.failOpens).singleElement()
        .satisfies(decision -> assertThat(decision.reason()).isEqualTo("ERROR: connection refused"));
  }

  @Test
  void aScreeningThatThrowsInsteadOfFailingCountsAsNoVerdict() {
    FraudScreening throwing = check -> {
      throw new IllegalStateException("bug");
    };

    ChargeOutcome outcome = completed(
        useCase(throwing, FraudPolicy.failClosed(), countingTestNetwork).charge(command("4242424242424242")));

    assertThat(outcome.charge().decline()).contains(DeclineReason.FRAUD_CHECK_UNAVAILABLE);
  }

  @Test
  void aChargeThatLosesToOneRecordedFirstRecordsNoFailOpenDecision() {
    Charge first = Charge.authorized(UUID.randomUUID(), ORDER, Money.positive(4999), CardDetails.of("4242424242424242"),
        Authorization.approve(), NOW);
    FraudScreening recordsAnotherChargeMeanwhile = check -> {
      charges.recordFirst(first);
      return UNAVAILABLE.screen(check);
    };

    ChargeOutcome outcome = completed(useCase(recordsAnotherChargeMeanwhile, countingTestNetwork).charge(command("4242424242424242")));

    assertThat(outcome.created()).isFalse();
    assertThat(outcome.charge()).isEqualTo(first);
    assertThat(charges.failOpens).isEmpty();
  }

  @Test
  void aFailingCardNetworkFailsTheRequestAsUnavailableAndRecordsNothing() {
    CardNetwork failing = (orderId, card, amount) -> Future.failedFuture(new IllegalStateException("timeout"));

    Future<ChargeOutcome> outcome =
        useCase(screeningThatAnswers(FraudVerdict.approve()), failing).charge(command("4242424242424242"));

    assertThat(outcome.cause()).isInstanceOfSatisfying(DependencyUnavailableException.class,
        e -> assertThat(e.dependency()).isEqualTo("card network"));
    assertThat(charges.charges).isEmpty();
    assertThat(charges.ledger).isEmpty();
  }

  @Test
  void aCommandPrintsNoCardNumber() {
    assertThat(command("4242424242424242").toString()).doesNotContain("4242424242424242");
  }
}
