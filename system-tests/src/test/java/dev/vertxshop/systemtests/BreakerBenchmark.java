package dev.vertxshop.systemtests;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the orders service does while inventory is down: with inventory up, then with inventory
 * killed and its circuit breaker open, it measures the latency of {@code POST /api/orders} and, at
 * the same time, the throughput of {@code GET /api/orders/{id}}, and prints both side by side.
 * Run it with {@code bench/breaker-open.sh}.
 */
public final class BreakerBenchmark {

  private static final String CARD = "4242424242424242";

  private record Phase(String name, Map<Integer, Long> postAnswers, List<Long> postMicros, long gets, long getErrors, Duration length) {}

  public static void main(String[] args) {
    Duration length = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
    int postClients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int getClients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    try (DistributedShop shop = DistributedShop.start(Map.of())) {
      String product = "bench-" + UUID.randomUUID();
      shop.putProduct(product, 1000, 1_000_000);
      List<String> orderIds = seedOrders(shop, product, 200);
      run(shop, "warm-up", product, orderIds, postClients, getClients, Duration.ofSeconds(3));
      Phase up = run(shop, "inventory up", product, orderIds, postClients, getClients, length);
      shop.inventory.kill();
      tripBreaker(shop, product);
      Phase down = run(shop, "inventory down, breaker open", product, orderIds, postClients, getClients, length);
      String state = inventoryBreakerState(shop);
      print(List.of(up, down), postClients, getClients, state);
    }
  }

  private static List<String> seedOrders(DistributedShop shop, String product, int count) {
    OrderLoad.Result seeded = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, count, 200,
        i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
    return seeded.orderIds();
  }

  /** Places orders until the breaker says OPEN (inventory is dead, so each one fails). */
  private static void tripBreaker(DistributedShop shop, String product) {
    for (int i = 0; i < 200 && !"OPEN".equals(inventoryBreakerState(shop)); i++) {
      TcpProxy.await(shop.client.post(shop.ordersPort, "127.0.0.1", "/api/orders")
          .sendJsonObject(DistributedShop.orderBody(product, 1, CARD)));
    }
    if (!"OPEN".equals(inventoryBreakerState(shop))) {
      throw new IllegalStateException("The inventory breaker did not open");
    }
  }

  private static Phase run(DistributedShop shop, String name, String product, List<String> orderIds, int postClients, int getClients, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    List<Long> postMicros = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Long> answers = Collections.synchronizedMap(new TreeMap<>());
    AtomicLong gets = new AtomicLong();
    AtomicLong getErrors = new AtomicLong();
    List<Future<Void>> clients = new ArrayList<>();
    for (int i = 0; i < postClients; i++) {
      clients.add(loop(end, () -> {
        long start = System.nanoTime();
        return shop.client.post(shop.ordersPort, "127.0.0.1", "/api/orders")
            .sendJsonObject(DistributedShop.orderBody(product, 1, CARD))
            .onSuccess(response -> {
              postMicros.add((System.nanoTime() - start) / 1000);
              answers.merge(response.statusCode(), 1L, Long::sum);
            });
      }));
    }
    for (int i = 0; i < getClients; i++) {
      int offset = i;
      AtomicLong next = new AtomicLong(offset);
      clients.add(loop(end, () -> shop.client
          .get(shop.ordersPort, "127.0.0.1", "/api/orders/" + orderIds.get((int) (next.getAndAdd(getClients) % orderIds.size())))
          .send()
          .onSuccess(response -> (response.statusCode() == 200 ? gets : getErrors).incrementAndGet())));
    }
    TcpProxy.await(Future.all(clients));
    return new Phase(name, Map.copyOf(answers), List.copyOf(postMicros), gets.get(), getErrors.get(), length);
  }

  /** Sends one request after another until {@code endNanos}. */
  private static Future<Void> loop(long endNanos, java.util.function.Supplier<Future<HttpResponse<Buffer>>> request) {
    Promise<Void> done = Promise.promise();
    step(endNanos, request, done);
    return done.future();
  }

  private static void step(long endNanos, java.util.function.Supplier<Future<HttpResponse<Buffer>>> request, Promise<Void> done) {
    if (System.nanoTime() >= endNanos) {
      done.complete();
      return;
    }
    request.get().onComplete(ignored -> step(endNanos, request, done));
  }

  private static String inventoryBreakerState(DistributedShop shop) {
    HttpResponse<Buffer> response = TcpProxy.await(shop.client.get(shop.ordersPort, "127.0.0.1", "/admin/circuit-breakers").send());
    Object body = response.bodyAsJson(Object.class);
    JsonArray breakers = body instanceof JsonArray array ? array : ((JsonObject) body).getJsonArray("breakers");
    for (int i = 0; i < breakers.size(); i++) {
      if (breakers.getJsonObject(i).getString("name", "").contains("inventory")) {
        return breakers.getJsonObject(i).getString("state");
      }
    }
    return "UNKNOWN";
  }

  private static void print(List<Phase> phases, int postClients, int getClients, String finalState) {
    System.out.println();
    System.out.printf("Orders service with inventory up and down (%d POST clients, %d GET clients, each one request at a time; 3 JVMs + PostgreSQL on %d cores)%n",
        postClients, getClients, Runtime.getRuntime().availableProcessors());
    System.out.printf("%-30s %-22s %10s %10s %10s %12s%n", "phase", "POST answers", "POST p50", "POST p99", "POST max", "GET /s");
    for (Phase phase : phases) {
      List<Long> sorted = new ArrayList<>(phase.postMicros());
      Collections.sort(sorted);
      System.out.printf("%-30s %-22s %8.2fms %8.2fms %8.2fms %12.0f%n",
          phase.name(), phase.postAnswers(), quantile(sorted, 0.5) / 1000.0, quantile(sorted, 0.99) / 1000.0,
          quantile(sorted, 1.0) / 1000.0, phase.gets() / (phase.length().toMillis() / 1000.0));
    }
    Phase up = phases.get(0);
    Phase down = phases.get(1);
    System.out.printf("GET throughput with the breaker open: %.0f%% of inventory up; inventory breaker at the end: %s%n",
        100.0 * down.gets() / Math.max(1, up.gets()), finalState);
  }

  private static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(q * sorted.size()) - 1)));
  }

  private BreakerBenchmark() {}
}
