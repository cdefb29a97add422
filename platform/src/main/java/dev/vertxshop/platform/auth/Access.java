package dev.vertxshop.platform.auth;

/** What a request must present to reach an operation. */
public enum Access {
  /** Nothing: health probes, metrics, the catalogue. */
  OPEN,
  /** Any valid token; the operation acts for the token's subject (a customer). */
  CUSTOMER,
  /**
   * A token with the internal grant: what only services call (reservations, charges, refunds).
   * With {@code auth.service.mode: forward} the callers' own tokens arrive instead, so any valid
   * token is accepted.
   */
  INTERNAL,
  /** A token with the admin grant: operators' endpoints ({@code /admin/*}, stock changes). */
  ADMIN
}
