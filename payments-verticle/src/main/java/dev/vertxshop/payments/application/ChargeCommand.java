package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request to charge an order's total to a card. {@code customerId} and {@code countryCode} are
 * optional (null when not given): the orders service may pass them so that fraud screening can look
 * at the customer's history and where the payment comes from.
 *
 * @param countryCode ISO 3166-1 alpha-2, upper case, e.g. {@code DE}
 */
public record ChargeCommand(OrderId orderId, Money amount, CardDetails card, String customerId, String countryCode) {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

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
    if (countryCode != null && !COUNTRY.matcher(countryCode).matches()) {
      throw new IllegalArgumentException("A country code is two upper-case letters (ISO 3166-1 alpha-2)");
    }
  }

  public Optional<String> customer() {
    return Optional.ofNullable(customerId);
  }

  public Optional<String> country() {
    return Optional.ofNullable(countryCode);
  }

  @Override
  public String toString() {
    // the record's default would print the card through CardDetails.toString, which masks it;
    // spelled out so that no later change to the components can leak the number
    return "ChargeCommand[orderId=" + orderId + ", amount=" + amount + ", card=****" + card.last4() + "]";
  }
}
