package dev.vertxshop.platform.http;

/**
 * Another service gave no usable answer: it timed out, could not be reached, answered 5xx, or
 * answered something that is not JSON. Whether the call took effect is unknown.
 */
public final class DownstreamException extends RuntimeException {

  /** Why the call failed. */
  public enum Kind { TIMEOUT, CONNECTION, SERVER_ERROR, INVALID_RESPONSE }

  private final String service;
  private final Kind kind;
  private final int status;

  public DownstreamException(String service, Kind kind, int status, String message, Throwable cause) {
    super(service + ": " + message, cause);
    this.service = service;
    this.kind = kind;
    this.status = status;
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
}
