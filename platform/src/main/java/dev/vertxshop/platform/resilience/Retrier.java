package dev.vertxshop.platform.resilience;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation that is safe to repeat until it succeeds, with exponential backoff and full
 * jitter between attempts ({@link RetrySettings}). It stops at the first failure that is not worth
 * retrying, after {@code maxAttempts}, or when the next attempt could not start before the
 * deadline; the call then fails with the last attempt's failure. Waits are Vert.x timers; the
 * deadline is read from the clock.
 */
public final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Vertx vertx;
  private final Clock clock;
  private final RetrySettings settings;
  private final DoubleSupplier random;

  public Retrier(Vertx vertx, Clock clock, RetrySettings settings) {
    this(vertx, clock, settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** {@code random} yields numbers in [0, 1) that pick each wait within its bound. */
  Retrier(Vertx vertx, Clock clock, RetrySettings settings, DoubleSupplier random) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Runs {@code attempt} once, then again after each failure that {@code retryable} accepts, within
   * the bounds above and within {@code budget} from now. Each attempt is given the time left: the
   * whole budget for the first, what remains of it for the others.
   */
  public <T> Future<T> run(Duration budget, Function<Duration, Future<T>> attempt, Predicate<Throwable> retryable) {
    return new Run<>(clock.instant().plus(budget), attempt, retryable).attempt(1, budget);
  }

  /** The bound of the wait before attempt {@code attempt} (2 or more): initial * 2^(attempt-2), capped. */
  Duration backoffBound(int attempt) {
    long initial = settings.initialBackoff().toMillis();
    long max = settings.maxBackoff().toMillis();
    int doublings = Math.min(attempt - 2, 30);
    return Duration.ofMillis(Math.min(max, initial << doublings));
  }

  /** The wait before attempt {@code attempt}: uniform in [0, bound]. */
  Duration backoffBefore(int attempt) {
    long bound = backoffBound(attempt).toMillis();
    return Duration.ofMillis((long) Math.floor(random.getAsDouble() * (bound + 1)));
  }

  private final class Run<T> {

    private final Instant deadline;
    private final Function<Duration, Future<T>> operation;
    private final Predicate<Throwable> retryable;

    Run(Instant deadline, Function<Duration, Future<T>> operation, Predicate<Throwable> retryable) {
      this.deadline = Objects.requireNonNull(deadline, "deadline");
      this.operation = Objects.requireNonNull(operation, "operation");
      this.retryable = Objects.requireNonNull(retryable, "retryable");
    }

    Future<T> attempt(int number, Duration timeLeft) {
      return operation.apply(timeLeft).recover(failure -> afterFailure(number, failure));
    }

    private Future<T> afterFailure(int number, Throwable failure) {
      if (number >= settings.maxAttempts() || !retryable.test(failure)) {
        return Future.failedFuture(failure);
      }
      Duration wait = backoffBefore(number + 1);
      if (!clock.instant().plus(wait).isBefore(deadline)) {
        return Future.failedFuture(failure);
      }
      LOG.debug("Attempt {} of {} failed ({}); the next in {} ms", number, settings.maxAttempts(), failure.getMessage(), wait.toMillis());
      return pause(wait).compose(waited -> retry(number + 1, failure));
    }

    private Future<T> retry(int number, Throwable previous) {
      // The wait ran on timers; the deadline may have passed meanwhile.
      Duration left = timeLeft();
      return left.isNegative() || left.isZero() ? Future.failedFuture(previous) : attempt(number, left);
    }

    private Duration timeLeft() {
      return Duration.between(clock.instant(), deadline);
    }
  }

  private Future<Void> pause(Duration wait) {
    long ms = wait.toMillis();
    return ms < 1 ? Future.succeededFuture() : vertx.timer(ms);
  }
}
