package dev.vertxshop.platform.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Another service gave no usable answer: it timed out, could not be reached, answered 5xx, or
 * answered something that is not JSON; whether the call took effect is unknown. Or the call was
 * not sent at all ({@link Kind#CIRCUIT_OPEN}), because that service's circuit breaker is open.
 *
 * <p>A request handler can pass it on as is, {@code ctx.fail(e)}: the problem handler answers 503
 * {@code service-unavailable}, with {@code Retry-After} when the breaker is open (see {@link
 * ProblemException#unavailable(DownstreamException)}).
 */
public final class DownstreamException extends RuntimeException {

  /** Why the call failed. */
  public enum Kind {
    TIMEOUT,
    CONNECTION,
    SERVER_ERROR,
    INVALID_RESPONSE,
    /** Not sent: the service's circuit breaker is open; see {@link #retryAfter()}. */
    CIRCUIT_OPEN
  }

  private final String service;
  private final Kind kind;
  private final int status;
  private final Duration retryAfter;

  public DownstreamException(String service, Kind kind, int status, String message, Throwable cause) {
    this(service, kind, status, message, cause, null, true);
  }

  private DownstreamException(String service, Kind kind, int status, String message, Throwable cause,
      Duration retryAfter, boolean writableStackTrace) {
    super(service + ": " + message, cause, true, writableStackTrace);
    this.service = service;
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /**
   * A call refused by an open circuit breaker, without network I/O; {@code retryAfter} is the time
   * until the breaker may let a trial call through.
   */
  public static DownstreamException circuitOpen(String service, String message, Duration retryAfter) {
    if (retryAfter == null || retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must be a positive duration, not " + retryAfter);
    }
    // Refusals are frequent while a service is down and their stack says nothing: none is filled.
    return new DownstreamException(service, Kind.CIRCUIT_OPEN, 0, message, null, retryAfter, false);
  }

  public String service() {
    return service;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#SERVER_ERROR} and {@link Kind#INVALID_RESPONSE}, 0 otherwise. */
  public int status() {
    return status;
  }

  /** For {@link Kind#CIRCUIT_OPEN}: the time until the breaker may admit a call again (at least 1 s). */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** False only for {@link Kind#CIRCUIT_OPEN}: the request certainly had no effect. */
  public boolean mayHaveTakenEffect() {
    return kind != Kind.CIRCUIT_OPEN;
  }
}
