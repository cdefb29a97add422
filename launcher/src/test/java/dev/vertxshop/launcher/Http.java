package dev.vertxshop.launcher;

import dev.vertxshop.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking HTTP calls for tests that drive the running shop from the test thread. */
public final class Http {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // HTTP/1.1 like curl: the JDK client otherwise upgrades to h2c (the services allow it) and then
  // fails with "too many concurrent streams" beyond the server's 100 streams per connection.
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();

  private Http() {}

  /** GET with an operator's token of {@link TestTokens#DEFAULT} (operators may read every order). */
  public static HttpResponse<String> get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET(), TestTokens.admin());
  }

  /**
   * POST with the token its client would send: placing an order, a token of the customer the body
   * names (test-customer when none); otherwise the service token (reservations, charges).
   */
  public static HttpResponse<String> post(URI uri, String json) {
    String token = uri.getPath().equals("/api/orders") ? TestTokens.customer(customerOf(json)) : TestTokens.DEFAULT.serviceToken();
    return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"),
        token);
  }

  /** PUT with an operator's token (stock changes). */
  public static HttpResponse<String> put(URI uri, String json) {
    return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"),
        TestTokens.admin());
  }

  /** Any request with {@code token} as its bearer token (none when null). */
  public static HttpResponse<String> send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return send(request);
  }

  private static String customerOf(String json) {
    try {
      Object customer = new JsonObject(json).getValue("customerId");
      return customer instanceof String id && !id.isBlank() && id.length() <= 64 ? id : "test-customer";
    } catch (RuntimeException notAnObject) {
      return "test-customer";
    }
  }

  /** Whether something accepts TCP connections on {@code port} of 127.0.0.1. */
  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
