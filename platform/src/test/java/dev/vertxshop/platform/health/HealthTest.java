package dev.vertxshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthTest {

  private Vertx vertx;
  private WebClient client;
  private int port;
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    Health.create(vertx)
        .readiness("database", () -> databaseUp.get() ? Future.succeededFuture() : Future.failedFuture("connection refused"))
        .mount(router);
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

  @Test
  void readinessFollowsItsChecksWhileLivenessDoesNot() throws Exception {
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    databaseUp.set(false);
    HttpResponse<Buffer> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(503);
    JsonObject check = ready.bodyAsJsonObject().getJsonArray("checks").getJsonObject(0);
    assertThat(check.getString("id")).isEqualTo("database");
    assertThat(check.getString("status")).isEqualTo("DOWN");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutChecksReadyIsUp() throws Exception {
    Router router = Router.router(vertx);
    Health.create(vertx).mount(router);
    int other = await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    HttpResponse<Buffer> ready = await(client.get(other, "127.0.0.1", "/health/ready").send());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }
}
