package dev.vertxshop.launcher.dashboard;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page's admin actions, passed on to the services' own admin endpoints with the caller's
 * {@code Authorization} header: the dashboard grants nothing itself, the services check the admin
 * grant as for any other caller and their answer (status and body) is passed back as it is.
 *
 * <ul>
 *   <li>{@code GET /dashboard/admin/sagas/parked} → orders {@code GET /admin/sagas?state=PARKED}
 *   <li>{@code POST /dashboard/admin/sagas/{orderId}/retry} → orders {@code POST /admin/sagas/{orderId}/retry}
 *   <li>{@code POST /dashboard/admin/dead-letters/replay?service=S[&group=G]} → S's {@code POST /admin/dead-letters/replay}
 *       (with {@code group} when given)
 * </ul>
 */
final class AdminRelay {

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final long TIMEOUT_MS = 10_000;

  private final HttpClient client;
  private final Map<String, Integer> ports;

  AdminRelay(HttpClient client, Map<String, Integer> ports) {
    this.client = client;
    this.ports = ports;
  }

  void mount(Router router) {
    router.get("/dashboard/admin/sagas/parked").handler(ctx -> relay(ctx, "orders", HttpMethod.GET, "/admin/sagas?state=PARKED"));
    router.post("/dashboard/admin/sagas/:orderId/retry").handler(this::retrySaga);
    router.post("/dashboard/admin/dead-letters/replay").handler(this::replayDeadLetters);
  }

  private void retrySaga(RoutingContext ctx) {
    String orderId = ctx.pathParam("orderId");
    if (!ORDER_ID.matcher(orderId).matches()) {
      problem(ctx, 400, "Invalid order id", "An order id is letters, digits and dashes");
      return;
    }
    relay(ctx, "orders", HttpMethod.POST, "/admin/sagas/" + orderId + "/retry");
  }

  private void replayDeadLetters(RoutingContext ctx) {
    String service = ctx.queryParams().get("service");
    if (service == null || !ports.containsKey(service)) {
      problem(ctx, 400, "Unknown service", "service must name a running service: " + String.join(", ", ports.keySet()));
      return;
    }
    String group = ctx.queryParams().get("group");
    if (group != null && !GROUP.matcher(group).matches()) {
      problem(ctx, 400, "Invalid group", "A consumer group is letters, digits, dots, dashes and underscores");
      return;
    }
    relay(ctx, service, HttpMethod.POST, "/admin/dead-letters/replay" + (group == null ? "" : "?group=" + group));
  }

  private void relay(RoutingContext ctx, String service, HttpMethod method, String uri) {
    Integer port = ports.get(service);
    if (port == null) {
      problem(ctx, 404, "Service not running", "'" + service + "' does not run in this launcher");
      return;
    }
    RequestOptions request = new RequestOptions()
        .setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri).setTimeout(TIMEOUT_MS);
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      request.putHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
    client.request(request)
        .compose(sent -> sent.send())
        .compose(response -> response.body().map(body -> new Answer(response, body)))
        .onSuccess(answer -> answer.writeTo(ctx))
        .onFailure(failure -> problem(ctx, 502, "Service did not answer", service + ": " + failure.getMessage()));
  }

  private static void problem(RoutingContext ctx, int status, String title, String detail) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status).put("detail", detail).encode());
  }

  /** A service's answer, passed back with its status and content type. */
  private record Answer(int status, MultiMap headers, Buffer body) {

    Answer(HttpClientResponse response, Buffer body) {
      this(response.statusCode(), response.headers(), body);
    }

    void writeTo(RoutingContext ctx) {
      String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
      if (contentType != null) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType);
      }
      ctx.response().setStatusCode(status).end(body);
    }
  }
}
