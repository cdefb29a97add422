package dev.vertxshop.notifications.domain;

/** Order data that breaks a rule of the domain records, such as a missing e-mail address or a zero quantity. */
public final class InvalidOrderException extends IllegalArgumentException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
