package dev.vertxshop.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vertxshop.platform.tracing.Tracing;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.Set;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Adds {@code service}, and {@code trace_id}, {@code span_id} and {@code order_id} when the line is
 * logged inside a trace or the work on an order, to each JSON log line.
 *
 * <p>The trace comes from the OpenTelemetry context of the Vert.x context that logs, so the line is
 * encoded on the thread that logged it (a synchronous appender). In one JVM the services share the
 * process, so the service is the one whose package the logger is in ({@code dev.vertxshop.<service>}),
 * else {@code OTEL_SERVICE_NAME}, else {@code shop}.
 */
public final class TraceFieldsProvider extends AbstractJsonProvider<ILoggingEvent> {

  private static final String PREFIX = "dev.vertxshop.";
  private static final Set<String> SERVICES = Set.of("orders", "inventory", "payments", "fraud", "notifications", "analytics");
  private static final String DEFAULT_SERVICE = defaultService();

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    generator.writeStringField("service", service(event.getLoggerName()));
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      generator.writeStringField("trace_id", span.getTraceId());
      generator.writeStringField("span_id", span.getSpanId());
    }
    String orderId = Tracing.currentOrderId();
    if (orderId != null) {
      generator.writeStringField("order_id", orderId);
    }
  }

  static String service(String logger) {
    if (logger != null && logger.startsWith(PREFIX)) {
      int end = logger.indexOf('.', PREFIX.length());
      String name = end < 0 ? logger.substring(PREFIX.length()) : logger.substring(PREFIX.length(), end);
      if (SERVICES.contains(name)) {
        return name;
      }
    }
    return DEFAULT_SERVICE;
  }

  private static String defaultService() {
    String configured = System.getenv("OTEL_SERVICE_NAME");
    return configured == null || configured.isBlank() ? "shop" : configured.trim();
  }
}
