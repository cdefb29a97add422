package dev.vertxshop.payments.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.adapter.out.card.TestCardNetwork;
import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeStatus;
import dev.vertxshop.payments.domain.DeclineReason;
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
    return new ChargeOrder(charges, screening, network, Clock.fixed(NOW, ZoneOffset.UTC), UUID::randomUUID);
  }

  private static ChargeCommand command(String cardNumber) {
    return new ChargeCommand(ORDER, Money.positive(4999), CardDetails.of(cardNumber), "customer-7");
  }

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
        new FraudCheck(ORDER, Money.ofCents(4999), "555555", "4444", "customer-7"));
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
  void aFailingScreeningFailsTheRequestAsUnavailableAndRecordsNothing() {
    FraudScreening failing = check -> Future.failedFuture(new IllegalStateException("connection refused"));

    Future<ChargeOutcome> outcome = useCase(failing, countingTestNetwork).charge(command("4242424242424242"));

    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.cause()).isInstanceOfSatisfying(DependencyUnavailableException.class,
        e -> assertThat(e.dependency()).isEqualTo("fraud screening"));
    assertThat(authorized).isEmpty();
    assertThat(charges.charges).isEmpty();
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
