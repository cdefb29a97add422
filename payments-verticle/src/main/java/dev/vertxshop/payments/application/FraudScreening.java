package dev.vertxshop.payments.application;

import io.vertx.core.Future;

/**
 * Fraud screening, asked before the card network. A rejection declines the charge with {@code
 * fraud_suspected} and the card network is never asked; a failed future means screening gave no
 * answer, and the charge request fails without recording anything (the caller may retry).
 */
public interface FraudScreening {

  Future<FraudVerdict> screen(FraudCheck check);
}
