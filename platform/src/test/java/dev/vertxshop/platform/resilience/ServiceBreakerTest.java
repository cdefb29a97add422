package dev.vertxshop.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The breaker's rules, driven by a test clock: no network, no sleeping. */
class ServiceBreakerTest {

  private static final Duration OPEN = Duration.ofSeconds(30);

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();
  private final CircuitBreakers breakers = CircuitBreakers.create(vertx, BreakerSettings.DEFAULTS, clock);
  private final ServiceBreaker breaker = breakers.forService("inventory");
  private final AtomicInteger invoked = new AtomicInteger();

  @AfterEach
  void closeVertx() throws Exception {
    breakers.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Future<String> call(Future<String> outcome) {
    return breaker.execute(() -> {
      invoked.incrementAndGet();
      return outcome;
    });
  }

  private void succeed(int times) throws Exception {
    for (int i = 0; i < times; i++) {
      assertThat(await(call(Future.succeededFuture("ok")))).isEqualTo("ok");
    }
  }

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThatThrownBy(() -> await(call(Future.failedFuture(new IllegalStateException("boom")))))
          .hasCauseInstanceOf(IllegalStateException.class);
    }
  }

  private CircuitOpenException refused(Future<String> call) {
    try {
      await(call);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(CircuitOpenException.class);
      return (CircuitOpenException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call went through");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private CircuitBreakerState state() {
    return breaker.snapshot().state();
  }

  private void open() throws Exception {
    fail(10);
    assertThat(state()).isEqualTo(CircuitBreakerState.OPEN);
  }

  @Test
  void opensWhenSixOfTenCallsFail() throws Exception {
    fail(6);
    succeed(3);
    assertThat(state()).as("9 calls are below the minimum volume").isEqualTo(CircuitBreakerState.CLOSED);

    succeed(1);

    BreakerSnapshot snapshot = breaker.snapshot();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(snapshot.calls()).isEqualTo(10);
    assertThat(snapshot.failures()).isEqualTo(6);
    assertThat(snapshot.failureRate()).isEqualTo(60.0);
    assertThat(snapshot.openedAt()).isEqualTo(clock.instant());
    assertThat(snapshot.retryAfter()).isEqualTo(OPEN);
  }

  @Test
  void staysClosedWhenFourOfTenCallsFail() throws Exception {
    fail(4);
    succeed(6);

    BreakerSnapshot snapshot = breaker.snapshot();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(snapshot.failureRate()).isEqualTo(40.0);
    assertThat(breaker.isClosed()).isTrue();
  }

  @Test
  void staysClosedWhileTheWindowHoldsFewerCallsThanTheMinimum() throws Exception {
    fail(9);
    assertThat(state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(breaker.snapshot().failureRate()).isEqualTo(100.0);

    fail(1);
    assertThat(state()).isEqualTo(CircuitBreakerState.OPEN);
  }

  @Test
  void opensAtExactlyTheThreshold() throws Exception {
    succeed(5);
    fail(5);

    assertThat(state()).isEqualTo(CircuitBreakerState.OPEN);
  }

  @Test
  void whileOpenCallsFailFastWithoutBeingInvoked() throws Exception {
    open();
    int before = invoked.get();

    CircuitOpenException refusal = refused(call(Future.succeededFuture("ok")));

    assertThat(invoked.get()).isEqualTo(before);
    assertThat(refusal.breaker()).isEqualTo("inventory");
    assertThat(refusal.retryAfter()).isEqualTo(OPEN);
    assertThat(breaker.isClosed()).isFalse();
  }

  @Test
  void retryAfterCountsDownWithTheClockAndIsAtLeastOneSecond() throws Exception {
    open();

    clock.advance(Duration.ofSeconds(20));
    assertThat(refused(call(Future.succeededFuture("ok"))).retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(breaker.snapshot().retryAfter()).isEqualTo(Duration.ofSeconds(10));

    clock.advance(Duration.ofMillis(9_700));
    assertThat(refused(call(Future.succeededFuture("ok"))).retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void staysOpenUntilTheOpenTimeHasPassedOnTheClock() throws Exception {
    open();
    clock.advance(OPEN.minusMillis(1));

    refused(call(Future.succeededFuture("ok")));
    assertThat(state()).isEqualTo(CircuitBreakerState.OPEN);

    clock.advance(Duration.ofMillis(1));
    assertThat(state()).isEqualTo(CircuitBreakerState.HALF_OPEN);
  }

  @Test
  void halfOpenAdmitsExactlyOneTrialCall() throws Exception {
    open();
    clock.advance(OPEN);
    int before = invoked.get();
    Promise<String> trialAnswer = Promise.promise();

    Future<String> trial = call(trialAnswer.future());
    CircuitOpenException second = refused(call(Future.succeededFuture("ok")));

    assertThat(invoked.get()).isEqualTo(before + 1);
    assertThat(second.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(state()).isEqualTo(CircuitBreakerState.HALF_OPEN);
    trialAnswer.complete("ok");
    assertThat(await(trial)).isEqualTo("ok");
  }

  @Test
  void aSuccessfulTrialClosesTheBreakerWithAnEmptyWindow() throws Exception {
    open();
    clock.advance(OPEN);

    succeed(1);

    BreakerSnapshot snapshot = breaker.snapshot();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(snapshot.calls()).isZero();
    assertThat(snapshot.openedAt()).isNull();
    assertThat(breaker.isClosed()).isTrue();
    // The failures that opened it are forgotten: 9 new failures are below the volume again.
    fail(9);
    assertThat(state()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void aFailedTrialOpensTheBreakerAgainForTheWholeOpenTime() throws Exception {
    open();
    clock.advance(OPEN);

    fail(1);

    BreakerSnapshot snapshot = breaker.snapshot();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(snapshot.openedAt()).isEqualTo(clock.instant());
    assertThat(snapshot.retryAfter()).isEqualTo(OPEN);
    clock.advance(OPEN.minusSeconds(1));
    refused(call(Future.succeededFuture("ok")));
    clock.advance(Duration.ofSeconds(1));
    succeed(1);
    assertThat(state()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void aTrialThatNeverEndsGivesWayToAnotherAfterTheOpenTime() throws Exception {
    open();
    clock.advance(OPEN);
    call(Promise.<String>promise().future());
    refused(call(Future.succeededFuture("ok")));

    clock.advance(OPEN);
    succeed(1);

    assertThat(state()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() throws Exception {
    fail(5);
    clock.advance(Duration.ofSeconds(5));
    succeed(4);
    clock.advance(Duration.ofSeconds(5));
    assertThat(breaker.snapshot().calls()).as("the first 5 failures are 10 s old").isEqualTo(4);

    fail(1);

    BreakerSnapshot snapshot = breaker.snapshot();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(snapshot.calls()).isEqualTo(5);
    assertThat(snapshot.failures()).isEqualTo(1);
  }

  @Test
  void failuresWithinTheWindowAddUpAcrossTime() throws Exception {
    fail(5);
    clock.advance(Duration.ofSeconds(5));
    succeed(4);
    clock.advance(Duration.ofSeconds(4));

    fail(1);

    assertThat(state()).isEqualTo(CircuitBreakerState.OPEN);
  }

  @Test
  void breakersAreKeptPerServiceAndListedByName() throws Exception {
    open();
    ServiceBreaker payments = breakers.forService("payments");

    assertThat(breakers.forService("inventory")).isSameAs(breaker);
    assertThat(payments.isClosed()).isTrue();
    assertThat(breakers.snapshots()).extracting(BreakerSnapshot::name).containsExactly("inventory", "payments");
    assertThat(breakers.snapshots()).extracting(BreakerSnapshot::state)
        .containsExactly(CircuitBreakerState.OPEN, CircuitBreakerState.CLOSED);
  }

  @Test
  void stateChangesAreLoggedWithTheRateAndCounts() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ServiceBreaker.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      fail(6);
      succeed(4);
      clock.advance(OPEN);
      succeed(1);
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.INFO);
    assertThat(appender.list.get(0).getFormattedMessage())
        .contains("inventory opened", "6 of 10 calls", "60.0%", "30000 ms");
    assertThat(appender.list.get(1).getFormattedMessage()).contains("inventory half-open", "one trial call");
    assertThat(appender.list.get(2).getFormattedMessage()).contains("inventory closed");
  }
}
