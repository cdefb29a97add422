package dev.vertxshop.platform.events;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast duplicate filter: one Redis key per (group, event id) with two states. PROCESSING is set
 * with {@code SET NX PX <lease>} before the handler runs, so two consumers never run it at once for
 * one event; DONE replaces it after the handler's effect, for {@code doneTtl}; a failed handler
 * deletes the key so the next delivery tries again. Redis keeps nothing on disk and may be emptied
 * at any time: then the handler's own source of truth (PostgreSQL) decides, and Redis being down
 * only costs that extra question.
 */
final class RedisDeduplicator {

  private static final Logger LOG = LoggerFactory.getLogger(RedisDeduplicator.class);
  static final String PROCESSING = "PROCESSING";
  static final String DONE = "DONE";

  /** What Redis says about an event before it is handled. */
  sealed interface Mark {}

  /** This consumer holds the PROCESSING lease now (or Redis could not be asked): handle the event. */
  record Acquired() implements Mark {}

  /** Handled before: skip it. */
  record Done() implements Mark {}

  /** Another consumer holds its PROCESSING lease for this long still. */
  record Busy(Duration remaining) implements Mark {}

  private final Redis redis;
  private final String prefix;
  private final Duration lease;
  private final Duration doneTtl;

  RedisDeduplicator(Redis redis, String group, Duration lease, Duration doneTtl) {
    this.redis = redis;
    this.prefix = "events:" + group + ":";
    this.lease = lease;
    this.doneTtl = doneTtl;
  }

  Future<Mark> begin(String eventId) {
    if (redis == null) {
      return Future.succeededFuture(new Acquired());
    }
    String key = prefix + eventId;
    return redis.send(Request.cmd(Command.SET).arg(key).arg(PROCESSING).arg("NX").arg("PX").arg(lease.toMillis()))
        .compose(set -> set != null ? Future.succeededFuture((Mark) new Acquired()) : existing(key))
        .recover(failure -> {
          LOG.debug("Redis unavailable for {} ({}); the handler's own record decides", key, failure.getMessage());
          return Future.succeededFuture(new Acquired());
        });
  }

  private Future<Mark> existing(String key) {
    return redis.send(Request.cmd(Command.GET).arg(key)).compose(value -> {
      if (value == null) {
        // The other holder's lease ended between the two commands.
        return Future.succeededFuture(new Acquired());
      }
      if (DONE.equals(value.toString())) {
        return Future.succeededFuture(new Done());
      }
      return redis.send(Request.cmd(Command.PTTL).arg(key)).map(ttl -> new Busy(Duration.ofMillis(Math.max(1, toLong(ttl)))));
    });
  }

  Future<Void> done(String eventId) {
    if (redis == null) {
      return Future.succeededFuture();
    }
    return redis.send(Request.cmd(Command.SET).arg(prefix + eventId).arg(DONE).arg("PX").arg(doneTtl.toMillis()))
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  Future<Void> release(String eventId) {
    if (redis == null) {
      return Future.succeededFuture();
    }
    return redis.send(Request.cmd(Command.DEL).arg(prefix + eventId))
        .<Void>mapEmpty()
        .recover(failure -> Future.succeededFuture());
  }

  private static long toLong(Response response) {
    return response == null ? 1 : response.toLong();
  }
}
