package dev.vertxshop.orders.domain;

import java.util.ArrayList;
import java.util.List;

/** Turns requested lines into priced items and sums them, failing on overflow instead of wrapping. */
public final class Pricing {

  private Pricing() {}

  /**
   * Prices every line from {@code prices}, keeping the request's order.
   *
   * @throws UnknownProductException for the first line whose product has no price
   */
  public static List<OrderItem> price(List<OrderLine> lines, PriceList prices) {
    List<OrderItem> items = new ArrayList<>(lines.size());
    for (OrderLine line : lines) {
      long unitPrice = prices.unitPriceOf(line.productId())
          .orElseThrow(() -> new UnknownProductException(line.productId()));
      items.add(new OrderItem(line.productId(), line.quantity(), unitPrice));
    }
    return List.copyOf(items);
  }

  /** The sum of the line totals; ArithmeticException if it does not fit in a long. */
  public static long total(List<OrderItem> items) {
    long total = 0;
    for (OrderItem item : items) {
      total = Math.addExact(total, item.lineTotalCents());
    }
    return total;
  }
}
