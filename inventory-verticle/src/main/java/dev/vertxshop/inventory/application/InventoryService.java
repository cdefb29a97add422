package dev.vertxshop.inventory.application;

import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationRequest;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The use cases of the inventory: the catalogue and the life of reservations. */
public final class InventoryService {

  private final InventoryStore store;

  public InventoryService(InventoryStore store) {
    this.store = store;
  }

  public Future<InventoryStore.SavedProduct> defineProduct(ProductDefinition definition) {
    return store.save(definition);
  }

  public Future<Optional<Product>> product(String productId) {
    return store.product(productId);
  }

  /** The products with these ids (unknown ones left out), or the catalogue when no id is given. */
  public Future<List<Product>> products(List<String> productIds, int limit) {
    if (productIds.isEmpty()) {
      return store.catalogue(limit);
    }
    return store.products(new LinkedHashSet<>(productIds));
  }

  public Future<ReserveOutcome> reserve(ReservationRequest request) {
    return store.reserve(request);
  }

  public Future<Transition> cancel(String reservationId) {
    return store.cancel(reservationId);
  }

  /** Empty when no reservation has that id: a commit never creates one. */
  public Future<Optional<Transition>> commit(String reservationId) {
    return store.commit(reservationId);
  }

  public Future<Optional<Reservation>> reservation(String reservationId) {
    return store.reservation(reservationId);
  }

  /**
   * An order was completed ({@code event}): its reservation, whose id is the order id, is committed,
   * once however often the event arrives.
   */
  public Future<InventoryStore.EventCommit> orderCompleted(CloudEvent event, String orderId) {
    return store.commitForEvent(event, orderId);
  }
}
