package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The durable state of one create-order saga and its rules: which action comes next, and where the
 * saga goes after each outcome. Forward steps run RESERVE_STOCK, CHARGE_PAYMENT, CONFIRM. When one
 * fails, the compensable steps before it are undone newest first; when its outcome is unknown it is
 * undone too. Every step and every undo is idempotent on the order id, so repeating the current
 * step after a crash is always safe.
 *
 * <p>An undo that is refused, or whose outcome is still unknown after the retry policy's last
 * attempt, parks the saga: it waits for an operator, who can {@link #unparked retry} it.
 *
 * <p>{@code step} is the step being executed or undone; {@code attempts} counts the attempts of that
 * step and restarts at 0 on the next one. The record that counts an attempt also appends its STARTED
 * line to the step log, so {@code attempts > 0} on a running saga means its current step may have
 * happened without its outcome being recorded: it is in doubt. {@code version} is the stored version this state was read
 * at (optimistic locking); transitions keep it and the repository advances it.
 */
public record Saga(
    UUID orderId,
    SagaState state,
    SagaStep step,
    int attempts,
    RejectionReason failureReason,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Saga {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (attempts < 0 || version < 0) {
      throw new IllegalArgumentException("attempts and version cannot be negative");
    }
    boolean failing = state == SagaState.COMPENSATING || state == SagaState.REJECTED || state == SagaState.PARKED;
    if (failing != (failureReason != null)) {
      throw new IllegalArgumentException("a saga in " + state + (failing ? " needs" : " has no") + " failure reason");
    }
    if ((state == SagaState.COMPENSATING || state == SagaState.PARKED) && !step.compensable()) {
      throw new IllegalArgumentException(step + " cannot be compensated");
    }
    if (state == SagaState.CONFIRMED && step != SagaStep.CONFIRM) {
      throw new IllegalArgumentException("a saga is confirmed by its CONFIRM step, not " + step);
    }
    if (nextAttemptAt != null && state != SagaState.COMPENSATING) {
      throw new IllegalArgumentException("only a compensating saga waits to retry");
    }
  }

  /** A new saga for {@code orderId}, about to reserve stock. */
  public static Saga begin(UUID orderId, Instant now) {
    return new Saga(orderId, SagaState.RUNNING, SagaStep.first(), 0, null, null, now, now, 0);
  }

  public boolean isTerminal() {
    return state.isTerminal();
  }

  /** EXECUTE while running, COMPENSATE while compensating. */
  public StepAction action() {
    return state == SagaState.RUNNING ? StepAction.EXECUTE : StepAction.COMPENSATE;
  }

  public SagaAction nextAction(Instant now) {
    return switch (state) {
      case RUNNING -> new SagaAction.Execute(step);
      case COMPENSATING -> nextAttemptAt != null && now.isBefore(nextAttemptAt)
          ? new SagaAction.WaitUntil(nextAttemptAt)
          : new SagaAction.Compensate(step);
      case PARKED -> new SagaAction.Parked(step);
      case CONFIRMED, REJECTED -> new SagaAction.Finished(state);
    };
  }

  /**
   * How a runner that takes this saga over from its record goes on with it.
   *
   * @param chargeable whether the runner can issue the charge: it has the card details, or the
   *     order has nothing to charge. A runner that resumes a saga after a crash has no card details,
   *     since they are never stored.
   */
  public Resumption resume(boolean chargeable, Instant now) {
    if (state == SagaState.COMPENSATING) {
      return new Resumption(Resumption.Kind.CONTINUE_COMPENSATION, this);
    }
    if (state != SagaState.RUNNING) {
      return new Resumption(Resumption.Kind.NOTHING, this);
    }
    boolean inDoubt = attempts > 0;
    if (step == SagaStep.CHARGE_PAYMENT && !chargeable) {
      RejectionReason interrupted = RejectionReason.of(RejectionReason.Code.ORDER_INTERRUPTED);
      return inDoubt
          ? new Resumption(Resumption.Kind.COMPENSATE_IN_DOUBT, compensateFrom(Optional.of(step), interrupted, now))
          : new Resumption(Resumption.Kind.COMPENSATE_UNSTARTED, compensateFrom(step.previousCompensable(), interrupted, now));
    }
    return new Resumption(inDoubt ? Resumption.Kind.REISSUE : Resumption.Kind.RUN, this);
  }

  /** The saga as recorded just before an attempt of its current step. */
  public Saga attemptStarted(Instant now) {
    if (!state.isActive()) {
      throw new IllegalStateException("saga " + orderId + " is " + state + ": no step to attempt");
    }
    if (nextAttemptAt != null && now.isBefore(nextAttemptAt)) {
      throw new IllegalStateException("saga " + orderId + " must wait until " + nextAttemptAt + " to retry " + step);
    }
    return new Saga(orderId, state, step, attempts + 1, failureReason, null, createdAt, now, version);
  }

  /** Where the saga goes after an attempt of its current forward step ended with {@code outcome}. */
  public Saga afterExecution(StepOutcome outcome, Instant now) {
    Objects.requireNonNull(outcome, "outcome");
    requireAttempted(SagaState.RUNNING);
    if (outcome instanceof StepOutcome.Failed failed) {
      return compensateFrom(step.previousCompensable(), failed.reason(), now);
    }
    if (outcome instanceof StepOutcome.Unknown unknown) {
      return compensateFrom(step.compensable() ? Optional.of(step) : step.previousCompensable(), unknown.reason(), now);
    }
    return step.next()
        .map(next -> moveTo(SagaState.RUNNING, next, 0, null, now))
        .orElseGet(() -> moveTo(SagaState.CONFIRMED, step, attempts, null, now));
  }

  /** Where the saga goes after an attempt to undo its current step ended with {@code outcome}. */
  public Saga afterCompensation(CompensationOutcome outcome, Instant now, RetryPolicy retry) {
    Objects.requireNonNull(outcome, "outcome");
    requireAttempted(SagaState.COMPENSATING);
    if (outcome instanceof CompensationOutcome.NotAttempted notAttempted) {
      return new Saga(orderId, state, step, attempts - 1, failureReason, now.plus(notAttempted.retryAfter()), createdAt, now, version);
    }
    if (outcome instanceof CompensationOutcome.Unknown) {
      if (retry.exhaustedAfter(attempts)) {
        return moveTo(SagaState.PARKED, step, attempts, failureReason, now);
      }
      Instant retryAt = now.plus(retry.delayAfter(attempts));
      return new Saga(orderId, state, step, attempts, failureReason, retryAt, createdAt, now, version);
    }
    if (outcome instanceof CompensationOutcome.Refused) {
      return moveTo(SagaState.PARKED, step, attempts, failureReason, now);
    }
    return compensateFrom(step.previousCompensable(), failureReason, now);
  }

  /**
   * The parked saga as an operator's retry leaves it: compensating its parked step again, from a
   * fresh count of attempts, due at once.
   */
  public Saga unparked(Instant now) {
    if (state != SagaState.PARKED) {
      throw new IllegalStateException("saga " + orderId + " is " + state + ", not PARKED");
    }
    return new Saga(orderId, SagaState.COMPENSATING, step, 0, failureReason, now, createdAt, now, version);
  }

  /**
   * {@code order} as this saga leaves it: confirmed or rejected once the saga is over. An order
   * already rejected stays as it is (a saga parked by an earlier version after its order was
   * rejected ends REJECTED again when retried).
   */
  public Order settle(Order order, Instant now) {
    if (!order.id().equals(orderId)) {
      throw new IllegalArgumentException("saga " + orderId + " does not settle order " + order.id());
    }
    return switch (state.orderStatus()) {
      case PENDING -> order;
      case CONFIRMED -> order.confirmed(now);
      case REJECTED -> order.status() == OrderStatus.REJECTED ? order : order.rejected(failureReason, now);
    };
  }

  public Saga withVersion(long storedVersion) {
    return new Saga(orderId, state, step, attempts, failureReason, nextAttemptAt, createdAt, updatedAt, storedVersion);
  }

  private Saga compensateFrom(Optional<SagaStep> firstToUndo, RejectionReason reason, Instant now) {
    return firstToUndo
        .map(undo -> moveTo(SagaState.COMPENSATING, undo, 0, reason, now))
        .orElseGet(() -> moveTo(SagaState.REJECTED, step, attempts, reason, now));
  }

  private Saga moveTo(SagaState next, SagaStep nextStep, int nextAttempts, RejectionReason reason, Instant now) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("saga " + orderId + " cannot move from " + state + " to " + next);
    }
    return new Saga(orderId, next, nextStep, nextAttempts, reason, null, createdAt, now, version);
  }

  private void requireAttempted(SagaState expected) {
    if (state != expected) {
      throw new IllegalStateException("saga " + orderId + " is " + state + ", not " + expected);
    }
    if (attempts == 0) {
      throw new IllegalStateException("saga " + orderId + " has no recorded attempt of " + step);
    }
  }
}
