package dev.vertxshop.orders.domain;

/** Whether a step runs forward or is being undone. */
public enum StepAction {
  EXECUTE,
  COMPENSATE
}
