package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.orders.domain.Resumption.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a runner that takes a saga over from its record does, for every point at which the runner
 * before it may have stopped: after each STARTED line and after each outcome, forward and undo.
 */
class SagaResumeTest {

  private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
  private static final Instant LATER = T0.plusSeconds(3600);
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3);
  private static final StepOutcome OK = new StepOutcome.Succeeded("ok");
  private static final RejectionReason DECLINED = RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined");
  private static final RejectionReason NO_STOCK = RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "pear");
  private static final RejectionReason NO_INVENTORY = RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE);
  private static final RejectionReason NO_PAYMENTS = RejectionReason.of(RejectionReason.Code.PAYMENTS_UNAVAILABLE);
  private static final RejectionReason INTERRUPTED = RejectionReason.of(RejectionReason.Code.ORDER_INTERRUPTED);

  private static final Saga BEGUN = Saga.begin(UUID.randomUUID(), T0);
  private static final Saga RESERVE_STARTED = BEGUN.attemptStarted(T0);
  private static final Saga RESERVED = RESERVE_STARTED.afterExecution(OK, T0);
  private static final Saga CHARGE_STARTED = RESERVED.attemptStarted(T0);
  private static final Saga CHARGED = CHARGE_STARTED.afterExecution(OK, T0);
  private static final Saga CONFIRM_STARTED = CHARGED.attemptStarted(T0);
  private static final Saga REFUNDING = CHARGE_STARTED.afterExecution(new StepOutcome.Unknown(NO_PAYMENTS, "timeout"), T0);
  private static final Saga REFUND_STARTED = REFUNDING.attemptStarted(T0);
  private static final Saga CANCELLING = REFUND_STARTED.afterCompensation(new CompensationOutcome.Done("refunded"), T0, RETRY);
  private static final Saga CANCEL_STARTED = CANCELLING.attemptStarted(T0);

  static Stream<Arguments> crashPoints() {
    return Stream.of(
        // name, saga as recorded, chargeable, how it resumes, what it does next
        row("created, nothing attempted", BEGUN, false, Kind.RUN, new SagaAction.Execute(SagaStep.RESERVE_STOCK), null),
        row("reserve STARTED", RESERVE_STARTED, false, Kind.REISSUE, new SagaAction.Execute(SagaStep.RESERVE_STOCK), null),
        row("reserve SUCCEEDED", RESERVED, false, Kind.COMPENSATE_UNSTARTED,
            new SagaAction.Compensate(SagaStep.RESERVE_STOCK), INTERRUPTED),
        row("reserve SUCCEEDED, free order", RESERVED, true, Kind.RUN, new SagaAction.Execute(SagaStep.CHARGE_PAYMENT), null),
        row("reserve FAILED (no stock)", RESERVE_STARTED.afterExecution(new StepOutcome.Failed(NO_STOCK, "409"), T0), false,
            Kind.NOTHING, new SagaAction.Finished(SagaState.REJECTED), NO_STOCK),
        row("reserve FAILED (unknown)", RESERVE_STARTED.afterExecution(new StepOutcome.Unknown(NO_INVENTORY, "timeout"), T0), false,
            Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.RESERVE_STOCK), NO_INVENTORY),
        row("charge STARTED", CHARGE_STARTED, false, Kind.COMPENSATE_IN_DOUBT, new SagaAction.Compensate(SagaStep.CHARGE_PAYMENT), INTERRUPTED),
        row("charge STARTED, free order", CHARGE_STARTED, true, Kind.REISSUE, new SagaAction.Execute(SagaStep.CHARGE_PAYMENT), null),
        row("charge SUCCEEDED", CHARGED, false, Kind.RUN, new SagaAction.Execute(SagaStep.CONFIRM), null),
        row("charge FAILED (declined)", CHARGE_STARTED.afterExecution(new StepOutcome.Failed(DECLINED, "declined"), T0), false,
            Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.RESERVE_STOCK), DECLINED),
        row("charge FAILED (unknown)", REFUNDING, false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.CHARGE_PAYMENT),
            NO_PAYMENTS),
        row("confirm STARTED", CONFIRM_STARTED, false, Kind.REISSUE, new SagaAction.Execute(SagaStep.CONFIRM), null),
        row("confirm SUCCEEDED", CONFIRM_STARTED.afterExecution(OK, T0), false, Kind.NOTHING,
            new SagaAction.Finished(SagaState.CONFIRMED), null),
        row("refund STARTED", REFUND_STARTED, false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.CHARGE_PAYMENT),
            NO_PAYMENTS),
        row("refund SUCCEEDED", CANCELLING, false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.RESERVE_STOCK),
            NO_PAYMENTS),
        row("refund FAILED (unknown, retry due)", REFUND_STARTED.afterCompensation(new CompensationOutcome.Unknown("timeout"), T0, RETRY),
            false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.CHARGE_PAYMENT), NO_PAYMENTS),
        row("cancel STARTED", CANCEL_STARTED, false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.RESERVE_STOCK),
            NO_PAYMENTS),
        row("cancel SUCCEEDED", CANCEL_STARTED.afterCompensation(new CompensationOutcome.Done("cancelled"), T0, RETRY), false,
            Kind.NOTHING, new SagaAction.Finished(SagaState.REJECTED), NO_PAYMENTS),
        row("cancel FAILED (unknown, retry due)", CANCEL_STARTED.afterCompensation(new CompensationOutcome.Unknown("timeout"), T0, RETRY),
            false, Kind.CONTINUE_COMPENSATION, new SagaAction.Compensate(SagaStep.RESERVE_STOCK), NO_PAYMENTS),
        row("cancel refused (parked)", CANCEL_STARTED.afterCompensation(new CompensationOutcome.Refused("reservation-committed", "x"), T0,
            RETRY), false, Kind.NOTHING, new SagaAction.Parked(SagaStep.RESERVE_STOCK), NO_PAYMENTS));
  }

  private static Arguments row(String name, Saga saga, boolean chargeable, Kind kind, SagaAction next, RejectionReason reason) {
    return Arguments.of(name, saga, chargeable, kind, next, reason);
  }

  @ParameterizedTest(name = "after {0}: {3}")
  @MethodSource("crashPoints")
  void aSagaTakenOverFromItsRecordGoesOnAsTheRecordAllows(
      String name, Saga recorded, boolean chargeable, Kind kind, SagaAction next, RejectionReason reason) {
    Resumption resumption = recorded.resume(chargeable, LATER);

    assertThat(resumption.kind()).isEqualTo(kind);
    assertThat(resumption.saga().nextAction(LATER)).isEqualTo(next);
    assertThat(resumption.saga().failureReason()).isEqualTo(reason);
    if (kind.changesTheSaga()) {
      assertThat(resumption.saga().state()).isEqualTo(SagaState.COMPENSATING);
      assertThat(resumption.saga().attempts()).as("the undo has not been attempted").isZero();
      assertThat(resumption.saga().version()).as("recorded at the stored version").isEqualTo(recorded.version());
    } else {
      assertThat(resumption.saga()).as("goes on from the record as it is").isSameAs(recorded);
    }
  }

  @Test
  void anUndoWhoseOutcomeStaysUnknownAfterTheLastAttemptParksTheSaga() {
    Saga waiting = CANCEL_STARTED.afterCompensation(new CompensationOutcome.Unknown("timeout"), T0, RETRY);
    Instant second = waiting.nextAttemptAt();
    Saga again = waiting.attemptStarted(second).afterCompensation(new CompensationOutcome.Unknown("timeout"), second, RETRY);
    Instant third = again.nextAttemptAt();

    Saga parked = again.attemptStarted(third).afterCompensation(new CompensationOutcome.Unknown("timeout"), third, RETRY);

    assertThat(waiting.state()).isEqualTo(SagaState.COMPENSATING);
    assertThat(again.state()).isEqualTo(SagaState.COMPENSATING);
    assertThat(parked.state()).isEqualTo(SagaState.PARKED);
    assertThat(parked.attempts()).isEqualTo(3);
    assertThat(parked.nextAttemptAt()).isNull();
    assertThat(parked.step()).isEqualTo(SagaStep.RESERVE_STOCK);
    assertThat(parked.state().orderStatus()).isEqualTo(OrderStatus.PENDING);
    assertThatThrownBy(() -> parked.attemptStarted(LATER)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRetryUnparksTheSagaToUndoTheSameStepAgainFromAFreshCountDueAtOnce() {
    Saga parked = CANCEL_STARTED.afterCompensation(new CompensationOutcome.Refused("reservation-committed", "x"), T0, RETRY).withVersion(9);

    Saga retried = parked.unparked(LATER);

    assertThat(retried.state()).isEqualTo(SagaState.COMPENSATING);
    assertThat(retried.step()).isEqualTo(SagaStep.RESERVE_STOCK);
    assertThat(retried.attempts()).isZero();
    assertThat(retried.nextAttemptAt()).isEqualTo(LATER);
    assertThat(retried.nextAction(LATER)).isEqualTo(new SagaAction.Compensate(SagaStep.RESERVE_STOCK));
    assertThat(retried.failureReason()).isEqualTo(parked.failureReason());
    assertThat(retried.version()).isEqualTo(9);
  }

  @Test
  void onlyAParkedSagaCanBeUnparked() {
    assertThatThrownBy(() -> CANCELLING.unparked(LATER)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> BEGUN.unparked(LATER)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRetriedSagaThatEndsRejectedLeavesAnAlreadyRejectedOrderAsItWas() {
    Order rejected = new Order(BEGUN.orderId(), "c-1", "a@b.c", List.of(new OrderItem("pear", 1, 250)), 250, OrderStatus.REJECTED,
        DECLINED, T0, T0);
    Saga done = CANCEL_STARTED.afterCompensation(new CompensationOutcome.Done("cancelled"), T0, RETRY);

    assertThat(done.settle(rejected, LATER)).isEqualTo(rejected);
  }

  @Test
  void aLeaseCoversTheWaitForARetryAndOtherwiseLastsItsDurationFromTheWrite() {
    LeasePolicy leases = new LeasePolicy("instance-a", Duration.ofSeconds(10));
    Saga waiting = CANCEL_STARTED.afterCompensation(new CompensationOutcome.Unknown("timeout"), T0, RETRY);

    assertThat(leases.renewedFor(CANCEL_STARTED, T0)).isEqualTo(new Lease("instance-a", T0.plusSeconds(10)));
    assertThat(leases.renewedFor(waiting, T0)).isEqualTo(new Lease("instance-a", waiting.nextAttemptAt().plusSeconds(10)));
    assertThat(leases.from(T0).isLiveAt(T0.plusSeconds(9))).isTrue();
    assertThat(leases.from(T0).isLiveAt(T0.plusSeconds(10))).isFalse();
  }

  @Test
  void retryPoliciesCountAttemptsAndTheirTotalDelay() {
    RetryPolicy defaults = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 8);

    assertThat(defaults.exhaustedAfter(7)).isFalse();
    assertThat(defaults.exhaustedAfter(8)).isTrue();
    assertThat(defaults.totalDelay()).as("1+2+4+8+16+32+60").isEqualTo(Duration.ofSeconds(123));
    assertThat(new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2)).exhaustedAfter(1_000_000)).isFalse();
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
