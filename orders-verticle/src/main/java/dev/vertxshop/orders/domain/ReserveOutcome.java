package dev.vertxshop.orders.domain;

import java.util.List;

/** What inventory answered to "reserve these items for this order". */
public sealed interface ReserveOutcome {

  StepOutcome toStepOutcome();

  /** The stock is held (or the reservation was already held or committed) at these prices. */
  record Reserved(List<OrderItem> items, long totalCents) implements ReserveOutcome {
    public Reserved {
      items = List.copyOf(items);
      if (totalCents != Pricing.total(items)) {
        throw new IllegalArgumentException("a reservation totalling " + Pricing.total(items) + " claims " + totalCents);
      }
    }

    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Succeeded("reserved, total " + totalCents);
    }
  }

  /** Too little stock; {@code productId} may be null when inventory did not say which. */
  record Insufficient(String productId) implements ReserveOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, productId), "insufficient stock");
    }
  }

  /** A product is no longer in the catalogue. */
  record UnknownProduct(String productId) implements ReserveOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.UNKNOWN_PRODUCT, productId), "unknown product");
    }
  }

  /** The reservation id had been cancelled before (a compensation got there first): nothing is held. */
  record Cancelled() implements ReserveOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.RESERVATION_CANCELLED), "reservation already cancelled");
    }
  }

  /** Another 4xx problem: inventory said no, for a reason this service does not expect. */
  record Refused(String problemType, String detail) implements ReserveOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.INVENTORY_REFUSED, problemType), detail);
    }
  }

  /** No usable answer: the stock may or may not be held. */
  record Unknown(String detail) implements ReserveOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Unknown(RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE), detail);
    }
  }
}
