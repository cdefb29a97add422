package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
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
  Future<ChargeOutcome> recordFirst(Charge charge);

  /**
   * Locks the order's charge (or its absence), lets {@code decide} choose the change and applies
   * it, ledger entry included, in one transaction. {@code decide} may run more than once when a
   * charge appears concurrently; it must not have side effects.
   */
  Future<Charge> change(OrderId orderId, Function<Optional<Charge>, ChargeChange> decide);
}
