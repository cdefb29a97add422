package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.platform.resilience.BreakerSettings;
import dev.vertxshop.platform.resilience.BreakerSnapshot;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import dev.vertxshop.platform.resilience.MutableClock;
import dev.vertxshop.platform.resilience.ResilienceSettings;
import dev.vertxshop.platform.resilience.RetrySettings;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's circuit breaker and retries against a local server that counts the requests it gets.
 * Breaker time comes from a test clock; nothing sleeps.
 */
class ResilientServiceClientTest {

  private static final Duration OPEN = BreakerSettings.DEFAULTS.openDuration();
  private static final RetrySettings QUICK_RETRIES = new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2));

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Deque<String> flakyAnswers = new ArrayDeque<>();
  private URI baseUrl;
  private CircuitBreakers breakers;

  @BeforeEach
  void startServer() throws Exception {
    int port = await(vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")).actualPort();
    baseUrl = URI.create("http://127.0.0.1:" + port);
  }

  @AfterEach
  void stop() throws Exception {
    if (breakers != null) {
      breakers.close();
    }
    await(vertx.close());
  }

  private void answer(HttpServerRequest request) {
    requests.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
    String action = switch (request.path()) {
      case "/ok" -> "200";
      case "/fail" -> "500";
      case "/missing" -> "404";
      case "/hang" -> "hang";
      case "/html" -> "html";
      case "/flaky" -> nextFlakyAnswer();
      case "/fail-slowly" -> {
        clock.advance(Duration.ofSeconds(2));
        yield "500";
      }
      default -> "404";
    };
    switch (action) {
      case "200" -> request.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
      case "404" -> request.response().setStatusCode(404).putHeader("content-type", Problem.MEDIA_TYPE)
          .end(Problem.of("not-found", "Not found", 404, "nothing here").toJson().encode());
      case "500" -> request.response().setStatusCode(500).end();
      case "html" -> request.response().putHeader("content-type", "text/html").end("<html>");
      default -> { } // never answers
    }
  }

  private synchronized String nextFlakyAnswer() {
    return flakyAnswers.isEmpty() ? "200" : flakyAnswers.poll();
  }

  private synchronized void flakyAnswers(String... answers) {
    flakyAnswers.addAll(List.of(answers));
  }

  private int requestsTo(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  private ServiceClient client(ResilienceSettings settings, Clock breakerClock) {
    breakers = CircuitBreakers.create(vertx, settings.breaker(), breakerClock);
    return ServiceClient.create(vertx, "inventory", baseUrl, settings, breakers);
  }

  /** One attempt per call, so that calls and breaker counts match one to one. */
  private ServiceClient clientWithoutRetries() {
    return client(new ResilienceSettings(Duration.ofMillis(500), Duration.ofSeconds(5), RetrySettings.NONE, BreakerSettings.DEFAULTS), clock);
  }

  private ServiceClient clientWithRetries(RetrySettings retry, BreakerSettings breaker) {
    return client(new ResilienceSettings(Duration.ofMillis(200), Duration.ofSeconds(5), retry, breaker), clock);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DownstreamException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(DownstreamException.class);
      return (DownstreamException) e.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  private BreakerSnapshot breaker() {
    return breakers.forService("inventory").snapshot();
  }

  private void openBreaker(ServiceClient client) throws Exception {
    for (int i = 0; i < BreakerSettings.DEFAULTS.minimumCalls(); i++) {
      assertThat(failure(client.get("/fail")).kind()).isEqualTo(DownstreamException.Kind.SERVER_ERROR);
    }
    assertThat(breaker().state()).isEqualTo(CircuitBreakerState.OPEN);
  }

  @Test
  void whileTheBreakerIsOpenCallsFailFastWithoutReachingTheServer() throws Exception {
    ServiceClient client = clientWithoutRetries();
    openBreaker(client);
    int failsBefore = requestsTo("/fail");

    DownstreamException refused = failure(client.get("/ok"));
    DownstreamException refusedPost = failure(client.post("/ok", new JsonObject(), Repeat.SAFE));
    failure(client.post("/fail", new JsonObject()));

    assertThat(refused.kind()).isEqualTo(DownstreamException.Kind.CIRCUIT_OPEN);
    assertThat(refused.service()).isEqualTo("inventory");
    assertThat(refused.retryAfter()).contains(OPEN);
    assertThat(refused.mayHaveTakenEffect()).isFalse();
    assertThat(refusedPost.kind()).isEqualTo(DownstreamException.Kind.CIRCUIT_OPEN);
    assertThat(requestsTo("/ok")).isZero();
    assertThat(requestsTo("/fail")).isEqualTo(failsBefore);
  }

  @Test
  void afterTheOpenTimeOneTrialReachesTheServerAndItsSuccessClosesTheBreaker() throws Exception {
    ServiceClient client = clientWithoutRetries();
    openBreaker(client);
    clock.advance(OPEN);

    ServiceResponse response = await(client.get("/ok"));

    assertThat(response.isSuccess()).isTrue();
    assertThat(requestsTo("/ok")).isEqualTo(1);
    assertThat(breaker().state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(await(client.get("/ok")).isSuccess()).isTrue();
  }

  @Test
  void aTrialThatTimesOutOpensTheBreakerAgain() throws Exception {
    ServiceClient client = clientWithoutRetries();
    openBreaker(client);
    clock.advance(OPEN);

    assertThat(failure(client.get("/hang")).kind()).isEqualTo(DownstreamException.Kind.TIMEOUT);

    assertThat(breaker().state()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(failure(client.get("/ok")).kind()).isEqualTo(DownstreamException.Kind.CIRCUIT_OPEN);
    assertThat(requestsTo("/ok")).isZero();
  }

  @Test
  void clientErrorsAreAnswersAndNeverCountAsFailures() throws Exception {
    ServiceClient client = clientWithoutRetries();

    for (int i = 0; i < 20; i++) {
      assertThat(await(client.get("/missing")).status()).isEqualTo(404);
    }

    BreakerSnapshot snapshot = breaker();
    assertThat(snapshot.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(snapshot.calls()).isEqualTo(20);
    assertThat(snapshot.failures()).isZero();
  }

  @Test
  void timeoutsServerErrorsAndInvalidAnswersCountAsFailures() throws Exception {
    ServiceClient client = clientWithoutRetries();

    assertThat(failure(client.get("/hang")).kind()).isEqualTo(DownstreamException.Kind.TIMEOUT);
    assertThat(failure(client.get("/html")).kind()).isEqualTo(DownstreamException.Kind.INVALID_RESPONSE);
    assertThat(failure(client.post("/fail", null)).kind()).isEqualTo(DownstreamException.Kind.SERVER_ERROR);

    assertThat(breaker().calls()).isEqualTo(3);
    assertThat(breaker().failures()).isEqualTo(3);
  }

  @Test
  void aSafeCallIsRetriedAfterAServerErrorAndATimeoutAndSucceedsOnTheThirdAttempt() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, BreakerSettings.DEFAULTS);
    flakyAnswers("500", "hang", "200");

    ServiceResponse response = await(client.get("/flaky"));

    assertThat(response.isSuccess()).isTrue();
    assertThat(requestsTo("/flaky")).isEqualTo(3);
  }

  @Test
  void aPostDeclaredSafeIsRetriedUpToTheBound() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, BreakerSettings.DEFAULTS);

    assertThat(failure(client.post("/fail", new JsonObject(), Repeat.SAFE)).kind()).isEqualTo(DownstreamException.Kind.SERVER_ERROR);

    assertThat(requestsTo("/fail")).isEqualTo(3);
  }

  @Test
  void anUnsafeCallIsNeverRetried() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, BreakerSettings.DEFAULTS);

    failure(client.post("/fail", new JsonObject()));
    failure(client.post("/fail", new JsonObject(), Repeat.NEVER));
    failure(client.put("/fail", new JsonObject()));
    assertThat(requestsTo("/fail")).isEqualTo(3);

    assertThat(failure(client.post("/hang", new JsonObject())).kind()).isEqualTo(DownstreamException.Kind.TIMEOUT);
    assertThat(requestsTo("/hang")).isEqualTo(1);
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, BreakerSettings.DEFAULTS);

    assertThat(await(client.get("/missing")).status()).isEqualTo(404);
    assertThat(await(client.post("/missing", new JsonObject(), Repeat.SAFE)).status()).isEqualTo(404);

    assertThat(requestsTo("/missing")).isEqualTo(2);
  }

  @Test
  void theBreakerCountsEachAttempt() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, BreakerSettings.DEFAULTS);

    failure(client.get("/fail"));

    BreakerSnapshot snapshot = breaker();
    assertThat(snapshot.calls()).isEqualTo(3);
    assertThat(snapshot.failures()).isEqualTo(3);
  }

  @Test
  void retriesStopOnceTheBreakerOpens() throws Exception {
    ServiceClient client = clientWithRetries(QUICK_RETRIES, new BreakerSettings(50, 2, Duration.ofSeconds(10), OPEN));

    DownstreamException failed = failure(client.get("/fail"));

    assertThat(failed.kind()).as("the last real failure, not a refusal").isEqualTo(DownstreamException.Kind.SERVER_ERROR);
    assertThat(requestsTo("/fail")).isEqualTo(2);
    assertThat(failure(client.get("/fail")).kind()).isEqualTo(DownstreamException.Kind.CIRCUIT_OPEN);
    assertThat(requestsTo("/fail")).isEqualTo(2);
  }

  @Test
  void theDeadlineStopsRetriesByTheClock() throws Exception {
    // Each answer takes 2 s of clock time; the deadline of 5 s leaves room for 3 of the 5 attempts.
    ServiceClient client = client(new ResilienceSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
        new RetrySettings(5, Duration.ofMillis(1), Duration.ofMillis(2)), BreakerSettings.DEFAULTS), clock);

    assertThat(failure(client.get("/fail-slowly")).kind()).isEqualTo(DownstreamException.Kind.SERVER_ERROR);

    assertThat(requestsTo("/fail-slowly")).isEqualTo(3);
  }

  @Test
  void theDeadlineShortensTheLastAttempt() throws Exception {
    // 3 attempts of 500 ms would take 1.5 s; the deadline ends the call after 700 ms.
    ServiceClient client = client(new ResilienceSettings(Duration.ofMillis(500), Duration.ofMillis(700),
        new RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2)), BreakerSettings.DEFAULTS), Clock.systemUTC());
    long started = System.nanoTime();

    DownstreamException failed = failure(client.get("/hang"));

    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(failed.kind()).isEqualTo(DownstreamException.Kind.TIMEOUT);
    assertThat(requestsTo("/hang")).isBetween(1, 2);
    assertThat(elapsedMs).isBetween(500L, 1_300L);
  }

  @Test
  void clientsOfOneServiceShareItsBreaker() throws Exception {
    ServiceClient client = clientWithoutRetries();
    ServiceClient other = ServiceClient.create(vertx, "inventory", baseUrl, ResilienceSettings.DEFAULTS, breakers);
    openBreaker(client);

    assertThat(failure(other.get("/ok")).kind()).isEqualTo(DownstreamException.Kind.CIRCUIT_OPEN);
    assertThat(requestsTo("/ok")).isZero();
  }

  @Test
  void aRetryOfACallToADeadInstanceGoesToTheNextOne() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    List<String> instances = List.of("http://127.0.0.1:" + closed, baseUrl.toString());
    AtomicInteger picks = new AtomicInteger();
    ServiceTarget target = new ServiceTarget() {
      @Override
      public Optional<String> next() {
        return Optional.of(instances.get(picks.getAndIncrement() % instances.size()));
      }

      @Override
      public String describe() {
        return "two instances";
      }
    };
    ResilienceSettings settings = new ResilienceSettings(Duration.ofMillis(500), Duration.ofSeconds(5), QUICK_RETRIES, BreakerSettings.DEFAULTS);
    breakers = CircuitBreakers.create(vertx, settings.breaker(), clock);
    ServiceClient client = ServiceClient.create(vertx, "inventory", target, settings, breakers);

    assertThat(await(client.get("/ok")).status()).isEqualTo(200);
    assertThat(picks.get()).isEqualTo(2);
  }

  @Test
  void withNoInstanceKnownACallFailsAtOnceWithoutIo() throws Exception {
    ResilienceSettings settings = new ResilienceSettings(Duration.ofMillis(500), Duration.ofSeconds(5), RetrySettings.NONE, BreakerSettings.DEFAULTS);
    breakers = CircuitBreakers.create(vertx, settings.breaker(), clock);
    ServiceTarget nowhere = new ServiceTarget() {
      @Override
      public Optional<String> next() {
        return Optional.empty();
      }

      @Override
      public String describe() {
        return "nothing";
      }
    };
    ServiceClient client = ServiceClient.create(vertx, "inventory", nowhere, settings, breakers);

    DownstreamException failure = failure(client.get("/ok"));
    assertThat(failure.kind()).isEqualTo(DownstreamException.Kind.CONNECTION);
    assertThat(failure.getMessage()).contains("no instance of inventory");
  }
}
