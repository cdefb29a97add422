package dev.vertxshop.analytics.adapter.in.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.analytics.application.AnalyticsService;
import dev.vertxshop.analytics.application.ConversionStore;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderCompleted;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How order events become counts, and which events can never be counted. */
class OrderEventHandlerTest {

  private final RecordingStore store = new RecordingStore();
  private final OrderEventHandler handler = new OrderEventHandler(new AnalyticsService(store, Clock.systemUTC()));

  @Test
  void countsACompletedOrderWithItsTotalOnTheDayItWasCompleted() {
    CloudEvent event = event("order.completed", completed());

    Future<Void> handled = handler.handle(event);

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.recorded).containsExactly(new Counted(event.id(),
        new OrderCompleted("8c1e0b8e-4a4e-4b8e-9a55-0e5d0f3f3a11", 4980, Instant.parse("2025-03-01T10:15:30Z"))));
  }

  @Test
  void countsACancelledOrderUnderItsReasonCode() {
    CloudEvent event = event("order.cancelled", cancelled());

    Future<Void> handled = handler.handle(event);

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.recorded).containsExactly(new Counted(event.id(),
        new OrderCancelled("8c1e0b8e-4a4e-4b8e-9a55-0e5d0f3f3a11", "PAYMENT_DECLINED", Instant.parse("2025-03-01T10:15:30Z"))));
  }

  @Test
  void readsATimeWithAnOffsetAsTheInstantItNames() {
    handler.handle(event("order.completed", completed().put("completedAt", "2024-03-01T01:30:00+02:00")));

    OrderSettlement settlement = store.recorded.get(0).settlement();
    assertThat(settlement.settledAt()).isEqualTo(Instant.parse("2024-02-29T23:30:00Z"));
    assertThat(settlement.day()).isEqualTo(LocalDate.parse("2024-02-29"));
  }

  @Test
  void ignoresMembersItDoesNotUse() {
    Future<Void> handled = handler.handle(event("order.completed", completed().put("coupon", "SPRING").put("items", "unused")));

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.recorded).hasSize(1);
  }

  @Test
  void succeedsDoingNothingForAnotherEventType() {
    Future<Void> handled = handler.handle(event("order.shipped", new JsonObject().put("orderId", 12)));

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.recorded).isEmpty();
  }

  @Test
  void succeedsWhenTheEventWasCountedBefore() {
    store.answer = false;

    Future<Void> handled = handler.handle(event("order.completed", completed()));

    assertThat(handled.succeeded()).isTrue();
  }

  @Test
  void failsForARetryWhenTheCountsCannotBeWritten() {
    store.failure = new IllegalStateException("connection refused");

    Future<Void> handled = handler.handle(event("order.completed", completed()));

    assertThat(handled.failed()).isTrue();
    assertThat(handled.cause()).isNotInstanceOf(UnprocessableEventException.class).hasMessage("connection refused");
  }

  static Stream<Arguments> unreadableEvents() {
    return Stream.of(
        unreadable("completed without orderId", "order.completed", data -> data.remove("orderId")),
        unreadable("completed with a numeric orderId", "order.completed", data -> data.put("orderId", 42)),
        unreadable("completed with a blank orderId", "order.completed", data -> data.put("orderId", " ")),
        unreadable("completed without totalCents", "order.completed", data -> data.remove("totalCents")),
        unreadable("completed with totalCents as a string", "order.completed", data -> data.put("totalCents", "4980")),
        unreadable("completed with fractional totalCents", "order.completed", data -> data.put("totalCents", 49.8)),
        unreadable("completed with negative totalCents", "order.completed", data -> data.put("totalCents", -1)),
        unreadable("completed without completedAt", "order.completed", data -> data.remove("completedAt")),
        unreadable("completed with a completedAt that is no time", "order.completed", data -> data.put("completedAt", "yesterday")),
        unreadable("completed with a completedAt without offset", "order.completed",
            data -> data.put("completedAt", "2025-03-01T10:15:30")),
        unreadable("completed with a numeric completedAt", "order.completed", data -> data.put("completedAt", 1740824130000L)),
        unreadable("cancelled without reason", "order.cancelled", data -> data.remove("reason")),
        unreadable("cancelled with the reason as a string", "order.cancelled", data -> data.put("reason", "PAYMENT_DECLINED")),
        unreadable("cancelled without a reason code", "order.cancelled", data -> data.put("reason", new JsonObject().put("text", "x"))),
        unreadable("cancelled with a blank reason code", "order.cancelled", data -> data.getJsonObject("reason").put("code", "")),
        unreadable("cancelled with a numeric reason code", "order.cancelled", data -> data.getJsonObject("reason").put("code", 7)),
        unreadable("cancelled without cancelledAt", "order.cancelled", data -> data.remove("cancelledAt")),
        unreadable("cancelled with completedAt instead of cancelledAt", "order.cancelled",
            data -> data.put("completedAt", data.remove("cancelledAt"))),
        unreadable("cancelled with an array as orderId", "order.cancelled", data -> data.put("orderId", new JsonArray())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableEvents")
  void deadLettersAnEventWhoseDataCannotBeRead(String description, String type, Consumer<JsonObject> spoil) {
    JsonObject data = "order.completed".equals(type) ? completed() : cancelled();
    spoil.accept(data);
    CloudEvent event = event(type, data);

    Future<Void> handled = handler.handle(event);

    assertThat(handled.failed()).isTrue();
    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining(event.id());
    assertThat(store.recorded).isEmpty();
  }

  private static Arguments unreadable(String description, String type, Consumer<JsonObject> spoil) {
    return Arguments.of(description, type, spoil);
  }

  private static JsonObject completed() {
    return new JsonObject()
        .put("orderId", "8c1e0b8e-4a4e-4b8e-9a55-0e5d0f3f3a11")
        .put("customerId", "alice")
        .put("email", "alice@example.com")
        .put("items", new JsonArray().add(new JsonObject()
            .put("productId", "espresso-beans-1kg").put("quantity", 2).put("unitPriceCents", 2490)))
        .put("totalCents", 4980)
        .put("completedAt", "2025-03-01T10:15:30Z");
  }

  private static JsonObject cancelled() {
    JsonObject data = completed();
    data.remove("completedAt");
    return data
        .put("cancelledAt", "2025-03-01T10:15:30Z")
        .put("reason", new JsonObject().put("code", "PAYMENT_DECLINED").put("text", "payment-declined: card_declined"));
  }

  private static CloudEvent event(String type, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", Instant.parse("2025-03-01T10:15:31Z"),
        data.getValue("orderId") instanceof String id ? id : null, data, null);
  }

  private record Counted(String eventId, OrderSettlement settlement) {}

  /** A store that keeps what it is asked to count and answers as told. */
  private static final class RecordingStore implements ConversionStore {

    final List<Counted> recorded = new ArrayList<>();
    boolean answer = true;
    RuntimeException failure;

    @Override
    public Future<Boolean> record(CloudEvent event, OrderSettlement settlement) {
      if (failure != null) {
        return Future.failedFuture(failure);
      }
      recorded.add(new Counted(event.id(), settlement));
      return Future.succeededFuture(answer);
    }

    @Override
    public Future<Recorded> read(DateRange range) {
      throw new UnsupportedOperationException("not used by the handler");
    }
  }
}
