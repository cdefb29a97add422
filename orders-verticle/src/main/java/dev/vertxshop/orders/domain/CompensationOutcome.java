package dev.vertxshop.orders.domain;

/** How an undo (cancel a reservation, refund a charge) ended. */
public sealed interface CompensationOutcome {

  /** For the step log. */
  String detail();

  /** The step is undone (or there was nothing to undo). */
  record Done(String detail) implements CompensationOutcome {}

  /** The other service refused for good; retrying cannot help. */
  record Refused(String problemType, String detail) implements CompensationOutcome {}

  /** No usable answer; the undo is retried later. */
  record Unknown(String detail) implements CompensationOutcome {}
}
