package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.resilience.MutableClock;
import dev.vertxshop.testing.hostile.HostileRequest;
import dev.vertxshop.testing.hostile.RawHttp;
import dev.vertxshop.testing.hostile.RawHttp.RawResponse;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-client token-bucket limit of one operation, through the HTTP API and on its own. */
class RateLimitTest {

  private final MutableClock clock = new MutableClock();
  private Vertx vertx;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** The widgets API with createWidget limited to 2 per second, burst 3, per client as {@code key} tells them apart. */
  private RawHttp widgets(RateLimitSettings settings, ClientKey key) throws Exception {
    vertx = Vertx.vertx();
    int port = HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 1024)
        .compose(api -> {
          api.guard("createWidget", RateLimit.withKey("createWidget", settings, key, clock, ServiceMetrics.none()));
          api.handle("createWidget", ctx -> HttpApi.created(ctx, "/api/widgets/1", HttpApi.body(ctx)));
          api.handle("getWidget", ctx -> ctx.fail(ProblemException.notFound("no widget")));
          return api.listen(api.router(Health.create(vertx).started()), 0);
        })
        .await(10, TimeUnit.SECONDS)
        .actualPort();
    return new RawHttp("127.0.0.1", port);
  }

  private static RawResponse create(RawHttp http, String forwardedFor) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (forwardedFor != null) {
      headers.put("X-Forwarded-For", forwardedFor);
    }
    return http.send(HostileRequest.of("POST", "/api/widgets", headers, "{\"name\":\"a\",\"count\":1}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aClientOverItsBurstIsAnsweredTooManyRequestsWithRetryAfter() throws Exception {
    RawHttp http = widgets(new RateLimitSettings(2, 3, 100, Set.of()), ClientKey.address(Set.of()));

    for (int i = 0; i < 3; i++) {
      assertThat(create(http, null).status()).isEqualTo(201);
    }
    RawResponse limited = create(http, null);

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    assertThat(new JsonObject(limited.bodyText()).getString("type")).isEqualTo("urn:vertx-shop:problem:rate-limited");
    assertThat(limited.header("retry-after")).isEqualTo("1");
  }

  @Test
  void tokensComeBackAtTheConfiguredRate() throws Exception {
    RawHttp http = widgets(new RateLimitSettings(2, 3, 100, Set.of()), ClientKey.address(Set.of()));
    for (int i = 0; i < 3; i++) {
      create(http, null);
    }
    assertThat(create(http, null).status()).isEqualTo(429);

    clock.advance(Duration.ofMillis(500));

    assertThat(create(http, null).status()).isEqualTo(201);
    assertThat(create(http, null).status()).isEqualTo(429);
  }

  @Test
  void forwardedForIsIgnoredUnlessTheProxyIsTrusted() throws Exception {
    RawHttp http = widgets(new RateLimitSettings(1, 1, 100, Set.of()), ClientKey.address(Set.of()));

    assertThat(create(http, "203.0.113.1").status()).isEqualTo(201);
    assertThat(create(http, "203.0.113.2").status()).as("another X-Forwarded-For, same connection address").isEqualTo(429);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws Exception {
    RawHttp http = widgets(new RateLimitSettings(1, 1, 100, Set.of("127.0.0.1")), ClientKey.address(Set.of("127.0.0.1")));

    assertThat(create(http, "203.0.113.1").status()).isEqualTo(201);
    assertThat(create(http, "203.0.113.2").status()).isEqualTo(201);
    assertThat(create(http, "203.0.113.1").status()).isEqualTo(429);
    // A client cannot pick its key by writing its own X-Forwarded-For ahead of the proxy's entry.
    assertThat(create(http, "198.51.100.7, 203.0.113.1").status()).isEqualTo(429);
  }

  @Test
  void aLimitOfZeroTurnsTheLimitOff() throws Exception {
    RateLimitSettings off = RateLimitSettings.from(ConfigLoader.load(Map.of()), "orders.rate-limit");
    RawHttp http = widgets(off, ClientKey.address(Set.of()));

    assertThat(off.enabled()).isFalse();
    for (int i = 0; i < 50; i++) {
      assertThat(create(http, null).status()).isEqualTo(201);
    }
  }

  @Test
  void theSettingsAreReadFromTheConfiguration() {
    RateLimitSettings settings = RateLimitSettings.from(ConfigLoader.load(Map.of(
        "ORDERS_RATE_LIMIT_REQUESTS_PER_SECOND", "5", "ORDERS_RATE_LIMIT_BURST", "10", "ORDERS_RATE_LIMIT_MAX_CLIENTS", "1000",
        "ORDERS_RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.2")), "orders.rate-limit");

    assertThat(settings).isEqualTo(new RateLimitSettings(5, 10, 1000, Set.of("10.0.0.1", "10.0.0.2")));
  }

  @Test
  void bucketsStayWithinTheClientBoundAndIdleOnesAreForgotten() {
    TokenBuckets buckets = new TokenBuckets(10, 2, 3);
    for (int i = 0; i < 10; i++) {
      buckets.take("client-" + i, 0);
    }
    assertThat(buckets.clients()).isEqualTo(3);

    // 200 ms refill the two tokens of a bucket: idle that long, a client is the same as a new one.
    buckets.take("client-late", 1_000);

    assertThat(buckets.clients()).isLessThanOrEqualTo(2);
  }

  @Test
  void aBucketTellsHowLongUntilItsNextToken() {
    TokenBuckets buckets = new TokenBuckets(4, 1, 10);

    assertThat(buckets.take("a", 0)).isZero();
    assertThat(buckets.take("a", 100)).isEqualTo(Duration.ofMillis(150));
    assertThat(buckets.take("a", 250)).isZero();
  }
}
