package dev.vertxshop.payments.application;

import java.util.Objects;

/** Fraud screening gave no verdict; {@link #reason()} is what a fail-open record keeps. */
public final class ScreeningUnavailableException extends RuntimeException {

  /** Why there was no verdict. */
  public enum Kind {
    /** No verdict within the deadline. */
    DEADLINE_EXCEEDED,
    /** The service could not be reached, or said it is unavailable. */
    UNAVAILABLE,
    /** The circuit breaker of the service is open: it was not asked. */
    CIRCUIT_OPEN,
    /** The service refused the request as invalid. */
    REFUSED,
    /** Any other failure. */
    ERROR
  }

  private final Kind kind;

  public ScreeningUnavailableException(Kind kind, String detail, Throwable cause) {
    super(Objects.requireNonNull(kind, "kind") + ": " + detail, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** {@code KIND: detail}, e.g. {@code DEADLINE_EXCEEDED: no verdict within 200 ms}. */
  public String reason() {
    return getMessage();
  }

  /** {@code failure} as a reason: its own when it is one of these, else {@code ERROR: message}. */
  static String reasonOf(Throwable failure) {
    if (failure instanceof ScreeningUnavailableException unavailable) {
      return unavailable.reason();
    }
    String message = failure.getMessage();
    return Kind.ERROR + ": " + (message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
  }
}
