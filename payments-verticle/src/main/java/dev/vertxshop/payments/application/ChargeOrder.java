package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.DeclineReason;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges an order's total, once per order: fraud screening first, then the card network, then the
 * charge and its ledger entry are recorded together. An order that has a charge already (in any
 * status) is answered with that charge and nothing is asked or written.
 */
public final class ChargeOrder {

  private static final Logger LOG = LoggerFactory.getLogger(ChargeOrder.class);

  private final ChargeRepository charges;
  private final FraudScreening screening;
  private final CardNetwork network;
  private final Clock clock;
  private final Supplier<UUID> chargeIds;

  public ChargeOrder(
      ChargeRepository charges, FraudScreening screening, CardNetwork network, Clock clock, Supplier<UUID> chargeIds) {
    this.charges = Objects.requireNonNull(charges);
    this.screening = Objects.requireNonNull(screening);
    this.network = Objects.requireNonNull(network);
    this.clock = Objects.requireNonNull(clock);
    this.chargeIds = Objects.requireNonNull(chargeIds);
  }

  public Future<ChargeOutcome> charge(ChargeCommand command) {
    return charges.find(command.orderId())
        .compose(existing -> existing.isPresent()
            ? Future.succeededFuture(ChargeOutcome.existing(existing.get()))
            : chargeFirstTime(command));
  }

  private Future<ChargeOutcome> chargeFirstTime(ChargeCommand command) {
    return screen(command)
        .compose(verdict -> verdict.approved() ? authorize(command) : rejectedByScreening(command, verdict))
        .map(authorization -> newCharge(command, authorization))
        .compose(charges::recordFirst)
        .onSuccess(this::logOutcome);
  }

  private Future<FraudVerdict> screen(ChargeCommand command) {
    return screening.screen(FraudCheck.of(command))
        .recover(failure -> Future.failedFuture(new DependencyUnavailableException("fraud screening", failure)));
  }

  private Future<Authorization> rejectedByScreening(ChargeCommand command, FraudVerdict verdict) {
    LOG.info("Order {}: fraud screening rejected the payment ({})", command.orderId(), verdict.reason());
    return Future.succeededFuture(Authorization.decline(DeclineReason.FRAUD_SUSPECTED));
  }

  private Future<Authorization> authorize(ChargeCommand command) {
    return network.authorize(command.orderId(), command.card(), command.amount())
        .recover(failure -> Future.failedFuture(new DependencyUnavailableException("card network", failure)));
  }

  private Charge newCharge(ChargeCommand command, Authorization authorization) {
    return Charge.authorized(
        chargeIds.get(), command.orderId(), command.amount(), command.card(), authorization, now());
  }

  private void logOutcome(ChargeOutcome outcome) {
    Charge charge = outcome.charge();
    if (outcome.created()) {
      LOG.info("Order {}: charge {} of {} {}{}", charge.orderId(), charge.chargeId(), charge.amount(), charge.status(),
          charge.decline().map(reason -> " (" + reason.code() + ")").orElse(""));
    } else {
      LOG.info("Order {}: a concurrent request recorded charge {} first; this one changed nothing",
          charge.orderId(), charge.chargeId());
    }
  }

  // PostgreSQL keeps microseconds: truncating here makes a fresh answer equal a stored one.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
