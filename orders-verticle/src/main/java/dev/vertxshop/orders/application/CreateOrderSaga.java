package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.LeasePolicy;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.orders.domain.Resumption;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaAction;
import dev.vertxshop.orders.domain.SagaOutcome;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives create-order sagas: asks the {@link Saga} what comes next, records the attempt, calls
 * inventory or payments, records the outcome, and repeats until the saga is over. Each record is
 * one write, made before the step is attempted and after its outcome is known, so that the stored
 * saga always says what may have happened.
 *
 * <p>Every write is made under this runner's lease ({@link LeasePolicy}) and renews it. A write that
 * finds the saga moved on, or leased to another instance, changes nothing and fails with {@link
 * SagaConflictException}: this runner then stops driving that saga.
 *
 * <p>The write that ends a saga carries its order's {@link OrderSettled} event, which the repository
 * stores in the outbox with it: whichever runner ends the saga (the one that placed the order, one
 * that resumed it, one woken by an operator's retry), the order gets exactly one event.
 */
public final class CreateOrderSaga {

  /** How long a lease lasts when none is configured. */
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(CreateOrderSaga.class);

  private final Inventory inventory;
  private final Payments payments;
  private final SagaRepository sagas;
  private final Timers timers;
  private final Clock clock;
  private final RetryPolicy retry;
  private final LeasePolicy leases;
  private final SagaOutcomes outcomes;
  private final Map<UUID, Future<Order>> inProgress = new ConcurrentHashMap<>();

  /** A runner with a lease of its own ({@link #DEFAULT_LEASE}, a random owner). */
  public CreateOrderSaga(Inventory inventory, Payments payments, SagaRepository sagas, Timers timers, Clock clock, RetryPolicy retry) {
    this(inventory, payments, sagas, timers, clock, retry, new LeasePolicy(UUID.randomUUID().toString(), DEFAULT_LEASE));
  }

  /** A runner that reports the outcome of no run. */
  public CreateOrderSaga(
      Inventory inventory, Payments payments, SagaRepository sagas, Timers timers, Clock clock, RetryPolicy retry, LeasePolicy leases) {
    this(inventory, payments, sagas, timers, clock, retry, leases, SagaOutcomes.NONE);
  }

  /** A runner that reports to {@code outcomes} how each run it ends ended. */
  public CreateOrderSaga(Inventory inventory, Payments payments, SagaRepository sagas, Timers timers, Clock clock, RetryPolicy retry,
      LeasePolicy leases, SagaOutcomes outcomes) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.sagas = Objects.requireNonNull(sagas, "sagas");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
  }

  /** The leases this runner takes: a saga it is to drive is created or claimed under them. */
  public LeasePolicy leases() {
    return leases;
  }

  /**
   * Runs the saga of {@code order} from where {@code saga} stands until it is over or parked. The
   * saga must be leased to this runner (or to nobody).
   *
   * @return the order as the saga left it (CONFIRMED, REJECTED, or PENDING when parked); fails when
   *     the record cannot be written, or with {@link SagaConflictException} when another runner
   *     moved the saga on or holds its lease, and the saga then stays as last recorded
   */
  public Future<Order> run(Order order, Saga saga, PaymentMethod paymentMethod) {
    Objects.requireNonNull(paymentMethod, "paymentMethod");
    // The whole saga stays in the trace of the request that placed the order, even once that request was answered.
    return track(order.id(), Tracing.continuing(order.id().toString(), () -> advance(new Progress(order, saga, paymentMethod))));
  }

  /**
   * Takes over the saga of {@code order} from its durable record, without the card details (they
   * are never stored), and runs it until it is over or parked. What the record says may have
   * happened decides how it goes on ({@link Saga#resume}): a step in doubt is issued again when that
   * is safe and possible, and compensated otherwise. The saga must be leased to this runner.
   *
   * @return as {@link #run}
   */
  public Future<Order> resume(Order order, Saga saga) {
    Instant now = now();
    Resumption resumption = saga.resume(!order.needsCharge(), now);
    LOG.info("Order {}: resuming its saga ({} at {}, attempt {}): {}",
        order.id(), saga.state(), saga.step(), saga.attempts(), resumption.kind());
    // No request asked for this: the resumed saga is a trace of its own.
    return track(order.id(), Tracing.newTrace("orders", "resume saga", order.id().toString(), () -> advance(new Progress(order, saga, null))));
  }

  /** The run of {@code orderId}'s saga that this runner is driving now, if any. */
  public Optional<Future<Order>> inProgress(UUID orderId) {
    return Optional.ofNullable(inProgress.get(orderId));
  }

  private Future<Order> track(UUID orderId, Future<Order> run) {
    if (!run.isComplete()) {
      inProgress.put(orderId, run);
      run.onComplete(done -> inProgress.remove(orderId, run));
    }
    return run.onFailure(failure -> {
      if (failure instanceof SagaConflictException) {
        LOG.info("Order {}: its saga was taken over or moved on elsewhere; this runner stops", orderId);
      }
    });
  }

  /** The current forward step cannot be issued by this runner: the saga compensates instead. */
  private Future<Progress> recordCompensationInstead(Progress progress, Resumption resumption, Instant now) {
    Saga stored = progress.saga();
    String detail = resumption.kind() == Resumption.Kind.COMPENSATE_IN_DOUBT
        ? "outcome unknown: interrupted, and it cannot be issued again without the card details (never stored)"
        : "not attempted: it cannot be issued without the card details (never stored)";
    StepLogEntry entry = new StepLogEntry(stored.orderId(), stored.step(), StepAction.EXECUTE, StepStatus.FAILED, detail, now);
    return recordOutcome(progress, resumption.saga(), entry, progress.order(), false);
  }

  private Future<Order> advance(Progress progress) {
    Instant now = now();
    SagaAction action = progress.saga().nextAction(now);
    if (action instanceof SagaAction.Finished || action instanceof SagaAction.Parked) {
      return Future.succeededFuture(progress.order());
    }
    if (action instanceof SagaAction.WaitUntil wait) {
      return timers.after(Duration.between(now, wait.at())).compose(ignored -> advance(progress));
    }
    if (action instanceof SagaAction.Execute) {
      // A runner without the card details (one that took the saga over) cannot charge.
      Resumption resumption = progress.saga().resume(progress.chargeable(), now);
      if (resumption.kind().changesTheSaga()) {
        return recordCompensationInstead(progress, resumption, now).compose(this::advance);
      }
    }
    return recordAttempt(progress).compose(this::attempt).compose(this::advance);
  }

  private Future<Progress> recordAttempt(Progress progress) {
    Instant now = now();
    Saga started = progress.saga().attemptStarted(now);
    StepLogEntry entry = new StepLogEntry(
        progress.orderId(), started.step(), started.action(), StepStatus.STARTED,
        "attempt " + started.attempts() + " by " + leases.owner(), now);
    return write(started, entry, Optional.empty(), now).map(progress::withSaga);
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
    if (progress.paymentMethod() == null) {
      return Future.failedFuture(new IllegalStateException("order " + order.id() + " cannot be charged without its card details"));
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
    return write(confirmed, entry, Optional.of(order), settledEvent(confirmed, order, now), now)
        .map(saved -> {
          reportEnd(progress.saga(), saved);
          return new Progress(order, saved, progress.paymentMethod());
        })
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
    boolean parked = after.state() == SagaState.PARKED;
    String detail;
    if (outcome instanceof CompensationOutcome.NotAttempted) {
      detail = "not sent, retry at " + after.nextAttemptAt() + ": " + outcome.detail();
    } else if (outcome instanceof CompensationOutcome.Unknown) {
      detail = (parked ? "outcome unknown after " + before.attempts() + " attempt(s), parked: " : "outcome unknown, retry at " + after.nextAttemptAt() + ": ")
          + outcome.detail();
    } else {
      detail = (parked ? "refused, parked: " : "") + outcome.detail();
    }
    StepLogEntry entry = new StepLogEntry(before.orderId(), before.step(), StepAction.COMPENSATE, status, detail, now);
    if (outcome instanceof CompensationOutcome.Unknown && !parked) {
      LOG.warn("Order {}: undoing {} had an unknown outcome (attempt {}), retrying at {}: {}",
          before.orderId(), before.step(), before.attempts(), after.nextAttemptAt(), outcome.detail());
    }
    return recordOutcome(progress, after, entry, progress.order(), false);
  }

  private Future<Progress> recordOutcome(Progress progress, Saga after, StepLogEntry entry, Order order, boolean orderChanged) {
    Order settled = after.settle(order, entry.at());
    Optional<OrderSettled> event = settledEvent(after, settled, entry.at());
    boolean writeOrder = orderChanged || settled.status() != order.status() || event.isPresent();
    return write(after, entry, writeOrder ? Optional.of(settled) : Optional.empty(), event, entry.at())
        .map(saved -> {
          logEnd(saved, settled);
          reportEnd(progress.saga(), saved);
          return new Progress(settled, saved, progress.paymentMethod());
        });
  }

  /** Every write renews this runner's lease, and is refused when another runner holds it. */
  private Future<Saga> write(Saga saga, StepLogEntry entry, Optional<Order> order, Instant now) {
    return write(saga, entry, order, Optional.empty(), now);
  }

  private Future<Saga> write(Saga saga, StepLogEntry entry, Optional<Order> order, Optional<OrderSettled> settled, Instant now) {
    return sagas.record(saga, entry, order, settled, leases.renewedFor(saga, now));
  }

  /**
   * The event that the write ending {@code saga} stores with it, in the same transaction: the only
   * write that can end a saga is the one whose version and lease checks pass, so an order gets
   * exactly one event, and a write that is refused stores none.
   */
  private static Optional<OrderSettled> settledEvent(Saga saga, Order settled, Instant at) {
    return OrderSettled.of(saga, settled, UUID.randomUUID(), at);
  }

  /** Reports how the run ended when the write just stored moved the saga from {@code before} to an end. */
  private void reportEnd(Saga before, Saga stored) {
    SagaOutcome.of(before.state(), stored.state()).ifPresent(outcomes::ended);
  }

  private static void logEnd(Saga saga, Order order) {
    if (saga.state() == SagaState.PARKED) {
      LOG.error("Order {} ({}): undoing {} could not be done after {} attempt(s); its saga is parked and needs an operator"
          + " (POST /admin/sagas/{}/retry)", order.id(), saga.failureReason(), saga.step(), saga.attempts(), order.id());
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

    boolean chargeable() {
      return paymentMethod != null || !order.needsCharge();
    }

    Progress withSaga(Saga next) {
      return new Progress(order, next, paymentMethod);
    }
  }
}
