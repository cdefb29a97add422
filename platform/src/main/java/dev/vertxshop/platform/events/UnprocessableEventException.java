package dev.vertxshop.platform.events;

/**
 * An event that can never be handled, however often it is tried (unparseable, or its data is not
 * what its type promises). It goes to the consumer's dead-letter topic at once.
 */
public final class UnprocessableEventException extends RuntimeException {

  public UnprocessableEventException(String message) {
    super(message);
  }

  public UnprocessableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
