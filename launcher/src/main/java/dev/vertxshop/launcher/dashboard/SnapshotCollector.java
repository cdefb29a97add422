package dev.vertxshop.launcher.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Builds one dashboard snapshot of this member: the readiness of its services, then what their
 * meters say ({@link MeterReadings}). A snapshot is a self-contained JSON object tagged with the
 * member it describes, so that in a cluster each member sends its own over the event bus ({@link
 * ClusterSnapshots}). Rates compare with the previous snapshot; when that one is older than {@link
 * #STALE} (nobody looked for a while), the collector starts afresh, so that no rate is an average
 * over the time nobody looked.
 */
final class SnapshotCollector {

  static final Duration STALE = Duration.ofSeconds(5);

  private final String member;
  private final Clock clock;
  private final Readiness readiness;
  private final Rates rates;
  private final Optional<MeterReadings> meters;
  private Instant last = Instant.MIN;

  SnapshotCollector(String member, Clock clock, Readiness readiness, Optional<MeterRegistry> registry) {
    this.member = member;
    this.clock = clock;
    this.readiness = readiness;
    this.rates = new Rates(clock);
    this.meters = registry.map(found -> new MeterReadings(found, rates));
  }

  /** Forgets the previous readings: the rates of the next snapshot start from it. */
  private void reset() {
    rates.reset();
    meters.ifPresent(MeterReadings::reset);
  }

  Future<JsonObject> collect() {
    Instant now = clock.instant();
    if (last.isBefore(now.minus(STALE))) {
      reset();
    }
    last = now;
    return readiness.read().map(services -> {
      rates.tick();
      JsonObject snapshot = new JsonObject()
          .put("member", member)
          .put("at", clock.instant().toString())
          .put("metrics", meters.isPresent())
          .put("services", services);
      meters.ifPresent(readings -> readings.readInto(snapshot));
      return snapshot;
    });
  }
}
