package dev.vertxshop.platform.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Health#shutdown}: the readiness, the requests in flight and the new connections. */
class GracefulShutdownTest {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicReference<Promise<Void>> inFlight = new AtomicReference<>();
  private Vertx vertx;
  private Health health;
  private HttpServer server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // A pre-stop delay long enough for the test to ask for readiness before the server stops accepting.
    health = Health.create(vertx, new ShutdownSettings(Duration.ofSeconds(2), Duration.ofSeconds(30))).started();
    Router router = Router.router(vertx);
    health.mount(router);
    router.get("/slow").handler(ctx -> {
      Promise<Void> answer = Promise.promise();
      answer.future().onSuccess(released -> ctx.response().end("done"));
      inFlight.set(answer);
    });
    server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    port = server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private CompletableFuture<HttpResponse<String>> send(String path) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private boolean refusesConnections() {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return false;
    } catch (ConnectException refused) {
      return true;
    } catch (IOException other) {
      return false;
    }
  }

  @Test
  void requestInFlightWhenShutdownStartsCompletesWhileReadinessIsDownAndNewConnectionsAreRefused() throws Exception {
    CompletableFuture<HttpResponse<String>> slow = send("/slow");
    Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() != null);

    Future<Void> stopped = health.shutdown(server);
    assertThat(send("/health/ready").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);

    Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(this::refusesConnections);
    assertThat(stopped.isComplete()).as("the drain waits for the request in flight").isFalse();
    assertThat(health.accepting()).isFalse();
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);

    inFlight.get().complete();
    HttpResponse<String> answered = slow.get(5, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.body()).isEqualTo("done");
    await(stopped);
  }

  @Test
  void drainTimeoutClosesConnectionsWhoseRequestsDoNotFinish() throws Exception {
    Health quick = Health.create(vertx, new ShutdownSettings(Duration.ZERO, Duration.ofMillis(200))).started();
    CompletableFuture<HttpResponse<String>> slow = send("/slow");
    Awaitility.await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5)).until(() -> inFlight.get() != null);

    await(quick.shutdown(server));

    assertThat(slow).failsWithin(Duration.ofSeconds(5));
    assertThat(refusesConnections()).isTrue();
  }
}
