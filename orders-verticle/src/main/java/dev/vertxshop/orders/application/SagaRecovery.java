package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Saga;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the sagas that nobody drives: at start-up and then every {@code interval}, it claims
 * up to {@code batchSize} active sagas whose lease is absent or expired and whose retry is due (one
 * transaction that skips rows another instance holds, so no two instances claim the same saga) and
 * resumes each from its durable record. The same sweep deletes expired idempotency keys.
 *
 * <p>A sweep that claims a full batch is followed at once by another, so a backlog left by a crash
 * is worked off as fast as the sagas can be driven rather than {@code batchSize} per interval.
 */
public final class SagaRecovery {

  /** Expired idempotency keys deleted per sweep, at most. */
  static final int KEYS_PRUNED_PER_SWEEP = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(SagaRecovery.class);

  /**
   * When and how much to sweep.
   *
   * @param interval the pause between two sweeps
   * @param batchSize the most sagas one sweep claims
   */
  public record Schedule(Duration interval, int batchSize) {
    public Schedule {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero() || batchSize < 1) {
        throw new IllegalArgumentException("need a positive interval and batch size, got " + interval + " and " + batchSize);
      }
    }
  }

  private final SagaRepository sagas;
  private final OrderService orders;
  private final CreateOrderSaga runner;
  private final Timers timers;
  private final Clock clock;
  private final Schedule schedule;
  private volatile boolean running;

  public SagaRecovery(SagaRepository sagas, OrderService orders, CreateOrderSaga runner, Timers timers, Clock clock, Schedule schedule) {
    this.sagas = Objects.requireNonNull(sagas, "sagas");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** Sweeps now, then after every interval until {@link #stop()}. */
  public void start() {
    if (running) {
      return;
    }
    running = true;
    sweepThenWait();
  }

  /** No sweep starts after this; one in progress finishes. */
  public void stop() {
    running = false;
  }

  /** Sweeps now, out of turn (an operator made a saga due); failures are logged. */
  public void wake() {
    sweep().onFailure(failure -> LOG.warn("A saga recovery sweep failed: {}", failure.toString()));
  }

  /**
   * One sweep: deletes expired idempotency keys, claims the due sagas and starts resuming each (the
   * answer does not wait for them to finish).
   *
   * @return the ids of the orders whose sagas were claimed
   */
  public Future<List<UUID>> sweep() {
    return pruneKeys()
        .compose(pruned -> claim())
        .map(claimed -> {
          claimed.forEach(this::resume);
          return claimed.stream().map(Saga::orderId).toList();
        });
  }

  private void sweepThenWait() {
    if (!running) {
      return;
    }
    sweep().onComplete(claimed -> {
      if (claimed.failed()) {
        LOG.warn("A saga recovery sweep failed; the next one is due in {} ms: {}", schedule.interval().toMillis(), claimed.cause().toString());
      }
      boolean fullBatch = claimed.succeeded() && claimed.result().size() >= schedule.batchSize();
      timers.after(fullBatch ? Duration.ZERO : schedule.interval()).onComplete(ignored -> sweepThenWait());
    });
  }

  private Future<Integer> pruneKeys() {
    return orders.pruneIdempotencyKeys(KEYS_PRUNED_PER_SWEEP)
        .onSuccess(pruned -> {
          if (pruned > 0) {
            LOG.debug("Deleted {} expired idempotency keys", pruned);
          }
        })
        .otherwise(failure -> {
          LOG.warn("Expired idempotency keys could not be deleted: {}", failure.toString());
          return 0;
        });
  }

  private Future<List<Saga>> claim() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return sagas.claimDue(runner.leases().from(now), now, schedule.batchSize())
        .onSuccess(claimed -> {
          if (!claimed.isEmpty()) {
            LOG.info("Claimed {} saga(s) that nobody was driving", claimed.size());
          }
        });
  }

  private void resume(Saga claimed) {
    orders.find(claimed.orderId())
        .compose(found -> found
            .map(order -> runner.resume(order, claimed))
            .orElseGet(() -> Future.failedFuture(new IllegalStateException("saga " + claimed.orderId() + " has no order"))))
        .onFailure(failure -> LOG.warn("Order {}: resuming its saga stopped; its record says where: {}",
            claimed.orderId(), failure.toString()));
  }

  /** Whether sweeps are scheduled. */
  public boolean isRunning() {
    return running;
  }

  /** The schedule the sweeps follow. */
  public Schedule schedule() {
    return schedule;
  }
}
