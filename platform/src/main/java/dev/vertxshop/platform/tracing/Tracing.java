package dev.vertxshop.platform.tracing;

import dev.vertxshop.platform.config.Settings;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Promise;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.VertxContextStorageProvider.VertxContextStorage;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The services' traces: how a Vert.x instance records and propagates them, and the spans the
 * services start themselves where Vert.x does not (publishing from the outbox, consuming events, a
 * saga resumed by recovery).
 *
 * <p>Tracing is off unless {@code OTEL_TRACES_EXPORTER} (or the system property {@code
 * otel.traces.exporter}) names an exporter other than {@code none}: {@code otlp} (with {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT}, ...), {@code logging} (spans written to the log), or any exporter
 * an SPI on the classpath provides. The OpenTelemetry SDK is then configured by its
 * autoconfiguration from the standard {@code OTEL_*} variables ({@code OTEL_SERVICE_NAME}, {@code
 * OTEL_TRACES_SAMPLER}, ...), with metrics and logs exporters off unless named. Context travels as
 * W3C {@code traceparent}/{@code tracestate}. Off, Vert.x has no tracer and the helpers here only
 * keep the context for logs ({@link #ORDER_ID}).
 *
 * <p>Vert.x keeps the current OpenTelemetry context in its own (duplicated) context, so a span made
 * current there is the parent of every HTTP, gRPC, SQL and Redis call made from it, callbacks
 * included.
 */
public final class Tracing {

  /** The order a piece of work is about, kept in the OpenTelemetry context for the logs. */
  public static final ContextKey<String> ORDER_ID = ContextKey.named("vertx-shop.order-id");
  /** The span attribute naming the service that made the span (all services may share one JVM). */
  public static final AttributeKey<String> SERVICE = AttributeKey.stringKey("vertx-shop.service");

  private static final String INSTRUMENTATION = "dev.vertxshop";
  private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> ORDER_ID_ATTRIBUTE = AttributeKey.stringKey("vertx-shop.order.id");

  /** The SDK this process installed, or null while tracing is off (one SDK per process, as OpenTelemetry's own global). */
  private static volatile OpenTelemetry installed;

  private Tracing() {}

  /**
   * Sets up {@code options} so that the Vert.x instance they create traces what it does, when an
   * exporter is configured (see the class comment); otherwise leaves them as they are.
   */
  public static VertxOptions configure(VertxOptions options, Settings settings) {
    String exporter = setting("otel.traces.exporter");
    if (exporter == null || exporter.isBlank() || exporter.trim().toLowerCase(Locale.ROOT).equals("none")) {
      return options;
    }
    install();
    // Vert.x's OpenTelemetry tracer takes the SDK that install() registered as the global one.
    return options.setTracingOptions(new OpenTelemetryOptions());
  }

  /** Whether this process records traces. */
  public static boolean enabled() {
    return installed != null;
  }

  private static synchronized void install() {
    if (installed != null) {
      return;
    }
    installed = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of(
            "otel.metrics.exporter", "none",
            "otel.logs.exporter", "none",
            "otel.propagators", "tracecontext",
            "otel.service.name", "vertx-shop"))
        .setResultAsGlobal()
        .build()
        .getOpenTelemetrySdk();
  }

  private static String setting(String property) {
    String value = System.getProperty(property);
    return value != null ? value : System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
  }

  private static Tracer tracer() {
    OpenTelemetry sdk = installed;
    return (sdk == null ? OpenTelemetry.noop() : GlobalOpenTelemetry.get()).getTracer(INSTRUMENTATION);
  }

  /**
   * The W3C {@code traceparent} of the current span, or null when there is none (tracing off, or no
   * span in the current Vert.x context).
   */
  public static String traceparent() {
    return traceparent(Span.current().getSpanContext());
  }

  private static String traceparent(SpanContext span) {
    if (!span.isValid()) {
      return null;
    }
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  /**
   * Publishes a message as a PRODUCER span named {@code "<service> publish <destination>"}, child of
   * the context in {@code parentTraceparent} (the change that caused the message, e.g. stored with
   * an outbox row), or of a new trace without one. {@code send} gets the {@code traceparent} header
   * the message should carry: the publish's span, or with tracing off the parent passed on as it is
   * (null without one).
   */
  public static <T> Future<T> publishing(String service, String destination, String messageId, String parentTraceparent,
      Function<String, Future<T>> send) {
    Context parent = extract(parentTraceparent == null ? Map.of() : Map.of("traceparent", parentTraceparent));
    Span span = tracer().spanBuilder(service + " publish " + destination)
        .setParent(parent)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute(SERVICE, service)
        .setAttribute(MESSAGING_SYSTEM, "kafka")
        .setAttribute(DESTINATION, destination)
        .setAttribute(OPERATION, "publish")
        .setAttribute(MESSAGE_ID, messageId)
        .startSpan();
    Context context = parent.with(span);
    return within(context, () -> send.apply(traceparent(span.getSpanContext()))).andThen(done -> end(span, done.cause()));
  }

  /**
   * Runs the handling of one consumed message as a CONSUMER span named {@code "<service> process
   * <destination>"}, child of the trace context in the message's {@code headers} ({@code
   * traceparent}, {@code tracestate}), on a Vert.x context of its own so that what the handling
   * calls joins that span. {@code orderId} (may be null) is kept for the logs.
   */
  public static <T> Future<T> consuming(String service, String destination, String messageId, String orderId,
      Map<String, String> headers, Supplier<Future<T>> handling) {
    Context parent = extract(headers);
    Span span = tracer().spanBuilder(service + " process " + destination)
        .setParent(parent)
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(SERVICE, service)
        .setAttribute(MESSAGING_SYSTEM, "kafka")
        .setAttribute(DESTINATION, destination)
        .setAttribute(OPERATION, "process")
        .setAttribute(MESSAGE_ID, messageId)
        .startSpan();
    Context context = withOrder(parent.with(span), span, orderId);
    return within(context, handling).andThen(done -> end(span, done.cause()));
  }

  /**
   * Runs {@code work} about {@code orderId} on a Vert.x context of its own that keeps the current
   * trace context (and the order id, for the logs) for as long as the work runs, so that it stays in
   * the caller's trace after the caller's own span ended (a saga that outlives its request).
   */
  public static <T> Future<T> continuing(String orderId, Supplier<Future<T>> work) {
    Context current = Context.current();
    return within(withOrder(current, Span.fromContext(current), orderId), work);
  }

  /**
   * Runs {@code work} as the root span of a new trace named {@code "<service> <name>"}, on a Vert.x
   * context of its own: work that no request asked for (a saga resumed by recovery).
   */
  public static <T> Future<T> newTrace(String service, String name, String orderId, Supplier<Future<T>> work) {
    Span span = tracer().spanBuilder(service + " " + name)
        .setNoParent()
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(SERVICE, service)
        .startSpan();
    Context context = withOrder(Context.root().with(span), span, orderId);
    return within(context, work).andThen(done -> end(span, done.cause()));
  }

  /**
   * Names the current server span {@code "<service> <operation>"}, e.g. {@code "orders POST
   * /api/orders"}: the span Vert.x opens for a request is named by its method alone.
   */
  public static void nameServerSpan(String service, String operation) {
    Span span = Span.current();
    if (span.getSpanContext().isValid()) {
      span.updateName(service + " " + operation);
      span.setAttribute(SERVICE, service);
    }
  }

  /**
   * {@code grpc} with its calls' server spans named {@code "<service> <Method>"}, e.g. {@code "fraud
   * CheckTransaction"} (Vert.x names them by the HTTP method, POST).
   */
  public static Handler<HttpServerRequest> namingGrpcSpans(String service, Handler<HttpServerRequest> grpc) {
    return request -> {
      String path = request.path();
      nameServerSpan(service, path == null ? "grpc" : path.substring(path.lastIndexOf('/') + 1));
      grpc.handle(request);
    };
  }

  /** The order id the current work is about, or null. */
  public static String currentOrderId() {
    return Context.current().get(ORDER_ID);
  }

  private static Context withOrder(Context context, Span span, String orderId) {
    if (orderId == null) {
      return context;
    }
    if (span.getSpanContext().isValid() && span.isRecording()) {
      span.setAttribute(ORDER_ID_ATTRIBUTE, orderId);
    }
    return context.with(ORDER_ID, orderId);
  }

  private static Context extract(Map<String, String> headers) {
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, MapGetter.INSTANCE);
  }

  private static void end(Span span, Throwable failure) {
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }
    span.end();
  }

  /**
   * Runs {@code work} on a duplicate of the current Vert.x context with {@code context} as its
   * OpenTelemetry context, and completes on the caller's context. Outside Vert.x it just runs.
   */
  private static <T> Future<T> within(Context context, Supplier<Future<T>> work) {
    ContextInternal caller = ContextInternal.current();
    if (caller == null) {
      return call(work);
    }
    ContextInternal own = caller.duplicate();
    VertxContextStorage.INSTANCE.attach(own, context);
    Promise<T> result = caller.promise();
    own.emit(ignored -> call(work).onComplete(result));
    return result.future();
  }

  private static <T> Future<T> call(Supplier<Future<T>> work) {
    try {
      Future<T> future = work.get();
      return future == null ? Future.failedFuture(new IllegalStateException("the work answered no future")) : future;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }
}
