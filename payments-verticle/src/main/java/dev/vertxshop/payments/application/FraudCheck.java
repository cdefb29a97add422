package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import java.util.Objects;
import java.util.Optional;

/**
 * What fraud screening sees of a payment: never the full card number, only its issuer prefix
 * (first six digits) and last four digits. {@code customerId} and {@code countryCode} are null when
 * the caller did not give them; the screening adapter chooses what stands in for them.
 */
public record FraudCheck(
    OrderId orderId, Money amount, String cardBin, String cardLast4, String customerId, String countryCode) {

  public FraudCheck {
    Objects.requireNonNull(orderId, "order id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(cardBin, "card bin");
    Objects.requireNonNull(cardLast4, "card last4");
  }

  public static FraudCheck of(ChargeCommand command) {
    return new FraudCheck(command.orderId(), command.amount(), command.card().bin(), command.card().last4(),
        command.customerId(), command.countryCode());
  }

  public Optional<String> customer() {
    return Optional.ofNullable(customerId);
  }

  public Optional<String> country() {
    return Optional.ofNullable(countryCode);
  }
}
