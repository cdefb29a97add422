package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rolling restart: two orders JVMs behind a {@link ReadinessBalancer}; one is stopped with SIGTERM
 * and started again while clients keep placing orders over keep-alive connections. Graceful shutdown
 * is what keeps every request whole: readiness turns 503 at once, the balancer stops choosing that
 * instance during the pre-stop delay, and the orders already in flight on it are answered before it
 * exits.
 */
class RestartUnderLoadTest {

  private static final Logger LOG = LoggerFactory.getLogger(RestartUnderLoadTest.class);
  private static final String CARD = "4242424242424242";
  private static final int CLIENTS = 8;

  @Test
  @DisplayName("orders restarted (SIGTERM, then started again) under steady load behind a readiness-checking balancer: "
      + "0 failed requests, 0 connection errors, exit code 0")
  void restartUnderLoad() {
    int other = DistributedShop.freePorts(1).get(0);
    // The pre-stop delay is longer than the balancer needs to notice (100 ms probes) and shorter than
    // an order takes, so that orders are still in flight when the server stops accepting: only the
    // drain lets them finish.
    try (DistributedShop shop = DistributedShop.start(Map.of("SHUTDOWN_PRE_STOP_DELAY_MS", "300"));
        ShopProcess second = shop.startOrders("orders-2", other);
        ReadinessBalancer balancer = ReadinessBalancer.start(shop.vertx, List.of(shop.ordersPort, other))) {
      String product = "restart-" + UUID.randomUUID();
      shop.putProduct(product, 1000, 1_000_000);
      // Each order waits on inventory twice (price, then reserve), so that it takes about a second.
      shop.inventoryProxy.delayReplies(Duration.ofMillis(500));
      int first = shop.ordersPort;
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10))
          .until(() -> balancer.isReady(first) && balancer.isReady(other));

      WebClient client = ShopTokens.authorize(WebClient.create(shop.vertx, new WebClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(CLIENTS)));
      Load load = new Load(shop, client, balancer.port(), product);
      load.start();
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
          .until(() -> balancer.forwarded(first) >= 20 && balancer.forwarded(other) >= 20);

      int inFlightAtStop = balancer.inFlight(first);
      shop.orders.stop();
      int exitCode = shop.orders.exitCode();
      long firstServedWhileStopped = balancer.forwarded(first);
      shop.orders.start();
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
          .until(() -> balancer.forwarded(first) >= firstServedWhileStopped + 20);
      load.stop();

      LOG.info("restart under load: {} orders answered {}, {} in flight on the stopped instance when it got SIGTERM, "
              + "{} / {} forwarded to each instance, not forwarded: {}, client errors {}",
          load.answered.get(), load.statuses, inFlightAtStop, balancer.forwarded(first), balancer.forwarded(other),
          balancer.unforwardedReasons(), load.errors);
      assertThat(exitCode).isZero();
      assertThat(inFlightAtStop).as("orders in flight on the instance when it was stopped").isPositive();
      assertThat(load.errors).as("connection errors at the client").isEmpty();
      assertThat(load.answered.get()).isPositive();
      // 201 with the final status, or 202 when a saga outlasts orders.saga.response-wait-ms.
      assertThat(load.statuses.keySet()).as("HTTP statuses at the client").isSubsetOf(201, 202);
      assertThat(balancer.unforwarded()).as("requests the balancer could not forward").isZero();
      client.close();
    }
  }

  /** {@value #CLIENTS} clients, each placing one order after the other until stopped. */
  private static final class Load {
    final DistributedShop shop;
    final WebClient client;
    final int port;
    final String product;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong answered = new AtomicLong();
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    final Queue<String> errors = new ConcurrentLinkedQueue<>();
    final List<Future<Void>> clients = new ArrayList<>();

    Load(DistributedShop shop, WebClient client, int port, String product) {
      this.shop = shop;
      this.client = client;
      this.port = port;
      this.product = product;
    }

    void start() {
      for (int i = 0; i < CLIENTS; i++) {
        Promise<Void> done = Promise.promise();
        clients.add(done.future());
        shop.vertx.runOnContext(ignored -> placeNext(done));
      }
    }

    private void placeNext(Promise<Void> done) {
      if (!running.get()) {
        done.complete();
        return;
      }
      JsonObject order = DistributedShop.orderBody(product, 1, CARD);
      client.post(port, "127.0.0.1", "/api/orders").sendJsonObject(order).onComplete(answer -> {
        if (answer.succeeded()) {
          HttpResponse<Buffer> response = answer.result();
          answered.incrementAndGet();
          statuses.computeIfAbsent(response.statusCode(), status -> new AtomicLong()).incrementAndGet();
        } else {
          errors.add(answer.cause().toString());
        }
        placeNext(done);
      });
    }

    void stop() {
      running.set(false);
      TcpProxy.await(Future.all(clients));
    }
  }
}
