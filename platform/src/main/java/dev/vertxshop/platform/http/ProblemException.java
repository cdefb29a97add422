package dev.vertxshop.platform.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Fails a request with a given problem; the problem handler writes it as the response, with a
 * {@code Retry-After} header (whole seconds, rounded up) when {@link #retryAfter()} is set.
 */
public class ProblemException extends RuntimeException {

  private final Problem problem;
  private final Duration retryAfter;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  /** A problem whose answer tells the client to wait {@code retryAfter} (null: no header). */
  public ProblemException(Problem problem, Duration retryAfter) {
    super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  public Problem problem() {
    return problem;
  }

  /** How long the client should wait before trying again, when known. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** 503 {@code service-unavailable}, with {@code Retry-After} when {@code retryAfter} is not null. */
  public static ProblemException serviceUnavailable(String detail, Duration retryAfter) {
    return new ProblemException(Problem.of("service-unavailable", "Service unavailable", 503, detail), retryAfter);
  }

  /**
   * 503 {@code service-unavailable} for a call to another service that failed, naming it in the
   * {@code service} member; with {@code Retry-After} when its circuit breaker is open. The problem
   * handler answers every {@link DownstreamException} that reaches it this way.
   */
  public static ProblemException unavailable(DownstreamException failure) {
    String detail = failure.kind() == DownstreamException.Kind.CIRCUIT_OPEN
        ? failure.service() + " is unavailable and is not being called for now; try again later"
        : failure.service() + " gave no usable answer; try again later";
    return new ProblemException(Problem.of("service-unavailable", "Service unavailable", 503, detail)
        .with("service", failure.service()), failure.retryAfter().orElse(null));
  }

  /** The value of a {@code Retry-After} header: whole seconds, rounded up, at least 1. */
  public static String retryAfterSeconds(Duration retryAfter) {
    long millis = Math.max(0, retryAfter.toMillis());
    return Long.toString(Math.max(1, (millis + 999) / 1000));
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of("validation-failed", "Invalid request", 400, detail));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of("not-found", "Not found", 404, detail));
  }

  public static ProblemException conflict(String slug, String title, String detail) {
    return new ProblemException(Problem.of(slug, title, 409, detail));
  }

  public static ProblemException unprocessable(String slug, String title, String detail) {
    return new ProblemException(Problem.of(slug, title, 422, detail));
  }
}
