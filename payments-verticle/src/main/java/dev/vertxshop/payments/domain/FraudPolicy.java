package dev.vertxshop.payments.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * What happens to a payment when fraud screening gives no answer (no verdict within the deadline,
 * the service unreachable, its circuit breaker open, any error).
 *
 * <p>{@link Mode#FAIL_CLOSED} declines every such payment. {@link Mode#FAIL_OPEN} lets a payment
 * go on to the card network unscreened when its amount is below {@code failOpenLimit}, and declines
 * larger ones: a short outage of screening then costs the shop neither its small sales nor an
 * unscreened large one. Either way a declined payment gets {@link
 * DeclineReason#FRAUD_CHECK_UNAVAILABLE}.
 *
 * @param mode fail-open or fail-closed
 * @param failOpenLimit in fail-open mode, payments of this amount or more are declined; zero
 *     declines all of them
 */
public record FraudPolicy(Mode mode, Money failOpenLimit) {

  /** The two policies, by the codes configuration uses. */
  public enum Mode {
    FAIL_OPEN("fail-open"),
    FAIL_CLOSED("fail-closed");

    private final String code;

    Mode(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Mode fromCode(String code) {
      return Arrays.stream(values())
          .filter(mode -> mode.code.equals(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "'" + code + "' is not a fraud policy; use " + FAIL_OPEN.code + " or " + FAIL_CLOSED.code));
    }
  }

  public FraudPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(failOpenLimit, "fail-open limit");
  }

  public static FraudPolicy failOpenBelow(Money limit) {
    return new FraudPolicy(Mode.FAIL_OPEN, limit);
  }

  public static FraudPolicy failClosed() {
    return new FraudPolicy(Mode.FAIL_CLOSED, Money.ZERO);
  }

  /** Whether a payment of {@code amount} goes ahead unscreened when screening gave no answer. */
  public boolean letsThroughUnscreened(Money amount) {
    return mode == Mode.FAIL_OPEN && amount.compareTo(failOpenLimit) < 0;
  }
}
