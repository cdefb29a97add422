package dev.vertxshop.payments.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The order a charge belongs to. It is also the idempotency key of charging: an order is charged
 * at most once.
 */
public record OrderId(String value) {

  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public OrderId {
    Objects.requireNonNull(value, "order id");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "An order id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  public static OrderId of(String value) {
    return new OrderId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
