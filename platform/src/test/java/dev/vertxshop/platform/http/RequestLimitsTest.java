package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.testing.hostile.RawHttp;
import dev.vertxshop.testing.hostile.RawHttp.RawResponse;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size limits of a service's HTTP server and the requests it cannot read: each is answered with
 * a problem of its own status, before any handler runs.
 */
class RequestLimitsTest {

  private static final ServerLimits LIMITS = new ServerLimits(512, 1024);

  private static Vertx vertx;
  private static RawHttp http;

  /** The widgets API, as a service verticle deployed with the limits in its configuration. */
  private static final class WidgetsVerticle extends VerticleBase {
    private HttpServer server;

    @Override
    public Future<?> start() {
      return HttpApi.load(vertx, "widgets", "openapi/widgets.yaml", 256)
          .compose(api -> {
            api.handle("createWidget", ctx -> HttpApi.created(ctx, "/api/widgets/1", HttpApi.body(ctx)));
            api.handle("getWidget", ctx -> ctx.fail(ProblemException.notFound("no widget")));
            return api.listen(api.router(Health.create(vertx).started()), 0);
          })
          .onSuccess(listening -> server = listening);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    WidgetsVerticle widgets = new WidgetsVerticle();
    vertx.deployVerticle(widgets, new DeploymentOptions().setConfig(LIMITS.toDeploymentConfig())).await(10, TimeUnit.SECONDS);
    http = new RawHttp("127.0.0.1", widgets.server.actualPort());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static RawResponse send(String request) {
    return http.send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static JsonObject problem(RawResponse response, int status, String slug) {
    assertThat(response.status()).as(response.raw()).isEqualTo(status);
    assertThat(response.header("content-type")).isEqualTo(Problem.MEDIA_TYPE);
    JsonObject body = new JsonObject(response.bodyText());
    assertThat(body.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(body.getInteger("status")).isEqualTo(status);
    return body;
  }

  @Test
  void aRequestLineOverTheLimitIsUriTooLong() {
    RawResponse response = send("GET /api/widgets/" + "a".repeat(600) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

    problem(response, 414, "uri-too-long");
    assertThat(response.header("connection")).isEqualTo("close");
  }

  @Test
  void aRequestLineWithinTheLimitIsRead() {
    problem(send("GET /api/widgets/" + "a".repeat(400) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        400, "validation-failed");
  }

  @Test
  void headersOverTheLimitAreTooLarge() {
    RawResponse response = send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "b".repeat(1100) + "\r\n\r\n");

    problem(response, 431, "headers-too-large");
  }

  @Test
  void aBodyOverTheLimitIsTooLarge() {
    String body = "{\"name\":\"" + "c".repeat(300) + "\",\"count\":1}";

    problem(send("POST /api/widgets HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\nConnection: close\r\n\r\n" + body), 413, "payload-too-large");
  }

  @Test
  void somethingThatIsNotHttpIsABadRequest() {
    problem(send("HELLO THERE\r\n\r\n"), 400, "bad-request");
  }

  @Test
  void aHostHeaderThatIsNoHostIsABadRequest() {
    JsonObject problem = problem(send("GET /health/live HTTP/1.1\r\nHost: ' OR '1'='1\r\nConnection: close\r\n\r\n"), 400, "bad-request");

    assertThat(problem.getString("detail")).contains("Host");
  }

  @Test
  void aHostHeaderThatVertxCannotParseIsABadRequest() {
    problem(send("GET /health/live HTTP/1.1\r\nHost: %2e%2e%2f%2e%2e%2f\r\nConnection: close\r\n\r\n"), 400, "bad-request");
  }

  @Test
  void aPathThatIsNotValidPercentEncodingIsABadRequest() {
    problem(send("GET /api/widgets/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad-request");
  }

  @Test
  void aQueryThatIsNotValidPercentEncodingIsABadRequest() {
    JsonObject problem = problem(send("GET /api/widgets/x?tag=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400,
        "bad-request");

    assertThat(problem.getString("detail")).contains("query");
  }

  @Test
  void theLimitsAreReadFromTheConfiguration() {
    ServerLimits limits = ServerLimits.from(ConfigLoader.load(Map.of("HTTP_MAX_INITIAL_LINE_BYTES", "2048", "HTTP_MAX_HEADER_BYTES", "4096")));

    assertThat(limits).isEqualTo(new ServerLimits(2048, 4096));
    assertThat(ServerLimits.from(ConfigLoader.load(Map.of()))).isEqualTo(ServerLimits.DEFAULTS);
    assertThat(ServerLimits.fromDeploymentConfig(limits.toDeploymentConfig())).isEqualTo(limits);
    assertThat(ServerLimits.fromDeploymentConfig(null)).isEqualTo(ServerLimits.DEFAULTS);
  }

  @Test
  void limitsOutsideTheirRangeAreRefusedAtStartUp() {
    assertThatThrownBy(() -> ServerLimits.from(ConfigLoader.load(Map.of("HTTP_MAX_HEADER_BYTES", "10"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.max-header-bytes"));
  }
}
