package dev.vertxshop.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Calls one other service over HTTP with JSON. Answers below 500 resolve to a {@link
 * ServiceResponse}; no answer within the per-call timeout, a connection failure, a 5xx or a body that
 * is not JSON fail with a {@link DownstreamException}. Every call between services goes through this
 * class, so resilience policies apply in one place.
 */
public final class ServiceClient {

  private final String service;
  private final String baseUrl;
  private final long timeoutMs;
  private final WebClient client;

  private ServiceClient(String service, String baseUrl, long timeoutMs, WebClient client) {
    this.service = service;
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
    this.client = client;
  }

  public static ServiceClient create(Vertx vertx, String service, URI baseUrl, Duration timeout) {
    WebClientOptions options = new WebClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setUserAgent("vertx-shop");
    WebClient client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(64));
    return new ServiceClient(service, baseUrl.toString(), timeout.toMillis(), client);
  }

  public String service() {
    return service;
  }

  public Future<ServiceResponse> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  public Future<ServiceResponse> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body);
  }

  public Future<ServiceResponse> put(String path, JsonObject body) {
    return send(HttpMethod.PUT, path, body);
  }

  private Future<ServiceResponse> send(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = client.requestAbs(method, baseUrl + path).timeout(timeoutMs);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.transform(ar -> ar.succeeded()
        ? toResponse(method, path, ar.result())
        : Future.failedFuture(toFailure(method, path, ar.cause())));
  }

  private Future<ServiceResponse> toResponse(HttpMethod method, String path, HttpResponse<Buffer> response) {
    int status = response.statusCode();
    if (status >= 500) {
      return Future.failedFuture(new DownstreamException(service, DownstreamException.Kind.SERVER_ERROR, status,
          method + " " + path + " answered " + status, null));
    }
    Buffer raw = response.body();
    if (raw == null || raw.length() == 0) {
      return Future.succeededFuture(new ServiceResponse(status, new JsonObject()));
    }
    try {
      return Future.succeededFuture(new ServiceResponse(status, raw.toJsonObject()));
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new DownstreamException(service, DownstreamException.Kind.INVALID_RESPONSE, status,
          method + " " + path + " answered " + status + " with a body that is not a JSON object", e));
    }
  }

  private DownstreamException toFailure(HttpMethod method, String path, Throwable cause) {
    if (cause instanceof TimeoutException) {
      return new DownstreamException(service, DownstreamException.Kind.TIMEOUT, 0,
          method + " " + path + " got no answer within " + timeoutMs + " ms", cause);
    }
    String reason = cause instanceof ConnectException ? "could not connect" : "failed";
    return new DownstreamException(service, DownstreamException.Kind.CONNECTION, 0,
        method + " " + path + " " + reason + ": " + cause.getMessage(), cause);
  }

  public void close() {
    client.close();
  }
}
