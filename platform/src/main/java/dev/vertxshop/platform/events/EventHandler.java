package dev.vertxshop.platform.events;

import io.vertx.core.Future;

/**
 * What a consumer does with one event.
 *
 * <p>It may be called more than once for one event id (a redelivery after a crash, Redis emptied),
 * so it applies its effect at most once, deciding that by its own source of truth: for a database
 * effect, {@link ProcessedEvents#claim} in the same transaction as the effect. An event of a type it
 * does not handle succeeds doing nothing.
 *
 * <p>A failed future is retried with backoff through the consumer's retry topic, and dead-lettered
 * after {@code events.consumer.max-attempts}; a failure with {@link UnprocessableEventException}
 * is dead-lettered at once.
 */
@FunctionalInterface
public interface EventHandler {

  Future<Void> handle(CloudEvent event);
}
