package dev.vertxshop.inventory.adapter.out.pg;

import static dev.vertxshop.inventory.Ids.unique;
import static dev.vertxshop.inventory.TestInventory.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.inventory.application.InventoryStore.EventCommit;
import dev.vertxshop.inventory.application.InventoryStore.SavedProduct;
import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.Refusal;
import dev.vertxshop.inventory.domain.RequestedItem;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationItem;
import dev.vertxshop.inventory.domain.ReservationRequest;
import dev.vertxshop.inventory.domain.ReservationStatus;
import dev.vertxshop.inventory.domain.ReserveOutcome;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PgInventoryStoreTest {

  private static TestDatabase database;
  private static Pool pool;
  private static PgInventoryStore store;

  @BeforeAll
  static void migrate(Vertx vertx) {
    database = TestPostgres.createDatabase();
    PgSettings pg = PgSettings.configured(TestInventory.settings(database, Map.of())).orElseThrow();
    await(Database.migrate(vertx, pg, "inventory"));
    pool = Database.pool(vertx, pg);
    store = new PgInventoryStore(pool);
  }

  @AfterAll
  static void close() {
    await(pool.close());
    database.close();
  }

  @Test
  void savesANewProductThenUpdatesItKeepingReservedStock() {
    String id = unique("mug");

    SavedProduct created = await(store.save(new ProductDefinition(id, "Mug", 1250, 10)));
    reserve(unique("order"), id, 4);
    SavedProduct updated = await(store.save(new ProductDefinition(id, "Big mug", 1490, 50)));

    assertThat(created).isEqualTo(new SavedProduct(new Product(id, "Mug", 1250, 10, 0), true));
    assertThat(updated).isEqualTo(new SavedProduct(new Product(id, "Big mug", 1490, 50, 4), false));
    assertThat(await(store.product(id))).contains(updated.product());
  }

  @Test
  void insertsMissingProductsAndLeavesExistingOnesAlone() {
    String existing = unique("beans");
    String missing = unique("kettle");
    await(store.save(new ProductDefinition(existing, "Beans", 2490, 7)));

    int inserted = await(store.insertMissing(List.of(
        new Product(existing, "Other beans", 1, 1000, 0), new Product(missing, "Kettle", 5900, 1000, 0))));

    assertThat(inserted).isEqualTo(1);
    assertThat(await(store.product(existing))).contains(new Product(existing, "Beans", 2490, 7, 0));
    assertThat(await(store.product(missing))).contains(new Product(missing, "Kettle", 5900, 1000, 0));
  }

  @Test
  void findsProductsByIdInIdOrderLeavingUnknownOnesOut() {
    String b = "b-" + unique("mug");
    String a = "a-" + unique("mug");
    await(store.save(new ProductDefinition(b, "B", 1, 1)));
    await(store.save(new ProductDefinition(a, "A", 1, 1)));

    List<Product> found = await(store.products(List.of(b, unique("unknown"), a)));

    assertThat(found).extracting(Product::productId).containsExactly(a, b);
    assertThat(await(store.product(unique("unknown")))).isEmpty();
  }

  @Test
  void listsTheCatalogueInIdOrderUpToTheLimit() {
    await(store.save(new ProductDefinition(unique("grinder"), "Grinder", 12900, 1)));
    await(store.save(new ProductDefinition(unique("grinder"), "Grinder", 12900, 1)));

    List<Product> firstTwo = await(store.catalogue(2));
    List<Product> all = await(store.catalogue(500));

    assertThat(firstTwo).hasSize(2);
    assertThat(all).extracting(Product::productId).isSorted();
    assertThat(all.subList(0, 2)).isEqualTo(firstTwo);
  }

  @Test
  void reservingMovesStockAndRecordsTheItemsWithTheirPrices() {
    String mug = "a-" + unique("mug");
    String kettle = "b-" + unique("kettle");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    await(store.save(new ProductDefinition(kettle, "Kettle", 5900, 10)));
    String id = unique("order");

    ReserveOutcome outcome = await(store.reserve(new ReservationRequest(id,
        List.of(new RequestedItem(kettle, 1), new RequestedItem(mug, 3)))));

    Reservation expected = Reservation.reserved(id, List.of(new ReservationItem(mug, 3, 1250), new ReservationItem(kettle, 1, 5900)));
    assertThat(outcome).isEqualTo(new ReserveOutcome.Reserved(expected));
    assertThat(await(store.reservation(id))).contains(expected);
    assertStock(mug, 7, 3);
    assertStock(kettle, 9, 1);
  }

  @Test
  void aKnownReservationIdAnswersTheStoredReservationAndMovesNothing() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String id = unique("order");
    Reservation first = ((ReserveOutcome.Reserved) reserve(id, mug, 2)).reservation();

    ReserveOutcome again = reserve(id, mug, 5);

    assertThat(again).isEqualTo(new ReserveOutcome.AlreadyExists(first));
    assertStock(mug, 8, 2);
  }

  @Test
  void anUnknownProductReservesNothingAndLeavesNoReservation() {
    String mug = "a-" + unique("mug");
    String ghost = "b-" + unique("ghost");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String id = unique("order");

    ReserveOutcome outcome = await(store.reserve(new ReservationRequest(id,
        List.of(new RequestedItem(mug, 1), new RequestedItem(ghost, 1)))));

    assertThat(outcome).isEqualTo(new ReserveOutcome.UnknownProduct(ghost));
    assertStock(mug, 10, 0);
    assertThat(await(store.reservation(id))).isEmpty();
  }

  @Test
  void insufficientStockReservesNothingAndSaysHowMuchIsAvailable() {
    String mug = "a-" + unique("mug");
    String grinder = "b-" + unique("grinder");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    await(store.save(new ProductDefinition(grinder, "Grinder", 12900, 2)));
    String id = unique("order");

    ReserveOutcome outcome = await(store.reserve(new ReservationRequest(id,
        List.of(new RequestedItem(mug, 5), new RequestedItem(grinder, 3)))));

    assertThat(outcome).isEqualTo(new ReserveOutcome.InsufficientStock(grinder, 3, 2));
    assertStock(mug, 10, 0);
    assertStock(grinder, 2, 0);
    assertThat(await(store.reservation(id))).isEmpty();
  }

  @Test
  void cancellingGivesStockBackOnceAndKeepsTheItems() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String id = unique("order");
    reserve(id, mug, 4);

    Transition first = await(store.cancel(id));
    Transition second = await(store.cancel(id));

    Reservation cancelled = new Reservation(id, ReservationStatus.CANCELLED, List.of(new ReservationItem(mug, 4, 1250)));
    assertThat(first).isInstanceOf(Transition.Changed.class);
    assertThat(first.reservation()).isEqualTo(cancelled);
    assertThat(second).isEqualTo(new Transition.Unchanged(cancelled));
    assertThat(await(store.reservation(id))).contains(cancelled);
    assertStock(mug, 10, 0);
  }

  @Test
  void cancellingAnUnknownIdStoresATombstoneThatALaterReserveFinds() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String id = unique("order");

    Transition cancelled = await(store.cancel(id));
    ReserveOutcome late = reserve(id, mug, 3);

    assertThat(cancelled).isEqualTo(Reservation.cancelUnknown(id));
    assertThat(late).isEqualTo(new ReserveOutcome.AlreadyExists(Reservation.tombstone(id)));
    assertStock(mug, 10, 0);
  }

  @Test
  void committingTakesTheStockOutAndIsRefusedAfterACancel() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String committedId = unique("order");
    String cancelledId = unique("order");
    reserve(committedId, mug, 2);
    reserve(cancelledId, mug, 3);
    await(store.cancel(cancelledId));

    Optional<Transition> committed = await(store.commit(committedId));
    Optional<Transition> refused = await(store.commit(cancelledId));
    Transition cancelAfterCommit = await(store.cancel(committedId));

    assertThat(committed).get().isInstanceOf(Transition.Changed.class);
    assertThat(committed.get().reservation().status()).isEqualTo(ReservationStatus.COMMITTED);
    assertThat(refused).get().isInstanceOfSatisfying(Transition.Refused.class,
        r -> assertThat(r.refusal()).isEqualTo(Refusal.ALREADY_CANCELLED));
    assertThat(cancelAfterCommit).isInstanceOfSatisfying(Transition.Refused.class,
        r -> assertThat(r.refusal()).isEqualTo(Refusal.ALREADY_COMMITTED));
    assertStock(mug, 8, 0);
  }

  @Test
  void committingAnUnknownIdFindsNothingAndStoresNothing() {
    String id = unique("order");

    assertThat(await(store.commit(id))).isEmpty();
    assertThat(await(store.reservation(id))).isEmpty();
  }

  @Test
  void concurrentCancelAndCommitOfOneReservationApplyExactlyOne() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 100)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String id = unique("order");
      ids.add(id);
      reserve(id, mug, 1);
    }

    List<Future<Transition>> cancels = new ArrayList<>();
    List<Future<Optional<Transition>>> commits = new ArrayList<>();
    for (String id : ids) {
      cancels.add(store.cancel(id));
      commits.add(store.commit(id));
      cancels.add(store.cancel(id));
    }
    List<Future<?>> all = new ArrayList<>(cancels);
    all.addAll(commits);
    await(Future.join(all));

    long changed = cancels.stream().filter(f -> f.result() instanceof Transition.Changed).count()
        + commits.stream().filter(f -> f.result().orElseThrow() instanceof Transition.Changed).count();
    assertThat(changed).isEqualTo(ids.size());
    long committed = ids.stream()
        .filter(id -> await(store.reservation(id)).orElseThrow().status() == ReservationStatus.COMMITTED)
        .count();
    assertStock(mug, 100 - committed, 0);
  }

  @Test
  void theDatabaseRefusesNegativeStockWhateverTheCodeDoes() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 1)));

    assertThatThrownBy(() -> await(pool.preparedQuery("UPDATE inventory.products SET available = available - 2 WHERE product_id = $1")
        .execute(Tuple.of(mug))))
        .hasMessageContaining("check constraint");
    assertStock(mug, 1, 0);
  }

  @Test
  void anEventCommitsItsReservationOnceHoweverOftenItComes() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 4);
    reserve(UUID.randomUUID().toString(), mug, 1);
    CloudEvent event = completed(orderId);

    List<EventCommit> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outcomes.add(await(store.commitForEvent(event, orderId)));
    }

    assertThat(outcomes.get(0)).isInstanceOfSatisfying(EventCommit.Committed.class,
        c -> assertThat(c.transition()).isInstanceOf(Transition.Changed.class));
    assertThat(outcomes.subList(1, 10)).allMatch(EventCommit.AlreadyProcessed.class::isInstance);
    assertThat(await(store.reservation(orderId)).orElseThrow().status()).isEqualTo(ReservationStatus.COMMITTED);
    assertStock(mug, 5, 1);
    assertThat(processed(event.id())).isEqualTo(1);
  }

  @Test
  void theSameEventArrivingConcurrentlyCommitsItsReservationOnce() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 3);
    reserve(UUID.randomUUID().toString(), mug, 2);
    CloudEvent event = completed(orderId);

    List<Future<EventCommit>> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      outcomes.add(store.commitForEvent(event, orderId));
    }
    await(Future.all(outcomes));

    assertThat(outcomes).filteredOn(f -> f.result() instanceof EventCommit.Committed).hasSize(1);
    assertThat(outcomes).filteredOn(f -> f.result() instanceof EventCommit.AlreadyProcessed).hasSize(9);
    assertStock(mug, 5, 2);
    assertThat(processed(event.id())).isEqualTo(1);
  }

  @Test
  void anEventForAReservationCommittedBeforeIsRecordedAndMovesNoStock() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 2);
    await(store.commit(orderId));
    CloudEvent event = completed(orderId);

    EventCommit outcome = await(store.commitForEvent(event, orderId));

    assertThat(outcome).isInstanceOfSatisfying(EventCommit.Committed.class,
        c -> assertThat(c.transition()).isInstanceOf(Transition.Unchanged.class));
    assertStock(mug, 8, 0);
    assertThat(processed(event.id())).isEqualTo(1);
  }

  @Test
  void anEventForAnUnknownReservationRecordsNothingSoItCanBeAppliedOnceTheReservationExists() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String orderId = UUID.randomUUID().toString();
    CloudEvent event = completed(orderId);

    EventCommit unknown = await(store.commitForEvent(event, orderId));
    reserve(orderId, mug, 2);
    EventCommit replayed = await(store.commitForEvent(event, orderId));

    assertThat(unknown).isEqualTo(new EventCommit.UnknownReservation(orderId));
    assertThat(replayed).isInstanceOf(EventCommit.Committed.class);
    assertStock(mug, 8, 0);
    assertThat(processed(event.id())).isEqualTo(1);
  }

  @Test
  void anEventForACancelledReservationIsRefusedAndRecordsNothing() {
    String mug = unique("mug");
    await(store.save(new ProductDefinition(mug, "Mug", 1250, 10)));
    String orderId = UUID.randomUUID().toString();
    reserve(orderId, mug, 2);
    await(store.cancel(orderId));
    CloudEvent event = completed(orderId);

    EventCommit outcome = await(store.commitForEvent(event, orderId));

    assertThat(outcome).isInstanceOfSatisfying(EventCommit.Refused.class,
        r -> assertThat(r.transition().refusal()).isEqualTo(Refusal.ALREADY_CANCELLED));
    assertThat(await(store.reservation(orderId)).orElseThrow().status()).isEqualTo(ReservationStatus.CANCELLED);
    assertStock(mug, 10, 0);
    assertThat(processed(event.id())).isZero();
  }

  private static CloudEvent completed(String orderId) {
    return new CloudEvent(UUID.randomUUID().toString(), "order.completed", "/orders", Instant.now(), orderId,
        new JsonObject().put("orderId", orderId), null);
  }

  private static long processed(String eventId) {
    return await(pool.preparedQuery("SELECT count(*) FROM inventory.processed_events WHERE event_id = $1 AND event_type = 'order.completed'")
        .execute(Tuple.of(eventId))).iterator().next().getLong(0);
  }

  private static ReserveOutcome reserve(String reservationId, String productId, int quantity) {
    return await(store.reserve(new ReservationRequest(reservationId, List.of(new RequestedItem(productId, quantity)))));
  }

  private static void assertStock(String productId, long available, long reserved) {
    Product product = await(store.product(productId)).orElseThrow();
    assertThat(product.available()).as("available of %s", productId).isEqualTo(available);
    assertThat(product.reserved()).as("reserved of %s", productId).isEqualTo(reserved);
  }
}
