package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.vertxshop.launcher.logging.ShopLogEncoder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One order through the whole shop with tracing on (an in-memory exporter) and the log captured as
 * JSON lines: the order is one trace across every service, the outbox relay and the consumers,
 * and the log keeps no secrets and no card numbers.
 */
class TracingAndLogsEndToEndTest {

  private static final String CARD = "4242424242424242";
  private static final String PG_SECRET = "pg-secret-" + UUID.randomUUID();

  private static TestShop shop;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static OutputStreamAppender<ILoggingEvent> appender;

  @BeforeAll
  static void startShop() {
    System.setProperty("logging.format", "json");
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    ShopLogEncoder encoder = new ShopLogEncoder();
    encoder.setContext(logging);
    encoder.start();
    appender = new OutputStreamAppender<>();
    appender.setContext(logging);
    appender.setEncoder(encoder);
    appender.setOutputStream(LOG);
    appender.start();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);

    System.setProperty("otel.traces.exporter", "memory");
    System.setProperty("otel.bsp.schedule.delay", "50");
    try {
      // The test PostgreSQL trusts its clients: a password is configured, and must never be logged.
      shop = TestShop.start(Services.NAMES, Map.of("INVENTORY_DEMO_CATALOGUE", "false", "PG_PASSWORD", PG_SECRET));
    } finally {
      System.clearProperty("otel.traces.exporter");
      System.clearProperty("otel.bsp.schedule.delay");
      System.clearProperty("logging.format");
    }
  }

  @AfterAll
  static void stopShop() {
    try {
      if (shop != null) {
        shop.close();
      }
    } finally {
      LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
      logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }
  }

  @Test
  @DisplayName("one order is one trace: orders, inventory, payments, fraud, the outbox relay and the three consumers, each span a child of the one before")
  void oneOrderIsOneTrace() {
    String orderId = placeOrder();

    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<SpanData> trace = traceOf(orderId);
      assertThat(names(trace)).contains(
          "orders POST /api/orders",
          "inventory POST /api/reservations",
          "payments POST /api/charges",
          "fraud CheckTransaction",
          "orders publish orders",
          "inventory process orders",
          "notifications process orders",
          "analytics process orders");
    });
    List<SpanData> trace = traceOf(orderId);
    SpanData publish = named(trace, "orders publish orders");
    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
    for (String consumer : List.of("inventory", "notifications", "analytics")) {
      SpanData processing = named(trace, consumer + " process orders");
      assertThat(processing.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(processing.getParentSpanId()).as(consumer + "'s parent").isEqualTo(publish.getSpanId());
    }
    // The request's span is the trace's only root: every other span has its parent in the trace.
    SpanData request = named(trace, "orders POST /api/orders");
    List<String> ids = trace.stream().map(SpanData::getSpanId).toList();
    assertThat(trace).filteredOn(span -> !ids.contains(span.getParentSpanId())).extracting(SpanData::getName)
        .containsExactly("orders POST /api/orders");
    System.out.println(spanList(trace, request));
  }

  @Test
  @DisplayName("the log is JSON lines with service, trace and order ids, and holds no configured secret and no card number")
  void logsAreJsonWithoutSecretsOrCardNumbers() {
    String orderId = placeOrder();
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
        .until(() -> log().contains("Order " + orderId + " completed"));

    String log = log();
    assertThat(log).doesNotContain(PG_SECRET).doesNotContain(CARD).doesNotContain("4000000000000002");
    List<JsonObject> lines = log.lines().filter(line -> !line.isBlank()).map(JsonObject::new).toList();
    // Inventory's consumer logs the order's completion inside the order's trace.
    JsonObject committed = lines.stream().filter(line -> line.getString("message").startsWith("Order " + orderId + " completed"))
        .findFirst().orElseThrow();
    assertThat(committed.fieldNames()).contains("timestamp", "level", "service", "logger", "message", "trace_id", "span_id", "order_id");
    assertThat(committed.getString("service")).isEqualTo("inventory");
    assertThat(committed.getString("order_id")).isEqualTo(orderId);
    assertThat(committed.getString("trace_id")).isEqualTo(traceOf(orderId).get(0).getTraceId());
    System.out.println(committed.encode());
  }

  private static String placeOrder() {
    String product = "traced-" + UUID.randomUUID();
    assertThat(shop.put("inventory", "/api/products/" + product,
        new JsonObject().put("name", "Traced mug").put("priceCents", 1250).put("available", 10).encode()).statusCode()).isBetween(200, 201);
    JsonObject order = new JsonObject()
        .put("customerId", "tracy")
        .put("email", "tracy@example.com")
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", CARD));
    var placed = shop.post("orders", "/api/orders", order.encode());
    assertThat(placed.statusCode()).isEqualTo(201);
    JsonObject body = new JsonObject(placed.body());
    assertThat(body.getString("status")).isEqualTo("CONFIRMED");
    return body.getString("orderId");
  }

  /** The spans of the trace whose request span placed {@code orderId}. */
  private static List<SpanData> traceOf(String orderId) {
    List<SpanData> all = MemorySpanExporterProvider.SPANS.getFinishedSpanItems();
    String traceId = all.stream()
        .filter(span -> orderId.equals(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("vertx-shop.order.id"))))
        .map(SpanData::getTraceId).findFirst().orElse("none");
    return all.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).toList();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    return spans.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The trace as an indented tree, for the README. */
  private static String spanList(List<SpanData> trace, SpanData root) {
    StringBuilder out = new StringBuilder();
    appendTree(out, trace, root, 0);
    return out.toString();
  }

  private static void appendTree(StringBuilder out, List<SpanData> trace, SpanData span, int depth) {
    out.append("  ".repeat(depth)).append(span.getName()).append(" [").append(span.getKind()).append("]\n");
    trace.stream().filter(child -> Objects.equals(child.getParentSpanId(), span.getSpanId()))
        .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
        .forEach(child -> appendTree(out, trace, child, depth + 1));
  }

  private static String log() {
    synchronized (LOG) {
      return LOG.toString(StandardCharsets.UTF_8);
    }
  }
}
