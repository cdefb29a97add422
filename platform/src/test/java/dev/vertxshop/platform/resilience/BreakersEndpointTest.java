package dev.vertxshop.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/circuit-breakers} as mounted by {@code HttpApi.router(health, breakers)}. */
class BreakersEndpointTest {

  private final Vertx vertx = Vertx.vertx();
  private final MutableClock clock = new MutableClock();
  private final CircuitBreakers breakers = CircuitBreakers.create(vertx, BreakerSettings.DEFAULTS, clock);
  private WebClient client;

  @BeforeEach
  void start() throws Exception {
    int port = await(HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 1024)
        .compose(api -> api.listen(api.router(Health.create(vertx), breakers), 0)))
        .actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() throws Exception {
    breakers.close();
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private JsonArray list() throws Exception {
    HttpResponse<Buffer> response = await(client.get(BreakersEndpoint.PATH).send());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).isEqualTo("application/json");
    return response.bodyAsJsonArray();
  }

  private void run(ServiceBreaker breaker, boolean fails, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      await(breaker.execute(() -> fails ? Future.failedFuture(new IllegalStateException("down")) : Future.succeededFuture())
          .otherwiseEmpty());
    }
  }

  @Test
  void listsEveryBreakerWithItsStateAndWindowCounts() throws Exception {
    ServiceBreaker inventory = breakers.forService("inventory");
    ServiceBreaker payments = breakers.forService("payments");
    run(inventory, false, 4);
    run(inventory, true, 6);
    run(payments, false, 3);
    run(payments, true, 1);
    clock.advance(Duration.ofSeconds(5));

    JsonArray list = list();

    assertThat(list).hasSize(2);
    assertThat(list.getJsonObject(0)).isEqualTo(new JsonObject()
        .put("name", "inventory")
        .put("state", "OPEN")
        .put("failureRate", 60.0)
        .put("calls", 10)
        .put("failures", 6)
        .put("openedAt", "2025-01-01T10:00:00Z")
        .put("retryAfterMs", 25_000));
    assertThat(list.getJsonObject(1)).isEqualTo(new JsonObject()
        .put("name", "payments")
        .put("state", "CLOSED")
        .put("failureRate", 25.0)
        .put("calls", 4)
        .put("failures", 1)
        .putNull("openedAt")
        .put("retryAfterMs", 0));
  }

  @Test
  void showsHalfOpenOnceTheOpenTimeHasPassed() throws Exception {
    run(breakers.forService("inventory"), true, 10);
    clock.advance(Duration.ofSeconds(30));

    JsonObject inventory = list().getJsonObject(0);

    assertThat(inventory.getString("state")).isEqualTo("HALF_OPEN");
    assertThat(inventory.getLong("retryAfterMs")).isZero();
    assertThat(inventory.getString("openedAt")).isEqualTo("2025-01-01T10:00:00Z");
  }

  @Test
  void anEmptyRegistryIsAnEmptyList() throws Exception {
    assertThat(list()).isEmpty();
  }
}
