package dev.vertxshop.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetrierTest {

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Retrier retrier(RetrySettings settings, double random) {
    return new Retrier(vertx, clock, settings, () -> random);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("succeeded");
  }

  @Test
  void theBackoffBoundDoublesFromTheInitialWaitUpToTheMaximum() {
    Retrier retrier = retrier(RetrySettings.DEFAULTS, 0.0);

    assertThat(List.of(2, 3, 4, 5, 6, 7, 10, 40)).map(retrier::backoffBound).map(Duration::toMillis)
        .containsExactly(50L, 100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
  }

  @Test
  void eachWaitIsDrawnBetweenZeroAndItsBound() {
    assertThat(retrier(RetrySettings.DEFAULTS, 0.0).backoffBefore(3)).isEqualTo(Duration.ZERO);
    assertThat(retrier(RetrySettings.DEFAULTS, 0.5).backoffBefore(3)).isEqualTo(Duration.ofMillis(50));
    assertThat(retrier(RetrySettings.DEFAULTS, 0.999_999).backoffBefore(3)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void stopsAtTheFirstFailureThatIsNotWorthRetrying() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Retrier retrier = retrier(RetrySettings.DEFAULTS, 0.0);

    Throwable failed = failure(retrier.run(Duration.ofSeconds(5), left -> {
      attempts.incrementAndGet();
      return Future.failedFuture(new IllegalArgumentException("no"));
    }, e -> !(e instanceof IllegalArgumentException)));

    assertThat(failed).isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  void givesEachAttemptTheTimeLeftUntilTheDeadline() throws Exception {
    List<Duration> given = new ArrayList<>();
    Retrier retrier = retrier(new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1)), 0.0);
    failure(retrier.run(Duration.ofSeconds(5), left -> {
      given.add(left);
      clock.advance(Duration.ofSeconds(1));
      return Future.failedFuture(new IllegalStateException("down"));
    }, e -> true));

    assertThat(given).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(3));
  }

  @Test
  void noAttemptStartsWhenTheWaitWouldEndAfterTheDeadline() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    // The wait before the 2nd attempt is 100 ms; the deadline is 50 ms away.
    Retrier retrier = retrier(new RetrySettings(3, Duration.ofMillis(100), Duration.ofMillis(100)), 0.999_999);

    failure(retrier.run(Duration.ofMillis(50), left -> {
      attempts.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("down"));
    }, e -> true));

    assertThat(attempts.get()).isEqualTo(1);
  }

  @Test
  void succeedsWithTheFirstSuccessfulAttempt() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    Retrier retrier = new Retrier(vertx, Clock.systemUTC(), new RetrySettings(3, Duration.ofMillis(5), Duration.ofMillis(10)));

    String result = retrier.run(Duration.ofSeconds(5),
            left -> attempts.incrementAndGet() < 3 ? Future.<String>failedFuture(new IllegalStateException("down")) : Future.succeededFuture("ok"),
            e -> true)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(result).isEqualTo("ok");
    assertThat(attempts.get()).isEqualTo(3);
  }
}
