package dev.vertxshop.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tracing as every test JVM has it: no exporter configured, so off. */
@ExtendWith(VertxExtension.class)
class TracingTest {

  @Test
  void isOffWithoutAnExporter() {
    VertxOptions options = Tracing.configure(new VertxOptions(), ConfigLoader.load(Map.of()));

    assertThat(options.getTracingOptions()).isNull();
    assertThat(Tracing.enabled()).isFalse();
    assertThat(Tracing.traceparent()).isNull();
  }

  @Test
  void theHandlingOfAnEventKnowsItsOrderAcrossAsynchronousSteps(Vertx vertx, VertxTestContext test) {
    AtomicReference<String> outside = new AtomicReference<>("unset");
    vertx.runOnContext(started -> Tracing.consuming("inventory", "orders", "event-1", "order-1", Map.of(),
            () -> vertx.timer(5).map(fired -> Tracing.currentOrderId()))
        .onComplete(test.succeeding(seen -> test.verify(() -> {
          outside.set(Tracing.currentOrderId());
          assertThat(seen).isEqualTo("order-1");
          assertThat(outside.get()).isNull();
          test.completeNow();
        }))));
  }

  @Test
  void aFailingHandlerFailsTheHandling(Vertx vertx, VertxTestContext test) {
    vertx.runOnContext(started -> Tracing.<Void>consuming("inventory", "orders", "event-1", null, Map.of(),
            () -> {
              throw new IllegalStateException("boom");
            })
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).hasMessage("boom");
          test.completeNow();
        }))));
  }

  @Test
  void aPublishWithoutTracingPassesTheStoredContextOn(Vertx vertx, VertxTestContext test) {
    String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    vertx.runOnContext(started -> Tracing.publishing("orders", "orders", "event-1", stored, Future::succeededFuture)
        .onComplete(test.succeeding(header -> test.verify(() -> {
          assertThat(header).isEqualTo(stored);
          test.completeNow();
        }))));
  }
}
