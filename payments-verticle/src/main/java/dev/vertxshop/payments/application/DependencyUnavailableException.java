package dev.vertxshop.payments.application;

/**
 * A system that a charge depends on (the card network) gave no answer. Nothing was recorded, so the
 * request can be repeated. Fraud screening without an answer is not one of these: the fraud policy
 * decides the charge instead.
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
