package dev.vertxshop.fraud.domain;

/**
 * A transaction that cannot be screened. The message names the field as the API spells it
 * ({@code transaction_id}, {@code amount_cents}, ...) and says what is wrong with it.
 */
public final class InvalidTransactionException extends RuntimeException {

  private final String field;

  public InvalidTransactionException(String field, String problem) {
    // A rejected request is an expected outcome on the hot path, not a bug: no stack trace to pay for.
    super(field + " " + problem, null, false, false);
    this.field = field;
  }

  /** The offending field, as the API spells it (e.g. {@code country_code}). */
  public String field() {
    return field;
  }
}
