package dev.vertxshop.fraud.adapter.in.grpc;

import dev.vertxshop.contracts.fraud.FraudCheckResult;
import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.fraud.domain.InvalidTransactionException;
import dev.vertxshop.fraud.domain.Transaction;
import dev.vertxshop.fraud.domain.Verdict;

/**
 * Maps the {@code fraud.proto} messages to the domain and back. Public so that any server of the same
 * contract (e.g. a plain grpc-java one) answers exactly as this service does.
 */
public final class FraudMessages {

  private FraudMessages() {}

  /**
   * The transaction a request describes.
   *
   * @throws InvalidTransactionException naming the first invalid field
   */
  public static Transaction transaction(TransactionRequest request) {
    return new Transaction(request.getTransactionId(), request.getUserId(), request.getAmountCents(),
        request.getMerchantId(), request.getCountryCode());
  }

  /** The wire form of a verdict. */
  public static FraudCheckResult result(Verdict verdict) {
    return FraudCheckResult.newBuilder()
        .setTransactionId(verdict.transactionId())
        .setIsFraud(verdict.fraud())
        .setRiskScore(verdict.riskScore())
        .setReasonCode(verdict.reasonCode())
        .build();
  }

  /**
   * The answer for a stream item that cannot be screened: its transaction id as sent (empty if none),
   * not fraud, score 0, reason {@code INVALID_REQUEST}.
   */
  public static FraudCheckResult invalidRequest(TransactionRequest request) {
    return result(Verdict.invalidRequest(request.getTransactionId()));
  }
}
