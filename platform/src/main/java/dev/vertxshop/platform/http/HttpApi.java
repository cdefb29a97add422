package dev.vertxshop.platform.http;

import dev.vertxshop.platform.config.YamlDocuments;
import dev.vertxshop.platform.discovery.DiscoveryEndpoint;
import dev.vertxshop.platform.events.EventConsumer;
import dev.vertxshop.platform.events.EventsEndpoint;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.platform.resilience.BreakersEndpoint;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
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
import java.util.List;

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

  /** Handles the operation with {@code operationId}; its request has been validated already. */
  public HttpApi handle(String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException(service + ": the OpenAPI document has no operation " + operationId);
    }
    String spanName = route.getOperation().getHttpMethod() + " " + route.getOperation().getOpenAPIPath();
    route.addHandler(ctx -> {
      Tracing.nameServerSpan(service, spanName);
      ctx.next();
    });
    route.addHandler(handler);
    return this;
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
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.errorHandler(500, problems);
    return router;
  }

  /** Starts an HTTP server for {@code router} on {@code port}. */
  public Future<HttpServer> listen(Router router, int port) {
    return vertx.createHttpServer(new HttpServerOptions()
            .setPort(port)
            .setHost("0.0.0.0")
            .setCompressionSupported(false)
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(16384))
        .requestHandler(router)
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
