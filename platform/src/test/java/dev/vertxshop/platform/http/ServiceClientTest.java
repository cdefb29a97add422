package dev.vertxshop.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ServiceClientTest {

  private static Vertx vertx;
  private static ServiceClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int port = vertx.createHttpServer()
        .requestHandler(req -> {
          switch (req.path()) {
            case "/ok" -> req.response().putHeader("content-type", "application/json").end("{\"a\":1}");
            case "/conflict" -> req.response().setStatusCode(409).putHeader("content-type", Problem.MEDIA_TYPE)
                .end(Problem.of("insufficient-stock", "Insufficient stock", 409, "none left").with("productId", "p1").toJson().encode());
            case "/broken" -> req.response().setStatusCode(503).end();
            case "/html" -> req.response().end("<html>");
            case "/slow" -> { } // never answers
            default -> req.response().setStatusCode(404).end();
          }
        })
        .listen(0)
        .map(server -> server.actualPort())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client = ServiceClient.create(vertx, "test", URI.create("http://127.0.0.1:" + port), Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DownstreamException failure(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(DownstreamException.class);
      return (DownstreamException) e.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void successesCarryTheirJsonBody() throws Exception {
    ServiceResponse response = await(client.get("/ok"));
    assertThat(response.isSuccess()).isTrue();
    assertThat(response.body()).isEqualTo(new JsonObject().put("a", 1));
    assertThat(response.problem()).isNull();
  }

  @Test
  void clientErrorsAreAnswersWithTheirProblem() throws Exception {
    ServiceResponse response = await(client.post("/conflict", new JsonObject()));
    assertThat(response.isSuccess()).isFalse();
    assertThat(response.problem().slug()).isEqualTo("insufficient-stock");
    assertThat(response.problem().extensions().getString("productId")).isEqualTo("p1");
  }

  @Test
  void serverErrorsFail() throws Exception {
    DownstreamException e = failure(client.get("/broken"));
    assertThat(e.kind()).isEqualTo(DownstreamException.Kind.SERVER_ERROR);
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void bodiesThatAreNotJsonFail() throws Exception {
    assertThat(failure(client.get("/html")).kind()).isEqualTo(DownstreamException.Kind.INVALID_RESPONSE);
  }

  @Test
  void silenceBeyondTheTimeoutFails() throws Exception {
    DownstreamException e = failure(client.get("/slow"));
    assertThat(e.kind()).isEqualTo(DownstreamException.Kind.TIMEOUT);
    assertThat(e.getMessage()).contains("within 300 ms");
  }

  @Test
  void aClosedPortFailsAsAConnectionProblem() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ServiceClient nowhere = ServiceClient.create(vertx, "nowhere", URI.create("http://127.0.0.1:" + closed), Duration.ofMillis(300));
    DownstreamException e = failure(nowhere.get("/ok"));
    assertThat(e.kind()).isEqualTo(DownstreamException.Kind.CONNECTION);
    assertThat(e.service()).isEqualTo("nowhere");
  }
}
