package dev.vertxshop.payments.domain;

import java.util.Optional;

/** The card network's answer to a charge: approved, or declined with a reason. */
public record Authorization(boolean approved, DeclineReason declineReason) {

  public Authorization {
    if (approved && declineReason != null) {
      throw new IllegalArgumentException("An approved authorization has no decline reason");
    }
    if (!approved && declineReason == null) {
      throw new IllegalArgumentException("A declined authorization needs a reason");
    }
  }

  public static Authorization approve() {
    return new Authorization(true, null);
  }

  public static Authorization decline(DeclineReason reason) {
    return new Authorization(false, reason);
  }

  public Optional<DeclineReason> decline() {
    return Optional.ofNullable(declineReason);
  }
}
