package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.PriceList;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.UnknownProductException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders use cases: placing an order (price it, store it with its saga, run the saga and answer
 * once it ends or the response wait is over) and reading one.
 */
public final class OrderService {

  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

  private final Inventory inventory;
  private final OrderRepository orders;
  private final CreateOrderSaga saga;
  private final Timers timers;
  private final Clock clock;
  private final Duration responseWait;

  public OrderService(Inventory inventory, OrderRepository orders, CreateOrderSaga saga, Timers timers, Clock clock, Duration responseWait) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.saga = Objects.requireNonNull(saga, "saga");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.responseWait = Objects.requireNonNull(responseWait, "responseWait");
  }

  /**
   * Places an order. Fails with {@link UnknownProductException} when the catalogue lacks a product
   * and with {@link CatalogueUnavailableException} when it cannot be read; nothing is stored then.
   * Otherwise the order is stored, its saga starts, and the answer comes when the saga ends or the
   * response wait is over, whichever is first; the saga goes on either way.
   */
  public Future<Placement> place(OrderRequest request) {
    return inventory.prices(request.productIds())
        .map(prices -> price(request, prices))
        .compose(order -> store(order)
            .compose(stored -> answerWithin(order, saga.run(order, stored, request.paymentMethod()))));
  }

  /** The order with {@code orderId}, or empty. */
  public Future<Optional<Order>> find(UUID orderId) {
    return orders.find(orderId);
  }

  private Order price(OrderRequest request, PriceList prices) {
    return Order.place(UUID.randomUUID(), request, prices, now());
  }

  private Future<Saga> store(Order order) {
    Saga begun = Saga.begin(order.id(), order.createdAt());
    return orders.create(order, begun).map(begun);
  }

  private Future<Placement> answerWithin(Order order, Future<Order> outcome) {
    Promise<Placement> answer = Promise.promise();
    outcome.onComplete(
        finished -> answer.tryComplete(Placement.finished(finished)),
        failure -> {
          LOG.warn("The saga of order {} stopped before its end; its record says where: {}", order.id(), failure.toString());
          answer.tryComplete(Placement.pending(order));
        });
    timers.after(responseWait).onComplete(ignored -> answer.tryComplete(Placement.pending(order)));
    return answer.future();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
