package dev.vertxshop.platform.resilience;

import java.util.ArrayDeque;

/**
 * Counts calls and failures over the last {@code window} of clock time. Calls are kept in 100
 * buckets of {@code window / 100} each (at least 1 ms), so memory does not grow with the call rate;
 * a call leaves the window between {@code window - window / 100} and {@code window} after it ended.
 * Not thread-safe: its owner synchronizes.
 */
final class RollingWindow {

  private static final int BUCKETS = 100;

  private final long windowMs;
  private final long bucketMs;
  private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
  private int calls;
  private int failures;

  private static final class Bucket {
    final long slot;
    int calls;
    int failures;

    Bucket(long slot) {
      this.slot = slot;
    }
  }

  RollingWindow(long windowMs) {
    if (windowMs < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms");
    }
    this.windowMs = windowMs;
    this.bucketMs = Math.max(1, windowMs / BUCKETS);
  }

  void record(long nowMs, boolean failed) {
    evict(nowMs);
    long slot = Math.floorDiv(nowMs, bucketMs);
    Bucket last = buckets.peekLast();
    // A clock set back lands in the newest bucket rather than reordering the window.
    if (last == null || slot > last.slot) {
      last = new Bucket(slot);
      buckets.addLast(last);
    }
    last.calls++;
    calls++;
    if (failed) {
      last.failures++;
      failures++;
    }
  }

  int calls(long nowMs) {
    evict(nowMs);
    return calls;
  }

  int failures(long nowMs) {
    evict(nowMs);
    return failures;
  }

  void clear() {
    buckets.clear();
    calls = 0;
    failures = 0;
  }

  private void evict(long nowMs) {
    // A bucket whose start is a whole window ago or more has left the window.
    long newestGone = Math.floorDiv(nowMs - windowMs, bucketMs);
    while (!buckets.isEmpty() && buckets.peekFirst().slot <= newestGone) {
      Bucket gone = buckets.removeFirst();
      calls -= gone.calls;
      failures -= gone.failures;
    }
  }
}
