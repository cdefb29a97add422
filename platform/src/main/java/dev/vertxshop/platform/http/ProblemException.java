package dev.vertxshop.platform.http;

/** Fails a request with a given problem; the problem handler writes it as the response. */
public class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
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
