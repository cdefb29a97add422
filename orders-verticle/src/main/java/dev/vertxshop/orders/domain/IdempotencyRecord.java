package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A stored idempotency key: the request it was first sent with and the order that request made. */
public record IdempotencyRecord(IdempotencyKey key, String requestHash, UUID orderId, Instant createdAt) {

  public IdempotencyRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether {@code request} repeats the request this key was first sent with. */
  public boolean isRepeatedBy(IdempotentRequest request) {
    return key.equals(request.key()) && requestHash.equals(request.requestHash());
  }
}
