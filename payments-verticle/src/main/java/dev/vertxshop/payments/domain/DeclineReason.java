package dev.vertxshop.payments.domain;

import java.util.Arrays;

/** Why a charge was declined; {@link #code()} is the value the API and the database use. */
public enum DeclineReason {
  /** The card number fails the Luhn check. */
  INCORRECT_NUMBER("incorrect_number"),
  /** The issuer refused without giving a reason. */
  CARD_DECLINED("card_declined"),
  /** The account cannot cover the amount. */
  INSUFFICIENT_FUNDS("insufficient_funds"),
  /** Fraud screening rejected the payment; the card network was not asked. */
  FRAUD_SUSPECTED("fraud_suspected"),
  /**
   * Fraud screening gave no answer and the {@link FraudPolicy} does not let the payment through
   * unscreened; the card network was not asked.
   */
  FRAUD_CHECK_UNAVAILABLE("fraud_check_unavailable");

  private final String code;

  DeclineReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static DeclineReason fromCode(String code) {
    return Arrays.stream(values())
        .filter(reason -> reason.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown decline reason '" + code + "'"));
  }
}
