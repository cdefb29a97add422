package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.FraudPolicy;
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
 *
 * <p>When screening gives no answer, the {@link FraudPolicy} decides: the payment is declined
 * {@code fraud_check_unavailable}, or it goes on to the card network unscreened and that fail-open
 * decision is logged and recorded in the transaction that records the charge.
 */
public final class ChargeOrder {

  private static final Logger LOG = LoggerFactory.getLogger(ChargeOrder.class);

  private final ChargeRepository charges;
  private final FraudScreening screening;
  private final FraudPolicy policy;
  private final CardNetwork network;
  private final Clock clock;
  private final Supplier<UUID> chargeIds;

  public ChargeOrder(ChargeRepository charges, FraudScreening screening, FraudPolicy policy, CardNetwork network,
      Clock clock, Supplier<UUID> chargeIds) {
    this.charges = Objects.requireNonNull(charges);
    this.screening = Objects.requireNonNull(screening);
    this.policy = Objects.requireNonNull(policy);
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
    return screen(command).compose(screened -> chargeScreened(command, screened));
  }

  private Future<ChargeOutcome> chargeScreened(ChargeCommand command, Screening screened) {
    Future<Authorization> authorization = screened.decline()
        .map(reason -> Future.succeededFuture(Authorization.decline(reason)))
        .orElseGet(() -> authorize(command));
    return authorization
        .map(answer -> newCharge(command, answer))
        .compose(charge -> charges.recordFirst(charge, screened.failOpen()))
        .onSuccess(this::logOutcome);
  }

  private Future<Screening> screen(ChargeCommand command) {
    Future<FraudVerdict> verdict;
    try {
      verdict = screening.screen(FraudCheck.of(command));
    } catch (RuntimeException e) {
      verdict = Future.failedFuture(e);
    }
    return verdict.transform(answer -> Future.succeededFuture(answer.succeeded()
        ? judged(command, answer.result())
        : unanswered(command, answer.cause())));
  }

  private Screening judged(ChargeCommand command, FraudVerdict verdict) {
    if (verdict.approved()) {
      return Screening.passed();
    }
    LOG.info("Order {}: fraud screening rejected the payment ({})", command.orderId(), verdict.reason());
    return Screening.declined(DeclineReason.FRAUD_SUSPECTED);
  }

  private Screening unanswered(ChargeCommand command, Throwable failure) {
    String reason = ScreeningUnavailableException.reasonOf(failure);
    if (policy.letsThroughUnscreened(command.amount())) {
      LOG.warn("Order {}: fraud screening gave no answer ({}); policy {} lets {} through unscreened (limit {})",
          command.orderId(), reason, policy.mode().code(), command.amount(), policy.failOpenLimit());
      return Screening.failedOpen(new FailOpenDecision(command.orderId(), command.amount(), reason, now()));
    }
    LOG.warn("Order {}: fraud screening gave no answer ({}); policy {} declines {} as {}",
        command.orderId(), reason, policy.mode().code(), command.amount(), DeclineReason.FRAUD_CHECK_UNAVAILABLE.code());
    return Screening.declined(DeclineReason.FRAUD_CHECK_UNAVAILABLE);
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
