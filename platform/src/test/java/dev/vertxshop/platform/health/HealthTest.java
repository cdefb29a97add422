package dev.vertxshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthTest {

  private Vertx vertx;
  private WebClient client;
  private Health health;
  private int port;
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    health = Health.create(vertx)
        .readiness("database", () -> databaseUp.get() ? Future.succeededFuture() : Future.failedFuture("connection refused"));
    health.mount(router);
    port = await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return await(client.get(port, "127.0.0.1", path).send());
  }

  private static JsonObject check(HttpResponse<Buffer> ready, String id) {
    JsonArray checks = ready.bodyAsJsonObject().getJsonArray("checks");
    return checks.stream()
        .map(JsonObject.class::cast)
        .filter(check -> id.equals(check.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + checks));
  }

  @Test
  void readinessFollowsItsChecksWhileLivenessDoesNot() throws Exception {
    health.started();
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    databaseUp.set(false);
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(check(ready, "database").getString("status")).isEqualTo("DOWN");
    assertThat(ready.bodyAsJsonObject().getJsonArray("checks")).hasSize(1);
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void beforeStartUpIsDoneStartedAndReadyAnswer503() throws Exception {
    assertThat(get("/health/started").statusCode()).isEqualTo(503);
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(check(ready, Health.LIFECYCLE_CHECK).getJsonObject("data").getString("phase")).isEqualTo("starting");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);

    health.started();
    assertThat(get("/health/started").statusCode()).isEqualTo(200);
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void announcedStopTurnsReadinessDownAtOnceButNotLivenessOrStarted() throws Exception {
    health.started();
    Health.announceStopping(vertx);
    Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5))
        .until(() -> get("/health/ready").statusCode() == 503);
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(check(ready, Health.LIFECYCLE_CHECK).getJsonObject("data").getString("phase")).isEqualTo("stopping");
    assertThat(check(ready, "database").getString("status")).isEqualTo("UP");
    assertThat(health.accepting()).isFalse();
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/health/started").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutChecksReadyIsUpOnceStarted() throws Exception {
    Router router = Router.router(vertx);
    Health.create(vertx).started().mount(router);
    int other = await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    HttpResponse<Buffer> ready = await(client.get(other, "127.0.0.1", "/health/ready").send());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void readsShutdownSettingsBackFromADeploymentConfiguration() {
    ShutdownSettings settings = new ShutdownSettings(Duration.ofMillis(1500), Duration.ofMillis(7000));
    assertThat(ShutdownSettings.fromDeploymentConfig(settings.toDeploymentConfig())).isEqualTo(settings);
    assertThat(ShutdownSettings.fromDeploymentConfig(new JsonObject())).isEqualTo(ShutdownSettings.DEFAULTS);
  }
}
