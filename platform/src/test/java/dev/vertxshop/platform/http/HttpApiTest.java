package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.health.Health;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HttpApiTest {

  private static Vertx vertx;
  private static WebClient client;
  private static int port;
  private static final AtomicInteger created = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    port = HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 256)
        .compose(api -> {
          api.handle("createWidget", ctx -> {
            created.incrementAndGet();
            HttpApi.created(ctx, "/api/widgets/1", HttpApi.body(ctx));
          });
          api.handle("getWidget", ctx -> ctx.fail(ProblemException.notFound("no widget " + ctx.pathParam("id"))));
          Health health = Health.create(vertx).readiness("always", Future::succeededFuture).started();
          return api.listen(api.router(health), 0);
        })
        .map(server -> server.actualPort())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultPort(port).setDefaultHost("127.0.0.1"));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body) throws Exception {
    var request = client.request(method, path);
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(body.getInteger("status")).isEqualTo(status);
    assertThat(body.getString("title")).isNotBlank();
    return body;
  }

  @Test
  void validRequestReachesTheHandler() throws Exception {
    int before = created.get();
    HttpResponse<Buffer> response = send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":\"a\",\"count\":2}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("location")).isEqualTo("/api/widgets/1");
    assertThat(response.bodyAsJsonObject().getInteger("count")).isEqualTo(2);
    assertThat(created.get()).isEqualTo(before + 1);
  }

  @Test
  void schemaViolationsAreValidationProblems() throws Exception {
    int before = created.get();
    problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":\"a\"}"), 400, "validation-failed");
    problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":\"a\",\"count\":\"two\"}"), 400, "validation-failed");
    JsonObject body = problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":\"a\",\"count\":0}"), 400, "validation-failed");
    assertThat(body.getString("detail")).isEqualTo("request body at /count: 0 is less than 1");
    assertThat(body.getString("pointer")).isEqualTo("/count");
    JsonObject missing = problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"count\":1}"), 400, "validation-failed");
    assertThat(missing.getString("detail")).contains("name");
    problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":\"a\",\"count\":1,\"x\":1}"), 400, "validation-failed");
    problem(send(HttpMethod.GET, "/api/widgets/not-a-uuid", null, null), 400, "validation-failed");
    assertThat(created.get()).isEqualTo(before);
  }

  @Test
  void headerParametersAreLeftToTheHandlers() throws Exception {
    var response = client.post("/api/widgets")
        .putHeader("X-Request-Tag", "{\"not json")
        .sendJsonObject(new JsonObject().put("name", "a").put("count", 1))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void malformedJsonIsItsOwnProblem() throws Exception {
    problem(send(HttpMethod.POST, "/api/widgets", "application/json", "{\"name\":"), 400, "malformed-json");
  }

  @Test
  void otherMediaTypesAreRefused() throws Exception {
    problem(send(HttpMethod.POST, "/api/widgets", "text/plain", "name=a"), 415, "unsupported-media-type");
  }

  @Test
  void bodiesOverTheLimitAreRefused() throws Exception {
    String big = "{\"name\":\"" + "x".repeat(1000) + "\",\"count\":1}";
    problem(send(HttpMethod.POST, "/api/widgets", "application/json", big), 413, "payload-too-large");
  }

  @Test
  void unknownPathsAndMethodsAreProblems() throws Exception {
    problem(send(HttpMethod.GET, "/nowhere", null, null), 404, "not-found");
    problem(send(HttpMethod.DELETE, "/api/widgets", null, null), 405, "method-not-allowed");
  }

  @Test
  void handlersFailWithTheirProblem() throws Exception {
    JsonObject body = problem(send(HttpMethod.GET, "/api/widgets/6f1c1a56-7f36-4a7c-9bb5-8d6f1c1a5600", null, null), 404, "not-found");
    assertThat(body.getString("detail")).contains("6f1c1a56");
  }

  @Test
  void healthAndDocumentAreServed() throws Exception {
    HttpResponse<Buffer> live = send(HttpMethod.GET, "/health/live", null, null);
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");
    HttpResponse<Buffer> ready = send(HttpMethod.GET, "/health/ready", null, null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains("always");
    HttpResponse<Buffer> doc = send(HttpMethod.GET, "/openapi.yaml", null, null);
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.bodyAsString()).contains("createWidget");
  }
}
