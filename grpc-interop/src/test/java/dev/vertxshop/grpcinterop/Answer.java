package dev.vertxshop.grpcinterop;

import dev.vertxshop.contracts.fraud.FraudCheckResult;

/**
 * What a client saw for a call, in a form every client can produce: one {@link Result} per verdict,
 * one {@link Failure} per call that ended with an error status.
 */
sealed interface Answer {

  /** The largest difference between two clients' risk scores that still counts as the same. */
  double SCORE_TOLERANCE = 1e-6;

  /** Whether {@code other} is the same answer, risk scores within {@link #SCORE_TOLERANCE}. */
  boolean sameAs(Answer other);

  /**
   * A verdict. The risk score is a proto float; each client widens it to a double its own way.
   *
   * @param rpc CheckTransaction or BatchCheck
   */
  record Result(String rpc, String transactionId, boolean fraud, double riskScore, String reasonCode) implements Answer {

    static Result of(String rpc, FraudCheckResult result) {
      return new Result(rpc, result.getTransactionId(), result.getIsFraud(), result.getRiskScore(), result.getReasonCode());
    }

    @Override
    public boolean sameAs(Answer other) {
      return other instanceof Result that
          && rpc.equals(that.rpc)
          && transactionId.equals(that.transactionId)
          && fraud == that.fraud
          && Math.abs(riskScore - that.riskScore) <= SCORE_TOLERANCE
          && reasonCode.equals(that.reasonCode);
    }
  }

  /**
   * A call that ended with an error status.
   *
   * @param code the gRPC status code (3 is INVALID_ARGUMENT, 7 PERMISSION_DENIED, 16 UNAUTHENTICATED)
   * @param message the status message, decoded
   */
  record Failure(String rpc, int code, String message) implements Answer {

    @Override
    public boolean sameAs(Answer other) {
      return equals(other);
    }
  }
}
