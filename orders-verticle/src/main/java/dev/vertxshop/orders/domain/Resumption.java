package dev.vertxshop.orders.domain;

import java.util.Objects;

/**
 * How a runner that takes a saga over from its durable record goes on with it (after a crash, or
 * when the runner that started it stopped). {@code saga} is the saga to drive from: the stored one,
 * or, when the current step cannot be done, the stored one moved on to compensating (to be
 * recorded before anything is called).
 */
public record Resumption(Kind kind, Saga saga) {

  /** What the step log says may have happened, and what is done about it. */
  public enum Kind {
    /** The current forward step was never attempted: it runs now. */
    RUN,
    /**
     * The current forward step was attempted and its outcome is not recorded (in doubt): it is
     * issued again, which is safe because it is idempotent on the order id.
     */
    REISSUE,
    /**
     * The current forward step is in doubt and cannot be issued again (a charge needs the card
     * details, which are never stored): it is treated as an unknown outcome, so it is undone along
     * with the steps before it.
     */
    COMPENSATE_IN_DOUBT,
    /**
     * The current forward step cannot be issued by this runner and was never attempted: the steps
     * before it are undone.
     */
    COMPENSATE_UNSTARTED,
    /** The saga was undoing a step: that undo is issued again (undos are idempotent). */
    CONTINUE_COMPENSATION,
    /** The saga is over or parked: nothing to do. */
    NOTHING;

    /** Whether the saga moved on (to compensating) and that must be recorded first. */
    public boolean changesTheSaga() {
      return this == COMPENSATE_IN_DOUBT || this == COMPENSATE_UNSTARTED;
    }
  }

  public Resumption {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(saga, "saga");
  }
}
