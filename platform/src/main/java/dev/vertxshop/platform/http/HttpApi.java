package dev.vertxshop.platform.http;

import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.config.YamlDocuments;
import dev.vertxshop.platform.discovery.DiscoveryEndpoint;
import dev.vertxshop.platform.events.EventConsumer;
import dev.vertxshop.platform.events.EventsEndpoint;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.platform.resilience.BreakersEndpoint;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A service's HTTP API, built from its OpenAPI document: every operation's request is validated
 * against the document before its handler runs, every failure is answered by one {@link
 * ProblemHandler}, and the health endpoints, the document itself ({@code GET /openapi.yaml}) and,
 * when given, the circuit breakers ({@code GET /admin/circuit-breakers}) are served beside the
 * operations, and so are the metrics ({@code GET /metrics}) when the Vert.x instance records them.
 */
public final class HttpApi {

  private final Vertx vertx;
  private final String service;
  private final RouterBuilder builder;
  private final Buffer document;
  private final List<Restriction> restrictions = new ArrayList<>();
  private AuthGuard guard;

  private HttpApi(Vertx vertx, String service, RouterBuilder builder, Buffer document) {
    this.vertx = vertx;
    this.service = service;
    this.builder = builder;
    this.document = document;
  }

  /**
   * Loads the OpenAPI document at {@code contractResource} (a classpath resource such as {@code
   * openapi/inventory.yaml}); request bodies larger than {@code bodyLimitBytes} are answered 413.
   */
  public static Future<HttpApi> load(Vertx vertx, String service, String contractResource, long bodyLimitBytes) {
    return vertx.fileSystem().readFile(contractResource).compose(document -> OpenAPIContract.from(vertx,
            forValidation(YamlDocuments.parse(document.toString(), contractResource)))
        .map(contract -> {
          RequestExtractor extractor = RequestExtractor.withBodyHandler();
          RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
          builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
          InlineValidation validation = new InlineValidation(vertx, contract, extractor);
          for (OpenAPIRoute route : builder.getRoutes()) {
            route.setDoValidation(false).addHandler(validation.handler(route.getOperation()));
          }
          return new HttpApi(vertx, service, builder, document);
        }));
  }

  /**
   * The document as the validator takes it. Responses are not validated, and the validator refuses
   * media types it cannot validate, such as {@code application/problem+json}; it also reads header
   * values as JSON, which would refuse plain tokens such as an {@code Idempotency-Key} of {@code
   * "a"} or {@code {x}}. So response content and header parameters are left out of what it sees
   * (handlers check the headers they use), while the documents declare them all, for clients, and
   * are served unchanged.
   */
  static JsonObject forValidation(JsonObject document) {
    JsonObject copy = document.copy();
    JsonObject paths = copy.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      dropHeaderParameters(item);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation) {
          stripResponseContent(operation.getJsonObject("responses"));
          dropHeaderParameters(operation);
        }
      }
    }
    JsonObject components = copy.getJsonObject("components");
    if (components != null) {
      stripResponseContent(components.getJsonObject("responses"));
    }
    return copy;
  }

  private static void dropHeaderParameters(JsonObject holder) {
    if (holder.getValue("parameters") instanceof JsonArray parameters) {
      JsonArray kept = new JsonArray();
      for (Object parameter : parameters) {
        boolean header = parameter instanceof JsonObject p && "header".equals(p.getString("in"));
        if (!header) {
          kept.add(parameter);
        }
      }
      holder.put("parameters", kept);
    }
  }

  private static void stripResponseContent(JsonObject responses) {
    if (responses == null) {
      return;
    }
    for (String status : responses.fieldNames()) {
      if (responses.getValue(status) instanceof JsonObject response && response.containsKey("content")) {
        response.remove("content");
      }
    }
  }

  /**
   * Requires a bearer token as {@code guard} checks it: each operation as declared with {@link
   * #handle(String, Access, Handler)}, an operation handled without one and every path under {@code
   * /admin/} with the admin grant. The health endpoints, {@code /metrics} and {@code /openapi.yaml}
   * stay open. The token is checked before the request body is read or validated.
   */
  public HttpApi secure(AuthGuard guard) {
    this.guard = guard;
    return this;
  }

  /**
   * Handles the operation with {@code operationId}; its request has been validated already. Once
   * {@link #secure secured}, it needs the admin grant.
   */
  public HttpApi handle(String operationId, Handler<RoutingContext> handler) {
    return handle(operationId, Access.ADMIN, handler);
  }

  /** Handles the operation with {@code operationId}, which needs {@code access} once {@link #secure secured}. */
  public HttpApi handle(String operationId, Access access, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException(service + ": the OpenAPI document has no operation " + operationId);
    }
    String spanName = route.getOperation().getHttpMethod() + " " + route.getOperation().getOpenAPIPath();
    route.addHandler(ctx -> {
      Tracing.nameServerSpan(service, spanName);
      ctx.next();
    });
    // The same check again on the operation's own route, whatever path form reached it.
    route.addHandler(ctx -> {
      if (guard == null) {
        ctx.next();
      } else {
        guard.confirm(ctx, access);
      }
    });
    route.addHandler(handler);
    restrictions.add(Restriction.of(route.getOperation().getHttpMethod(), route.getOperation().getOpenAPIPath(), access));
    return this;
  }

  /** What one operation requires: its method, its OpenAPI path ({@code /api/orders/{orderId}}) and access. */
  private record Restriction(HttpMethod method, Pattern path, Access access) {

    static Restriction of(HttpMethod method, String openApiPath, Access access) {
      StringBuilder regex = new StringBuilder();
      for (String part : openApiPath.split("(?=\\{)|(?<=})")) {
        regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
      }
      // A route matches its path with or without a trailing slash.
      return new Restriction(method, Pattern.compile(regex + "/?"), access);
    }

    boolean matches(HttpMethod requestMethod, String requestPath) {
      return method.equals(requestMethod) && path.matcher(requestPath).matches();
    }
  }

  /**
   * One route, without a path of its own (so that metrics still name each request by its
   * operation's route), that runs before every other (before the body is read) and lets a request
   * through only with what its path requires.
   */
  private void mountGuard(Router router) {
    router.route().order(-1).handler(ctx -> guard.authorize(ctx, required(ctx.request().method(), ctx.normalizedPath())));
  }

  /** What a request needs: the admin grant under {@code /admin/}, its operation's access, nothing elsewhere (404 or 405 follow). */
  private Access required(HttpMethod method, String path) {
    if (path.startsWith("/admin/")) {
      return Access.ADMIN;
    }
    for (Restriction restriction : restrictions) {
      if (restriction.matches(method, path)) {
        return restriction.access();
      }
    }
    return Access.OPEN;
  }

  /**
   * The router: operations, {@code /openapi.yaml}, the health endpoints, {@code /metrics}, {@code
   * /admin/discovery} and the problem handler.
   */
  public Router router(Health health) {
    return router(health, null);
  }

  /**
   * The router of {@link #router(Health)}, plus {@code GET /admin/circuit-breakers} listing the
   * service's circuit breakers ({@link BreakersEndpoint}).
   */
  public Router router(Health health, CircuitBreakers breakers) {
    return router(health, breakers, List.of());
  }

  /**
   * The router of {@link #router(Health, CircuitBreakers)} (breakers may be null), plus {@code GET
   * /admin/events} and {@code POST /admin/dead-letters/replay} for the service's event consumers
   * ({@link EventsEndpoint}) when it has any.
   */
  public Router router(Health health, CircuitBreakers breakers, List<EventConsumer> consumers) {
    Router router = builder.createRouter();
    if (guard != null) {
      mountGuard(router);
    }
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml")
        .end(document));
    health.mount(router);
    Metrics.mount(router, vertx);
    DiscoveryEndpoint.mount(router, vertx);
    if (breakers != null) {
      BreakersEndpoint.mount(router, breakers);
    }
    if (!consumers.isEmpty()) {
      EventsEndpoint.mount(router, consumers);
    }
    ProblemHandler problems = new ProblemHandler(service);
    router.route().failureHandler(problems);
    // A path that cannot be decoded (such as %zz) fails before any route runs.
    router.errorHandler(400, problems::unreadable);
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.errorHandler(500, problems);
    return router;
  }

  /**
   * Runs {@code handler} on the operation {@code operationId} once its request was validated (and
   * authenticated, when the document asks for it); called before {@link #handle}, it runs before the
   * operation's handler. A guard passes the request on with {@code ctx.next()} or fails it, e.g. a
   * {@link RateLimit}.
   */
  public HttpApi guard(String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException(service + ": the OpenAPI document has no operation " + operationId);
    }
    route.addHandler(handler);
    return this;
  }

  /**
   * Starts an HTTP server for {@code router} on {@code port}, with the request line and header
   * limits the calling verticle was deployed with ({@link ServerLimits#fromDeploymentConfig}; the
   * defaults otherwise). A request the codec cannot read (over a limit, or not HTTP), or whose
   * {@code Host} or query string cannot be read, is answered with a problem by {@link
   * InvalidRequests} before the router sees it.
   */
  public Future<HttpServer> listen(Router router, int port) {
    Context context = Vertx.currentContext();
    ServerLimits limits = ServerLimits.fromDeploymentConfig(context == null ? null : context.config());
    return vertx.createHttpServer(new HttpServerOptions()
            .setPort(port)
            .setHost("0.0.0.0")
            .setCompressionSupported(false)
            .setMaxInitialLineLength(limits.maxInitialLineBytes())
            .setMaxHeaderSize(limits.maxHeaderBytes()))
        .invalidRequestHandler(new InvalidRequests())
        .requestHandler(InvalidRequests.readableOnly(router))
        .listen();
  }

  /** Answers {@code status} with a JSON body. */
  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }

  /** Answers 201 with a {@code Location} header and a JSON body. */
  public static void created(RoutingContext ctx, String location, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.LOCATION, location);
    json(ctx, 201, body);
  }

  /** The validated JSON request body. */
  public static JsonObject body(RoutingContext ctx) {
    return ctx.body().asJsonObject();
  }
}
