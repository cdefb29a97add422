package dev.vertxshop.orders.adapter.out.http;

import dev.vertxshop.platform.http.ServiceClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An HTTP server standing in for another service: it answers every request with the answer the test
 * set (or not at all) and keeps the requests it got.
 */
final class StubService implements AutoCloseable {

  record Request(String method, String uri, String contentType, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private record Answer(int status, String contentType, String body) {}

  static final Duration CLIENT_TIMEOUT = Duration.ofMillis(400);

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private Answer answer = new Answer(500, "text/plain", "no answer set");

  StubService() {
    server = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Answer current;
      synchronized (this) {
        requests.add(new Request(request.method().name(), request.uri(), request.getHeader("content-type"), body.toString()));
        current = answer;
      }
      if (current != null) {
        request.response().setStatusCode(current.status()).putHeader("content-type", current.contentType()).end(current.body());
      }
    })).listen(0, "127.0.0.1"));
  }

  /** A client of this stub with a short timeout. */
  ServiceClient client(String service) {
    return ServiceClient.create(vertx, service, URI.create("http://127.0.0.1:" + server.actualPort()), CLIENT_TIMEOUT);
  }

  synchronized StubService answers(int status, JsonObject body) {
    answer = new Answer(status, status >= 400 ? "application/problem+json" : "application/json", body.encode());
    return this;
  }

  synchronized StubService answersText(int status, String body) {
    answer = new Answer(status, "text/html", body);
    return this;
  }

  /** Requests are taken and never answered, so the client times out. */
  synchronized StubService neverAnswers() {
    answer = null;
    return this;
  }

  synchronized Request onlyRequest() {
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, got " + requests);
    }
    return requests.get(0);
  }

  static JsonObject problem(String slug, int status) {
    return new JsonObject().put("type", "urn:vertx-shop:problem:" + slug).put("title", slug).put("status", status);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
