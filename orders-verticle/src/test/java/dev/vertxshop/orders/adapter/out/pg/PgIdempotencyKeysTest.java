package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.now;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.pendingOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotencyRecord;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgIdempotencyKeysTest {

  private static final Duration RETENTION = Duration.ofHours(24);

  private static PgTestSupport pg;
  private static PgOrderRepository orders;

  @BeforeAll
  static void database() {
    pg = new PgTestSupport(Map.of("PG_POOL_SIZE", "10"));
    orders = new PgOrderRepository(pg.pool);
  }

  @AfterAll
  static void dropDatabase() {
    pg.close();
  }

  private static IdempotentRequest request(IdempotencyKey key, char hash) {
    return new IdempotentRequest(key, String.valueOf(hash).repeat(64));
  }

  private static Future<Boolean> create(Order order, IdempotentRequest request) {
    return orders.create(order, Saga.begin(order.id(), order.createdAt()), new Lease("instance-a", order.createdAt().plusSeconds(10)),
        Optional.of(request), order.createdAt().minus(RETENTION));
  }

  private static long keysNaming(String key) {
    return await(pg.pool.preparedQuery("SELECT count(*) AS n FROM orders.idempotency_keys WHERE key = $1").execute(Tuple.of(key)))
        .iterator().next().getLong("n");
  }

  @Test
  void ofTenConcurrentRequestsWithOneKeyExactlyOneStoresItsOrder() {
    IdempotencyKey key = new IdempotencyKey("race-" + UUID.randomUUID());
    Instant at = now();
    List<Order> contenders = new ArrayList<>();
    List<Future<Boolean>> outcomes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Order order = pendingOrder(at);
      contenders.add(order);
      outcomes.add(create(order, request(key, 'a')));
    }
    await(Future.join(outcomes));

    List<Order> winners = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      assertThat(outcomes.get(i).succeeded()).as("no contender fails: " + outcomes.get(i).cause()).isTrue();
      if (outcomes.get(i).result()) {
        winners.add(contenders.get(i));
      }
    }
    assertThat(winners).hasSize(1);
    Order winner = winners.get(0);
    contenders.forEach(order -> assertThat(pg.count("orders.orders", order.id())).isEqualTo(order == winner ? 1 : 0));
    contenders.forEach(order -> assertThat(pg.count("orders.sagas", order.id())).isEqualTo(order == winner ? 1 : 0));
    assertThat(keysNaming(key.value())).isEqualTo(1);
    assertThat(await(orders.findIdempotencyKey(key, at.minus(RETENTION))))
        .contains(new IdempotencyRecord(key, "a".repeat(64), winner.id(), at));
  }

  @Test
  void anOrderStoredWithoutAKeyLeavesNoKey() {
    Order order = pendingOrder(now());

    await(orders.create(order, Saga.begin(order.id(), order.createdAt())));

    assertThat(await(pg.pool.preparedQuery("SELECT count(*) AS n FROM orders.idempotency_keys WHERE order_id = $1")
        .execute(Tuple.of(order.id()))).iterator().next().getLong("n")).isZero();
  }

  @Test
  void anExpiredKeyIsNotFoundAndIsTakenOverByTheNextOrder() {
    IdempotencyKey key = new IdempotencyKey("expiring-" + UUID.randomUUID());
    Instant at = now();
    Order first = pendingOrder(at);
    assertThat(await(create(first, request(key, 'a')))).isTrue();

    assertThat(await(orders.findIdempotencyKey(key, at))).as("stored at the limit: live").isPresent();
    assertThat(await(orders.findIdempotencyKey(key, at.plusNanos(1000)))).as("stored before the limit: expired").isEmpty();

    Order second = pendingOrder(at.plus(RETENTION).plusSeconds(1));
    assertThat(await(create(second, request(key, 'b')))).isTrue();

    assertThat(await(orders.findIdempotencyKey(key, at))).contains(new IdempotencyRecord(key, "b".repeat(64), second.id(),
        second.createdAt()));
    assertThat(pg.count("orders.orders", first.id())).as("the old order stays").isEqualTo(1);
  }

  @Test
  void aLiveKeyIsNotTakenOver() {
    IdempotencyKey key = new IdempotencyKey("live-" + UUID.randomUUID());
    Instant at = now();
    Order first = pendingOrder(at);
    await(create(first, request(key, 'a')));

    Order second = pendingOrder(at.plus(RETENTION));
    assertThat(await(create(second, request(key, 'a')))).isFalse();

    assertThat(pg.count("orders.orders", second.id())).isZero();
    assertThat(await(orders.findIdempotencyKey(key, at)).orElseThrow().orderId()).isEqualTo(first.id());
  }

  @Test
  void pruningDeletesOnlyExpiredKeysUpToItsLimit() {
    Instant longAgo = now().minus(Duration.ofDays(400));
    List<IdempotencyKey> old = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      IdempotencyKey key = new IdempotencyKey("old-" + i + "-" + UUID.randomUUID());
      old.add(key);
      await(create(pendingOrder(longAgo.plusSeconds(i)), request(key, 'c')));
    }
    IdempotencyKey fresh = new IdempotencyKey("fresh-" + UUID.randomUUID());
    await(create(pendingOrder(longAgo.plus(Duration.ofDays(1))), request(fresh, 'c')));
    Instant liveSince = longAgo.plusSeconds(3600);

    assertThat(await(orders.pruneIdempotencyKeys(liveSince, 2))).isEqualTo(2);
    assertThat(await(orders.pruneIdempotencyKeys(liveSince, 100))).isEqualTo(1);

    old.forEach(key -> assertThat(keysNaming(key.value())).isZero());
    assertThat(keysNaming(fresh.value())).isEqualTo(1);
  }
}
