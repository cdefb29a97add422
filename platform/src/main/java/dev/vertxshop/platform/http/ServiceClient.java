package dev.vertxshop.platform.http;

import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import dev.vertxshop.platform.resilience.CircuitOpenException;
import dev.vertxshop.platform.resilience.ResilienceSettings;
import dev.vertxshop.platform.resilience.Retrier;
import dev.vertxshop.platform.resilience.RetrySettings;
import dev.vertxshop.platform.resilience.ServiceBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls one other service over HTTP with JSON. Answers below 500 resolve to a {@link
 * ServiceResponse}; no answer within the per-attempt timeout, a connection failure, a 5xx or a body
 * that is not JSON fail with a {@link DownstreamException}. Every call between services goes through
 * this class, so resilience policies apply in one place.
 *
 * <p>A client made with {@link #create(Vertx, String, URI, ResilienceSettings, CircuitBreakers)}
 * also:
 *
 * <ul>
 *   <li>sends every attempt through the service's circuit breaker: while it is open, calls fail at
 *       once, with no network I/O, with {@link DownstreamException.Kind#CIRCUIT_OPEN} and a {@link
 *       DownstreamException#retryAfter()}; 4xx answers never count as failures;
 *   <li>retries calls that are safe to repeat ({@link #get}, and those sent with {@link Repeat#SAFE})
 *       after a failure, with exponential backoff and full jitter, up to {@code
 *       http.client.retry.max-attempts}; never after a 4xx, nor once the breaker is no longer
 *       closed. All attempts and waits fit in {@code http.client.deadline-ms}; each attempt also
 *       has {@code http.client.timeout-ms}. A plain {@link #post(String, JsonObject)} or {@link
 *       #put(String, JsonObject)} is sent once.
 * </ul>
 *
 * <p>A client made with {@link #create(Vertx, String, URI, Duration)} has neither: each call is one
 * attempt with that timeout.
 */
public final class ServiceClient {

  private final String service;
  private final ServiceTarget target;
  private final long timeoutMs;
  private final Duration deadline;
  private final WebClient client;
  private final ServiceBreaker breaker;
  private final Retrier retrier;
  private final Supplier<Optional<String>> authorization;

  private ServiceClient(String service, ServiceTarget target, Duration timeout, Duration deadline, WebClient client,
      ServiceBreaker breaker, Retrier retrier) {
    this(service, target, timeout.toMillis(), deadline, client, breaker, retrier, Optional::empty);
  }

  private ServiceClient(String service, ServiceTarget target, long timeoutMs, Duration deadline, WebClient client,
      ServiceBreaker breaker, Retrier retrier, Supplier<Optional<String>> authorization) {
    this.service = service;
    this.target = target;
    this.timeoutMs = timeoutMs;
    this.deadline = deadline;
    this.client = client;
    this.breaker = breaker;
    this.retrier = retrier;
    this.authorization = authorization;
  }

  /**
   * This client, sending as {@code Authorization} header of every attempt what {@code
   * authorization} gives at that moment (nothing when empty): the caller's service credential. This
   * client must not be used any more; closing the new one closes both.
   */
  public ServiceClient withAuthorization(Supplier<Optional<String>> authorization) {
    return new ServiceClient(service, target, timeoutMs, deadline, client, breaker, retrier, authorization);
  }

  /** A client without retries or circuit breaker: each call is one attempt within {@code timeout}. */
  public static ServiceClient create(Vertx vertx, String service, URI baseUrl, Duration timeout) {
    return new ServiceClient(service, ServiceTarget.fixed(baseUrl.toString()), timeout, timeout, webClient(vertx, timeout), null,
        new Retrier(vertx, Clock.systemUTC(), RetrySettings.NONE));
  }

  /**
   * A client whose calls go through {@code breakers}' breaker for {@code service} and are retried
   * when safe, as {@code settings} say; deadlines are read from the breakers' clock.
   */
  public static ServiceClient create(Vertx vertx, String service, URI baseUrl, ResilienceSettings settings,
      CircuitBreakers breakers) {
    return create(vertx, service, ServiceTarget.fixed(baseUrl.toString()), settings, breakers);
  }

  /**
   * The client of {@link #create(Vertx, String, URI, ResilienceSettings, CircuitBreakers)}, sending
   * each attempt to the address {@code target} gives at that moment: with a discovered target,
   * calls are spread across the service's instances, and a retry may reach another one. While the
   * target knows no instance, an attempt fails at once with {@link DownstreamException.Kind#CONNECTION}.
   */
  public static ServiceClient create(Vertx vertx, String service, ServiceTarget target, ResilienceSettings settings,
      CircuitBreakers breakers) {
    return new ServiceClient(service, target, settings.timeout(), settings.deadline(), webClient(vertx, settings.timeout()),
        breakers.forService(service), new Retrier(vertx, breakers.clock(), settings.retry()));
  }

  private static WebClient webClient(Vertx vertx, Duration timeout) {
    WebClientOptions options = new WebClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setUserAgent("vertx-shop");
    return WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(64));
  }

  public String service() {
    return service;
  }

  /** Where the calls go, for the log. */
  public String target() {
    return target.describe();
  }

  /** GET, which is safe to repeat. */
  public Future<ServiceResponse> get(String path) {
    return send(HttpMethod.GET, path, null, Repeat.SAFE);
  }

  /** POST, sent once at most. */
  public Future<ServiceResponse> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body, Repeat.NEVER);
  }

  /** POST, retried when {@code repeat} is {@link Repeat#SAFE}; {@code body} may be null. */
  public Future<ServiceResponse> post(String path, JsonObject body, Repeat repeat) {
    return send(HttpMethod.POST, path, body, repeat);
  }

  /** PUT, sent once at most. */
  public Future<ServiceResponse> put(String path, JsonObject body) {
    return send(HttpMethod.PUT, path, body, Repeat.NEVER);
  }

  /** PUT, retried when {@code repeat} is {@link Repeat#SAFE}. */
  public Future<ServiceResponse> put(String path, JsonObject body, Repeat repeat) {
    return send(HttpMethod.PUT, path, body, repeat);
  }

  private Future<ServiceResponse> send(HttpMethod method, String path, JsonObject body, Repeat repeat) {
    if (repeat != Repeat.SAFE) {
      return attempt(method, path, body, deadline);
    }
    return retrier.run(deadline, timeLeft -> attempt(method, path, body, timeLeft), this::worthRetrying);
  }

  private boolean worthRetrying(Throwable failure) {
    return failure instanceof DownstreamException downstream
        && downstream.kind() != DownstreamException.Kind.CIRCUIT_OPEN
        && (breaker == null || breaker.isClosed());
  }

  private Future<ServiceResponse> attempt(HttpMethod method, String path, JsonObject body, Duration timeLeft) {
    long attemptTimeoutMs = Math.max(1, Math.min(timeoutMs, timeLeft.toMillis()));
    if (breaker == null) {
      return exchange(method, path, body, attemptTimeoutMs);
    }
    return breaker.execute(() -> exchange(method, path, body, attemptTimeoutMs))
        .recover(failure -> Future.failedFuture(failure instanceof CircuitOpenException open ? refused(method, path, open) : failure));
  }

  private DownstreamException refused(HttpMethod method, String path, CircuitOpenException open) {
    return DownstreamException.circuitOpen(service,
        method + " " + path + " not sent: the circuit breaker is open; retry after " + open.retryAfter().toMillis() + " ms",
        open.retryAfter());
  }

  private Future<ServiceResponse> exchange(HttpMethod method, String path, JsonObject body, long attemptTimeoutMs) {
    Optional<String> baseUrl = target.next();
    if (baseUrl.isEmpty()) {
      return Future.failedFuture(new DownstreamException(service, DownstreamException.Kind.CONNECTION, 0,
          method + " " + path + " not sent: no instance of " + service + " is known in the cluster", null));
    }
    HttpRequest<Buffer> request = client.requestAbs(method, baseUrl.get() + path).timeout(attemptTimeoutMs);
    authorization.get().ifPresent(value -> request.putHeader("Authorization", value));
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.transform(ar -> ar.succeeded()
        ? toResponse(method, path, ar.result())
        : Future.failedFuture(toFailure(method, path, attemptTimeoutMs, ar.cause())));
  }

  private Future<ServiceResponse> toResponse(HttpMethod method, String path, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 500) {
      return Future.failedFuture(new DownstreamException(service, DownstreamException.Kind.SERVER_ERROR, status,
          method + " " + path + " answered " + status, null));
    }
    Buffer raw = response.body();
    if (raw == null || raw.length() == 0) {
      return Future.succeededFuture(new ServiceResponse(status, new JsonObject()));
    }
    try {
      return Future.succeededFuture(new ServiceResponse(status, raw.toJsonObject()));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new DownstreamException(service, DownstreamException.Kind.INVALID_RESPONSE, status,
          method + " " + path + " answered " + status + " with a body that is not a JSON object", e));
    }
  }

  private DownstreamException toFailure(HttpMethod method, String path, long attemptTimeoutMs, Throwable cause) {
    if (cause instanceof TimeoutException) {
      return new DownstreamException(service, DownstreamException.Kind.TIMEOUT, 0,
          method + " " + path + " got no answer within " + attemptTimeoutMs + " ms", cause);
    }
    String reason = cause instanceof ConnectException ? "could not connect" : "failed";
    return new DownstreamException(service, DownstreamException.Kind.CONNECTION, 0,
        method + " " + path + " " + reason + ": " + cause.getMessage(), cause);
  }

  public void close() {
    client.close();
  }
}
