package dev.vertxshop.notifications.domain;

import java.util.Locale;
import java.util.Map;

/**
 * Why an order was cancelled, as the orders service recorded it: a stable {@code code} (such as
 * {@code INSUFFICIENT_STOCK} or {@code payment-declined}) and its full {@code text}. The text is
 * for operators and may name internal details (decline codes, fraud verdicts, service names); the
 * customer is only ever told {@link #explanation()}.
 */
public record CancellationReason(String code, String text) {

  static final String OUT_OF_STOCK = "An item of your order is not in stock in the quantity you asked for.";
  static final String PRODUCT_GONE = "An item of your order is no longer sold.";
  static final String PAYMENT_DECLINED = "Your payment was declined.";
  static final String TECHNICAL = "We could not complete your order because of a technical problem on our side.";
  static final String UNSPECIFIED = "We could not complete your order.";

  // Keys are codes normalised by normalise(): orders writes them as slugs (insufficient-stock) or names.
  private static final Map<String, String> EXPLANATIONS = Map.ofEntries(
      Map.entry("INSUFFICIENT_STOCK", OUT_OF_STOCK),
      Map.entry("OUT_OF_STOCK", OUT_OF_STOCK),
      Map.entry("UNKNOWN_PRODUCT", PRODUCT_GONE),
      Map.entry("PAYMENT_DECLINED", PAYMENT_DECLINED),
      Map.entry("PAYMENT_VOIDED", TECHNICAL),
      Map.entry("RESERVATION_CANCELLED", TECHNICAL),
      Map.entry("INVENTORY_UNAVAILABLE", TECHNICAL),
      Map.entry("INVENTORY_REFUSED", TECHNICAL),
      Map.entry("PAYMENTS_UNAVAILABLE", TECHNICAL),
      Map.entry("PAYMENTS_REFUSED", TECHNICAL),
      Map.entry("CONFIRMATION_FAILED", TECHNICAL),
      Map.entry("ORDER_INTERRUPTED", TECHNICAL));

  public CancellationReason {
    if (code == null || code.isBlank()) {
      throw new InvalidOrderException("the cancellation reason has no code");
    }
    text = text == null ? "" : text;
  }

  /** One sentence for the customer; a code this service does not know gets a neutral sentence. */
  public String explanation() {
    return EXPLANATIONS.getOrDefault(normalise(code), UNSPECIFIED);
  }

  private static String normalise(String code) {
    return code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
