package dev.vertxshop.platform.auth;

/** A bearer token that cannot be trusted; the message says why, for the log, never for the client. */
public final class InvalidTokenException extends RuntimeException {

  public InvalidTokenException(String reason) {
    super(reason, null, false, false);
  }
}
