package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Function;

/** Where charges and their ledger entries are kept. An order has at most one charge. */
public interface ChargeRepository {

  Future<Optional<Charge>> find(OrderId orderId);

  /**
   * Records {@code charge} unless its order already has one, together with its opening ledger
   * entry in the same transaction. When the order has a charge already (also one recorded
   * concurrently), nothing is written and that charge is returned with {@code created == false}.
   */
  default Future<ChargeOutcome> recordFirst(Charge charge) {
    return recordFirst(charge, Optional.empty());
  }

  /**
   * As {@link #recordFirst(Charge)}, and when the charge is recorded and {@code failOpen} is
   * present, the decision that let it through unscreened is recorded in the same transaction: a
   * charge that went through unscreened never exists without its record. A charge that loses to
   * one recorded first writes neither.
   */
  Future<ChargeOutcome> recordFirst(Charge charge, Optional<FailOpenDecision> failOpen);

  /**
   * Locks the order's charge (or its absence), lets {@code decide} choose the change and applies
   * it, ledger entry included, in one transaction. {@code decide} may run more than once when a
   * charge appears concurrently; it must not have side effects.
   */
  Future<Charge> change(OrderId orderId, Function<Optional<Charge>, ChargeChange> decide);
}
