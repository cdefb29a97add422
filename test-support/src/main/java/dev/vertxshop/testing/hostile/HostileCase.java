package dev.vertxshop.testing.hostile;

/**
 * A hostile request and what it may be answered: {@code mustReject} requests are refused 4xx; the
 * others carry only parts an endpoint may rightly ignore (an unknown query parameter, an odd
 * header) and may succeed, but never with a 5xx.
 */
public record HostileCase(HostileRequest request, boolean mustReject) {

  public static HostileCase rejected(HostileRequest request) {
    return new HostileCase(request, true);
  }

  public static HostileCase harmless(HostileRequest request) {
    return new HostileCase(request, false);
  }

  @Override
  public String toString() {
    return (mustReject ? "must reject: " : "may ignore: ") + request;
  }
}
