package dev.vertxshop.notifications.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the e-mails customers get about their orders. Amounts are shown with two decimals (the
 * shop keeps them in cents); times in UTC.
 */
public final class OrderEmails {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final String SIGNATURE = "vertx-shop";

  private OrderEmails() {}

  /** "Your order &lt;id&gt; is confirmed", listing the items, quantities, prices and the total. */
  public static OrderEmail confirmation(OrderDetails order, Instant completedAt) {
    StringBuilder text = new StringBuilder()
        .append("Hello,\n\n")
        .append("thank you for your order. Your order ").append(order.orderId()).append(" is confirmed.\n\n");
    appendItems(text, order);
    text.append("\nConfirmed on ").append(WHEN.format(completedAt)).append(".\n\n")
        .append(SIGNATURE).append('\n');
    return new OrderEmail(order.orderId(), EmailKind.CONFIRMATION, order.email(),
        "Your order " + order.orderId() + " is confirmed", text.toString());
  }

  /**
   * "Your order &lt;id&gt; is cancelled", with the reason in the customer's words ({@link
   * CancellationReason#explanation()}) and the items it was for.
   */
  public static OrderEmail cancellation(OrderDetails order, Instant cancelledAt, CancellationReason reason) {
    StringBuilder text = new StringBuilder()
        .append("Hello,\n\n")
        .append("we are sorry: your order ").append(order.orderId())
        .append(" could not be completed and has been cancelled.\n\n")
        .append(reason.explanation()).append("\n\n")
        .append("You are not charged for a cancelled order. The order was for:\n\n");
    appendItems(text, order);
    text.append("\nCancelled on ").append(WHEN.format(cancelledAt)).append(".\n\n")
        .append(SIGNATURE).append('\n');
    return new OrderEmail(order.orderId(), EmailKind.CANCELLATION, order.email(),
        "Your order " + order.orderId() + " is cancelled", text.toString());
  }

  private static void appendItems(StringBuilder text, OrderDetails order) {
    for (OrderLine line : order.items()) {
      text.append("  ").append(line.quantity()).append(" x ").append(line.productId())
          .append(", ").append(amount(line.unitPriceCents())).append(" each: ")
          .append(amount(line.lineTotalCents())).append('\n');
    }
    text.append("\nTotal: ").append(amount(order.totalCents())).append('\n');
  }

  /** {@code 2490} cents as {@code 24.90}. */
  public static String amount(long cents) {
    return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
  }
}
