package dev.vertxshop.systemtests;

import dev.vertxshop.testing.TestTokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;

/**
 * The bearer tokens the tests' clients send to shops that trust {@link TestTokens#DEFAULT} (every
 * {@link ShopProcess} does): the token a real client of each endpoint would have.
 */
final class ShopTokens {

  private ShopTokens() {}

  /** {@code client}, adding to each request without an {@code Authorization} header the token of {@link #tokenFor}. */
  static WebClient authorize(WebClient client) {
    ((WebClientInternal) client).addInterceptor(ShopTokens::authorize);
    return client;
  }

  private static void authorize(HttpContext<?> context) {
    if (context.phase() == ClientPhase.PREPARE_REQUEST) {
      HttpRequest<?> request = context.request();
      if (!request.headers().contains("Authorization")) {
        request.putHeader("Authorization", TestTokens.bearer(tokenFor(request.method(), request.uri(), context.body())));
      }
    }
    context.next();
  }

  /**
   * Placing an order: a token of the customer the body names; reservations and charges: the
   * service token; anything else (stock changes, reading any order, operators' endpoints): an
   * operator's token.
   */
  static String tokenFor(HttpMethod method, String uri, Object body) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    if (method == HttpMethod.POST && path.equals("/api/orders")) {
      String customer = body instanceof JsonObject json ? json.getString("customerId", "system-test") : "system-test";
      return TestTokens.customer(customer);
    }
    if (path.startsWith("/api/reservations") || path.startsWith("/api/charges")) {
      return TestTokens.DEFAULT.serviceToken();
    }
    return TestTokens.admin();
  }
}
