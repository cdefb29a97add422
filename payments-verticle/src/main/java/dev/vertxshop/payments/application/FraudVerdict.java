package dev.vertxshop.payments.application;

import java.util.Objects;

/** Fraud screening's answer; {@code reason} says why a payment was rejected, for the log only. */
public record FraudVerdict(boolean approved, String reason) {

  public FraudVerdict {
    if (!approved) {
      Objects.requireNonNull(reason, "a rejection needs a reason");
    }
  }

  public static FraudVerdict approve() {
    return new FraudVerdict(true, null);
  }

  public static FraudVerdict reject(String reason) {
    return new FraudVerdict(false, reason);
  }
}
