package dev.vertxshop.orders.domain;

import java.util.Objects;

/** How a forward step ended, as the saga sees it. */
public sealed interface StepOutcome {

  /** For the step log. */
  String detail();

  /** The step took effect. */
  record Succeeded(String detail) implements StepOutcome {}

  /** The step certainly took no effect (a definite "no"), so it needs no undo. */
  record Failed(RejectionReason reason, String detail) implements StepOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Nobody knows whether the step took effect (timeout, 5xx, lost connection): it counts as failed
   * and is undone too, which is safe because every undo is idempotent and tolerates an unknown id.
   */
  record Unknown(RejectionReason reason, String detail) implements StepOutcome {
    public Unknown {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
