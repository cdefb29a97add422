package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.now;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.pendingOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgOrderRepositoryTest {

  private static PgTestSupport pg;
  private static PgOrderRepository orders;
  private static PgSagaRepository sagas;

  @BeforeAll
  static void database() {
    pg = new PgTestSupport();
    orders = new PgOrderRepository(pg.pool);
    sagas = new PgSagaRepository(pg.pool);
  }

  @AfterAll
  static void dropDatabase() {
    pg.close();
  }

  @Test
  void anOrderIsStoredWithItsItemsInOrderAndItsSaga() {
    Instant at = now();
    Order order = pendingOrder(at);
    Saga saga = Saga.begin(order.id(), at);

    await(orders.create(order, saga));

    assertThat(await(orders.find(order.id()))).contains(order);
    assertThat(await(sagas.sagaOf(order.id()))).contains(saga);
    assertThat(await(sagas.stepsOf(order.id()))).as("creating writes no step").isEmpty();
  }

  @Test
  void anUnknownOrderIsNotFound() {
    assertThat(await(orders.find(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void aSecondOrderWithTheSameIdStoresNothing() {
    Instant at = now();
    Order order = pendingOrder(at);
    await(orders.create(order, Saga.begin(order.id(), at)));
    Order clash = new Order(order.id(), "someone-else", "x@y.z", order.items(), order.totalCents(), order.status(), null, at, at);

    assertThatThrownBy(() -> await(orders.create(clash, Saga.begin(order.id(), at.plusSeconds(1)))));

    assertThat(await(orders.find(order.id()))).contains(order);
    assertThat(pg.count("orders.order_items", order.id())).isEqualTo(2);
  }

  @Test
  void aSagaForAnotherOrderIsRefusedBeforeWriting() {
    Instant at = now();
    Order order = pendingOrder(at);

    assertThatThrownBy(() -> await(orders.create(order, Saga.begin(UUID.randomUUID(), at))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pg.count("orders.orders", order.id())).isZero();
  }

  @Test
  void theSchemaHasAPartialIndexOnUnfinishedSagas() {
    String definition = await(pg.pool.query(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'orders' AND indexname = 'sagas_unfinished_idx'").execute())
        .iterator().next().getString("indexdef");

    assertThat(definition).contains("WHERE").contains("RUNNING").contains("COMPENSATING");
  }
}
