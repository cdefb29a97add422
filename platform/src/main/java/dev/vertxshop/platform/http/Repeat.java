package dev.vertxshop.platform.http;

/**
 * Whether a call may be sent more than once. Only {@link #SAFE} calls are retried after a timeout,
 * a connection failure, a 5xx or an invalid answer; a 4xx is an answer and never retried.
 */
public enum Repeat {
  /**
   * Sending the call twice has the same effect as sending it once: a read, or a write the other
   * service deduplicates (for instance by an idempotency key such as the order id).
   */
  SAFE,
  /** The call is sent once at most, whatever happens. */
  NEVER
}
