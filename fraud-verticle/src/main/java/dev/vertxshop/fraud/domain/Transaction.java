package dev.vertxshop.fraud.domain;

/**
 * A payment to screen. Valid by construction: the ids are non-blank and at most {@value #MAX_ID_LENGTH}
 * characters, the amount is not negative and the country is an ISO 3166-1 alpha-2 code in upper case.
 *
 * @param transactionId chosen by the caller, echoed in the verdict
 * @param userId whose money moves; velocity and country history are kept per user
 * @param amountCents the amount in cents
 * @param merchantId who is paid
 * @param countryCode where the transaction happens, e.g. {@code DE}
 * @throws InvalidTransactionException naming the first invalid field
 */
public record Transaction(String transactionId, String userId, long amountCents, String merchantId, String countryCode) {

  public static final int MAX_ID_LENGTH = 128;

  /** Longest piece of an invalid value quoted back in a message. */
  private static final int QUOTE_LIMIT = 16;

  public Transaction {
    requireId("transaction_id", transactionId);
    requireId("user_id", userId);
    if (amountCents < 0) {
      throw new InvalidTransactionException("amount_cents", "must not be negative (was " + amountCents + ")");
    }
    requireId("merchant_id", merchantId);
    if (!isCountryCode(countryCode)) {
      throw new InvalidTransactionException("country_code",
          "must be two upper-case letters (ISO 3166-1 alpha-2, e.g. DE), was " + quote(countryCode));
    }
  }

  private static void requireId(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidTransactionException(field, "is required (was blank)");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new InvalidTransactionException(field,
          "must be at most " + MAX_ID_LENGTH + " characters (was " + value.length() + ")");
    }
  }

  static boolean isCountryCode(String value) {
    return value != null && value.length() == 2 && isUpperLetter(value.charAt(0)) && isUpperLetter(value.charAt(1));
  }

  private static boolean isUpperLetter(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    return value.length() <= QUOTE_LIMIT ? "'" + value + "'" : "'" + value.substring(0, QUOTE_LIMIT) + "...'";
  }
}
