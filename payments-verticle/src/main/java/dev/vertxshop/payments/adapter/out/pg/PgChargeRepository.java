package dev.vertxshop.payments.adapter.out.pg;

import dev.vertxshop.payments.application.ChargeOutcome;
import dev.vertxshop.payments.application.ChargeRepository;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
import dev.vertxshop.payments.domain.ChargeStatus;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.LedgerEntry;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/**
 * Charges in {@code payments.charges} (one row per order, the order id as primary key) and their
 * ledger entries in {@code payments.ledger}, always written in the same transaction (or statement)
 * as the charge;
 * so is the fail-open decision that let a charge through unscreened ({@code
 * payments.fraud_fail_open}).
 */
public final class PgChargeRepository implements ChargeRepository {

  private static final String COLUMNS =
      "order_id, charge_id, amount_cents, status, decline_reason, card_last4, created_at, updated_at";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM payments.charges WHERE order_id = $1";
  private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  private static final String INSERT_IF_ABSENT = "INSERT INTO payments.charges (" + COLUMNS + ")"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING";
  private static final String UPDATE_STATUS =
      "UPDATE payments.charges SET status = $2, updated_at = $3 WHERE order_id = $1";
  private static final String INSERT_LEDGER_ENTRY =
      "INSERT INTO payments.ledger (order_id, kind, amount_cents, created_at) VALUES ($1, $2, $3, $4)";
  /*
   * A first charge with its opening ledger entry ($9 null: none) and its fail-open decision ($13
   * null: none) in one statement, so all are committed together or not at all, in one round trip.
   * The companions are written only when the charge row was; ON CONFLICT DO NOTHING waits for a
   * concurrent insert of the same order to commit, and the loser then reads the winner's row.
   */
  private static final String INSERT_FIRST = "WITH inserted AS (" + INSERT_IF_ABSENT + " RETURNING order_id"
      + """
      ), ledger AS (
        INSERT INTO payments.ledger (order_id, kind, amount_cents, created_at)
        SELECT $1, $9::text, $10, $11 FROM inserted WHERE $9::text IS NOT NULL
      ), fail_open AS (
        INSERT INTO payments.fraud_fail_open (order_id, amount_cents, reason, decided_at)
        SELECT $1, $12, $13::text, $14 FROM inserted WHERE $13::text IS NOT NULL
      )
      SELECT count(*) AS inserted FROM inserted""";

  private final Pool pool;

  public PgChargeRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Charge>> find(OrderId orderId) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(orderId.value())).map(PgChargeRepository::firstCharge);
  }

  @Override
  public Future<ChargeOutcome> recordFirst(Charge charge, Optional<FailOpenDecision> failOpen) {
    if (failOpen.isPresent() && !failOpen.get().orderId().equals(charge.orderId())) {
      return Future.failedFuture(new IllegalArgumentException("A fail-open decision belongs to the charge of its order"));
    }
    Tuple row = chargeRow(charge);
    Optional<LedgerEntry> opening = charge.openingEntry();
    row.addString(opening.map(entry -> entry.kind().name()).orElse(null))
        .addValue(opening.map(entry -> entry.amount().cents()).orElse(null))
        .addValue(opening.map(entry -> timestamp(entry.at())).orElse(null))
        .addValue(failOpen.map(decision -> decision.amount().cents()).orElse(null))
        .addString(failOpen.map(FailOpenDecision::reason).orElse(null))
        .addValue(failOpen.map(decision -> timestamp(decision.decidedAt())).orElse(null));
    return pool.preparedQuery(INSERT_FIRST).execute(row).compose(rows -> rows.iterator().next().getLong("inserted") == 1
        ? Future.succeededFuture(ChargeOutcome.created(charge))
        : existingCharge(charge.orderId()));
  }

  private Future<ChargeOutcome> existingCharge(OrderId orderId) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(orderId.value()))
        .map(rows -> firstCharge(rows)
            .map(ChargeOutcome::existing)
            .orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " has a conflicting charge that cannot be read")));
  }

  @Override
  public Future<Charge> change(OrderId orderId, Function<Optional<Charge>, ChargeChange> decide) {
    return pool.withTransaction(conn -> lockAndApply(conn, orderId, decide)
        .compose(applied -> applied.isPresent()
            ? Future.succeededFuture(applied.get())
            : lockAndApply(conn, orderId, decide).map(again -> again.orElseThrow(() ->
                new IllegalStateException("Order " + orderId + " has a charge that cannot be locked")))));
  }

  /** The changed charge, or empty when a charge for the order appeared while voiding it. */
  private Future<Optional<Charge>> lockAndApply(
      SqlConnection conn, OrderId orderId, Function<Optional<Charge>, ChargeChange> decide) {
    return conn.preparedQuery(SELECT_FOR_UPDATE).execute(Tuple.of(orderId.value()))
        .map(PgChargeRepository::firstCharge)
        .map(current -> decide.apply(current))
        .compose(change -> apply(conn, change));
  }

  private Future<Optional<Charge>> apply(SqlConnection conn, ChargeChange change) {
    if (change instanceof ChargeChange.Refunded refunded) {
      return updateStatus(conn, refunded.charge())
          .compose(ignored -> insertLedgerEntry(conn, refunded.entry()))
          .map(Optional.of(refunded.charge()));
    }
    if (change instanceof ChargeChange.Voided voided) {
      return insertIfAbsent(conn, voided.charge())
          .map(inserted -> inserted ? Optional.of(voided.charge()) : Optional.<Charge>empty());
    }
    return Future.succeededFuture(Optional.of(change.charge()));
  }

  private Future<Boolean> insertIfAbsent(SqlConnection conn, Charge charge) {
    return conn.preparedQuery(INSERT_IF_ABSENT).execute(chargeRow(charge)).map(result -> result.rowCount() == 1);
  }

  private static Tuple chargeRow(Charge charge) {
    return Tuple.of(
        charge.orderId().value(),
        charge.chargeId(),
        charge.amount().cents(),
        charge.status().name(),
        charge.decline().map(DeclineReason::code).orElse(null),
        charge.cardLast4(),
        timestamp(charge.createdAt()),
        timestamp(charge.updatedAt()));
  }

  private Future<Void> updateStatus(SqlConnection conn, Charge charge) {
    Tuple row = Tuple.of(charge.orderId().value(), charge.status().name(), timestamp(charge.updatedAt()));
    return conn.preparedQuery(UPDATE_STATUS).execute(row).mapEmpty();
  }

  private Future<Void> insertLedgerEntry(SqlConnection conn, LedgerEntry entry) {
    Tuple row = Tuple.of(entry.orderId().value(), entry.kind().name(), entry.amount().cents(), timestamp(entry.at()));
    return conn.preparedQuery(INSERT_LEDGER_ENTRY).execute(row).mapEmpty();
  }

  private static Optional<Charge> firstCharge(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(toCharge(iterator.next())) : Optional.empty();
  }

  private static Charge toCharge(Row row) {
    String declineReason = row.getString("decline_reason");
    return new Charge(
        row.getUUID("charge_id"),
        OrderId.of(row.getString("order_id")),
        Money.ofCents(row.getLong("amount_cents")),
        ChargeStatus.valueOf(row.getString("status")),
        declineReason == null ? null : DeclineReason.fromCode(declineReason),
        row.getString("card_last4"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant());
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
