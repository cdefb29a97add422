package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to charge an order's total to a card. {@code customerId} is optional: the orders
 * service may pass it so that fraud screening can look at the customer's history.
 */
public record ChargeCommand(OrderId orderId, Money amount, CardDetails card, String customerId) {

  public ChargeCommand {
    Objects.requireNonNull(orderId, "order id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(card, "card");
    if (!amount.isPositive()) {
      throw new IllegalArgumentException("An amount to charge is positive, got " + amount);
    }
    if (customerId != null && customerId.isBlank()) {
      customerId = null;
    }
  }

  public Optional<String> customer() {
    return Optional.ofNullable(customerId);
  }

  @Override
  public String toString() {
    // the record's default would print the card through CardDetails.toString, which masks it;
    // spelled out so that no later change to the components can leak the number
    return "ChargeCommand[orderId=" + orderId + ", amount=" + amount + ", card=****" + card.last4() + "]";
  }
}
