package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.PriceList;
import dev.vertxshop.orders.domain.ReserveOutcome;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The inventory service as the orders service needs it: prices, reservations and their undo. */
public interface Inventory {

  /**
   * The current unit prices of {@code productIds}; products the catalogue does not have are absent.
   * Fails with {@link CatalogueUnavailableException} when inventory gives no usable answer.
   */
  Future<PriceList> prices(Set<String> productIds);

  /**
   * Reserves all {@code lines} under {@code reservationId} (the order id), or none. Never fails: a
   * missing or unusable answer is {@link ReserveOutcome.Unknown}. Repeating the call is safe.
   */
  Future<ReserveOutcome> reserve(UUID reservationId, List<OrderLine> lines);

  /**
   * Gives the reservation's stock back. Idempotent, and an unknown id is recorded as cancelled, so
   * it is safe for a reservation whose outcome was unknown. Never fails: a missing answer is {@link
   * CompensationOutcome.Unknown}.
   */
  Future<CompensationOutcome> cancel(UUID reservationId);
}
