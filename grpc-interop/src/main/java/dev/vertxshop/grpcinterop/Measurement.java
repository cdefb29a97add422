package dev.vertxshop.grpcinterop;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one measured period of a load gave.
 *
 * @param checks transactions answered in the period
 * @param nanos the period's length
 * @param latencies round trip of each answer in the period, in nanoseconds
 * @param failures calls or streams that failed, or answers that did not match their request
 * @param cores CPU used in the period by the server, the client and everything else
 */
record Measurement(long checks, long nanos, Histogram latencies, long failures, CpuUsage.Cores cores) {

  double checksPerSecond() {
    return checks * 1e9 / nanos;
  }

  /** Both periods as one: counts and latencies added, CPU averaged over the time. */
  Measurement plus(Measurement other) {
    Histogram both = latencies.copy();
    both.add(other.latencies);
    long time = nanos + other.nanos;
    CpuUsage.Cores average = new CpuUsage.Cores(
        (cores.server() * nanos + other.cores.server() * other.nanos) / time,
        (cores.client() * nanos + other.cores.client() * other.nanos) / time,
        (cores.others() * nanos + other.cores.others() * other.nanos) / time);
    return new Measurement(checks + other.checks, time, both, failures + other.failures, average);
  }

  /** The server's CPU time per check, in microseconds: its cost, whatever share of the cores it got. */
  double serverMicrosPerCheck() {
    return checks == 0 ? 0 : cores.server() * nanos / 1e3 / checks;
  }

  double millisAt(double percentile) {
    return latencies.getValueAtPercentile(percentile) / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }
}
