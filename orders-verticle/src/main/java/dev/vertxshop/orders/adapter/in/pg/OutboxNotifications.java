package dev.vertxshop.orders.adapter.in.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the PostgreSQL channel {@code orders_outbox}, which a trigger notifies when a
 * transaction that added outbox events commits, and wakes the relay. One connection of its own; a
 * lost connection is re-established with a growing delay, and the relay is woken again once it
 * listens, since notifications sent while nobody listened are lost.
 */
public final class OutboxNotifications {

  /** The channel the outbox trigger notifies. */
  public static final String CHANNEL = "orders_outbox";
  private static final Logger LOG = LoggerFactory.getLogger(OutboxNotifications.class);
  private static final long MAX_RECONNECT_DELAY_MS = 5_000;

  private final PgSubscriber subscriber;

  private OutboxNotifications(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Listens and calls {@code wake} on every notification, and on every (re)subscription. */
  public static Future<OutboxNotifications> listen(Vertx vertx, PgConnectOptions options, Runnable wake) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options)
        .reconnectPolicy(OutboxNotifications::reconnectDelay);
    subscriber.channel(CHANNEL)
        .subscribeHandler(listening -> wake.run())
        .handler(payload -> wake.run());
    subscriber.closeHandler(closed -> LOG.info("No longer listening on {}", CHANNEL));
    return subscriber.connect().map(connected -> new OutboxNotifications(subscriber));
  }

  /** Retries forever: 100 ms doubling up to 5 s between attempts. */
  private static long reconnectDelay(int retries) {
    if (retries == 0) {
      LOG.warn("The connection listening on {} was lost; reconnecting (the relay polls meanwhile)", CHANNEL);
    }
    return Math.min(MAX_RECONNECT_DELAY_MS, 100L << Math.min(retries, 6));
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
