package dev.vertxshop.inventory.adapter.out.pg;

import dev.vertxshop.inventory.application.InventoryStore;
import dev.vertxshop.inventory.application.InventoryStore.EventCommit;
import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.RequestedItem;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationItem;
import dev.vertxshop.inventory.domain.ReservationRequest;
import dev.vertxshop.inventory.domain.ReservationStatus;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.StockChange;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The inventory in PostgreSQL (schema {@code inventory}). Every change that touches more than one
 * row runs in one transaction; stock is only ever taken by a conditional update, so it cannot go
 * below zero even under concurrent reservations (the table's CHECK constraints say so as well).
 */
public final class PgInventoryStore implements InventoryStore {

  private static final String PRODUCT_COLUMNS = "product_id, name, price_cents, available, reserved";

  // (xmax = 0) is true only for a row this statement inserted, false for one it updated.
  private static final String UPSERT_PRODUCT = """
      INSERT INTO inventory.products (product_id, name, price_cents, available, reserved)
      VALUES ($1, $2, $3, $4, 0)
      ON CONFLICT (product_id) DO UPDATE
        SET name = EXCLUDED.name, price_cents = EXCLUDED.price_cents, available = EXCLUDED.available, defined_at = now()
      RETURNING product_id, name, price_cents, available, reserved, (xmax = 0) AS created""";

  private static final String INSERT_MISSING_PRODUCTS = """
      INSERT INTO inventory.products (product_id, name, price_cents, available, reserved)
      SELECT id, name, price, available, 0
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS p (id, name, price, available)
      ON CONFLICT (product_id) DO NOTHING""";

  private static final String SELECT_PRODUCT =
      "SELECT " + PRODUCT_COLUMNS + " FROM inventory.products WHERE product_id = $1";

  private static final String SELECT_PRODUCTS =
      "SELECT " + PRODUCT_COLUMNS + " FROM inventory.products WHERE product_id = ANY($1) ORDER BY product_id";

  private static final String SELECT_CATALOGUE =
      "SELECT " + PRODUCT_COLUMNS + " FROM inventory.products ORDER BY product_id LIMIT $1";

  private static final String INSERT_RESERVATION =
      "INSERT INTO inventory.reservations (reservation_id, status) VALUES ($1, $2) ON CONFLICT (reservation_id) DO NOTHING";

  // Takes the stock only if enough is there: the row lock it holds until commit serialises concurrent takers.
  private static final String TAKE_STOCK =
      "UPDATE inventory.products SET available = available - $2, reserved = reserved + $2 "
          + "WHERE product_id = $1 AND available >= $2 RETURNING price_cents";

  private static final String SELECT_AVAILABLE = "SELECT available FROM inventory.products WHERE product_id = $1";

  private static final String INSERT_ITEM =
      "INSERT INTO inventory.reservation_items (reservation_id, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4)";

  private static final String SELECT_RESERVATION = """
      SELECT r.status, i.product_id, i.quantity, i.unit_price_cents
        FROM inventory.reservations r
        LEFT JOIN inventory.reservation_items i ON i.reservation_id = r.reservation_id
       WHERE r.reservation_id = $1
       ORDER BY i.product_id""";

  private static final String LOCK_RESERVATION = SELECT_RESERVATION + " FOR UPDATE OF r";

  private static final String MOVE_STOCK =
      "UPDATE inventory.products SET available = available + $2, reserved = reserved + $3 WHERE product_id = $1";

  private static final String SET_STATUS =
      "UPDATE inventory.reservations SET status = $2, updated_at = now() WHERE reservation_id = $1";

  private static final String PROCESSED_EVENTS = "inventory.processed_events";

  private final Pool pool;

  public PgInventoryStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<SavedProduct> save(ProductDefinition definition) {
    return pool.preparedQuery(UPSERT_PRODUCT)
        .execute(Tuple.of(definition.productId(), definition.name(), definition.priceCents(), definition.available()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new SavedProduct(toProduct(row), row.getBoolean("created"));
        });
  }

  @Override
  public Future<Integer> insertMissing(List<Product> products) {
    if (products.isEmpty()) {
      return Future.succeededFuture(0);
    }
    String[] ids = products.stream().map(Product::productId).toArray(String[]::new);
    String[] names = products.stream().map(Product::name).toArray(String[]::new);
    Long[] prices = products.stream().map(Product::priceCents).toArray(Long[]::new);
    Long[] available = products.stream().map(Product::available).toArray(Long[]::new);
    return pool.preparedQuery(INSERT_MISSING_PRODUCTS)
        .execute(Tuple.of(ids, names, prices, available))
        .map(RowSet::rowCount);
  }

  @Override
  public Future<Optional<Product>> product(String productId) {
    return pool.preparedQuery(SELECT_PRODUCT)
        .execute(Tuple.of(productId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toProduct(rows.iterator().next())));
  }

  @Override
  public Future<List<Product>> products(Collection<String> productIds) {
    if (productIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(SELECT_PRODUCTS)
        .execute(Tuple.of((Object) productIds.toArray(String[]::new)))
        .map(PgInventoryStore::toProducts);
  }

  @Override
  public Future<List<Product>> catalogue(int limit) {
    return pool.preparedQuery(SELECT_CATALOGUE).execute(Tuple.of(limit)).map(PgInventoryStore::toProducts);
  }

  @Override
  public Future<ReserveOutcome> reserve(ReservationRequest request) {
    return pool.<ReserveOutcome>withTransaction(connection -> new Reserving(connection, request).run())
        .recover(failure -> carriedOut(failure, ReserveOutcome.class));
  }

  @Override
  public Future<Transition> cancel(String reservationId) {
    return pool.withTransaction(connection -> connection.preparedQuery(INSERT_RESERVATION)
        .execute(Tuple.of(reservationId, ReservationStatus.CANCELLED.name()))
        .compose(inserted -> inserted.rowCount() == 1
            ? Future.succeededFuture(Reservation.cancelUnknown(reservationId))
            : lockExisting(connection, reservationId).compose(reservation -> apply(connection, reservation.cancel()))));
  }

  @Override
  public Future<Optional<Transition>> commit(String reservationId) {
    return pool.withTransaction(connection -> readReservation(connection, LOCK_RESERVATION, reservationId)
        .compose(found -> found.isEmpty()
            ? Future.succeededFuture(Optional.<Transition>empty())
            : apply(connection, found.get().commit()).map(Optional::of)));
  }

  @Override
  public Future<Optional<Reservation>> reservation(String reservationId) {
    return readReservation(pool, SELECT_RESERVATION, reservationId);
  }

  @Override
  public Future<EventCommit> commitForEvent(CloudEvent event, String reservationId) {
    return pool.<EventCommit>withTransaction(connection -> ProcessedEvents.claim(connection, PROCESSED_EVENTS, event)
            .compose(claimed -> claimed
                ? commitClaimed(connection, reservationId)
                : Future.succeededFuture(new EventCommit.AlreadyProcessed())))
        .recover(failure -> carriedOut(failure, EventCommit.class));
  }

  /**
   * The commit of a claimed event. When it cannot be applied the transaction rolls back, taking the
   * claim with it: the event is not processed, and a replay after a fix can still apply it.
   */
  private static Future<EventCommit> commitClaimed(SqlConnection connection, String reservationId) {
    return readReservation(connection, LOCK_RESERVATION, reservationId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(new RollBack(new EventCommit.UnknownReservation(reservationId)));
      }
      Transition transition = found.get().commit();
      if (transition instanceof Transition.Refused refused) {
        return Future.failedFuture(new RollBack(new EventCommit.Refused(refused)));
      }
      return apply(connection, transition).map(EventCommit.Committed::new);
    });
  }

  /** Writes a changed state with its stock movements; an unchanged or refused one writes nothing. */
  private static Future<Transition> apply(SqlConnection connection, Transition transition) {
    if (!(transition instanceof Transition.Changed changed)) {
      return Future.succeededFuture(transition);
    }
    return moveStock(connection, changed.stockChanges())
        .compose(moved -> connection.preparedQuery(SET_STATUS)
            .execute(Tuple.of(changed.reservation().reservationId(), changed.reservation().status().name())))
        .map(transition);
  }

  private static Future<Void> moveStock(SqlConnection connection, List<StockChange> changes) {
    if (changes.isEmpty()) {
      return Future.succeededFuture();
    }
    // The changes come in product-id order, the same order in which reservations lock products.
    List<Tuple> batch = changes.stream()
        .map(change -> Tuple.of(change.productId(), change.availableDelta(), change.reservedDelta()))
        .toList();
    return connection.preparedQuery(MOVE_STOCK).executeBatch(batch).mapEmpty();
  }

  private static Future<Reservation> lockExisting(SqlConnection connection, String reservationId) {
    return readReservation(connection, LOCK_RESERVATION, reservationId)
        .map(found -> found.orElseThrow(() -> new IllegalStateException("Reservation " + reservationId + " vanished")));
  }

  private static Future<Optional<Reservation>> readReservation(SqlClient client, String sql, String reservationId) {
    return client.preparedQuery(sql).execute(Tuple.of(reservationId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      ReservationStatus status = null;
      List<ReservationItem> items = new ArrayList<>();
      for (Row row : rows) {
        status = ReservationStatus.valueOf(row.getString("status"));
        if (row.getString("product_id") != null) {
          items.add(new ReservationItem(row.getString("product_id"), row.getInteger("quantity"), row.getLong("unit_price_cents")));
        }
      }
      return Optional.of(new Reservation(reservationId, status, items));
    });
  }

  /** The outcome that a rolled-back transaction carried out, or the failure as it came. */
  private static <T> Future<T> carriedOut(Throwable failure, Class<T> type) {
    if (failure instanceof RollBack rollBack && type.isInstance(rollBack.outcome)) {
      return Future.succeededFuture(type.cast(rollBack.outcome));
    }
    return Future.failedFuture(failure);
  }

  private static List<Product> toProducts(RowSet<Row> rows) {
    List<Product> products = new ArrayList<>(rows.size());
    rows.forEach(row -> products.add(toProduct(row)));
    return products;
  }

  private static Product toProduct(Row row) {
    return new Product(
        row.getString("product_id"),
        row.getString("name"),
        row.getLong("price_cents"),
        row.getLong("available"),
        row.getLong("reserved"));
  }

  /** One reservation inside its transaction: record the id, take every item's stock, record the items. */
  private static final class Reserving {

    private final SqlConnection connection;
    private final ReservationRequest request;

    Reserving(SqlConnection connection, ReservationRequest request) {
      this.connection = connection;
      this.request = request;
    }

    Future<ReserveOutcome> run() {
      // Inserting the id first makes a concurrent request with the same id wait for this transaction,
      // then find the reservation instead of reserving a second time.
      return connection.preparedQuery(INSERT_RESERVATION)
          .execute(Tuple.of(request.reservationId(), ReservationStatus.RESERVED.name()))
          .compose(inserted -> inserted.rowCount() == 1 ? takeEveryItem() : existing());
    }

    private Future<ReserveOutcome> existing() {
      return readReservation(connection, SELECT_RESERVATION, request.reservationId())
          .map(found -> new ReserveOutcome.AlreadyExists(found.orElseThrow()));
    }

    private Future<ReserveOutcome> takeEveryItem() {
      Future<List<ReservationItem>> taken = Future.succeededFuture(new ArrayList<>());
      for (RequestedItem item : request.items()) {
        taken = taken.compose(items -> take(item).map(reserved -> {
          items.add(reserved);
          return items;
        }));
      }
      return taken.compose(this::recordItems);
    }

    private Future<ReservationItem> take(RequestedItem item) {
      return connection.preparedQuery(TAKE_STOCK)
          .execute(Tuple.of(item.productId(), (long) item.quantity()))
          .compose(rows -> rows.rowCount() == 1
              ? Future.succeededFuture(new ReservationItem(item.productId(), item.quantity(), rows.iterator().next().getLong(0)))
              : refuse(item));
    }

    /** Fails the transaction, so that it rolls back, with the reason the item could not be taken. */
    private Future<ReservationItem> refuse(RequestedItem item) {
      return connection.preparedQuery(SELECT_AVAILABLE).execute(Tuple.of(item.productId())).compose(rows -> {
        ReserveOutcome outcome = rows.size() == 0
            ? new ReserveOutcome.UnknownProduct(item.productId())
            : new ReserveOutcome.InsufficientStock(item.productId(), item.quantity(), rows.iterator().next().getLong(0));
        return Future.failedFuture(new RollBack(outcome));
      });
    }

    private Future<ReserveOutcome> recordItems(List<ReservationItem> items) {
      List<Tuple> batch = items.stream()
          .map(item -> Tuple.of(request.reservationId(), item.productId(), item.quantity(), item.unitPriceCents()))
          .toList();
      return connection.preparedQuery(INSERT_ITEM)
          .executeBatch(batch)
          .map(inserted -> new ReserveOutcome.Reserved(Reservation.reserved(request.reservationId(), items)));
    }
  }

  /** Carries an outcome (a refusal) out of a transaction that must roll back. */
  private static final class RollBack extends RuntimeException {

    private final transient Object outcome;

    RollBack(Object outcome) {
      super(outcome.toString(), null, false, false);
      this.outcome = outcome;
    }
  }
}
