package dev.vertxshop.notifications.domain;

/** Which e-mail a customer got about an order. */
public enum EmailKind {
  /** The order was completed: stock reserved and payment taken. */
  CONFIRMATION,
  /** The order was cancelled, with the reason in the customer's words. */
  CANCELLATION
}
