package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.PriceList;
import dev.vertxshop.orders.domain.Pricing;
import dev.vertxshop.orders.domain.ReserveOutcome;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An {@link Inventory} whose catalogue and answers the test sets; it logs every call. */
final class ScriptedInventory implements Inventory {

  private final CallLog log;
  private final Map<String, Long> catalogue = new HashMap<>();
  private Throwable catalogueFailure;
  final Answers<ReserveOutcome> reserves;
  /** Gates the price lookups: a held one answers (from the catalogue as it is then) when released. */
  final Answers<Boolean> pricing = new Answers<>(() -> true);
  final Answers<CompensationOutcome> cancels = new Answers<>(() -> new CompensationOutcome.Done("reservation cancelled"));

  ScriptedInventory(CallLog log) {
    this.log = log;
    // By default a reservation holds what was asked at catalogue prices, like the real service.
    this.reserves = new Answers<>(() -> null);
  }

  ScriptedInventory product(String productId, long priceCents) {
    catalogue.put(productId, priceCents);
    return this;
  }

  ScriptedInventory withoutProduct(String productId) {
    catalogue.remove(productId);
    return this;
  }

  ScriptedInventory catalogueFails(Throwable failure) {
    catalogueFailure = failure;
    return this;
  }

  /** What the real service answers when it reserves {@code lines} at catalogue prices. */
  ReserveOutcome.Reserved reservedAtCataloguePrices(List<OrderLine> lines) {
    List<OrderItem> items = lines.stream().map(line -> new OrderItem(line.productId(), line.quantity(), catalogue.get(line.productId()))).toList();
    return new ReserveOutcome.Reserved(items, Pricing.total(items));
  }

  @Override
  public Future<PriceList> prices(Set<String> productIds) {
    log.add("prices " + String.join(",", productIds));
    if (catalogueFailure != null) {
      return Future.failedFuture(new CatalogueUnavailableException("inventory unreachable", catalogueFailure));
    }
    return pricing.next().map(released -> {
      Map<String, Long> found = new HashMap<>(catalogue);
      found.keySet().retainAll(productIds);
      return new PriceList(found);
    });
  }

  @Override
  public Future<ReserveOutcome> reserve(UUID reservationId, List<OrderLine> lines) {
    log.add("reserve");
    return reserves.next().map(outcome -> outcome != null ? outcome : reservedAtCataloguePrices(lines));
  }

  @Override
  public Future<CompensationOutcome> cancel(UUID reservationId) {
    log.add("cancel");
    return cancels.next();
  }
}
