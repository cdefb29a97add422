package dev.vertxshop.orders.domain;

/**
 * The client's key for one order request ({@code Idempotency-Key}): 1 to 255 printable ASCII
 * characters. The same key with the same request gets the first answer again.
 */
public record IdempotencyKey(String value) {

  public static final int MAX_LENGTH = 255;

  public IdempotencyKey {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidOrderException("an Idempotency-Key has 1.." + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new InvalidOrderException("an Idempotency-Key has printable ASCII characters only");
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
