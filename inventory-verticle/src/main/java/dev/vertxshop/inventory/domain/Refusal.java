package dev.vertxshop.inventory.domain;

/** Why a reservation refused a change of state. */
public enum Refusal {
  /** A committed reservation cannot be cancelled: its stock has left the warehouse. */
  ALREADY_COMMITTED,
  /** A cancelled reservation cannot be committed: its stock was given back. */
  ALREADY_CANCELLED
}
