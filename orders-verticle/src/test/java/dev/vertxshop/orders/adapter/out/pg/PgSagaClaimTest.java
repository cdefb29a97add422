package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.now;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.pendingOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.orders.application.RecordedStep;
import dev.vertxshop.orders.application.SagaConflictException;
import dev.vertxshop.orders.application.SagaSummary;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import dev.vertxshop.platform.pg.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claiming sagas that nobody drives, leases on writes, and what operators read; each test has its own database. */
class PgSagaClaimTest {

  private static final RejectionReason DECLINED = RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined");
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 3);

  private PgTestSupport pg;
  private PgOrderRepository orders;
  private PgSagaRepository sagas;

  @BeforeEach
  void database() {
    pg = new PgTestSupport(Map.of("PG_POOL_SIZE", "4"));
    orders = new PgOrderRepository(pg.pool);
    sagas = new PgSagaRepository(pg.pool);
  }

  @AfterEach
  void dropDatabase() {
    pg.close();
  }

  private UUID stored(Saga saga, Lease lease) {
    Order order = pendingOrder(saga.createdAt());
    Saga own = new Saga(order.id(), saga.state(), saga.step(), saga.attempts(), saga.failureReason(), saga.nextAttemptAt(),
        saga.createdAt(), saga.updatedAt(), 0);
    assertThat(await(orders.create(order, own, lease, Optional.empty(), Instant.EPOCH))).isTrue();
    return order.id();
  }

  private UUID running(Instant at, Lease lease) {
    return stored(Saga.begin(UUID.randomUUID(), at), lease);
  }

  private static Set<UUID> ids(List<Saga> claimed) {
    Set<UUID> ids = new HashSet<>();
    claimed.forEach(saga -> ids.add(saga.orderId()));
    assertThat(ids).as("no saga twice in one claim").hasSize(claimed.size());
    return ids;
  }

  @Test
  void twoClaimersAtOnceGetDisjointSetsThatTogetherCoverEveryDueSaga() {
    Instant at = now();
    for (int round = 0; round < 3; round++) {
      Instant now = at.plusSeconds(60L * round);
      Set<UUID> due = new HashSet<>();
      IntStream.range(0, 100).forEach(i -> due.add(running(now.minusSeconds(1), null)));

      // Leases outlast the rounds, so each round finds only its own sagas due.
      Future<List<Saga>> first = sagas.claimDue(new Lease("instance-a", at.plusSeconds(3600)), now, 60);
      Future<List<Saga>> second = sagas.claimDue(new Lease("instance-b", at.plusSeconds(3600)), now, 60);
      await(Future.all(first, second));

      Set<UUID> a = ids(first.result());
      Set<UUID> b = ids(second.result());
      assertThat(a).as("round " + round).doesNotContainAnyElementsOf(b);
      Set<UUID> both = new HashSet<>(a);
      both.addAll(b);
      assertThat(both).as("round " + round).isEqualTo(due);
      a.forEach(id -> assertThat(pg.lease(id)).startsWith("instance-a@"));
      b.forEach(id -> assertThat(pg.lease(id)).startsWith("instance-b@"));
    }
  }

  @Test
  void twoInstancesRacingForTheSameSagasRoundAfterRoundNeverBothGetOne() {
    // Each "instance" has a pool of its own on the one database, as two orders processes do.
    Pool otherInstance = Database.pool(pg.vertx, pg.settings);
    PgSagaRepository a = sagas;
    PgSagaRepository b = new PgSagaRepository(otherInstance);
    try {
      Instant start = now();
      Set<UUID> due = new HashSet<>();
      IntStream.range(0, 40).forEach(i -> due.add(running(start.minusSeconds(1), null)));
      Map<String, Integer> won = new HashMap<>(Map.of("instance-a", 0, "instance-b", 0));
      for (int round = 0; round < 30; round++) {
        // Every lease of a round has expired by the next one: the same 40 sagas are due again, and
        // each claimer may take up to 30 of them, so they always compete for some.
        Instant now = start.plusSeconds(10L * round);
        List<Future<List<Saga>>> claims = List.of(
            a.claimDue(new Lease("instance-a", now.plusSeconds(5)), now, 15),
            b.claimDue(new Lease("instance-b", now.plusSeconds(5)), now, 15),
            a.claimDue(new Lease("instance-a", now.plusSeconds(5)), now, 15),
            b.claimDue(new Lease("instance-b", now.plusSeconds(5)), now, 15));
        await(Future.all(claims));

        Set<UUID> byA = ids(concat(claims.get(0).result(), claims.get(2).result()));
        Set<UUID> byB = ids(concat(claims.get(1).result(), claims.get(3).result()));
        assertThat(byA).as("round " + round + ": claimed by both instances").doesNotContainAnyElementsOf(byB);
        Set<UUID> claimed = new HashSet<>(byA);
        claimed.addAll(byB);
        assertThat(claimed).as("round " + round + ": every due saga is claimed by one of them").isEqualTo(due);
        byA.forEach(id -> assertThat(pg.lease(id)).startsWith("instance-a@"));
        byB.forEach(id -> assertThat(pg.lease(id)).startsWith("instance-b@"));
        won.merge("instance-a", byA.size(), Integer::sum);
        won.merge("instance-b", byB.size(), Integer::sum);
      }
      assertThat(won.values()).as("both instances won claims").allSatisfy(count -> assertThat(count).isPositive());
    } finally {
      await(otherInstance.close());
    }
  }

  private static List<Saga> concat(List<Saga> first, List<Saga> second) {
    List<Saga> both = new ArrayList<>(first);
    both.addAll(second);
    return both;
  }

  @Test
  void eachStepLineNamesTheLeaseOwnerThatWroteItAndATakeoverShowsAfterTheFormerOwnersLines() {
    Instant at = now();
    Lease first = new Lease("instance-a", at.plusSeconds(10));
    UUID id = running(at, first);
    Saga started = await(sagas.record(Saga.begin(id, at).attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.STARTED, "attempt 1", at), Optional.empty(), first));
    Instant later = at.plusSeconds(11);
    Saga claimed = await(sagas.claimDue(new Lease("instance-b", later.plusSeconds(10)), later, 10)).get(0);
    Saga undoing = claimed.afterExecution(new StepOutcome.Unknown(DECLINED, "interrupted"), later);
    await(sagas.record(undoing,
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.FAILED, "outcome unknown: interrupted", later),
        Optional.empty(), new Lease("instance-b", later.plusSeconds(10))));

    List<RecordedStep> steps = await(sagas.stepsOf(id));

    assertThat(started.version()).isEqualTo(1);
    assertThat(steps).extracting(RecordedStep::drivenBy).containsExactly("instance-a", "instance-b");
    assertThat(steps).extracting(step -> step.entry().status()).containsExactly(StepStatus.STARTED, StepStatus.FAILED);
  }

  @Test
  void aStepLineWrittenUnderNoLeaseNamesNoOwner() {
    Instant at = now();
    UUID id = running(at, null);

    await(sagas.record(Saga.begin(id, at).attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.STARTED, "attempt 1", at), Optional.empty()));

    assertThat(await(sagas.stepsOf(id))).singleElement().extracting(RecordedStep::drivenBy).isNull();
  }

  @Test
  void aClaimSkipsSagasThatAnotherClaimerHoldsLockedAndTakesThemOnceReleased() {
    Instant now = now();
    List<UUID> due = new ArrayList<>();
    IntStream.range(0, 10).forEach(i -> due.add(running(now.minusSeconds(1), null)));
    List<UUID> locked = due.subList(0, 4);
    SqlConnection other = await(pg.pool.getConnection());
    Transaction transaction = await(other.begin());
    await(other.preparedQuery("SELECT order_id FROM orders.sagas WHERE order_id = ANY($1) FOR UPDATE")
        .execute(Tuple.of(locked.toArray(UUID[]::new))));

    Set<UUID> whileLocked = ids(await(sagas.claimDue(new Lease("instance-a", now.plusSeconds(10)), now, 100)));
    await(transaction.rollback());
    await(other.close());
    Set<UUID> afterwards = ids(await(sagas.claimDue(new Lease("instance-b", now.plusSeconds(10)), now, 100)));

    assertThat(whileLocked).isEqualTo(Set.copyOf(due.subList(4, 10)));
    assertThat(afterwards).isEqualTo(Set.copyOf(locked));
  }

  @Test
  void onlyActiveSagasWithoutALiveLeaseWhoseRetryIsDueAreClaimed() {
    Instant now = now();
    Instant before = now.minusSeconds(30);
    Saga compensating = new Saga(UUID.randomUUID(), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK, 1, DECLINED, null, before, before, 0);
    UUID expired = running(before, new Lease("dead-instance", now.minusMillis(1)));
    UUID expiringNow = running(before, new Lease("dead-instance", now));
    UUID live = running(before, new Lease("live-instance", now.plusMillis(1)));
    UUID unleased = running(before, null);
    UUID retryDue = stored(new Saga(UUID.randomUUID(), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK, 1, DECLINED, now, before, before, 0),
        null);
    UUID retryLater = stored(new Saga(UUID.randomUUID(), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK, 1, DECLINED,
        now.plusMillis(1), before, before, 0), null);
    UUID compensatingUnleased = stored(compensating, null);
    stored(new Saga(UUID.randomUUID(), SagaState.REJECTED, SagaStep.RESERVE_STOCK, 1, DECLINED, null, before, before, 0), null);
    stored(new Saga(UUID.randomUUID(), SagaState.PARKED, SagaStep.RESERVE_STOCK, 8, DECLINED, null, before, before, 0), null);
    stored(new Saga(UUID.randomUUID(), SagaState.CONFIRMED, SagaStep.CONFIRM, 1, null, null, before, before, 0), null);

    List<Saga> claimed = await(sagas.claimDue(new Lease("instance-a", now.plusSeconds(10)), now, 50));

    assertThat(ids(claimed)).containsExactlyInAnyOrder(expired, expiringNow, unleased, retryDue, compensatingUnleased);
    assertThat(pg.lease(live)).startsWith("live-instance@");
    assertThat(pg.lease(retryLater)).isEqualTo("none");
    assertThat(claimed).allSatisfy(saga -> assertThat(saga.version()).as("a claim moves the version on").isEqualTo(1));
  }

  @Test
  void aClaimTakesTheSoonestDueFirstUpToItsLimit() {
    Instant now = now();
    UUID older = stored(new Saga(UUID.randomUUID(), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK, 1, DECLINED,
        now.minusSeconds(5), now.minusSeconds(60), now.minusSeconds(60), 0), null);
    UUID neverTried = running(now.minusSeconds(1), null);
    stored(new Saga(UUID.randomUUID(), SagaState.COMPENSATING, SagaStep.RESERVE_STOCK, 1, DECLINED, now.minusSeconds(1),
        now.minusSeconds(60), now.minusSeconds(60), 0), null);

    assertThat(ids(await(sagas.claimDue(new Lease("a", now.plusSeconds(10)), now, 2)))).containsExactlyInAnyOrder(neverTried, older);
  }

  @Test
  void theFormerHolderOfAClaimedSagaCanNoLongerWriteItButTheNewHolderCan() {
    Instant at = now();
    Lease formerLease = new Lease("instance-a", at.plusSeconds(10));
    UUID id = running(at, formerLease);
    Saga former = await(sagas.sagaOf(id)).orElseThrow();
    Instant later = at.plusSeconds(11);
    Saga claimed = await(sagas.claimDue(new Lease("instance-b", later.plusSeconds(10)), later, 10)).get(0);
    Saga started = former.attemptStarted(later);
    StepLogEntry entry = new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.STARTED, "attempt 1", later);

    assertThatThrownBy(() -> await(sagas.record(started, entry, Optional.empty(), formerLease)))
        .as("stale version").isInstanceOf(SagaConflictException.class);
    assertThatThrownBy(() -> await(sagas.record(started.withVersion(claimed.version()), entry, Optional.empty(), formerLease)))
        .as("right version, but the lease is another's").isInstanceOf(SagaConflictException.class);
    assertThatThrownBy(() -> await(sagas.record(started.withVersion(claimed.version()), entry, Optional.empty())))
        .as("no lease at all").isInstanceOf(SagaConflictException.class);
    assertThat(await(sagas.stepsOf(id))).isEmpty();

    Lease renewed = new Lease("instance-b", later.plusSeconds(20));
    Saga written = await(sagas.record(started.withVersion(claimed.version()), entry, Optional.empty(), renewed));

    assertThat(written.version()).isEqualTo(claimed.version() + 1);
    assertThat(pg.lease(id)).isEqualTo("instance-b@" + renewed.expiresAt());
  }

  @Test
  void aSagaThatIsOverOrParkedKeepsNoLease() {
    Instant at = now();
    Lease lease = new Lease("instance-a", at.plusSeconds(10));
    UUID id = running(at, lease);
    Saga started = await(sagas.record(Saga.begin(id, at).attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.STARTED, null, at), Optional.empty(), lease));
    Saga undoing = await(sagas.record(started.afterExecution(new StepOutcome.Unknown(DECLINED, "timeout"), at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.FAILED, "timeout", at), Optional.empty(), lease));
    Saga cancelling = await(sagas.record(undoing.attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.COMPENSATE, StepStatus.STARTED, null, at), Optional.empty(), lease));
    assertThat(pg.lease(id)).startsWith("instance-a@");

    await(sagas.record(cancelling.afterCompensation(new CompensationOutcome.Refused("reservation-committed", "committed"), at, RETRY),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.COMPENSATE, StepStatus.FAILED, "refused, parked: committed", at),
        Optional.empty(), lease));

    assertThat(await(sagas.sagaOf(id)).orElseThrow().state()).isEqualTo(SagaState.PARKED);
    assertThat(pg.lease(id)).isEqualTo("none");
  }

  @Test
  void parkedSagasAreListedWithTheirLastErrorCountedAndReleasedForRetry() {
    Instant at = now();
    Lease lease = new Lease("instance-a", at.plusSeconds(10));
    UUID id = running(at, lease);
    Saga started = await(sagas.record(Saga.begin(id, at).attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.STARTED, null, at), Optional.empty(), lease));
    Saga undoing = await(sagas.record(started.afterExecution(new StepOutcome.Unknown(DECLINED, "timeout"), at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.EXECUTE, StepStatus.FAILED, "outcome unknown: timeout", at),
        Optional.empty(), lease));
    Saga cancelling = await(sagas.record(undoing.attemptStarted(at),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.COMPENSATE, StepStatus.STARTED, null, at), Optional.empty(), lease));
    Saga parked = await(sagas.record(
        cancelling.afterCompensation(new CompensationOutcome.Refused("reservation-committed", "committed"), at.plusSeconds(1), RETRY),
        new StepLogEntry(id, SagaStep.RESERVE_STOCK, StepAction.COMPENSATE, StepStatus.FAILED, "refused, parked: committed", at),
        Optional.empty(), lease));
    running(at, null);

    List<SagaSummary> listed = await(sagas.list(SagaState.PARKED, 10));
    Map<SagaState, Long> counts = await(sagas.countByState());

    assertThat(listed).containsExactly(new SagaSummary(parked, "refused, parked: committed"));
    assertThat(counts).containsEntry(SagaState.PARKED, 1L).containsEntry(SagaState.RUNNING, 1L)
        .containsEntry(SagaState.COMPENSATING, 0L).containsEntry(SagaState.CONFIRMED, 0L).containsEntry(SagaState.REJECTED, 0L);

    Instant retryAt = at.plusSeconds(60);
    Saga released = await(sagas.release(parked.unparked(retryAt)));

    assertThat(await(sagas.sagaOf(id))).contains(released);
    assertThat(released.nextAttemptAt()).isEqualTo(retryAt);
    assertThat(await(sagas.list(SagaState.PARKED, 10))).isEmpty();
    assertThatThrownBy(() -> await(sagas.release(parked.unparked(retryAt)))).as("stale").isInstanceOf(SagaConflictException.class);
    assertThat(ids(await(sagas.claimDue(new Lease("instance-b", retryAt.plusSeconds(10)), retryAt, 10)))).contains(id);
  }
}
