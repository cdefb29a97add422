package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotencyRecord;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Where orders are kept, with the idempotency keys of the requests that placed them. */
public interface OrderRepository {

  /**
   * Stores a new order, its items, its saga record (leased to {@code lease}, or to nobody when
   * null) and, when given, its idempotency key, atomically (all or nothing).
   *
   * @param liveSince keys stored before this instant have expired: such a key is taken over by the
   *     new order
   * @return true when stored; false, storing nothing, when another order holds the key and it has
   *     not expired (a concurrent request with the same key may have won)
   */
  Future<Boolean> create(Order order, Saga saga, Lease lease, Optional<IdempotentRequest> idempotency, Instant liveSince);

  /** Stores a new order, its items and its saga record, without a lease or an idempotency key. */
  default Future<Void> create(Order order, Saga saga) {
    return create(order, saga, null, Optional.empty(), Instant.EPOCH).mapEmpty();
  }

  /** The order with its items, or empty. */
  Future<Optional<Order>> find(UUID orderId);

  /** The key as stored, unless it is absent or was stored before {@code liveSince} (expired). */
  Future<Optional<IdempotencyRecord>> findIdempotencyKey(IdempotencyKey key, Instant liveSince);

  /** Deletes up to {@code limit} keys stored before {@code liveSince}; answers how many. */
  Future<Integer> pruneIdempotencyKeys(Instant liveSince, int limit);
}
