package dev.vertxshop.orders.domain;

import java.util.regex.Pattern;

/**
 * How the customer pays. Only handed to payments for the charge; never stored and never printed in
 * full.
 */
public record PaymentMethod(String type, String cardNumber) {

  public static final String CARD = "card";
  private static final Pattern CARD_NUMBER = Pattern.compile("^[0-9]{12,19}$");

  public PaymentMethod {
    if (!CARD.equals(type)) {
      throw new InvalidOrderException("payment method type must be 'card', not '" + type + "'");
    }
    if (cardNumber == null || !CARD_NUMBER.matcher(cardNumber).matches()) {
      throw new InvalidOrderException("card number must be 12 to 19 digits");
    }
  }

  public static PaymentMethod card(String cardNumber) {
    return new PaymentMethod(CARD, cardNumber);
  }

  @Override
  public String toString() {
    return "PaymentMethod[" + type + " ending " + cardNumber.substring(cardNumber.length() - 4) + "]";
  }
}
