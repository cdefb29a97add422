package dev.vertxshop.payments.adapter.out.pg;

import static dev.vertxshop.payments.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.waitAtMost;

import dev.vertxshop.payments.PaymentsVerticle;
import dev.vertxshop.payments.application.ChargeOutcome;
import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
import dev.vertxshop.payments.domain.ChargeStatus;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.FailOpenReport;
import dev.vertxshop.payments.domain.LedgerSummary;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The PostgreSQL adapter against a real server, in a database of its own. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PgChargeRepositoryTest {

  private static final CardDetails VISA = CardDetails.of("4242424242424242");

  private static TestDatabase database;
  private static Pool pool;
  private static PgChargeRepository charges;
  private static PgLedgerRepository ledger;
  private static PgFailOpenDecisions failOpens;

  @BeforeAll
  static void createSchema(Vertx vertx) {
    database = TestPostgres.createDatabase();
    PgSettings pg = PgSettings.configured(ConfigLoader.load(database.env())).orElseThrow();
    await(Database.migrate(vertx, pg, PaymentsVerticle.SCHEMA));
    pool = Database.pool(vertx, pg.withPoolSize(12));
    charges = new PgChargeRepository(pool);
    ledger = new PgLedgerRepository(pool);
    failOpens = new PgFailOpenDecisions(pool);
  }

  @AfterAll
  static void dropDatabase() {
    if (pool != null) {
      await(pool.close());
    }
    if (database != null) {
      database.close();
    }
  }

  private static OrderId newOrder() {
    return OrderId.of("order-" + UUID.randomUUID());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Charge succeeded(OrderId orderId, long cents) {
    return Charge.authorized(UUID.randomUUID(), orderId, Money.positive(cents), VISA, Authorization.approve(), now());
  }

  private static Charge declined(OrderId orderId, DeclineReason reason) {
    return Charge.authorized(UUID.randomUUID(), orderId, Money.positive(700), VISA, Authorization.decline(reason), now());
  }

  private static Future<Charge> refund(OrderId orderId) {
    return charges.change(orderId, current -> ChargeChange.ofRefund(orderId, current, UUID.randomUUID(), now()));
  }

  /** The ledger entries of one order as "KIND:cents", oldest first. */
  private static List<String> ledgerOf(OrderId orderId) {
    List<String> entries = new ArrayList<>();
    for (Row row : await(pool.preparedQuery("SELECT kind, amount_cents FROM payments.ledger WHERE order_id = $1 ORDER BY id")
        .execute(Tuple.of(orderId.value())))) {
      entries.add(row.getString("kind") + ":" + row.getLong("amount_cents"));
    }
    return entries;
  }

  @Test
  void recordsASucceededChargeTogetherWithItsChargeEntry() {
    OrderId orderId = newOrder();
    Charge charge = succeeded(orderId, 2599);

    ChargeOutcome outcome = await(charges.recordFirst(charge));

    assertThat(outcome).isEqualTo(ChargeOutcome.created(charge));
    assertThat(await(charges.find(orderId))).contains(charge);
    assertThat(ledgerOf(orderId)).containsExactly("CHARGE:2599");
  }

  @Test
  void recordsADeclinedChargeWithItsReasonAndNoLedgerEntry() {
    OrderId orderId = newOrder();
    Charge charge = declined(orderId, DeclineReason.FRAUD_SUSPECTED);

    await(charges.recordFirst(charge));

    assertThat(await(charges.find(orderId))).contains(charge);
    assertThat(ledgerOf(orderId)).isEmpty();
  }

  @Test
  void findsNothingForAnOrderWithoutCharge() {
    assertThat(await(charges.find(newOrder()))).isEmpty();
  }

  @Test
  void aSecondChargeForAnOrderIsNotRecordedAndTheFirstIsAnswered() {
    OrderId orderId = newOrder();
    Charge first = declined(orderId, DeclineReason.CARD_DECLINED);
    await(charges.recordFirst(first));

    ChargeOutcome second = await(charges.recordFirst(succeeded(orderId, 900)));

    assertThat(second).isEqualTo(ChargeOutcome.existing(first));
    assertThat(await(charges.find(orderId))).contains(first);
    assertThat(ledgerOf(orderId)).isEmpty();
  }

  @Test
  void concurrentFirstChargesOfOneOrderRecordExactlyOne() {
    OrderId orderId = newOrder();
    List<Future<ChargeOutcome>> attempts = IntStream.range(0, 12)
        .mapToObj(i -> charges.recordFirst(succeeded(orderId, 1500)))
        .toList();

    await(Future.all(attempts));

    List<ChargeOutcome> outcomes = attempts.stream().map(Future::result).toList();
    assertThat(outcomes).filteredOn(ChargeOutcome::created).hasSize(1);
    UUID winner = outcomes.stream().filter(ChargeOutcome::created).findFirst().orElseThrow().charge().chargeId();
    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.charge().chargeId()).isEqualTo(winner));
    assertThat(ledgerOf(orderId)).containsExactly("CHARGE:1500");
  }

  @Test
  void aChargeThatLosesTheRaceWaitsForTheWinnerAndAnswersItsCharge() {
    OrderId orderId = newOrder();
    SqlConnection other = await(pool.getConnection());
    try {
      Transaction winner = await(other.begin());
      UUID winnerId = UUID.randomUUID();
      await(insertSucceededCharge(other, orderId, winnerId, 800));

      Future<ChargeOutcome> loser = charges.recordFirst(succeeded(orderId, 800));
      waitUntilASessionWaitsForALock();
      await(winner.commit());

      ChargeOutcome outcome = await(loser);
      assertThat(outcome.created()).isFalse();
      assertThat(outcome.charge().chargeId()).isEqualTo(winnerId);
      assertThat(ledgerOf(orderId)).isEmpty();
    } finally {
      await(other.close());
    }
  }

  @Test
  void refundingASucceededChargeMarksItRefundedAndWritesTheRefundEntry() {
    OrderId orderId = newOrder();
    await(charges.recordFirst(succeeded(orderId, 4200)));

    Charge refunded = await(refund(orderId));

    assertThat(refunded.status()).isEqualTo(ChargeStatus.REFUNDED);
    assertThat(await(charges.find(orderId))).contains(refunded);
    assertThat(ledgerOf(orderId)).containsExactly("CHARGE:4200", "REFUND:4200");
  }

  @Test
  void concurrentRefundsOfOneChargeGiveTheMoneyBackOnce() {
    OrderId orderId = newOrder();
    await(charges.recordFirst(succeeded(orderId, 3100)));

    List<Future<Charge>> refunds = IntStream.range(0, 10).mapToObj(i -> refund(orderId)).toList();
    await(Future.all(refunds));

    assertThat(refunds).allSatisfy(result -> assertThat(result.result().status()).isEqualTo(ChargeStatus.REFUNDED));
    assertThat(ledgerOf(orderId)).containsExactly("CHARGE:3100", "REFUND:3100");
  }

  @Test
  void refundingADeclinedChargeChangesNothing() {
    OrderId orderId = newOrder();
    Charge charge = declined(orderId, DeclineReason.INSUFFICIENT_FUNDS);
    await(charges.recordFirst(charge));

    assertThat(await(refund(orderId))).isEqualTo(charge);
    assertThat(ledgerOf(orderId)).isEmpty();
  }

  @Test
  void refundingAnOrderWithoutChargeRecordsAVoidedChargeThatBlocksALaterCharge() {
    OrderId orderId = newOrder();

    Charge voided = await(refund(orderId));
    ChargeOutcome lateCharge = await(charges.recordFirst(succeeded(orderId, 999)));

    assertThat(voided.status()).isEqualTo(ChargeStatus.VOIDED);
    assertThat(lateCharge).isEqualTo(ChargeOutcome.existing(voided));
    assertThat(ledgerOf(orderId)).isEmpty();
  }

  @Test
  void aRefundThatFindsNoChargeButMeetsOneBeingRecordedRefundsThatCharge() {
    OrderId orderId = newOrder();
    SqlConnection other = await(pool.getConnection());
    try {
      Transaction charging = await(other.begin());
      UUID chargeId = UUID.randomUUID();
      await(insertSucceededCharge(other, orderId, chargeId, 650));
      await(other.preparedQuery("INSERT INTO payments.ledger (order_id, kind, amount_cents, created_at)"
              + " VALUES ($1, 'CHARGE', 650, now())")
          .execute(Tuple.of(orderId.value())));

      Future<Charge> refund = refund(orderId);
      waitUntilASessionWaitsForALock();
      await(charging.commit());

      Charge refunded = await(refund);
      assertThat(refunded.chargeId()).isEqualTo(chargeId);
      assertThat(refunded.status()).isEqualTo(ChargeStatus.REFUNDED);
      assertThat(ledgerOf(orderId)).containsExactly("CHARGE:650", "REFUND:650");
    } finally {
      await(other.close());
    }
  }

  @Test
  void theSchemaRefusesASecondEntryOfOneKindForAnOrder() {
    OrderId orderId = newOrder();
    await(charges.recordFirst(succeeded(orderId, 100)));

    assertThatThrownBy(() -> await(pool.preparedQuery("INSERT INTO payments.ledger (order_id, kind, amount_cents, created_at)"
            + " VALUES ($1, 'CHARGE', 100, now())")
        .execute(Tuple.of(orderId.value()))))
        .hasMessageContaining("ledger_one_entry_per_kind");
  }

  @Test
  void summarisesTheLedger() {
    LedgerSummary before = await(ledger.summary());
    OrderId kept = newOrder();
    OrderId refunded = newOrder();
    await(charges.recordFirst(succeeded(kept, 1000)));
    await(charges.recordFirst(succeeded(refunded, 500)));
    await(charges.recordFirst(declined(newOrder(), DeclineReason.CARD_DECLINED)));
    await(refund(refunded));
    await(refund(newOrder()));

    LedgerSummary after = await(ledger.summary());

    assertThat(after.charges() - before.charges()).isEqualTo(2);
    assertThat(after.charged().centsMinus(before.charged())).isEqualTo(1500);
    assertThat(after.refunds() - before.refunds()).isEqualTo(1);
    assertThat(after.refunded().centsMinus(before.refunded())).isEqualTo(500);
    assertThat(after.netCents() - before.netCents()).isEqualTo(1000);
  }

  @Test
  void recordsAFailOpenDecisionInTheTransactionOfItsCharge() {
    OrderId orderId = newOrder();
    Charge charge = succeeded(orderId, 2100);
    FailOpenDecision decision = new FailOpenDecision(orderId, Money.ofCents(2100), "UNAVAILABLE: connection refused", now());

    ChargeOutcome outcome = await(charges.recordFirst(charge, Optional.of(decision)));

    assertThat(outcome.created()).isTrue();
    assertThat(failOpenOf(orderId)).containsExactly(decision);
    assertThat(ledgerOf(orderId)).containsExactly("CHARGE:2100");
  }

  @Test
  void aFailOpenDecisionThatCannotBeWrittenTakesItsChargeWithIt() {
    OrderId orderId = newOrder();
    // PostgreSQL text cannot hold a NUL character, so this insert fails after the charge's.
    FailOpenDecision unwritable = new FailOpenDecision(orderId, Money.ofCents(700), "ERROR: \u0000", now());

    assertThatThrownBy(() -> await(charges.recordFirst(succeeded(orderId, 700), Optional.of(unwritable))));

    assertThat(await(charges.find(orderId))).isEmpty();
    assertThat(ledgerOf(orderId)).isEmpty();
    assertThat(failOpenOf(orderId)).isEmpty();
  }

  @Test
  void aChargeThatFindsOneRecordedFirstRecordsNoFailOpenDecision() {
    OrderId orderId = newOrder();
    Charge first = succeeded(orderId, 900);
    await(charges.recordFirst(first));
    FailOpenDecision decision = new FailOpenDecision(orderId, Money.ofCents(900), "CIRCUIT_OPEN: breaker open", now());

    ChargeOutcome outcome = await(charges.recordFirst(succeeded(orderId, 900), Optional.of(decision)));

    assertThat(outcome).isEqualTo(ChargeOutcome.existing(first));
    assertThat(failOpenOf(orderId)).isEmpty();
  }

  @Test
  void refusesAFailOpenDecisionOfAnotherOrder() {
    FailOpenDecision elsewhere = new FailOpenDecision(newOrder(), Money.ofCents(900), "UNAVAILABLE: down", now());
    OrderId orderId = newOrder();

    assertThatThrownBy(() -> await(charges.recordFirst(succeeded(orderId, 900), Optional.of(elsewhere))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(await(charges.find(orderId))).isEmpty();
  }

  @Test
  void reportsTheCountOfFailOpenDecisionsAndTheNewestFirst() {
    FailOpenReport before = await(failOpens.report(1));
    Instant later = now().plus(Duration.ofDays(10_000));
    OrderId older = newOrder();
    OrderId newer = newOrder();
    FailOpenDecision olderDecision = new FailOpenDecision(older, Money.ofCents(300), "UNAVAILABLE: down", later);
    FailOpenDecision newerDecision = new FailOpenDecision(newer, Money.ofCents(400), "DEADLINE_EXCEEDED: slow", later.plusSeconds(1));
    await(charges.recordFirst(succeeded(older, 300), Optional.of(olderDecision)));
    await(charges.recordFirst(succeeded(newer, 400), Optional.of(newerDecision)));

    FailOpenReport after = await(failOpens.report(2));

    assertThat(after.count() - before.count()).isEqualTo(2);
    assertThat(after.latest()).containsExactly(newerDecision, olderDecision);
    assertThat(await(failOpens.report(1)).latest()).containsExactly(newerDecision);
  }

  private static List<FailOpenDecision> failOpenOf(OrderId orderId) {
    List<FailOpenDecision> decisions = new ArrayList<>();
    for (Row row : await(pool.preparedQuery("SELECT amount_cents, reason, decided_at FROM payments.fraud_fail_open WHERE order_id = $1")
        .execute(Tuple.of(orderId.value())))) {
      decisions.add(new FailOpenDecision(orderId, Money.ofCents(row.getLong("amount_cents")), row.getString("reason"),
          row.getOffsetDateTime("decided_at").toInstant()));
    }
    return decisions;
  }

  private static Future<Void> insertSucceededCharge(SqlConnection conn, OrderId orderId, UUID chargeId, long cents) {
    return conn.preparedQuery("INSERT INTO payments.charges"
            + " (order_id, charge_id, amount_cents, status, decline_reason, card_last4, created_at, updated_at)"
            + " VALUES ($1, $2, $3, 'SUCCEEDED', NULL, '4242', $4, $4)")
        .execute(Tuple.of(orderId.value(), chargeId, cents, now().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private static void waitUntilASessionWaitsForALock() {
    waitAtMost(Duration.ofSeconds(10)).until(() -> await(pool.preparedQuery(
            "SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        .execute())
        .iterator().next().getLong("waiting") > 0);
  }
}
