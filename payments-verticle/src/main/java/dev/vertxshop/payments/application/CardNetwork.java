package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;

/** The card network, which is outside the system: it takes money from a card or says why not. */
public interface CardNetwork {

  /**
   * Asks the network to take {@code amount} from {@code card}. A decline is a successful future
   * holding a declined {@link Authorization}; a failed future means the network gave no answer, and
   * nothing may be assumed about the money.
   *
   * <p>{@code orderId} is the idempotency key to hand to the network: two concurrent first charge
   * requests for one order may both reach this call, and only one of them is recorded.
   */
  Future<Authorization> authorize(OrderId orderId, CardDetails card, Money amount);
}
