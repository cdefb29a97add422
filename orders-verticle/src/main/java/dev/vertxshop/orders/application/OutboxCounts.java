package dev.vertxshop.orders.application;

import java.time.Instant;

/**
 * The outbox at a glance.
 *
 * @param pending events waiting to be published
 * @param oldestPendingAt when the oldest pending event's order was settled, or null when none is pending
 * @param published published events not pruned yet
 */
public record OutboxCounts(long pending, Instant oldestPendingAt, long published) {}
