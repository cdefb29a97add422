package dev.vertxshop.payments.application;

/**
 * A system that a charge depends on (card network, fraud screening) gave no answer. Nothing was
 * recorded, so the request can be repeated.
 */
public final class DependencyUnavailableException extends RuntimeException {

  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " gave no answer: " + (cause == null ? "unknown failure" : cause.getMessage()), cause);
    this.dependency = dependency;
  }

  public String dependency() {
    return dependency;
  }
}
