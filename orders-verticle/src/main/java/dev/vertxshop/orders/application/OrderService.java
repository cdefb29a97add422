package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.IdempotencyRecord;
import dev.vertxshop.orders.domain.IdempotentRequest;
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
 *
 * <p>A request with an idempotency key is answered once: the key is stored with the order in the
 * same statement, under a unique constraint, so of any number of requests with one key exactly one
 * stores an order. Every other request with that key (at the same time or later, until the key
 * expires) gets that order's answer, or is refused when its request differs.
 */
public final class OrderService {

  /** How long idempotency keys are kept when nothing else is configured. */
  public static final Duration DEFAULT_KEY_RETENTION = Duration.ofHours(24);
  /** How often a repeated request looks at an order whose saga another instance drives. */
  static final Duration REPLAY_POLL_INTERVAL = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

  private final Inventory inventory;
  private final OrderRepository orders;
  private final CreateOrderSaga saga;
  private final Timers timers;
  private final Clock clock;
  private final Duration responseWait;
  private final Duration keyRetention;

  public OrderService(Inventory inventory, OrderRepository orders, CreateOrderSaga saga, Timers timers, Clock clock, Duration responseWait) {
    this(inventory, orders, saga, timers, clock, responseWait, DEFAULT_KEY_RETENTION);
  }

  public OrderService(
      Inventory inventory, OrderRepository orders, CreateOrderSaga saga, Timers timers, Clock clock, Duration responseWait,
      Duration keyRetention) {
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.orders = Objects.requireNonNull(orders, "orders");
    this.saga = Objects.requireNonNull(saga, "saga");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.responseWait = Objects.requireNonNull(responseWait, "responseWait");
    this.keyRetention = Objects.requireNonNull(keyRetention, "keyRetention");
  }

  /** Places an order sent without an idempotency key: see {@link #place(OrderRequest, Optional)}. */
  public Future<Placement> place(OrderRequest request) {
    return place(request, Optional.empty());
  }

  /**
   * Places an order. Fails with {@link UnknownProductException} when the catalogue lacks a product
   * and with {@link CatalogueUnavailableException} when it cannot be read; nothing is stored then.
   * Otherwise the order is stored, its saga starts, and the answer comes when the saga ends or the
   * response wait is over, whichever is first; the saga goes on either way.
   *
   * <p>With an idempotency key that is already stored (and not expired): when the request is the
   * same, the answer is that key's order as it stands, waiting for its saga like a first request;
   * when it differs, the call fails with {@link IdempotencyKeyReusedException} and nothing is stored.
   */
  public Future<Placement> place(OrderRequest request, Optional<IdempotentRequest> idempotency) {
    if (idempotency.isEmpty()) {
      return placeNew(request, idempotency);
    }
    return orders.findIdempotencyKey(idempotency.get().key(), liveKeysSince())
        .compose(found -> found.isPresent() ? replay(found.get(), idempotency.get()) : placeNew(request, idempotency));
  }

  /** The order with {@code orderId}, or empty. */
  public Future<Optional<Order>> find(UUID orderId) {
    return orders.find(orderId);
  }

  /** Deletes up to {@code limit} expired idempotency keys; answers how many. */
  public Future<Integer> pruneIdempotencyKeys(int limit) {
    return orders.pruneIdempotencyKeys(liveKeysSince(), limit);
  }

  private Future<Placement> placeNew(OrderRequest request, Optional<IdempotentRequest> idempotency) {
    return inventory.prices(request.productIds())
        .map(prices -> price(request, prices))
        .compose(order -> store(order, idempotency)
            .compose(stored -> stored
                .map(begun -> answerWithin(order, saga.run(order, begun, request.paymentMethod())))
                .orElseGet(() -> answerTheWinner(idempotency.get()))));
  }

  private Order price(OrderRequest request, PriceList prices) {
    return Order.place(UUID.randomUUID(), request, prices, now());
  }

  /** The stored saga, or empty when another order holds the idempotency key. */
  private Future<Optional<Saga>> store(Order order, Optional<IdempotentRequest> idempotency) {
    Saga begun = Saga.begin(order.id(), order.createdAt());
    return orders.create(order, begun, saga.leases().from(order.createdAt()), idempotency, liveKeysSince())
        .map(created -> created ? Optional.of(begun) : Optional.empty());
  }

  /** Another request with the same key stored its order first: answer as that request does. */
  private Future<Placement> answerTheWinner(IdempotentRequest request) {
    return orders.findIdempotencyKey(request.key(), liveKeysSince())
        .compose(found -> found
            .map(winner -> replay(winner, request))
            .orElseGet(() -> Future.failedFuture(new IllegalStateException(
                "the Idempotency-Key '" + request.key() + "' is held, but by no live order"))));
  }

  private Future<Placement> replay(IdempotencyRecord stored, IdempotentRequest request) {
    if (!stored.isRepeatedBy(request)) {
      return Future.failedFuture(new IdempotencyKeyReusedException(request.key()));
    }
    return orders.find(stored.orderId())
        .compose(found -> found
            .map(this::awaitOutcome)
            .orElseGet(() -> Future.failedFuture(new IllegalStateException(
                "the Idempotency-Key '" + request.key() + "' names order " + stored.orderId() + ", which is gone"))))
        .map(Placement::asReplay);
  }

  /** The order once its saga ends or the response wait is over, whichever is first. */
  private Future<Placement> awaitOutcome(Order order) {
    if (order.status().isFinal()) {
      return Future.succeededFuture(Placement.finished(order));
    }
    Optional<Future<Order>> here = saga.inProgress(order.id());
    if (here.isPresent()) {
      return answerWithin(order, here.get());
    }
    Promise<Placement> answer = Promise.promise();
    timers.after(responseWait).onComplete(ignored -> answer.tryComplete(Placement.pending(order)));
    pollUntilFinal(order.id(), answer);
    return answer.future();
  }

  /** Another instance (or nobody yet) drives the saga: look at the order now and then. */
  private void pollUntilFinal(UUID orderId, Promise<Placement> answer) {
    timers.after(REPLAY_POLL_INTERVAL)
        .compose(ignored -> answer.future().isComplete() ? Future.succeededFuture(Optional.<Order>empty()) : orders.find(orderId))
        .onComplete(found -> {
          if (answer.future().isComplete()) {
            return;
          }
          if (found.succeeded() && found.result().isPresent() && found.result().get().status().isFinal()) {
            answer.tryComplete(Placement.finished(found.result().get()));
          } else {
            pollUntilFinal(orderId, answer);
          }
        });
  }

  private Future<Placement> answerWithin(Order order, Future<Order> outcome) {
    Promise<Placement> answer = Promise.promise();
    outcome.onComplete(
        finished -> answer.tryComplete(Placement.of(finished)),
        failure -> {
          LOG.warn("The saga of order {} stopped before its end; its record says where: {}", order.id(), failure.toString());
          answer.tryComplete(Placement.pending(order));
        });
    timers.after(responseWait).onComplete(ignored -> answer.tryComplete(Placement.pending(order)));
    return answer.future();
  }

  private Instant liveKeysSince() {
    return now().minus(keyRetention);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
