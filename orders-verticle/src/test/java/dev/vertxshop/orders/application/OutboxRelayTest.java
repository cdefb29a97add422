package dev.vertxshop.orders.application;

import static dev.vertxshop.orders.application.Fixture.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** When the relay publishes, how it waits, retries and prunes, with the store and the broker in memory. */
class OutboxRelayTest {

  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration RETRY = Duration.ofMillis(250);
  private static final Duration RETRY_MAX = Duration.ofSeconds(2);
  private static final Duration RETENTION = Duration.ofHours(24);
  private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(1);

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final ScriptedPublisher broker = new ScriptedPublisher();
  private final ManualTimers timers = new ManualTimers();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T12:00:00Z"));

  private OutboxRelay relay(int batchSize) {
    return new OutboxRelay(outbox, broker, timers, clock, new OutboxRelay.Schedule(POLL, batchSize, RETRY, RETRY_MAX, RETENTION, PRUNE_INTERVAL));
  }

  private List<OutboxEvent> pending(int count) {
    return IntStream.range(0, count).mapToObj(i -> outbox.add(clock.instant().minusSeconds(count - i))).toList();
  }

  private static List<UUID> ids(List<OutboxEvent> events) {
    return events.stream().map(OutboxEvent::id).toList();
  }

  @Test
  void aStartedRelayPublishesWhatIsPendingOldestFirstThenPollsEveryInterval() {
    List<OutboxEvent> events = pending(3);
    OutboxRelay relay = relay(10);

    relay.start();

    assertThat(broker.acknowledgedIds()).containsExactlyElementsOf(ids(events));
    assertThat(outbox.pending()).isEmpty();
    assertThat(timers.pendingDelays()).containsExactlyInAnyOrder(POLL, PRUNE_INTERVAL);

    OutboxEvent later = outbox.add(clock.instant());
    timers.fire(POLL);

    assertThat(broker.acknowledgedIds()).endsWith(later.id());
    assertThat(timers.pendingDelays()).as("one poll at a time").containsExactlyInAnyOrder(POLL, PRUNE_INTERVAL);
  }

  @Test
  void aFullBatchIsFollowedByAnotherPassAtOnce() {
    pending(5);
    OutboxRelay relay = relay(2);

    relay.start();

    assertThat(outbox.pending()).isEmpty();
    assertThat(outbox.passes()).as("2 + 2 + 1").isEqualTo(3);
    assertThat(timers.pendingDelays()).containsExactlyInAnyOrder(POLL, PRUNE_INTERVAL);
  }

  @Test
  void aWakePublishesWithoutWaitingForThePoll() {
    OutboxRelay relay = relay(10);
    relay.start();
    OutboxEvent event = outbox.add(clock.instant());

    relay.wake();

    assertThat(broker.acknowledgedIds()).containsExactly(event.id());
    assertThat(timers.pendingDelays()).as("the earlier poll is superseded").contains(POLL);
    timers.fire(POLL);
    assertThat(outbox.passes()).as("the superseded poll starts no pass").isEqualTo(2);
  }

  @Test
  void wakesDuringAPassMakeOneMorePassFollowItAndPassesNeverOverlap() {
    OutboxRelay relay = relay(10);
    broker.hold();
    OutboxEvent first = outbox.add(clock.instant());
    relay.start();
    OutboxEvent second = outbox.add(clock.instant());

    relay.wake();
    relay.wake();
    assertThat(outbox.passes()).as("the pass in progress is not joined").isEqualTo(1);
    broker.release();

    assertThat(broker.acknowledgedIds()).containsExactly(first.id(), second.id());
    assertThat(outbox.passes()).isEqualTo(2);
    assertThat(outbox.mostPassesAtOnce()).isEqualTo(1);
  }

  @Test
  void whileTheBrokerIsDownEventsStayPendingAndPassesAreRetriedWithGrowingPausesThenCatchUp() {
    List<OutboxEvent> events = pending(3);
    broker.down(true);
    OutboxRelay relay = relay(10);

    relay.start();
    assertThat(outbox.pending()).hasSize(3);
    assertThat(timers.pendingDelays()).contains(RETRY).doesNotContain(POLL);

    relay.wake();
    assertThat(outbox.passes()).as("a wake does not cut a retry pause short").isEqualTo(1);

    timers.fire(RETRY);
    timers.fire(RETRY.multipliedBy(2));
    timers.fire(RETRY.multipliedBy(4));
    timers.fire(RETRY.multipliedBy(8));
    assertThat(timers.pendingDelays()).as("capped").contains(RETRY_MAX);
    OutboxRelay.Status failing = done(relay.status());
    assertThat(failing.failedPassesInARow()).isEqualTo(5);
    assertThat(failing.lastFailure()).contains("broker unreachable");
    assertThat(failing.counts().pending()).isEqualTo(3);

    broker.down(false);
    timers.fire(RETRY_MAX);

    assertThat(broker.acknowledgedIds()).containsExactlyElementsOf(ids(events));
    assertThat(outbox.pending()).isEmpty();
    OutboxRelay.Status recovered = done(relay.status());
    assertThat(recovered.failedPassesInARow()).isZero();
    assertThat(recovered.lastFailure()).isNull();
    assertThat(recovered.publishedSinceStart()).isEqualTo(3);
    assertThat(timers.pendingDelays()).contains(POLL);
  }

  @Test
  void anEventTheBrokerRefusesStaysPendingWhileTheOthersOfItsBatchArePublished() {
    List<OutboxEvent> events = pending(3);
    broker.fail(events.get(1));
    OutboxRelay relay = relay(10);

    relay.start();

    assertThat(outbox.pending()).containsExactly(events.get(1));
    assertThat(broker.acknowledgedIds()).containsExactly(events.get(0).id(), events.get(2).id());
    assertThat(timers.pendingDelays()).contains(RETRY);
  }

  @Test
  void stoppingFinishesThePassInHandAndStartsNoOther() {
    OutboxRelay relay = relay(10);
    broker.hold();
    OutboxEvent event = outbox.add(clock.instant());
    relay.start();

    Future<Void> stopped = relay.stop();
    assertThat(stopped.isComplete()).as("a pass is in hand").isFalse();
    broker.release();

    assertThat(stopped.succeeded()).isTrue();
    assertThat(outbox.pending()).as("its events were marked").isEmpty();
    assertThat(broker.acknowledgedIds()).containsExactly(event.id());
    outbox.add(clock.instant());
    relay.wake();
    timers.pendingDelays().forEach(delay -> timers.fireOldest());
    assertThat(outbox.passes()).isEqualTo(1);
  }

  @Test
  void stoppingAnIdleRelayCompletesAtOnce() {
    OutboxRelay relay = relay(10);
    relay.start();

    assertThat(relay.stop().succeeded()).isTrue();
    assertThat(relay.isRunning()).isFalse();
  }

  @Test
  void everyPruneIntervalPublishedEventsOlderThanTheRetentionAreDeletedInBoundedDeletes() {
    OutboxRelay relay = relay(10);
    Instant longAgo = clock.instant().minus(RETENTION).minusSeconds(1);
    for (int i = 0; i < OutboxRelay.PRUNED_PER_DELETE + 5; i++) {
      outbox.published(outbox.add(longAgo), longAgo);
    }
    OutboxEvent recent = outbox.add(clock.instant());
    outbox.published(recent, clock.instant().minus(RETENTION).plusSeconds(1));
    OutboxEvent stillPending = outbox.add(longAgo);
    broker.down(true);
    relay.start();

    timers.fire(PRUNE_INTERVAL);

    assertThat(outbox.size()).as("the recent published one and the pending one are kept").isEqualTo(2);
    assertThat(outbox.pending()).containsExactly(stillPending);
    assertThat(outbox.pruneLimits()).containsExactly(OutboxRelay.PRUNED_PER_DELETE, OutboxRelay.PRUNED_PER_DELETE);
    assertThat(timers.pendingDelays()).as("the next prune is scheduled").contains(PRUNE_INTERVAL);
  }

  @Test
  void theStatusTellsHowLongTheOldestPendingEventHasWaited() {
    OutboxRelay relay = relay(10);
    outbox.add(clock.instant().minusSeconds(30));
    outbox.published(outbox.add(clock.instant().minusSeconds(40)), clock.instant());

    OutboxRelay.Status status = done(relay.status());

    assertThat(status.counts().pending()).isEqualTo(1);
    assertThat(status.counts().published()).isEqualTo(1);
    assertThat(status.oldestPendingAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(status.running()).isFalse();
  }
}
