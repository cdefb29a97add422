package dev.vertxshop.inventory.application;

import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationRequest;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where products and reservations are kept. Every method is one atomic step: it either happens
 * completely or leaves nothing behind, and concurrent calls never apply a change twice.
 */
public interface InventoryStore {

  /** Creates the product, or updates its name, price and available stock (reserved stock is kept). */
  Future<SavedProduct> save(ProductDefinition definition);

  /** Inserts the products that do not exist yet and leaves the others alone; answers how many were new. */
  Future<Integer> insertMissing(List<Product> products);

  Future<Optional<Product>> product(String productId);

  /** The products with these ids, in product-id order; unknown ids are left out. */
  Future<List<Product>> products(Collection<String> productIds);

  /** The first {@code limit} products in product-id order. */
  Future<List<Product>> catalogue(int limit);

  /**
   * Reserves every item of the request or none: each item's stock moves from available to reserved
   * only if enough is available. A known reservation id changes nothing and answers the stored
   * reservation.
   */
  Future<ReserveOutcome> reserve(ReservationRequest request);

  /**
   * Applies {@link Reservation#cancel()} under a lock on the reservation; an unknown id is recorded
   * as a {@linkplain Reservation#tombstone(String) tombstone}.
   */
  Future<Transition> cancel(String reservationId);

  /** Applies {@link Reservation#commit()} under a lock on the reservation; empty for an unknown id. */
  Future<Optional<Transition>> commit(String reservationId);

  Future<Optional<Reservation>> reservation(String reservationId);

  /**
   * Commits {@code reservationId} as the effect of {@code event}, at most once per event id: the
   * event is recorded as processed in the same transaction as the commit, and an event recorded
   * before changes nothing. An unknown or refused reservation rolls everything back, the record of
   * the event included, so that the event can be applied once the cause is fixed.
   */
  Future<EventCommit> commitForEvent(CloudEvent event, String reservationId);

  /** A product as saved, and whether the save created it. */
  record SavedProduct(Product product, boolean created) {}

  /** What {@link #commitForEvent} did. */
  sealed interface EventCommit
      permits EventCommit.Committed, EventCommit.AlreadyProcessed, EventCommit.UnknownReservation, EventCommit.Refused {

    /**
     * The event is recorded as processed; the reservation is committed, by this event
     * ({@link Transition.Changed}, its stock is gone) or before it ({@link Transition.Unchanged}).
     */
    record Committed(Transition transition) implements EventCommit {}

    /** The event was processed before: nothing changed. */
    record AlreadyProcessed() implements EventCommit {}

    /** No reservation has that id: nothing changed, nothing was recorded. */
    record UnknownReservation(String reservationId) implements EventCommit {}

    /** The reservation cannot be committed (it is cancelled): nothing changed, nothing was recorded. */
    record Refused(Transition.Refused transition) implements EventCommit {}
  }
}
