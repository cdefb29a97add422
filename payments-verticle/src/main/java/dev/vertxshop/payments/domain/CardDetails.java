package dev.vertxshop.payments.domain;

import java.util.Objects;

/**
 * A card as the payer gave it: 12 to 19 digits. A number that fails the Luhn check is still a
 * {@code CardDetails}, because rejecting it is the card network's answer ({@link
 * DeclineReason#INCORRECT_NUMBER}), not a malformed request.
 *
 * <p>The full number lives only as long as the charge request: nothing stores it, and {@link
 * #toString()} shows the last four digits only, so a log line can never leak it.
 */
public record CardDetails(String number) {

  public CardDetails {
    Objects.requireNonNull(number, "card number");
    if (number.length() < 12 || number.length() > 19) {
      throw new IllegalArgumentException("A card number has 12 to 19 digits");
    }
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("A card number has digits only");
      }
    }
  }

  public static CardDetails of(String number) {
    return new CardDetails(number);
  }

  /** The last four digits: all that a charge keeps of the card. */
  public String last4() {
    return number.substring(number.length() - 4);
  }

  /** The issuer identification number (first six digits), which fraud checks may use. */
  public String bin() {
    return number.substring(0, 6);
  }

  public boolean passesLuhnCheck() {
    return Luhn.isValid(number);
  }

  public boolean endsWith(String suffix) {
    return number.endsWith(suffix);
  }

  @Override
  public String toString() {
    return "CardDetails[****" + last4() + "]";
  }
}
