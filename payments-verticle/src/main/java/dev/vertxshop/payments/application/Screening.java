package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import java.util.Optional;

/**
 * The outcome of the screening step of a charge: the payment goes on to the card network (screened,
 * or unscreened by a fail-open decision), or it is declined without asking the network.
 */
record Screening(Optional<DeclineReason> decline, Optional<FailOpenDecision> failOpen) {

  Screening {
    if (decline.isPresent() && failOpen.isPresent()) {
      throw new IllegalArgumentException("A payment let through unscreened is not declined by screening");
    }
  }

  static Screening passed() {
    return new Screening(Optional.empty(), Optional.empty());
  }

  static Screening declined(DeclineReason reason) {
    return new Screening(Optional.of(reason), Optional.empty());
  }

  static Screening failedOpen(FailOpenDecision decision) {
    return new Screening(Optional.empty(), Optional.of(decision));
  }
}
