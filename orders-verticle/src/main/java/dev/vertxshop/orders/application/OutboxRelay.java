package dev.vertxshop.orders.application;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: each pass claims a batch of pending events (skipping those another relay
 * holds), publishes them, and marks those the broker acknowledged as published, in one transaction.
 *
 * <p>A pass starts when the store tells of a new event ({@link #wake()}, e.g. on a PostgreSQL
 * notification), and otherwise every {@code pollInterval}, so an event whose notification was lost
 * is published all the same. A full batch is followed by another pass at once. Passes of one relay
 * never overlap: a wake during a pass makes another pass follow it. A pass that could not publish
 * everything (the broker is unreachable) leaves the rest pending and the next pass waits for a
 * growing delay ({@code retryInitial} doubling up to {@code retryMax}), during which wakes are
 * ignored, so an outage is not hammered by every new order; once the broker is back the backlog is
 * published batch after batch.
 *
 * <p>Events are published at least once: a process that dies after the broker acknowledged an
 * event and before its transaction committed publishes it again. Consumers deduplicate by the
 * event id.
 *
 * <p>Every {@code pruneInterval}, published events older than {@code retention} are deleted, at
 * most {@link #PRUNED_PER_DELETE} per statement.
 */
public final class OutboxRelay {

  /** The most events one delete removes; more are removed by further deletes of the same prune. */
  public static final int PRUNED_PER_DELETE = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  /**
   * When and how much to relay and prune.
   *
   * @param pollInterval the longest pause between two passes without a wake
   * @param batchSize the most events one pass claims
   * @param retryInitial the pause after a pass that failed to publish; it doubles with each failed
   *     pass in a row
   * @param retryMax the longest pause after failed passes
   * @param retention how long published events are kept
   * @param pruneInterval the pause between two prunes
   */
  public record Schedule(Duration pollInterval, int batchSize, Duration retryInitial, Duration retryMax, Duration retention,
                         Duration pruneInterval) {

    /** The pause after the first failed pass when none is configured. */
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(250);
    /** The longest pause after failed passes when none is configured. */
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(10);

    public Schedule {
      requirePositive(pollInterval, "pollInterval");
      requirePositive(retryInitial, "retryInitial");
      requirePositive(retryMax, "retryMax");
      requirePositive(retention, "retention");
      requirePositive(pruneInterval, "pruneInterval");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive, not " + batchSize);
      }
      if (retryMax.compareTo(retryInitial) < 0) {
        throw new IllegalArgumentException("retryMax " + retryMax + " is shorter than retryInitial " + retryInitial);
      }
    }

    /** A schedule with the default retry pauses. */
    public Schedule(Duration pollInterval, int batchSize, Duration retention, Duration pruneInterval) {
      this(pollInterval, batchSize, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX, retention, pruneInterval);
    }

    /** The pause after {@code failures} failed passes in a row (at least 1). */
    Duration retryAfter(int failures) {
      Duration delay = retryInitial;
      for (int i = 1; i < failures && delay.compareTo(retryMax) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, not " + duration);
      }
    }
  }

  /**
   * How the relay stands, for operators.
   *
   * @param counts the outbox's pending and published events
   * @param oldestPendingAge how long the oldest pending event has waited, or null when none is pending
   * @param running whether passes are scheduled
   * @param publishedSinceStart events this relay published since it started
   * @param failedPassesInARow passes in a row that could not publish everything (0 when the last one could)
   * @param lastFailure why the last failed pass failed, or null when the last pass did not fail
   */
  public record Status(OutboxCounts counts, Duration oldestPendingAge, boolean running, long publishedSinceStart,
                       int failedPassesInARow, String lastFailure) {}

  private final OutboxStore store;
  private final OrderEventPublisher publisher;
  private final Timers timers;
  private final Clock clock;
  private final Schedule schedule;

  // Guarded by this: passes start from timers, wakes and earlier passes, possibly on other threads.
  private boolean running;
  private boolean passing;
  private boolean wokenDuringPass;
  private boolean waitingToRetry;
  /** Advanced by each pass: a timer set before the latest pass started has nothing left to do. */
  private long passes;
  private int failedInARow;
  private String lastFailure;
  private long publishedSinceStart;
  /** Advanced by each start: a prune timer of an earlier start has nothing left to do. */
  private long starts;
  private Promise<Void> stopped;

  public OutboxRelay(OutboxStore store, OrderEventPublisher publisher, Timers timers, Clock clock, Schedule schedule) {
    this.store = Objects.requireNonNull(store, "store");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** Starts relaying (a pass at once) and pruning (after the first prune interval). */
  public void start() {
    synchronized (this) {
      if (running) {
        return;
      }
      running = true;
      starts++;
    }
    trigger();
    pruneThenWait(starts());
  }

  /**
   * No pass starts after this; the one in progress, if any, finishes (its events are published and
   * marked, or stay pending).
   *
   * @return completes once no pass is in progress
   */
  public Future<Void> stop() {
    synchronized (this) {
      running = false;
      if (!passing) {
        return Future.succeededFuture();
      }
      if (stopped == null) {
        stopped = Promise.promise();
      }
      return stopped.future();
    }
  }

  /**
   * A new event may be pending: a pass starts now, or right after the one in progress. Ignored
   * while the relay waits to retry after a failed pass.
   */
  public void wake() {
    trigger();
  }

  /**
   * One pass, outside the schedule: claims up to a batch of pending events, publishes them, marks
   * those acknowledged as published.
   */
  public Future<RelayedBatch> relayOnce() {
    return store.relayPending(schedule.batchSize(), this::publishAll)
        .onSuccess(this::count);
  }

  /**
   * Deletes the events published more than the retention ago, {@link #PRUNED_PER_DELETE} per
   * statement until none is left.
   *
   * @return how many were deleted
   */
  public Future<Integer> prune() {
    return pruneFrom(now().minus(schedule.retention()), 0);
  }

  /** The outbox's counts and this relay's state. */
  public Future<Status> status() {
    return store.counts().map(counts -> {
      Duration age = counts.oldestPendingAt() == null ? null : Duration.between(counts.oldestPendingAt(), now());
      synchronized (this) {
        return new Status(counts, age == null || !age.isNegative() ? age : Duration.ZERO, running, publishedSinceStart,
            failedInARow, lastFailure);
      }
    });
  }

  public Schedule schedule() {
    return schedule;
  }

  public synchronized boolean isRunning() {
    return running;
  }

  private void trigger() {
    synchronized (this) {
      if (!running || waitingToRetry) {
        return;
      }
      if (passing) {
        wokenDuringPass = true;
        return;
      }
      passing = true;
      wokenDuringPass = false;
      passes++;
    }
    relayOnce().onComplete(this::afterPass);
  }

  private void afterPass(AsyncResult<RelayedBatch> pass) {
    Duration pause;
    Promise<Void> toComplete = null;
    synchronized (this) {
      passing = false;
      Throwable failure = pass.failed() ? pass.cause() : pass.result().failure();
      if (failure != null) {
        failedInARow++;
        lastFailure = failure.toString();
        pause = schedule.retryAfter(failedInARow);
        waitingToRetry = true;
        LOG.warn("Outbox relay: {} ({} failed pass(es) in a row); events stay pending, next pass in {} ms",
            failure.toString(), failedInARow, pause.toMillis());
      } else {
        if (failedInARow > 0) {
          LOG.info("Outbox relay publishes again after {} failed pass(es)", failedInARow);
        }
        failedInARow = 0;
        lastFailure = null;
        boolean fullBatch = pass.result().claimed() >= schedule.batchSize();
        pause = fullBatch || wokenDuringPass ? Duration.ZERO : schedule.pollInterval();
      }
      toComplete = stopped;
      stopped = null;
      if (!running) {
        pause = null;
      }
    }
    if (toComplete != null) {
      toComplete.complete();
    }
    if (pause == null) {
      return;
    }
    if (pause.isZero()) {
      trigger();
    } else {
      passAfter(pause);
    }
  }

  private void passAfter(Duration pause) {
    long scheduledAfter;
    synchronized (this) {
      scheduledAfter = passes;
    }
    timers.after(pause).onComplete(elapsed -> {
      synchronized (this) {
        if (passes != scheduledAfter) {
          return;
        }
        waitingToRetry = false;
      }
      trigger();
    });
  }

  /** Publishes every claimed event at once; answers which the broker acknowledged. */
  private Future<RelayedBatch> publishAll(List<OutboxEvent> events) {
    List<Future<UUID>> sends = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      Future<Void> send;
      try {
        send = publisher.publish(event);
      } catch (RuntimeException e) {
        send = Future.failedFuture(e);
      }
      sends.add(send.map(event.id()));
    }
    return Future.join(sends).transform(joined -> {
      List<UUID> published = new ArrayList<>(events.size());
      Throwable failure = null;
      for (Future<UUID> send : sends) {
        if (send.succeeded()) {
          published.add(send.result());
        } else if (failure == null) {
          failure = send.cause();
        }
      }
      return Future.succeededFuture(new RelayedBatch(events.size(), published, now(), failure));
    });
  }

  private synchronized void count(RelayedBatch batch) {
    publishedSinceStart += batch.published().size();
  }

  private Future<Integer> pruneFrom(Instant publishedBefore, int deletedSoFar) {
    return store.prune(publishedBefore, PRUNED_PER_DELETE).compose(deleted -> deleted >= PRUNED_PER_DELETE
        ? pruneFrom(publishedBefore, deletedSoFar + deleted)
        : Future.succeededFuture(deletedSoFar + deleted));
  }

  private synchronized long starts() {
    return starts;
  }

  private void pruneThenWait(long start) {
    timers.after(schedule.pruneInterval()).onComplete(elapsed -> {
      synchronized (this) {
        if (!running || starts != start) {
          return;
        }
      }
      prune().onComplete(pruned -> {
        if (pruned.failed()) {
          LOG.warn("Published outbox events could not be pruned; next try in {} ms: {}",
              schedule.pruneInterval().toMillis(), pruned.cause().toString());
        } else if (pruned.result() > 0) {
          LOG.debug("Pruned {} published outbox events", pruned.result());
        }
        pruneThenWait(start);
      });
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
