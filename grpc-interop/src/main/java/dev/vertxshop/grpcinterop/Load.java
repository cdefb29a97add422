package dev.vertxshop.grpcinterop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed-loop load on one server: started once, measured in periods, stopped once. Subclasses
 * count each answer with {@link #answered(long)} and report a broken call with {@link #failed}.
 */
abstract class Load {

  // Up to 60 s with 3 significant digits: any slower answer is an outlier worth seeing as 60 s.
  private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Recorder latencies = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
  private final LongAdder failures = new LongAdder();
  private final CountDownLatch broken = new CountDownLatch(1);
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  abstract void start();

  /** Stops sending, lets what is in flight finish (within {@code grace}), closes the calls. */
  abstract void stop(Duration grace);

  /** Describes the load's shape for the report, e.g. "4 streams x 512 in flight". */
  abstract String shape();

  final void answered(long roundTripNanos) {
    latencies.recordValue(Math.min(roundTripNanos, HIGHEST_TRACKABLE_NANOS));
  }

  final void failed(Throwable cause) {
    failures.increment();
    if (firstFailure.compareAndSet(null, cause)) {
      broken.countDown();
    }
  }

  /**
   * Runs the load for {@code period} and returns what it did then, with the CPU used by the process
   * {@code serverPid}, by this one and by the rest of the machine. Waits no longer than the period: a
   * load that breaks ends its period early, and the report shows the failure.
   */
  final Measurement measure(Duration period, long serverPid) throws InterruptedException {
    latencies.getIntervalHistogram();
    long failuresBefore = failures.sum();
    CpuUsage cpuBefore = CpuUsage.read(serverPid);
    long start = System.nanoTime();
    broken.await(period.toNanos(), TimeUnit.NANOSECONDS);
    long nanos = System.nanoTime() - start;
    CpuUsage cpuAfter = CpuUsage.read(serverPid);
    // The answers are counted by the histogram itself, so count and latencies always agree.
    Histogram inPeriod = latencies.getIntervalHistogram();
    return new Measurement(inPeriod.getTotalCount(), nanos, inPeriod, failures.sum() - failuresBefore,
        cpuAfter.since(cpuBefore, nanos));
  }

  /** The first failure seen, if any, for the report. */
  final Throwable firstFailure() {
    return firstFailure.get();
  }
}
