package dev.vertxshop.platform.resilience;

import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.impl.CircuitBreakerImpl;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one downstream service: it opens when at least {@link
 * BreakerSettings#failureRateThreshold()}% of the calls that ended in the rolling {@link
 * BreakerSettings#window()} failed, once the window holds {@link BreakerSettings#minimumCalls()};
 * it then fails every call at once for {@link BreakerSettings#openDuration()}; after that it
 * admits exactly one trial call (others still fail fast) and closes when the trial succeeds, or
 * opens again when it fails. A call fails when its future fails; callers resolve answers they can
 * act on (such as an HTTP 4xx) as successes, so those never count.
 *
 * <h2>How this fits with vertx-circuit-breaker</h2>
 *
 * <p>A Vert.x {@link CircuitBreaker} holds the CLOSED/OPEN state and runs the state-change
 * handlers, which log and note when it opened. Two of its rules do not fit and are switched off:
 *
 * <ul>
 *   <li>It opens after a <em>count</em> of failures, and every success resets that count, so a 50%
 *       failure rate never opens it. Its {@code maxFailures} is set to {@link Integer#MAX_VALUE}; a
 *       {@link RollingWindow} over the injected {@link Clock} keeps the rate, and this class calls
 *       {@link CircuitBreaker#open()} when the rule holds.
 *   <li>It moves from OPEN to HALF_OPEN on a Vert.x timer ({@code resetTimeout}), which runs on
 *       wall-clock time and cannot be driven by a {@link Clock}, and that transition is private.
 *       {@code resetTimeout} is -1 (no timer). Half-open is instead decided here from the clock:
 *       it is the library's OPEN state once {@code openDuration} has passed since the open handler
 *       ran. The first call after that is the one trial (marked under this object's lock, so
 *       concurrent calls fail fast; a trial still running after another {@code openDuration} no
 *       longer blocks the next); it bypasses the library, which would refuse it while OPEN.
 *       Trial failure calls {@link CircuitBreaker#open()} again (a new open period); trial success
 *       closes the library breaker with {@link CircuitBreakerImpl#reset(boolean) reset(true)},
 *       because the public {@link CircuitBreaker#reset()} ignores an OPEN breaker, and the close
 *       handler clears the window.
 * </ul>
 *
 * <p>While the library breaker is CLOSED, calls run through {@link CircuitBreaker#execute(Supplier)}
 * with no library timeout (the caller has its own), so a call that races with the breaker opening
 * is refused by the library itself. The library changes state only when this class asks it to
 * (its own triggers are off), always under this object's lock, so its handlers run under that lock
 * too and the lock order is always this object, then the library breaker.
 */
public final class ServiceBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceBreaker.class);
  private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

  private enum Gate { PASS, TRIAL, REFUSE }

  private final String name;
  private final BreakerSettings settings;
  private final Clock clock;
  private final CircuitBreaker breaker;
  private final BreakerMeters meters;

  // Guarded by this.
  private final RollingWindow window;
  private Instant openedAt;
  private String openReason = "opened";
  private long trial;
  private Instant trialStartedAt;

  ServiceBreaker(Vertx vertx, String name, BreakerSettings settings, Clock clock, ServiceMetrics metrics) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = new RollingWindow(settings.window().toMillis());
    this.breaker = CircuitBreaker.create(name, vertx, new CircuitBreakerOptions()
        .setMaxFailures(Integer.MAX_VALUE)
        .setResetTimeout(-1)
        .setTimeout(-1)
        .setMaxRetries(0));
    breaker.openHandler(opened -> onOpened()).closeHandler(closed -> onClosed());
    this.meters = BreakerMeters.register(metrics, this);
  }

  public String name() {
    return name;
  }

  /** True while the breaker lets every call through (neither open nor half-open). */
  public boolean isClosed() {
    return breaker.state() == CircuitBreakerState.CLOSED;
  }

  /**
   * Runs {@code call} unless the breaker refuses it, in which case the future fails at once with a
   * {@link CircuitOpenException} and {@code call} is not invoked. The call's outcome is counted.
   */
  public <T> Future<T> execute(Supplier<Future<T>> call) {
    long trialToken;
    Gate gate;
    synchronized (this) {
      gate = gate();
      trialToken = trial;
    }
    return switch (gate) {
      case PASS -> passThrough(call);
      case TRIAL -> runTrial(call, trialToken);
      case REFUSE -> {
        meters.rejected();
        yield Future.failedFuture(refusal());
      }
    };
  }

  private Gate gate() {
    if (breaker.state() == CircuitBreakerState.CLOSED) {
      return Gate.PASS;
    }
    Instant now = clock.instant();
    if (now.isBefore(openUntil())) {
      return Gate.REFUSE;
    }
    // A trial that never ended must not keep the breaker half-open for good.
    if (trialStartedAt != null && now.isBefore(trialStartedAt.plus(settings.openDuration()))) {
      return Gate.REFUSE;
    }
    trial++;
    trialStartedAt = now;
    LOG.info("Circuit breaker {} half-open after {} ms open: one trial call goes through",
        name, Duration.between(openedAt, now).toMillis());
    return Gate.TRIAL;
  }

  private <T> Future<T> passThrough(Supplier<Future<T>> call) {
    return breaker.execute(call)
        .andThen(this::count)
        .andThen(this::recordClosedCall)
        .recover(failure -> Future.failedFuture(failure instanceof OpenCircuitException ? refusal() : failure));
  }

  private synchronized void recordClosedCall(AsyncResult<?> outcome) {
    if (outcome.failed() && outcome.cause() instanceof OpenCircuitException) {
      return;
    }
    // A call that began before the breaker opened says nothing new: the trial decides now.
    if (breaker.state() != CircuitBreakerState.CLOSED) {
      return;
    }
    long now = clock.millis();
    window.record(now, outcome.failed());
    int calls = window.calls(now);
    int failures = window.failures(now);
    if (calls >= settings.minimumCalls() && 100L * failures >= (long) settings.failureRateThreshold() * calls) {
      openReason = String.format(Locale.ROOT, "%d of %d calls in the last %d ms failed (%.1f%%, threshold %d%% of at least %d calls)",
          failures, calls, settings.window().toMillis(), rate(calls, failures), settings.failureRateThreshold(), settings.minimumCalls());
      breaker.open();
    }
  }

  private <T> Future<T> runTrial(Supplier<Future<T>> call, long trialToken) {
    Future<T> outcome;
    try {
      outcome = call.get();
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    return outcome.andThen(this::count).andThen(result -> endTrial(result, trialToken));
  }

  private void count(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      meters.success();
    } else if (outcome.cause() instanceof OpenCircuitException) {
      meters.rejected();
    } else {
      meters.failure();
    }
  }

  private synchronized void endTrial(AsyncResult<?> outcome, long trialToken) {
    if (trialToken != trial || breaker.state() == CircuitBreakerState.CLOSED) {
      return;
    }
    trialStartedAt = null;
    if (outcome.succeeded()) {
      ((CircuitBreakerImpl) breaker).reset(true);
    } else {
      openReason = "the trial call failed: " + outcome.cause().getMessage();
      breaker.open();
    }
  }

  /** Open handler of the library breaker; runs under this object's lock. */
  private void onOpened() {
    openedAt = clock.instant();
    trialStartedAt = null;
    LOG.warn("Circuit breaker {} opened: {}; calls fail fast for {} ms", name, openReason, settings.openDuration().toMillis());
  }

  /** Close handler of the library breaker; runs under this object's lock. */
  private void onClosed() {
    long openMs = openedAt == null ? 0 : Duration.between(openedAt, clock.instant()).toMillis();
    openedAt = null;
    trialStartedAt = null;
    window.clear();
    LOG.info("Circuit breaker {} closed: the trial call succeeded after {} ms open", name, openMs);
  }

  private Instant openUntil() {
    return (openedAt == null ? clock.instant() : openedAt).plus(settings.openDuration());
  }

  private synchronized CircuitOpenException refusal() {
    Duration left = breaker.state() == CircuitBreakerState.CLOSED
        ? Duration.ZERO
        : Duration.between(clock.instant(), openUntil());
    return new CircuitOpenException(name, left.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : left);
  }

  /** The breaker's state now, with the counts of its window. */
  public synchronized BreakerSnapshot snapshot() {
    Instant now = clock.instant();
    long nowMs = now.toEpochMilli();
    int calls = window.calls(nowMs);
    int failures = window.failures(nowMs);
    CircuitBreakerState state;
    Duration retryAfter = Duration.ZERO;
    if (breaker.state() == CircuitBreakerState.CLOSED) {
      state = CircuitBreakerState.CLOSED;
    } else if (now.isBefore(openUntil())) {
      state = CircuitBreakerState.OPEN;
      retryAfter = Duration.between(now, openUntil());
    } else {
      state = CircuitBreakerState.HALF_OPEN;
    }
    return new BreakerSnapshot(name, state, rate(calls, failures), calls, failures,
        state == CircuitBreakerState.CLOSED ? null : openedAt, retryAfter);
  }

  private static double rate(int calls, int failures) {
    return calls == 0 ? 0.0 : 100.0 * failures / calls;
  }

  void close() {
    breaker.close();
  }
}
