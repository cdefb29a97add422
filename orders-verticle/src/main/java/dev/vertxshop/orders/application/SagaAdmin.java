package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators see of sagas and do with them: list by state, count, read one with its step log,
 * retry a parked one.
 */
public final class SagaAdmin {

  /** The most sagas one listing returns. */
  public static final int MAX_LISTED = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(SagaAdmin.class);

  /** How a retry request ended. */
  public sealed interface Retry {

    /** The saga compensates again from a fresh count of attempts; the next sweep resumes it. */
    record Requeued(Saga saga) implements Retry {}

    /** No saga has that order id. */
    record NotFound() implements Retry {}

    /** The saga is not parked, so there is nothing to retry. */
    record NotParked(SagaState state) implements Retry {}
  }

  private final SagaRepository sagas;
  private final Clock clock;
  private final Runnable onRequeued;

  /** {@code onRequeued} runs after a retry was stored (e.g. to sweep at once). */
  public SagaAdmin(SagaRepository sagas, Clock clock, Runnable onRequeued) {
    this.sagas = Objects.requireNonNull(sagas, "sagas");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onRequeued = Objects.requireNonNull(onRequeued, "onRequeued");
  }

  /** Up to {@code limit} (1..{@link #MAX_LISTED}) sagas in {@code state}, least recently updated first. */
  public Future<List<SagaSummary>> list(SagaState state, int limit) {
    Objects.requireNonNull(state, "state");
    if (limit < 1 || limit > MAX_LISTED) {
      return Future.failedFuture(new IllegalArgumentException("limit must be 1.." + MAX_LISTED + ", not " + limit));
    }
    return sagas.list(state, limit);
  }

  /** How many sagas are in each state. */
  public Future<Map<SagaState, Long>> counts() {
    return sagas.countByState();
  }

  /**
   * The saga of {@code orderId} with its step log, each line with the instance (lease owner) that
   * wrote it; empty when no saga has that order id.
   */
  public Future<Optional<SagaHistory>> history(UUID orderId) {
    return sagas.sagaOf(orderId).compose(found -> found.isEmpty()
        ? Future.succeededFuture(Optional.<SagaHistory>empty())
        : sagas.stepsOf(orderId).map(steps -> Optional.of(new SagaHistory(found.get(), steps))));
  }

  /**
   * Un-parks the saga of {@code orderId}: it compensates its parked step again, attempts counted
   * from zero, due now.
   */
  public Future<Retry> retry(UUID orderId) {
    return sagas.sagaOf(orderId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Retry.NotFound());
      }
      Saga saga = found.get();
      if (saga.state() != SagaState.PARKED) {
        return Future.succeededFuture(new Retry.NotParked(saga.state()));
      }
      return sagas.release(saga.unparked(clock.instant().truncatedTo(ChronoUnit.MICROS)))
          .<Retry>map(requeued -> {
            LOG.warn("Order {}: its parked saga is retried by an operator (undo {} again)", orderId, requeued.step());
            onRequeued.run();
            return new Retry.Requeued(requeued);
          })
          // Someone else moved it on in between (another retry): answer from what is stored now.
          .recover(failure -> failure instanceof SagaConflictException ? retry(orderId) : Future.failedFuture(failure));
    });
  }
}
