package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.StepLogEntry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Orders and sagas in memory, with the same version rule as the database, and writes that can be made to fail. */
final class InMemoryOrderStore implements OrderRepository, SagaRepository {

  private final Map<UUID, Order> orders = new LinkedHashMap<>();
  private final Map<UUID, Saga> sagas = new HashMap<>();
  private final Map<UUID, List<StepLogEntry>> steps = new HashMap<>();
  private Predicate<StepLogEntry> failingWrite = entry -> false;

  /** The next record whose step-log line matches fails as if the database were down, changing nothing. */
  synchronized void failNextWrite(Predicate<StepLogEntry> which) {
    failingWrite = which;
  }

  /** Another runner wrote the saga: the stored version moves on. */
  synchronized void bumpVersion(UUID orderId) {
    Saga stored = sagas.get(orderId);
    sagas.put(orderId, stored.withVersion(stored.version() + 1));
  }

  @Override
  public synchronized Future<Void> create(Order order, Saga saga) {
    if (orders.containsKey(order.id())) {
      return Future.failedFuture(new IllegalStateException("duplicate order " + order.id()));
    }
    orders.put(order.id(), order);
    sagas.put(order.id(), saga);
    steps.put(order.id(), new ArrayList<>());
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Optional<Order>> find(UUID orderId) {
    return Future.succeededFuture(Optional.ofNullable(orders.get(orderId)));
  }

  @Override
  public synchronized Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order) {
    if (failingWrite.test(entry)) {
      failingWrite = any -> false;
      return Future.failedFuture(new IllegalStateException("database unavailable"));
    }
    Saga stored = sagas.get(saga.orderId());
    if (stored == null || stored.version() != saga.version()) {
      return Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version()));
    }
    Saga saved = saga.withVersion(saga.version() + 1);
    sagas.put(saga.orderId(), saved);
    steps.get(saga.orderId()).add(entry);
    order.ifPresent(changed -> orders.put(changed.id(), changed));
    return Future.succeededFuture(saved);
  }

  @Override
  public synchronized Future<Optional<Saga>> sagaOf(UUID orderId) {
    return Future.succeededFuture(Optional.ofNullable(sagas.get(orderId)));
  }

  synchronized Order order(UUID orderId) {
    return orders.get(orderId);
  }

  synchronized Saga saga(UUID orderId) {
    return sagas.get(orderId);
  }

  synchronized List<StepLogEntry> stepLog(UUID orderId) {
    return List.copyOf(steps.get(orderId));
  }

  synchronized int orderCount() {
    return orders.size();
  }

  /** The id of the one order stored; fails when there is not exactly one. */
  synchronized UUID onlyOrderId() {
    if (orders.size() != 1) {
      throw new AssertionError("expected one order, found " + orders.size());
    }
    return orders.keySet().iterator().next();
  }

  @Override
  public synchronized Future<List<StepLogEntry>> stepsOf(UUID orderId) {
    return Future.succeededFuture(stepLog(orderId));
  }
}
