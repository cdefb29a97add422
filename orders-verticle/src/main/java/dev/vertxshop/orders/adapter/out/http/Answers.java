package dev.vertxshop.orders.adapter.out.http;

import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.platform.http.DownstreamException;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ServiceResponse;
import java.time.Duration;

/** Reading 4xx answers from other services. */
final class Answers {

  private Answers() {}

  /** The problem type's slug, or {@code http-<status>} when the body is not a problem. */
  static String slug(ServiceResponse response) {
    Problem problem = response.problem();
    return problem == null ? "http-" + response.status() : problem.slug();
  }

  /** The problem's detail, or the status when there is none. */
  static String detail(ServiceResponse response) {
    Problem problem = response.problem();
    String detail = problem == null ? null : problem.detail();
    return detail == null ? "answered " + response.status() + " " + slug(response) : detail;
  }

  /** An extension member of the problem (such as {@code productId}), or null. */
  static String extension(ServiceResponse response, String member) {
    Problem problem = response.problem();
    Object value = problem == null ? null : problem.extensions().getValue(member);
    return value instanceof String text ? text : null;
  }

  /**
   * An undo that failed: not attempted when the service's circuit breaker refused it (nothing was
   * sent), otherwise of unknown outcome.
   */
  static CompensationOutcome compensationFailure(Throwable failure) {
    if (failure instanceof DownstreamException downstream && downstream.kind() == DownstreamException.Kind.CIRCUIT_OPEN) {
      return new CompensationOutcome.NotAttempted(describe(failure), downstream.retryAfter().orElse(Duration.ofSeconds(1)));
    }
    return new CompensationOutcome.Unknown(describe(failure));
  }

  static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
