package dev.vertxshop.platform.auth;

/** The identity provider's keys have not been fetched yet, so no token can be checked. */
public final class KeysUnavailableException extends RuntimeException {

  public KeysUnavailableException() {
    super("the identity provider's keys (JWKS) have not been fetched yet", null, false, false);
  }
}
