package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to drive a saga: held by one orders instance ({@code owner}) until {@code expiresAt}.
 * The holder renews it with every write; once it has expired, another instance may claim the saga.
 */
public record Lease(String owner, Instant expiresAt) {

  public static final int MAX_OWNER_LENGTH = 100;

  public Lease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException("a lease owner is 1.." + MAX_OWNER_LENGTH + " characters, not '" + owner + "'");
    }
  }

  public boolean isLiveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
