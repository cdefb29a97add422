package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotencyRecord;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Orders and sagas in memory, with the same version, lease and idempotency-key rules as the
 * database, and writes that can be made to fail.
 */
final class InMemoryOrderStore implements OrderRepository, SagaRepository {

  private final Map<UUID, Order> orders = new LinkedHashMap<>();
  private final Map<UUID, Saga> sagas = new HashMap<>();
  private final Map<UUID, Lease> leases = new HashMap<>();
  private final Map<UUID, List<RecordedStep>> steps = new HashMap<>();
  private final Map<IdempotencyKey, IdempotencyRecord> keys = new HashMap<>();
  private final List<OrderSettled> outbox = new ArrayList<>();
  private Predicate<StepLogEntry> failingWrite = entry -> false;
  private int writesBeforeCrash = -1;

  /** The next record whose step-log line matches fails as if the database were down, changing nothing. */
  synchronized void failNextWrite(Predicate<StepLogEntry> which) {
    failingWrite = which;
  }

  /**
   * After {@code writes} more saga records every record fails, changing nothing: the runner that
   * writes them is as good as dead (it may still make the one call it recorded the start of).
   */
  synchronized void crashAfterWrites(int writes) {
    writesBeforeCrash = writes;
  }

  /** Records work again (a new process). */
  synchronized void restart() {
    writesBeforeCrash = -1;
  }

  /** Another runner wrote the saga: the stored version moves on. */
  synchronized void bumpVersion(UUID orderId) {
    Saga stored = sagas.get(orderId);
    sagas.put(orderId, stored.withVersion(stored.version() + 1));
  }

  @Override
  public synchronized Future<Boolean> create(
      Order order, Saga saga, Lease lease, Optional<IdempotentRequest> idempotency, Instant liveSince) {
    if (orders.containsKey(order.id())) {
      return Future.failedFuture(new IllegalStateException("duplicate order " + order.id()));
    }
    if (idempotency.isPresent()) {
      IdempotencyRecord held = keys.get(idempotency.get().key());
      if (held != null && !held.createdAt().isBefore(liveSince)) {
        return Future.succeededFuture(false);
      }
      keys.put(idempotency.get().key(),
          new IdempotencyRecord(idempotency.get().key(), idempotency.get().requestHash(), order.id(), order.createdAt()));
    }
    orders.put(order.id(), order);
    sagas.put(order.id(), saga);
    if (lease != null) {
      leases.put(order.id(), lease);
    }
    steps.put(order.id(), new ArrayList<>());
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<Optional<Order>> find(UUID orderId) {
    return Future.succeededFuture(Optional.ofNullable(orders.get(orderId)));
  }

  @Override
  public synchronized Future<Optional<IdempotencyRecord>> findIdempotencyKey(IdempotencyKey key, Instant liveSince) {
    IdempotencyRecord held = keys.get(key);
    return Future.succeededFuture(held == null || held.createdAt().isBefore(liveSince) ? Optional.empty() : Optional.of(held));
  }

  @Override
  public synchronized Future<Integer> pruneIdempotencyKeys(Instant liveSince, int limit) {
    List<IdempotencyKey> expired = keys.values().stream()
        .filter(held -> held.createdAt().isBefore(liveSince)).map(IdempotencyRecord::key).limit(limit).toList();
    expired.forEach(keys::remove);
    return Future.succeededFuture(expired.size());
  }

  @Override
  public synchronized Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order, Optional<OrderSettled> settled,
      Lease lease) {
    SagaRepository.requireSettlementMatches(saga, order, settled);
    if (writesBeforeCrash == 0) {
      return Future.failedFuture(new IllegalStateException("the process is gone"));
    }
    if (failingWrite.test(entry)) {
      failingWrite = any -> false;
      return Future.failedFuture(new IllegalStateException("database unavailable"));
    }
    Saga stored = sagas.get(saga.orderId());
    Lease held = leases.get(saga.orderId());
    boolean leaseAllows = held == null || lease != null && held.owner().equals(lease.owner());
    if (stored == null || stored.version() != saga.version() || !leaseAllows) {
      return Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version()));
    }
    if (writesBeforeCrash > 0) {
      writesBeforeCrash--;
    }
    Saga saved = saga.withVersion(saga.version() + 1);
    sagas.put(saga.orderId(), saved);
    if (saga.state().isActive() && lease != null) {
      leases.put(saga.orderId(), lease);
    } else {
      leases.remove(saga.orderId());
    }
    steps.get(saga.orderId()).add(new RecordedStep(entry, lease == null ? null : lease.owner()));
    order.ifPresent(changed -> orders.put(changed.id(), changed));
    settled.ifPresent(outbox::add);
    return Future.succeededFuture(saved);
  }

  @Override
  public synchronized Future<List<Saga>> claimDue(Lease lease, Instant now, int limit) {
    List<Saga> due = sagas.values().stream()
        .filter(saga -> saga.state().isActive())
        .filter(saga -> !leases.containsKey(saga.orderId()) || !leases.get(saga.orderId()).isLiveAt(now))
        .filter(saga -> saga.nextAttemptAt() == null || !saga.nextAttemptAt().isAfter(now))
        .sorted(Comparator.comparing(Saga::nextAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Saga::updatedAt))
        .limit(limit)
        .toList();
    List<Saga> claimed = new ArrayList<>();
    for (Saga saga : due) {
      Saga taken = saga.withVersion(saga.version() + 1);
      sagas.put(saga.orderId(), taken);
      leases.put(saga.orderId(), lease);
      claimed.add(taken);
    }
    return Future.succeededFuture(claimed);
  }

  @Override
  public synchronized Future<Saga> release(Saga saga) {
    Saga stored = sagas.get(saga.orderId());
    if (stored == null || stored.version() != saga.version()) {
      return Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version()));
    }
    Saga saved = saga.withVersion(saga.version() + 1);
    sagas.put(saga.orderId(), saved);
    leases.remove(saga.orderId());
    return Future.succeededFuture(saved);
  }

  @Override
  public synchronized Future<Optional<Saga>> sagaOf(UUID orderId) {
    return Future.succeededFuture(Optional.ofNullable(sagas.get(orderId)));
  }

  @Override
  public synchronized Future<List<SagaSummary>> list(SagaState state, int limit) {
    return Future.succeededFuture(sagas.values().stream()
        .filter(saga -> saga.state() == state)
        .sorted(Comparator.comparing(Saga::updatedAt))
        .limit(limit)
        .map(saga -> new SagaSummary(saga, lastError(saga.orderId())))
        .toList());
  }

  private String lastError(UUID orderId) {
    List<StepLogEntry> log = stepLog(orderId);
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).status() == StepStatus.FAILED) {
        return log.get(i).detail();
      }
    }
    return null;
  }

  @Override
  public synchronized Future<Map<SagaState, Long>> countByState() {
    Map<SagaState, Long> counts = new EnumMap<>(SagaState.class);
    for (SagaState state : SagaState.values()) {
      counts.put(state, sagas.values().stream().filter(saga -> saga.state() == state).count());
    }
    return Future.succeededFuture(counts);
  }

  synchronized Order order(UUID orderId) {
    return orders.get(orderId);
  }

  synchronized Saga saga(UUID orderId) {
    return sagas.get(orderId);
  }

  /** Who holds the saga's lease, or null. */
  synchronized Lease lease(UUID orderId) {
    return leases.get(orderId);
  }

  synchronized List<StepLogEntry> stepLog(UUID orderId) {
    return steps.get(orderId).stream().map(RecordedStep::entry).toList();
  }

  /** The events stored with saga writes, in the order they were stored. */
  synchronized List<OrderSettled> events() {
    return List.copyOf(outbox);
  }

  /** The events stored for {@code orderId}. */
  synchronized List<OrderSettled> eventsOf(UUID orderId) {
    return outbox.stream().filter(event -> event.orderId().equals(orderId)).toList();
  }

  synchronized int orderCount() {
    return orders.size();
  }

  synchronized int keyCount() {
    return keys.size();
  }

  /** The id of the one order stored; fails when there is not exactly one. */
  synchronized UUID onlyOrderId() {
    if (orders.size() != 1) {
      throw new AssertionError("expected one order, found " + orders.size());
    }
    return orders.keySet().iterator().next();
  }

  /** The ids of the orders stored, oldest first. */
  synchronized List<UUID> orderIds() {
    return List.copyOf(orders.keySet());
  }

  @Override
  public synchronized Future<List<RecordedStep>> stepsOf(UUID orderId) {
    return Future.succeededFuture(List.copyOf(steps.get(orderId)));
  }

  /** Puts a saga as a crash would have left it (the order must be stored), leased to nobody. */
  synchronized void overwrite(Saga saga) {
    Objects.requireNonNull(sagas.get(saga.orderId()), "no saga to overwrite");
    sagas.put(saga.orderId(), saga);
    leases.remove(saga.orderId());
  }
}
