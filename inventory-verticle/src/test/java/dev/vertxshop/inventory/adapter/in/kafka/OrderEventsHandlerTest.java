package dev.vertxshop.inventory.adapter.in.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.application.InventoryService;
import dev.vertxshop.inventory.application.InventoryStore;
import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.Refusal;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationItem;
import dev.vertxshop.inventory.domain.ReservationRequest;
import dev.vertxshop.inventory.domain.ReservationStatus;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderEventsHandlerTest {

  private final String orderId = UUID.randomUUID().toString();
  private final Reservation reserved = Reservation.reserved(orderId, List.of(new ReservationItem("mug", 2, 1250)));
  private final Reservation committed = new Reservation(orderId, ReservationStatus.COMMITTED, reserved.items());
  private final Reservation cancelled = new Reservation(orderId, ReservationStatus.CANCELLED, reserved.items());

  @Test
  void aCompletedOrderCommitsTheReservationNamedByItsOrderId() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.Committed(reserved.commit()));
    CloudEvent event = completed(orderId, data(orderId));

    Future<Void> handled = handler(store).handle(event);

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.calls).containsExactly(new Call(event, orderId));
  }

  @Test
  void anUpperCaseOrderIdNamesTheLowerCaseReservationThatOrdersCreated() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.Committed(reserved.commit()));
    String upper = orderId.toUpperCase();

    Future<Void> handled = handler(store).handle(completed(upper, data(upper)));

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.calls).extracting(Call::reservationId).containsExactly(orderId);
  }

  @Test
  void aReservationCommittedBeforeOrAnEventProcessedBeforeIsASuccess() {
    EventStore unchanged = new EventStore(new InventoryStore.EventCommit.Committed(committed.commit()));
    EventStore duplicate = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());

    assertThat(handler(unchanged).handle(completed(orderId, data(orderId))).succeeded()).isTrue();
    assertThat(handler(duplicate).handle(completed(orderId, data(orderId))).succeeded()).isTrue();
  }

  @Test
  void aCompletedOrderWithoutAReservationIsUnprocessable() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.UnknownReservation(orderId));

    Future<Void> handled = handler(store).handle(completed(orderId, data(orderId)));

    assertThat(handled.cause())
        .isInstanceOf(UnprocessableEventException.class)
        .hasMessageContaining("no reservation " + orderId);
  }

  @Test
  void aCompletedOrderWhoseReservationIsCancelledIsUnprocessable() {
    Transition.Refused refused = (Transition.Refused) cancelled.commit();
    EventStore store = new EventStore(new InventoryStore.EventCommit.Refused(refused));

    Future<Void> handled = handler(store).handle(completed(orderId, data(orderId)));

    assertThat(refused.refusal()).isEqualTo(Refusal.ALREADY_CANCELLED);
    assertThat(handled.cause())
        .isInstanceOf(UnprocessableEventException.class)
        .hasMessageContaining("reservation " + orderId + " is cancelled");
  }

  @Test
  void aStoreFailureIsAnOrdinaryFailureSoTheEventIsRetried() {
    IllegalStateException down = new IllegalStateException("connection refused");
    EventStore store = new EventStore(down);

    Future<Void> handled = handler(store).handle(completed(orderId, data(orderId)));

    assertThat(handled.cause()).isSameAs(down);
  }

  @Test
  void aCompletedOrderWithoutAnOrderIdIsUnprocessableAndTouchesNothing() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());
    JsonObject data = data(orderId);
    data.remove("orderId");

    Future<Void> handled = handler(store).handle(completed(orderId, data));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining("data.orderId");
    assertThat(store.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "order-1", "1-1-1-1-1", "0b7e5c3a-9c55-4f0e-8d5e-2f7c1b9a0d4", "0b7e5c3a-9c55-4f0e-8d5e-2f7c1b9a0d4e1"})
  void anOrderIdThatIsNoUuidIsUnprocessable(String badId) {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());

    Future<Void> handled = handler(store).handle(completed(orderId, data(badId)));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining("data.orderId");
    assertThat(store.calls).isEmpty();
  }

  @Test
  void anOrderIdOfAnotherTypeIsUnprocessable() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());
    JsonObject data = data(orderId).put("orderId", 42);

    Future<Void> handled = handler(store).handle(completed(orderId, data));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining("Integer");
    assertThat(store.calls).isEmpty();
  }

  @Test
  void aSubjectNamingAnotherOrderIsUnprocessable() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());
    String other = UUID.randomUUID().toString();

    Future<Void> handled = handler(store).handle(completed(other, data(orderId)));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining(other);
    assertThat(store.calls).isEmpty();
  }

  @Test
  void anEventWithoutASubjectIsReadByItsData() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.Committed(reserved.commit()));

    Future<Void> handled = handler(store).handle(completed(null, data(orderId)));

    assertThat(handled.succeeded()).isTrue();
    assertThat(store.calls).extracting(Call::reservationId).containsExactly(orderId);
  }

  @Test
  void aCancelledOrderChangesNothingWhateverItsData() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());
    CloudEvent event = event("order.cancelled", orderId, new JsonObject());

    assertThat(handler(store).handle(event).succeeded()).isTrue();
    assertThat(store.calls).isEmpty();
  }

  @Test
  void anEventOfAnUnknownTypeChangesNothing() {
    EventStore store = new EventStore(new InventoryStore.EventCommit.AlreadyProcessed());
    CloudEvent event = event("order.refunded", orderId, data(orderId));

    assertThat(handler(store).handle(event).succeeded()).isTrue();
    assertThat(store.calls).isEmpty();
  }

  private static OrderEventsHandler handler(InventoryStore store) {
    return new OrderEventsHandler(new InventoryService(store));
  }

  private static CloudEvent completed(String subject, JsonObject data) {
    return event(OrderEventsHandler.ORDER_COMPLETED, subject, data);
  }

  private static CloudEvent event(String type, String subject, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", Instant.now(), subject, data, null);
  }

  /** order.completed data as contracts/events/ describes it. */
  private static JsonObject data(String orderId) {
    return new JsonObject()
        .put("orderId", orderId)
        .put("customerId", "customer-1")
        .put("email", "ada@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "mug").put("quantity", 2).put("unitPriceCents", 1250)))
        .put("totalCents", 2500)
        .put("completedAt", "2025-01-01T10:00:00Z");
  }

  private record Call(CloudEvent event, String reservationId) {}

  /** Answers every commit for an event with one outcome (or failure) and records what it was asked. */
  private static final class EventStore implements InventoryStore {

    private final Future<EventCommit> answer;
    private final List<Call> calls = new ArrayList<>();

    EventStore(EventCommit outcome) {
      this.answer = Future.succeededFuture(outcome);
    }

    EventStore(Throwable failure) {
      this.answer = Future.failedFuture(failure);
    }

    @Override
    public Future<EventCommit> commitForEvent(CloudEvent event, String reservationId) {
      calls.add(new Call(event, reservationId));
      return answer;
    }

    @Override
    public Future<SavedProduct> save(ProductDefinition definition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Integer> insertMissing(List<Product> products) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<Product>> product(String productId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<Product>> products(Collection<String> productIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<Product>> catalogue(int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<ReserveOutcome> reserve(ReservationRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Transition> cancel(String reservationId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<Transition>> commit(String reservationId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Optional<Reservation>> reservation(String reservationId) {
      throw new UnsupportedOperationException();
    }
  }
}
