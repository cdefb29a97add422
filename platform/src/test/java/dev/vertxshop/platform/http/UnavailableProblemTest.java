package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.health.Health;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A handler that fails with a downstream failure gets a 503 problem, with Retry-After when known. */
class UnavailableProblemTest {

  private final Vertx vertx = Vertx.vertx();
  private final AtomicReference<Throwable> failWith = new AtomicReference<>();
  private WebClient client;

  @BeforeEach
  void start() throws Exception {
    int port = await(HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 1024)
        .compose(api -> {
          api.handle("getWidget", ctx -> ctx.fail(failWith.get()));
          return api.listen(api.router(Health.create(vertx)), 0);
        }))
        .actualPort();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> failingWith(Throwable failure) throws Exception {
    failWith.set(failure);
    HttpResponse<Buffer> response = await(client.get("/api/widgets/7b0e5c2e-3d1a-4c1b-9a59-0a4f4b6c8d11").send());
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    return response;
  }

  @Test
  void anOpenCircuitIsAnsweredWithRetryAfterInWholeSecondsRoundedUp() throws Exception {
    HttpResponse<Buffer> response = failingWith(
        DownstreamException.circuitOpen("inventory", "GET /api/products not sent", Duration.ofMillis(12_300)));

    assertThat(response.getHeader("retry-after")).isEqualTo("13");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("urn:vertx-shop:problem:service-unavailable");
    assertThat(problem.getInteger("status")).isEqualTo(503);
    assertThat(problem.getString("service")).isEqualTo("inventory");
    assertThat(problem.getString("detail")).doesNotContain("/api/products");
  }

  @Test
  void otherDownstreamFailuresAreUnavailableWithoutRetryAfter() throws Exception {
    HttpResponse<Buffer> response = failingWith(
        new DownstreamException("payments", DownstreamException.Kind.TIMEOUT, 0, "POST /api/charges got no answer", null));

    assertThat(response.getHeader("retry-after")).isNull();
    assertThat(response.bodyAsJsonObject().getString("service")).isEqualTo("payments");
  }

  @Test
  void theProblemFactoryCarriesRetryAfter() throws Exception {
    HttpResponse<Buffer> response = failingWith(ProblemException.serviceUnavailable("the catalogue is down", Duration.ofSeconds(30)));

    assertThat(response.getHeader("retry-after")).isEqualTo("30");
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("the catalogue is down");
  }

  @Test
  void retryAfterIsNeverBelowOneSecond() {
    assertThat(ProblemException.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
    assertThat(ProblemException.retryAfterSeconds(Duration.ofMillis(1_000))).isEqualTo("1");
    assertThat(ProblemException.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo("2");
  }
}
