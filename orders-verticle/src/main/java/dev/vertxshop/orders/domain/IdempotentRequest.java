package dev.vertxshop.orders.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request sent with an idempotency key: the key and the SHA-256 of the request in canonical form
 * (hex), which tells a repeat of the same request from another request reusing the key.
 */
public record IdempotentRequest(IdempotencyKey key, String requestHash) {

  private static final Pattern SHA_256_HEX = Pattern.compile("^[0-9a-f]{64}$");

  public IdempotentRequest {
    Objects.requireNonNull(key, "key");
    if (requestHash == null || !SHA_256_HEX.matcher(requestHash).matches()) {
      throw new IllegalArgumentException("a request hash is 64 lower-case hex digits, not '" + requestHash + "'");
    }
  }
}
