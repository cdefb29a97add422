package dev.vertxshop.platform.http;

import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A per-client token-bucket rate limit for one operation (see {@link RateLimitSettings}): a request
 * over the limit is answered 429 {@code rate-limited} with {@code Retry-After}, and counted in
 * {@code http_rate_limited_total{operation}}. Mount it with {@link HttpApi#guard}.
 *
 * <p>The buckets are in this instance's memory: with several instances behind a load balancer a
 * client may get up to that many times the configured rate. Who the client is comes from a {@link
 * ClientKey}: by default the authenticated subject, else the remote address ({@code
 * X-Forwarded-For} only from trusted proxies).
 */
public final class RateLimit implements Handler<RoutingContext> {

  private final String operation;
  private final ClientKey key;
  private final Clock clock;
  private final TokenBuckets buckets;
  private final Counter limited;

  private RateLimit(String operation, RateLimitSettings settings, ClientKey key, Clock clock, ServiceMetrics metrics) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.buckets = new TokenBuckets(settings.requestsPerSecond(), settings.burst(), settings.maxClients());
    this.limited = metrics.counter("http.rate.limited", "Requests refused 429 by a rate limit", Tags.of("operation", operation));
  }

  /**
   * The limit of {@code settings} on {@code operation}, per authenticated subject or else per address;
   * a handler that only passes requests on when the settings turn the limit off.
   */
  public static Handler<RoutingContext> perClient(String operation, RateLimitSettings settings, Clock clock, ServiceMetrics metrics) {
    return withKey(operation, settings, ClientKey.subjectOr(ClientKey.address(settings.trustedProxies())), clock, metrics);
  }

  /** The limit of {@code settings} on {@code operation}, with clients told apart by {@code key}. */
  public static Handler<RoutingContext> withKey(String operation, RateLimitSettings settings, ClientKey key, Clock clock,
      ServiceMetrics metrics) {
    if (!settings.enabled()) {
      return RoutingContext::next;
    }
    return new RateLimit(operation, settings, key, clock, metrics);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Duration wait = buckets.take(key.of(ctx), clock.millis());
    if (wait.isZero()) {
      ctx.next();
      return;
    }
    limited.increment();
    ctx.fail(new ProblemException(Problem.of("rate-limited", "Too many requests", 429,
        "More " + operation + " requests than this service takes from one client; try again after Retry-After seconds"), wait));
  }
}
