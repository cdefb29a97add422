package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.IdempotencyKey;

/** An idempotency key came back with another request than the one it was first sent with. */
public final class IdempotencyKeyReusedException extends RuntimeException {

  public IdempotencyKeyReusedException(IdempotencyKey key) {
    super("The Idempotency-Key '" + key.value() + "' was used before with another request", null, false, false);
  }
}
