package dev.vertxshop.platform.http;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per client key, in least-recently-used order, holding at most {@code maxClients}
 * buckets. A bucket idle long enough to be full again is the same as no bucket, so such buckets are
 * dropped as clients come and go; past {@code maxClients} the least recently seen client is dropped
 * even if its bucket is not full (it then starts again with a full bucket). Tokens are counted in
 * thousandths, so that the arithmetic is exact.
 */
final class TokenBuckets {

  private static final long TOKEN = 1000;

  private final long refillPerMilli;
  private final long capacity;
  private final long refillMillis;
  private final int maxClients;
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true);

  private static final class Bucket {
    long tokens;
    long updatedAt;

    Bucket(long tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }

  /** {@code requestsPerSecond} at least 1. */
  TokenBuckets(int requestsPerSecond, int burst, int maxClients) {
    // requestsPerSecond tokens a second are requestsPerSecond thousandths a millisecond.
    this.refillPerMilli = requestsPerSecond;
    this.capacity = burst * TOKEN;
    this.refillMillis = (capacity + refillPerMilli - 1) / refillPerMilli;
    this.maxClients = maxClients;
  }

  /** Takes a token of {@code client}'s bucket: zero when there was one, otherwise how long until there is. */
  synchronized Duration take(String client, long nowMillis) {
    forgetIdle(nowMillis);
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      bucket = new Bucket(capacity, nowMillis);
      buckets.put(client, bucket);
      if (buckets.size() > maxClients) {
        Iterator<String> eldest = buckets.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    } else {
      long elapsed = Math.max(0, nowMillis - bucket.updatedAt);
      bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * refillPerMilli);
      bucket.updatedAt = nowMillis;
    }
    if (bucket.tokens >= TOKEN) {
      bucket.tokens -= TOKEN;
      return Duration.ZERO;
    }
    return Duration.ofMillis((TOKEN - bucket.tokens + refillPerMilli - 1) / refillPerMilli);
  }

  /** Drops the least recently seen buckets that are full again by now. */
  private void forgetIdle(long nowMillis) {
    Iterator<Map.Entry<String, Bucket>> eldest = buckets.entrySet().iterator();
    while (eldest.hasNext()) {
      if (eldest.next().getValue().updatedAt + refillMillis > nowMillis) {
        return;
      }
      eldest.remove();
    }
  }

  /** Clients with a bucket now. */
  synchronized int clients() {
    return buckets.size();
  }
}
