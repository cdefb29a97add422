package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaAction;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives create-order sagas: asks the {@link Saga} what comes next, records the attempt, calls
 * inventory or payments, records the outcome, and repeats until the saga is over. Each record is
 * one write, made before the step is attempted and after its outcome is known, so that the stored
 * saga always says what may have happened.
 */
public final class CreateOrderSaga {

  private static final Logger LOG = LoggerFactory.getLogger(CreateOrderSaga.class);

  private final Inventory inventory;
  private final Payments payments;
  private final SagaRepository sagas;
  private final Timers timers;
  private final Clock clock;
  private final RetryPolicy retry;

  public CreateOrderSaga(Inventory inventory, Payments payments, SagaRepository sagas, Timers timers, Clock clock, RetryPolicy retry) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.sagas = Objects.requireNonNull(sagas, "sagas");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
  }

  /**
   * Runs the saga of {@code order} from where {@code saga} stands until it is over.
   *
   * @return the order as the saga left it (CONFIRMED or REJECTED); fails when the record cannot be
   *     written, or with {@link SagaConflictException} when another runner moved the saga on, and
   *     the saga then stays as last recorded
   */
  public Future<Order> run(Order order, Saga saga, PaymentMethod paymentMethod) {
    return advance(new Progress(order, saga, paymentMethod));
  }

  private Future<Order> advance(Progress progress) {
    Instant now = now();
    SagaAction action = progress.saga().nextAction(now);
    if (action instanceof SagaAction.Finished) {
      return Future.succeededFuture(progress.order());
    }
    if (action instanceof SagaAction.WaitUntil wait) {
      return timers.after(Duration.between(now, wait.at())).compose(ignored -> advance(progress));
    }
    return recordAttempt(progress).compose(this::attempt).compose(this::advance);
  }

  private Future<Progress> recordAttempt(Progress progress) {
    Instant now = now();
    Saga started = progress.saga().attemptStarted(now);
    StepLogEntry entry = new StepLogEntry(
        progress.orderId(), started.step(), started.action(), StepStatus.STARTED, "attempt " + started.attempts(), now);
    return sagas.record(started, entry, Optional.empty()).map(progress::withSaga);
  }

  private Future<Progress> attempt(Progress progress) {
    Saga saga = progress.saga();
    if (saga.action() == StepAction.EXECUTE) {
      return switch (saga.step()) {
        case RESERVE_STOCK -> reserveStock(progress);
        case CHARGE_PAYMENT -> chargePayment(progress);
        case CONFIRM -> confirm(progress);
      };
    }
    return switch (saga.step()) {
      case RESERVE_STOCK -> cancelReservation(progress);
      case CHARGE_PAYMENT -> refundCharge(progress);
      case CONFIRM -> Future.failedFuture(new IllegalStateException("CONFIRM has no compensation"));
    };
  }

  private Future<Progress> reserveStock(Progress progress) {
    return inventory.reserve(progress.orderId(), progress.order().lines())
        .otherwise(failure -> new ReserveOutcome.Unknown(describe(failure)))
        .compose(outcome -> recordReservation(progress, outcome));
  }

  /** Inventory prices the reservation itself; when a price moved since pricing, its prices win. */
  private Future<Progress> recordReservation(Progress progress, ReserveOutcome outcome) {
    if (outcome instanceof ReserveOutcome.Reserved reserved) {
      Order order = progress.order();
      Order repriced;
      try {
        repriced = order.repricedAs(reserved.items(), now());
      } catch (IllegalArgumentException mismatch) {
        StepOutcome unknown = new StepOutcome.Unknown(
            RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE), "reservation does not match the order: " + mismatch.getMessage());
        return recordExecution(progress, unknown, order, false);
      }
      boolean changed = !repriced.items().equals(order.items());
      if (changed) {
        LOG.info("Order {} repriced by its reservation: total {} -> {}", order.id(), order.totalCents(), repriced.totalCents());
      }
      return recordExecution(progress, outcome.toStepOutcome(), changed ? repriced : order, changed);
    }
    return recordExecution(progress, outcome.toStepOutcome(), progress.order(), false);
  }

  private Future<Progress> chargePayment(Progress progress) {
    Order order = progress.order();
    if (!order.needsCharge()) {
      return recordExecution(progress, new StepOutcome.Succeeded("nothing to charge"), order, false);
    }
    return payments.charge(order.id(), order.totalCents(), progress.paymentMethod())
        .otherwise(failure -> new ChargeOutcome.Unknown(describe(failure)))
        .compose(outcome -> recordExecution(progress, outcome.toStepOutcome(), order, false));
  }

  /**
   * The outcome of CONFIRM is its own write. If that write fails the order is not confirmed (or the
   * next write finds the version moved and stops), so the saga compensates.
   */
  private Future<Progress> confirm(Progress progress) {
    Instant now = now();
    Saga confirmed = progress.saga().afterExecution(new StepOutcome.Succeeded("confirmed"), now);
    Order order = confirmed.settle(progress.order(), now);
    StepLogEntry entry = new StepLogEntry(order.id(), confirmed.step(), StepAction.EXECUTE, StepStatus.SUCCEEDED, "confirmed", now);
    return sagas.record(confirmed, entry, Optional.of(order))
        .map(saved -> new Progress(order, saved, progress.paymentMethod()))
        .recover(failure -> failure instanceof SagaConflictException
            ? Future.failedFuture(failure)
            : recordExecution(progress, new StepOutcome.Unknown(
                RejectionReason.of(RejectionReason.Code.CONFIRMATION_FAILED), describe(failure)), progress.order(), false));
  }

  private Future<Progress> cancelReservation(Progress progress) {
    return inventory.cancel(progress.orderId())
        .otherwise(failure -> new CompensationOutcome.Unknown(describe(failure)))
        .compose(outcome -> recordCompensation(progress, outcome));
  }

  private Future<Progress> refundCharge(Progress progress) {
    return payments.refund(progress.orderId())
        .otherwise(failure -> new CompensationOutcome.Unknown(describe(failure)))
        .compose(outcome -> recordCompensation(progress, outcome));
  }

  private Future<Progress> recordExecution(Progress progress, StepOutcome outcome, Order order, boolean orderChanged) {
    Instant now = now();
    Saga before = progress.saga();
    Saga after = before.afterExecution(outcome, now);
    StepStatus status = outcome instanceof StepOutcome.Succeeded ? StepStatus.SUCCEEDED : StepStatus.FAILED;
    String detail = switch (status) {
      case SUCCEEDED -> outcome.detail();
      default -> (outcome instanceof StepOutcome.Unknown ? "outcome unknown: " : "failed: ") + outcome.detail();
    };
    StepLogEntry entry = new StepLogEntry(before.orderId(), before.step(), StepAction.EXECUTE, status, detail, now);
    return recordOutcome(progress, after, entry, order, orderChanged);
  }

  private Future<Progress> recordCompensation(Progress progress, CompensationOutcome outcome) {
    Instant now = now();
    Saga before = progress.saga();
    Saga after = before.afterCompensation(outcome, now, retry);
    StepStatus status = outcome instanceof CompensationOutcome.Done ? StepStatus.SUCCEEDED : StepStatus.FAILED;
    String detail = outcome instanceof CompensationOutcome.Unknown
        ? "outcome unknown, retry at " + after.nextAttemptAt() + ": " + outcome.detail()
        : outcome.detail();
    StepLogEntry entry = new StepLogEntry(before.orderId(), before.step(), StepAction.COMPENSATE, status, detail, now);
    if (outcome instanceof CompensationOutcome.Unknown) {
      LOG.warn("Order {}: undoing {} had an unknown outcome (attempt {}), retrying at {}: {}",
          before.orderId(), before.step(), before.attempts(), after.nextAttemptAt(), outcome.detail());
    }
    return recordOutcome(progress, after, entry, progress.order(), false);
  }

  private Future<Progress> recordOutcome(Progress progress, Saga after, StepLogEntry entry, Order order, boolean orderChanged) {
    Order settled = after.settle(order, entry.at());
    boolean writeOrder = orderChanged || settled.status() != order.status();
    return sagas.record(after, entry, writeOrder ? Optional.of(settled) : Optional.empty())
        .map(saved -> {
          logEnd(saved, settled);
          return new Progress(settled, saved, progress.paymentMethod());
        });
  }

  private static void logEnd(Saga saga, Order order) {
    if (saga.state() == SagaState.COMPENSATION_FAILED) {
      LOG.error("Order {} rejected ({}) but undoing {} was refused: needs an operator", order.id(), saga.failureReason(), saga.step());
    } else if (saga.isTerminal()) {
      LOG.info("Order {} {}{}", order.id(), order.status(), order.reason() == null ? "" : " (" + order.reason() + ")");
    }
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  private Instant now() {
    // PostgreSQL keeps microseconds; cutting here keeps stored and in-memory times equal.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private record Progress(Order order, Saga saga, PaymentMethod paymentMethod) {

    UUID orderId() {
      return order.id();
    }

    Progress withSaga(Saga next) {
      return new Progress(order, next, paymentMethod);
    }
  }
}
