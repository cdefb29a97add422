package dev.vertxshop.platform.auth;

/** A valid token that does not grant what the operation needs; the message says what, for the log only. */
public final class MissingGrantException extends RuntimeException {

  public MissingGrantException(Caller caller, Access access) {
    super(caller.subject() + " lacks what " + access + " needs", null, false, false);
  }
}
