package dev.vertxshop.orders.domain;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a customer asks for when placing an order: validated here, priced by {@link Pricing}.
 * Each product appears on one line only, so a reservation and a charge never disagree about what a
 * line means.
 */
public record OrderRequest(String customerId, String email, List<OrderLine> lines, PaymentMethod paymentMethod) {

  public static final int MAX_LINES = 50;
  private static final Pattern CUSTOMER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

  public OrderRequest {
    if (customerId == null || !CUSTOMER_ID.matcher(customerId).matches()) {
      throw new InvalidOrderException("'" + customerId + "' is not a customer id");
    }
    if (email == null || email.length() < 3 || email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw new InvalidOrderException("'" + email + "' is not an email address");
    }
    if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
      throw new InvalidOrderException("an order has 1.." + MAX_LINES + " items");
    }
    lines = List.copyOf(lines);
    Set<String> seen = new HashSet<>();
    for (OrderLine line : lines) {
      if (!seen.add(line.productId())) {
        throw new InvalidOrderException("product " + line.productId() + " appears on more than one item");
      }
    }
    if (paymentMethod == null) {
      throw new InvalidOrderException("a payment method is required");
    }
  }

  /** The requested product ids, in the request's order. */
  public Set<String> productIds() {
    Set<String> ids = new LinkedHashSet<>();
    lines.forEach(line -> ids.add(line.productId()));
    return ids;
  }
}
