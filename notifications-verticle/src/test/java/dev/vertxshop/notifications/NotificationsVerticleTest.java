package dev.vertxshop.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.http.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class NotificationsVerticleTest {

  private NotificationsVerticle verticle;
  private WebClient client;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext testContext) {
    // Port 0: the verticle binds a free port and reports it through httpPort().
    NotificationsConfig config = NotificationsConfig.from(ConfigLoader.load(Map.of("NOTIFICATIONS_HTTP_PORT", "0")));
    verticle = new NotificationsVerticle(config);
    client = WebClient.create(vertx);
    vertx.deployVerticle(verticle).onComplete(testContext.succeedingThenComplete());
  }

  @Test
  void answersLivenessWithUp(VertxTestContext testContext) {
    get("/health/live").onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      testContext.completeNow();
    })));
  }

  @Test
  void isReadyAsSoonAsItListens(VertxTestContext testContext) {
    get("/health/ready").onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      testContext.completeNow();
    })));
  }

  @Test
  void answersAnUnknownPathWithNotFoundProblem(VertxTestContext testContext) {
    get("/api/notifications").onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.getHeader("Content-Type")).startsWith(Problem.MEDIA_TYPE);
      assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
      assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(404);
      testContext.completeNow();
    })));
  }

  @Test
  void servesItsOpenApiDocument(VertxTestContext testContext) {
    get("/openapi.yaml").onComplete(testContext.succeeding(response -> testContext.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsString()).contains("title: notifications").contains("Kafka");
      testContext.completeNow();
    })));
  }

  @Test
  void rejectsAnInvalidPortNamingTheKey() {
    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(Map.of("NOTIFICATIONS_HTTP_PORT", "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.http.port")
        .hasMessageContaining("NOTIFICATIONS_HTTP_PORT");
  }

  @Test
  void readsItsDefaultPort() {
    assertThat(NotificationsConfig.from(ConfigLoader.load(Map.of())).httpPort()).isEqualTo(8085);
  }

  private Future<HttpResponse<Buffer>> get(String path) {
    return client.get(verticle.httpPort(), "127.0.0.1", path).send();
  }
}
