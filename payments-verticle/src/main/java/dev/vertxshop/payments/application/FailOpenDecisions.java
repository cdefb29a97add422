package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.FailOpenReport;
import io.vertx.core.Future;

/** Read access to the recorded fail-open decisions (written with their charges). */
public interface FailOpenDecisions {

  /** How many there are, and the {@code latest} newest of them. */
  Future<FailOpenReport> report(int latest);
}
