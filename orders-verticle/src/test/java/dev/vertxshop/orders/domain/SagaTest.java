package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SagaTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8));
  private static final StepOutcome OK = new StepOutcome.Succeeded("ok");
  private static final RejectionReason NO_STOCK = RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "sku-1");
  private static final RejectionReason DECLINED = RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined");

  private final Saga begun = Saga.begin(UUID.randomUUID(), T0);

  private static Saga execute(Saga saga, StepOutcome outcome) {
    return saga.attemptStarted(T0).afterExecution(outcome, T0);
  }

  private static Saga compensate(Saga saga, CompensationOutcome outcome) {
    return saga.attemptStarted(T0).afterCompensation(outcome, T0, RETRY);
  }

  private static Saga at(Saga saga, SagaState state, SagaStep step) {
    assertThat(saga.state()).as("state").isEqualTo(state);
    assertThat(saga.step()).as("step").isEqualTo(step);
    return saga;
  }

  @Test
  void aNewSagaStartsByReservingStock() {
    assertThat(begun.nextAction(T0)).isEqualTo(new SagaAction.Execute(SagaStep.RESERVE_STOCK));
    assertThat(begun.attempts()).isZero();
    assertThat(begun.failureReason()).isNull();
  }

  @Test
  @DisplayName("happy path: reserve, charge, confirm, then CONFIRMED")
  void happyPathEndsConfirmed() {
    Saga reserved = at(execute(begun, OK), SagaState.RUNNING, SagaStep.CHARGE_PAYMENT);
    Saga charged = at(execute(reserved, OK), SagaState.RUNNING, SagaStep.CONFIRM);
    Saga confirmed = at(execute(charged, OK), SagaState.CONFIRMED, SagaStep.CONFIRM);

    assertThat(confirmed.nextAction(T0)).isEqualTo(new SagaAction.Finished(SagaState.CONFIRMED));
    assertThat(confirmed.state().orderStatus()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(confirmed.failureReason()).isNull();
  }

  @Test
  void insufficientStockRejectsWithoutCompensating() {
    Saga rejected = execute(begun, new StepOutcome.Failed(NO_STOCK, "409"));

    assertThat(rejected.state()).isEqualTo(SagaState.REJECTED);
    assertThat(rejected.failureReason()).isEqualTo(NO_STOCK);
    assertThat(rejected.nextAction(T0)).isEqualTo(new SagaAction.Finished(SagaState.REJECTED));
  }

  @Test
  void declinedPaymentCancelsTheReservationThenRejects() {
    Saga reserved = execute(begun, OK);
    Saga compensating = at(execute(reserved, new StepOutcome.Failed(DECLINED, "declined")), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK);
    assertThat(compensating.nextAction(T0)).isEqualTo(new SagaAction.Compensate(SagaStep.RESERVE_STOCK));
    assertThat(compensating.failureReason()).isEqualTo(DECLINED);
    assertThat(compensating.attempts()).isZero();

    Saga rejected = compensate(compensating, new CompensationOutcome.Done("cancelled"));

    assertThat(rejected.state()).isEqualTo(SagaState.REJECTED);
    assertThat(rejected.failureReason()).isEqualTo(DECLINED);
  }

  @Test
  void confirmFailureRefundsThenCancels() {
    Saga atConfirm = execute(execute(begun, OK), OK);
    RejectionReason failed = RejectionReason.of(RejectionReason.Code.CONFIRMATION_FAILED);

    Saga refunding = at(execute(atConfirm, new StepOutcome.Unknown(failed, "db down")), SagaState.COMPENSATING, SagaStep.CHARGE_PAYMENT);
    Saga cancelling = at(compensate(refunding, new CompensationOutcome.Done("refunded")), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK);
    Saga rejected = at(compensate(cancelling, new CompensationOutcome.Done("cancelled")), SagaState.REJECTED, SagaStep.RESERVE_STOCK);

    assertThat(rejected.failureReason()).isEqualTo(failed);
  }

  @Test
  void unknownReserveOutcomeCancelsTheReservationItself() {
    RejectionReason unavailable = RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE);

    Saga compensating = execute(begun, new StepOutcome.Unknown(unavailable, "timeout"));

    at(compensating, SagaState.COMPENSATING, SagaStep.RESERVE_STOCK);
    assertThat(compensate(compensating, new CompensationOutcome.Done("cancelled")).state()).isEqualTo(SagaState.REJECTED);
  }

  @Test
  void unknownChargeOutcomeRefundsTheChargeThenCancels() {
    RejectionReason unavailable = RejectionReason.of(RejectionReason.Code.PAYMENTS_UNAVAILABLE);

    Saga refunding = execute(execute(begun, OK), new StepOutcome.Unknown(unavailable, "503"));

    at(refunding, SagaState.COMPENSATING, SagaStep.CHARGE_PAYMENT);
    at(compensate(refunding, new CompensationOutcome.Done("refunded")), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK);
  }

  @Test
  void definiteChargeFailureDoesNotRefund() {
    Saga compensating = execute(execute(begun, OK), new StepOutcome.Failed(DECLINED, "declined"));

    assertThat(compensating.step()).isEqualTo(SagaStep.RESERVE_STOCK);
  }

  @Test
  void anUndoWithUnknownOutcomeWaitsThenRetriesWithGrowingDelays() {
    Saga cancelling = execute(execute(begun, OK), new StepOutcome.Failed(DECLINED, "declined"));

    Saga waiting = compensate(cancelling, new CompensationOutcome.Unknown("timeout"));
    assertThat(waiting.state()).isEqualTo(SagaState.COMPENSATING);
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(waiting.nextAction(T0)).isEqualTo(new SagaAction.WaitUntil(T0.plusSeconds(1)));
    assertThat(waiting.nextAction(T0.plusSeconds(1))).isEqualTo(new SagaAction.Compensate(SagaStep.RESERVE_STOCK));
    assertThatThrownBy(() -> waiting.attemptStarted(T0)).isInstanceOf(IllegalStateException.class);

    Instant later = T0.plusSeconds(1);
    Saga secondTry = waiting.attemptStarted(later).afterCompensation(new CompensationOutcome.Unknown("timeout"), later, RETRY);
    assertThat(secondTry.attempts()).isEqualTo(2);
    assertThat(secondTry.nextAttemptAt()).isEqualTo(later.plusSeconds(2));
  }

  @Test
  void anUndoRefusedByAnOpenBreakerWaitsForItWithoutUsingAnAttempt() {
    Saga cancelling = execute(execute(begun, OK), new StepOutcome.Failed(DECLINED, "declined"));
    Saga waiting = cancelling;
    Instant now = T0;
    for (int i = 0; i < 50; i++) {
      waiting = waiting.attemptStarted(now).afterCompensation(
          new CompensationOutcome.NotAttempted("breaker open", Duration.ofSeconds(3)), now, RETRY);
      assertThat(waiting.state()).isEqualTo(SagaState.COMPENSATING);
      assertThat(waiting.attempts()).isZero();
      assertThat(waiting.nextAttemptAt()).isEqualTo(now.plusSeconds(3));
      now = waiting.nextAttemptAt();
    }
    Saga done = waiting.attemptStarted(now).afterCompensation(new CompensationOutcome.Done("cancelled"), now, RETRY);
    assertThat(done.state()).isEqualTo(SagaState.REJECTED);
  }

  @Test
  void aRefusedUndoParksTheSagaWithTheOriginalReasonAndTheOrderPending() {
    Saga cancelling = execute(execute(begun, OK), new StepOutcome.Failed(DECLINED, "declined"));

    Saga parked = compensate(cancelling, new CompensationOutcome.Refused("reservation-committed", "committed"));

    assertThat(parked.state()).isEqualTo(SagaState.PARKED);
    assertThat(parked.isTerminal()).isFalse();
    assertThat(parked.failureReason()).isEqualTo(DECLINED);
    assertThat(parked.state().orderStatus()).isEqualTo(OrderStatus.PENDING);
    assertThat(parked.nextAction(T0.plusSeconds(3600))).isEqualTo(new SagaAction.Parked(SagaStep.RESERVE_STOCK));
  }

  @Test
  void attemptsCountPerStepAndRestartOnTheNextStep() {
    Saga started = begun.attemptStarted(T0);
    assertThat(started.attempts()).isEqualTo(1);
    assertThat(started.attemptStarted(T0).attempts()).isEqualTo(2);
    assertThat(started.afterExecution(OK, T0).attempts()).isZero();
  }

  @Test
  void transitionsKeepTheStoredVersionForTheRepositoryToAdvance() {
    Saga stored = begun.withVersion(7);

    assertThat(execute(stored, OK).version()).isEqualTo(7);
  }

  @Nested
  class IllegalTransitions {

    @Test
    void anOutcomeWithoutARecordedAttemptIsRejected() {
      assertThatThrownBy(() -> begun.afterExecution(OK, T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no recorded attempt");
    }

    @Test
    void aCompensationOutcomeWhileRunningIsRejected() {
      Saga started = begun.attemptStarted(T0);

      assertThatThrownBy(() -> started.afterCompensation(new CompensationOutcome.Done("x"), T0, RETRY))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExecutionOutcomeWhileCompensatingIsRejected() {
      Saga compensating = execute(begun, new StepOutcome.Unknown(RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE), "x"))
          .attemptStarted(T0);

      assertThatThrownBy(() -> compensating.afterExecution(OK, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFinishedSagaTakesNoFurtherAttempt() {
      Saga rejected = execute(begun, new StepOutcome.Failed(NO_STOCK, "x"));

      assertThatThrownBy(() -> rejected.attemptStarted(T0)).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> rejected.afterExecution(OK, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void terminalStatesHaveNoSuccessors() {
      for (SagaState terminal : new SagaState[] {SagaState.CONFIRMED, SagaState.REJECTED}) {
        for (SagaState any : SagaState.values()) {
          assertThat(terminal.canMoveTo(any)).as(terminal + " -> " + any).isFalse();
        }
      }
    }

    @Test
    void compensatingNeverGoesBackToRunningOrConfirmed() {
      assertThat(SagaState.COMPENSATING.canMoveTo(SagaState.RUNNING)).isFalse();
      assertThat(SagaState.COMPENSATING.canMoveTo(SagaState.CONFIRMED)).isFalse();
      assertThat(SagaState.RUNNING.canMoveTo(SagaState.PARKED)).isFalse();
    }

    @Test
    void inconsistentStoredStatesAreRejected() {
      UUID id = UUID.randomUUID();
      assertThatThrownBy(() -> new Saga(id, SagaState.COMPENSATING, SagaStep.CONFIRM, 0, DECLINED, null, T0, T0, 0))
          .as("CONFIRM has no undo").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Saga(id, SagaState.REJECTED, SagaStep.RESERVE_STOCK, 0, null, null, T0, T0, 0))
          .as("a rejection needs a reason").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Saga(id, SagaState.RUNNING, SagaStep.RESERVE_STOCK, 0, DECLINED, null, T0, T0, 0))
          .as("a running saga has no failure").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Saga(id, SagaState.CONFIRMED, SagaStep.CHARGE_PAYMENT, 1, null, null, T0, T0, 0))
          .as("only CONFIRM confirms").isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Saga(id, SagaState.RUNNING, SagaStep.RESERVE_STOCK, 0, null, T0, T0, T0, 0))
          .as("only compensations wait to retry").isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Settling {

    private final Order order = new Order(begun.orderId(), "c-1", "a@b.c", List.of(new OrderItem("sku-1", 2, 150)), 300,
        OrderStatus.PENDING, null, T0, T0);

    @Test
    void aRunningSagaLeavesTheOrderPending() {
      assertThat(execute(begun, OK).settle(order, T0)).isEqualTo(order);
    }

    @Test
    void aConfirmedSagaConfirmsTheOrder() {
      Saga confirmed = execute(execute(execute(begun, OK), OK), OK);
      Instant later = T0.plusSeconds(5);

      Order settled = confirmed.settle(order, later);

      assertThat(settled.status()).isEqualTo(OrderStatus.CONFIRMED);
      assertThat(settled.updatedAt()).isEqualTo(later);
    }

    @Test
    void aRejectedSagaRejectsTheOrderWithItsReason() {
      Order settled = execute(begun, new StepOutcome.Failed(NO_STOCK, "x")).settle(order, T0);

      assertThat(settled.status()).isEqualTo(OrderStatus.REJECTED);
      assertThat(settled.reason().text()).isEqualTo("insufficient-stock: sku-1");
    }
  }
}
