package dev.vertxshop.orders.domain;

/** A line of the step log: the attempt began, or it ended one way or the other. */
public enum StepStatus {
  STARTED,
  SUCCEEDED,
  FAILED
}
