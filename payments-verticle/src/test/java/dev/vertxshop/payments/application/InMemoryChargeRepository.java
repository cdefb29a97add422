package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.LedgerEntry;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A repository in memory for use case tests; single-threaded, as those tests are. */
final class InMemoryChargeRepository implements ChargeRepository {

  final Map<OrderId, Charge> charges = new LinkedHashMap<>();
  final List<LedgerEntry> ledger = new ArrayList<>();
  final List<FailOpenDecision> failOpens = new ArrayList<>();

  @Override
  public Future<Optional<Charge>> find(OrderId orderId) {
    return Future.succeededFuture(Optional.ofNullable(charges.get(orderId)));
  }

  @Override
  public Future<ChargeOutcome> recordFirst(Charge charge, Optional<FailOpenDecision> failOpen) {
    Charge existing = charges.get(charge.orderId());
    if (existing != null) {
      return Future.succeededFuture(ChargeOutcome.existing(existing));
    }
    charges.put(charge.orderId(), charge);
    charge.openingEntry().ifPresent(ledger::add);
    failOpen.ifPresent(failOpens::add);
    return Future.succeededFuture(ChargeOutcome.created(charge));
  }

  @Override
  public Future<Charge> change(OrderId orderId, Function<Optional<Charge>, ChargeChange> decide) {
    ChargeChange change = decide.apply(Optional.ofNullable(charges.get(orderId)));
    charges.put(orderId, change.charge());
    if (change instanceof ChargeChange.Refunded refunded) {
      ledger.add(refunded.entry());
    }
    return Future.succeededFuture(change.charge());
  }
}
