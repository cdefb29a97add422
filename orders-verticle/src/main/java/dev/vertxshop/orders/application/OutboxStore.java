package dev.vertxshop.orders.application;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The outbox: events written with the changes they tell of, waiting to be published. */
public interface OutboxStore {

  /**
   * In one transaction: claims up to {@code limit} pending events, oldest first, skipping those
   * another relay holds (so two relays never publish the same event at the same time); hands them
   * to {@code publish}; marks the events it answers as published (at its time); commits. Events
   * that {@code publish} does not name stay pending, and so do all of them when anything fails.
   * When no event is pending, {@code publish} gets an empty list.
   *
   * @return what {@code publish} answered
   */
  Future<RelayedBatch> relayPending(int limit, Function<List<OutboxEvent>, Future<RelayedBatch>> publish);

  /** Deletes up to {@code limit} events published before {@code publishedBefore}; answers how many. */
  Future<Integer> prune(Instant publishedBefore, int limit);

  /** How many events are pending and published, and when the oldest pending one was settled. */
  Future<OutboxCounts> counts();
}
