package dev.vertxshop.payments.application;

import io.vertx.core.Future;

/**
 * Fraud screening, asked before the card network. A rejection declines the charge with {@code
 * fraud_suspected} and the card network is never asked.
 *
 * <p>A failed future means screening gave no answer; the charge's {@code FraudPolicy} then
 * decides. Adapters fail with a {@link ScreeningUnavailableException} saying why, which is what the
 * record of a fail-open decision keeps; any other failure counts as {@link
 * ScreeningUnavailableException.Kind#ERROR}. Adapters must answer or fail within their own deadline:
 * the charge request waits for them.
 */
public interface FraudScreening {

  Future<FraudVerdict> screen(FraudCheck check);
}
