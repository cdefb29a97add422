package dev.vertxshop.fraud.domain;

/**
 * The outcome of screening one transaction.
 *
 * @param transactionId the transaction's id (for an invalid stream item: what the caller sent, possibly empty)
 * @param fraud the risk score reached the configured fraud threshold
 * @param riskScore 0 (no rule fired) to 1
 * @param reasonCode the name of the heaviest {@link Rule} that fired, {@link #NONE} when none fired,
 *     {@link #INVALID_REQUEST} for an item that could not be screened
 */
public record Verdict(String transactionId, boolean fraud, float riskScore, String reasonCode) {

  /** No rule fired. */
  public static final String NONE = "NONE";

  /** The item was malformed and not screened (stream results only; a single call fails instead). */
  public static final String INVALID_REQUEST = "INVALID_REQUEST";

  public Verdict {
    if (transactionId == null) {
      throw new IllegalArgumentException("transactionId is required");
    }
    if (!(riskScore >= 0f && riskScore <= 1f)) {
      throw new IllegalArgumentException("riskScore " + riskScore + " is outside 0..1");
    }
    if (reasonCode == null || reasonCode.isBlank()) {
      throw new IllegalArgumentException("reasonCode is required");
    }
  }

  /** The answer for an item that could not be screened: not fraud, score 0, reason {@link #INVALID_REQUEST}. */
  public static Verdict invalidRequest(String transactionId) {
    return new Verdict(transactionId == null ? "" : transactionId, false, 0f, INVALID_REQUEST);
  }
}
