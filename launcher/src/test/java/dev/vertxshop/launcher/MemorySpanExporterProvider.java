package dev.vertxshop.launcher;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * {@code OTEL_TRACES_EXPORTER=memory}: spans kept in {@link #SPANS} for the tests to read, chosen
 * through the SDK's autoconfiguration like any other exporter.
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {

  /** Every span the test JVM's shops exported. */
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    return SPANS;
  }

  @Override
  public String getName() {
    return "memory";
  }
}
