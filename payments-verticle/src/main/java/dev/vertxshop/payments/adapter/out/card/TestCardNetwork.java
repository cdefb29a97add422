package dev.vertxshop.payments.adapter.out.card;

import dev.vertxshop.payments.application.CardNetwork;
import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;

/**
 * A test card network: no money moves anywhere. It answers from documented test card numbers, the
 * way payment providers' sandboxes do:
 *
 * <ul>
 *   <li>a number that fails the Luhn check is declined {@code incorrect_number};
 *   <li>a number ending in {@code 0002} (e.g. 4000000000000002) is declined {@code card_declined};
 *   <li>a number ending in {@code 9995} (e.g. 4000000000009995) is declined {@code
 *       insufficient_funds};
 *   <li>any other number (e.g. 4242424242424242, 5555555555554444) is approved.
 * </ul>
 */
public final class TestCardNetwork implements CardNetwork {

  @Override
  public Future<Authorization> authorize(OrderId orderId, CardDetails card, Money amount) {
    return Future.succeededFuture(decide(card));
  }

  /** The answer the test network gives for {@code card}, whatever the amount. */
  public static Authorization decide(CardDetails card) {
    if (!card.passesLuhnCheck()) {
      return Authorization.decline(DeclineReason.INCORRECT_NUMBER);
    }
    if (card.endsWith("0002")) {
      return Authorization.decline(DeclineReason.CARD_DECLINED);
    }
    if (card.endsWith("9995")) {
      return Authorization.decline(DeclineReason.INSUFFICIENT_FUNDS);
    }
    return Authorization.approve();
  }
}
