package dev.vertxshop.payments.adapter.out.fraud;

import dev.vertxshop.payments.application.FraudCheck;
import dev.vertxshop.payments.application.FraudScreening;
import dev.vertxshop.payments.application.FraudVerdict;
import io.vertx.core.Future;

/**
 * Screening not wired yet: approves every payment without looking at it. It stands in for the
 * fraud service until that is reached over gRPC; nothing is screened while it is in place.
 */
public final class FraudScreeningNotWiredYet implements FraudScreening {

  @Override
  public Future<FraudVerdict> screen(FraudCheck check) {
    return Future.succeededFuture(FraudVerdict.approve());
  }
}
