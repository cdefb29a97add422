package dev.vertxshop.orders.application;

import java.util.UUID;

/**
 * The stored saga moved on since it was read (another runner took it over): the caller must stop
 * driving it.
 */
public final class SagaConflictException extends RuntimeException {

  public SagaConflictException(UUID orderId, long expectedVersion) {
    super("saga " + orderId + " is no longer at version " + expectedVersion, null, false, false);
  }
}
