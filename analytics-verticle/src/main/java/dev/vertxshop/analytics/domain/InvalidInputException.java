package dev.vertxshop.analytics.domain;

/** A value that breaks a rule of the domain; the message says which rule, in words a client can act on. */
public final class InvalidInputException extends IllegalArgumentException {

  public InvalidInputException(String message) {
    super(message);
  }
}
