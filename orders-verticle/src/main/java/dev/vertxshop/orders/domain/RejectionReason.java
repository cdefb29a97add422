package dev.vertxshop.orders.domain;

import java.util.Objects;

/**
 * Why an order was rejected, shown to the customer as {@code <code>} or {@code <code>: <subject>}
 * (for example {@code insufficient-stock: sku-1} or {@code payment-declined: card_declined}).
 */
public record RejectionReason(Code code, String subject) {

  /** The small, stable set of rejection codes. */
  public enum Code {
    /** Inventory had too little stock of the subject product. */
    INSUFFICIENT_STOCK("insufficient-stock"),
    /** The subject product left the catalogue between pricing and reserving. */
    UNKNOWN_PRODUCT("unknown-product"),
    /** The order's reservation had already been cancelled when the reserve call arrived. */
    RESERVATION_CANCELLED("reservation-cancelled"),
    /** Inventory gave no usable answer to the reserve call (timeout, 5xx, unreachable). */
    INVENTORY_UNAVAILABLE("inventory-unavailable"),
    /** Inventory refused the reserve call with another problem (the subject is its type). */
    INVENTORY_REFUSED("inventory-refused"),
    /** The card was declined; the subject is the decline reason. */
    PAYMENT_DECLINED("payment-declined"),
    /** The order's charge had already been refunded or voided when the charge call arrived. */
    PAYMENT_VOIDED("payment-voided"),
    /** Payments gave no usable answer to the charge call (timeout, 5xx, unreachable). */
    PAYMENTS_UNAVAILABLE("payments-unavailable"),
    /** Payments refused the charge call with a problem (the subject is its type). */
    PAYMENTS_REFUSED("payments-refused"),
    /** The order could not be recorded as confirmed. */
    CONFIRMATION_FAILED("confirmation-failed"),
    /**
     * The orders service stopped while the order was being paid for; the card details are never
     * stored, so the payment could not be finished and the order was undone.
     */
    ORDER_INTERRUPTED("order-interrupted");

    private final String slug;

    Code(String slug) {
      this.slug = slug;
    }

    public String slug() {
      return slug;
    }

    static Code fromSlug(String slug) {
      for (Code code : values()) {
        if (code.slug.equals(slug)) {
          return code;
        }
      }
      throw new IllegalArgumentException("unknown rejection code '" + slug + "'");
    }
  }

  private static final String SEPARATOR = ": ";

  public RejectionReason {
    Objects.requireNonNull(code, "code");
    subject = subject == null || subject.isBlank() ? null : subject;
  }

  public static RejectionReason of(Code code) {
    return new RejectionReason(code, null);
  }

  public static RejectionReason of(Code code, String subject) {
    return new RejectionReason(code, subject);
  }

  /** Reads the text form written by {@link #text()}. */
  public static RejectionReason parse(String text) {
    int separator = text.indexOf(SEPARATOR);
    return separator < 0
        ? new RejectionReason(Code.fromSlug(text), null)
        : new RejectionReason(Code.fromSlug(text.substring(0, separator)), text.substring(separator + SEPARATOR.length()));
  }

  public String text() {
    return subject == null ? code.slug() : code.slug() + SEPARATOR + subject;
  }

  @Override
  public String toString() {
    return text();
  }
}
