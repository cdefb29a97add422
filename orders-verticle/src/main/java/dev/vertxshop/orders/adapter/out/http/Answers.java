package dev.vertxshop.orders.adapter.out.http;

import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ServiceResponse;

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

  static String describe(Throwable failure) {
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
