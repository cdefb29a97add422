package dev.vertxshop.launcher.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.launcher.FreePorts;
import dev.vertxshop.launcher.Http;
import dev.vertxshop.launcher.Services;
import dev.vertxshop.launcher.TestShop;
import dev.vertxshop.launcher.auth.DevKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code loadgen} against the whole shop running in this JVM. */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LoadgenEndToEndTest {

  private static TestShop shop;
  /** The shop runs on the launcher's development key pair, made here; loadgen mints its tokens with it. */
  private static Path devKeys;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /**
   * A patient shop: these tests check what loadgen counts, not how fast the shop is, and the machine
   * running them may be very busy. Each order is answered with its final status (no 202 PENDING) and
   * no call between services gives up early.
   */
  @BeforeAll
  static void startShop() throws IOException {
    devKeys = Files.createTempDirectory("loadgen-dev-keys");
    Map<String, String> env = new HashMap<>(Map.of(
        "ORDERS_SAGA_RESPONSE_WAIT_MS", "60000",
        "HTTP_CLIENT_TIMEOUT_MS", "20000",
        "HTTP_CLIENT_DEADLINE_MS", "40000",
        "ORDERS_SAGA_LEASE_MS", "60000",
        "PAYMENTS_FRAUD_DEADLINE_MS", "10000"));
    env.putAll(Map.of("AUTH_JWT_PUBLIC_KEY", "", "AUTH_SERVICE_TOKEN", "", "AUTH_DEV_KEYS_DIR", devKeys.toString()));
    shop = TestShop.start(Services.NAMES, env);
  }

  @AfterAll
  static void stopShop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void placesEveryOrderAtAFixedRateAndCountsWhatEachGot(@TempDir Path dir) throws IOException {
    long ordersBefore = ordersInTheShop();
    Path jsonFile = dir.resolve("summary.json");

    int exitCode = loadgen("--rate", "100", "--orders", "200", "--timeout", "90s", "--declined-share", "0.1", "--out-of-stock-share", "0.05",
        "--idempotency-retries", "0.05", "--seed", "11", "--json", jsonFile.toString());

    assertThat(exitCode).as(err.toString()).isZero();
    JsonObject summary = new JsonObject(Files.readString(jsonFile));
    JsonObject orders = summary.getJsonObject("orders");
    assertThat(orders.getLong("sent")).isEqualTo(200);
    assertThat(orders.getLong("answered")).as("every order answered").isEqualTo(200);
    assertThat(orders.getLong("inFlight")).isZero();
    assertThat(orders.getLong("pending")).isZero();
    assertThat(orders.getLong("confirmed") + orders.getLong("rejected")).as("the outcomes add up").isEqualTo(200);

    // The same seed draws the same orders: what each was meant to get is known.
    Expected expected = Expected.of(new LoadPlan.MixSettings(20, 0.1, 0.05, 0.05, 11), 200);
    assertThat(expected.declined / 200.0).as("declined share as configured").isBetween(0.05, 0.15);
    assertThat(orders.getJsonObject("rejectedByReason").getMap()).containsOnly(
        Map.entry("payment-declined: card_declined", (int) expected.declined),
        Map.entry("insufficient-stock: " + OrderMix.SOLD_OUT_PRODUCT, (int) expected.soldOut));
    assertThat(orders.getLong("confirmed")).isEqualTo(expected.ordinary);

    JsonObject repeats = summary.getJsonObject("idempotencyRetries");
    assertThat(repeats.getLong("sent")).isEqualTo(expected.resent).isPositive();
    assertThat(repeats.getLong("sameOrder")).isEqualTo(expected.resent);
    assertThat(ordersInTheShop() - ordersBefore).as("a repeat with the same key places no order").isEqualTo(200);

    assertThat(summary.getJsonArray("errors")).isEmpty();
    JsonObject latency = summary.getJsonObject("latencyMs");
    assertThat(latency.getString("measuredFrom")).isEqualTo("intended-send-time");
    assertThat(latency.getLong("count")).isEqualTo(200);
    assertThat(latency.getDouble("p50")).isPositive().isLessThanOrEqualTo(latency.getDouble("p99"));
    assertThat(latency.getDouble("p99")).isLessThanOrEqualTo(latency.getDouble("max"));

    assertThat(out.toString()).contains("Seeding 21 products (loadgen-*)").containsPattern("CONFIRMED \\(201\\)\\s+\\d+");
    JsonObject soldOutProduct = new JsonObject(shop.get("inventory", "/api/products/" + OrderMix.SOLD_OUT_PRODUCT).body());
    assertThat(soldOutProduct.getInteger("available")).isZero();
  }

  @Test
  void atAFixedConcurrencyTheWarmUpOrdersAreSentButNotCounted(@TempDir Path dir) throws IOException {
    long ordersBefore = ordersInTheShop();
    Path jsonFile = dir.resolve("summary.json");

    int exitCode = loadgen("--concurrency", "4", "--warmup", "1s", "--orders", "40", "--timeout", "90s", "--declined-share", "0",
        "--out-of-stock-share", "0", "--json", jsonFile.toString());

    assertThat(exitCode).as(err.toString()).isZero();
    JsonObject summary = new JsonObject(Files.readString(jsonFile));
    assertThat(summary.getString("model")).isEqualTo("concurrency");
    assertThat(summary.getInteger("concurrency")).isEqualTo(4);
    assertThat(summary.getJsonObject("latencyMs").getString("measuredFrom")).isEqualTo("actual-send-time");
    JsonObject orders = summary.getJsonObject("orders");
    assertThat(orders.getLong("sent")).isEqualTo(40);
    assertThat(orders.getLong("answered")).isEqualTo(40);
    assertThat(orders.getLong("confirmed")).isEqualTo(40);
    assertThat(ordersInTheShop() - ordersBefore).as("the warm-up's orders were placed too").isGreaterThan(40);
  }

  @Test
  void ordersThatFindNoServerAreCountedAsConnectionErrors(@TempDir Path dir) throws IOException {
    Path jsonFile = dir.resolve("summary.json");
    String nowhere = "http://127.0.0.1:" + FreePorts.pick();

    int exitCode = loadgenAgainst(nowhere, "--rate", "50", "--orders", "5", "--json", jsonFile.toString());

    assertThat(exitCode).isZero();
    JsonObject orders = new JsonObject(Files.readString(jsonFile)).getJsonObject("orders");
    assertThat(orders.getLong("sent")).isEqualTo(5);
    assertThat(orders.getLong("connectionErrors")).isEqualTo(5);
    assertThat(orders.getLong("answered")).isZero();
  }

  @Test
  void anInventoryThatCannotBeReachedStopsTheRunBeforeAnyOrderWithExitCodeOne() {
    String nowhere = "http://127.0.0.1:" + FreePorts.pick();

    int exitCode = new CommandLine(new LoadgenCommand(false)).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .execute("--url", shop.url("orders").toString(), "--inventory-url", nowhere, "--orders", "5",
            "--dev-keys-dir", devKeys.toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString()).contains("Cannot reach inventory at " + nowhere);
    assertThat(out.toString()).doesNotContain("Placing orders");
  }

  private int loadgen(String... options) {
    return loadgenAgainst(shop.url("orders").toString(), options);
  }

  /** Runs loadgen against {@code ordersUrl} and the shop's inventory, and prints what it printed. */
  private int loadgenAgainst(String ordersUrl, String... options) {
    List<String> args = new ArrayList<>(List.of("--url", ordersUrl, "--inventory-url", shop.url("inventory").toString(),
        "--dev-keys-dir", devKeys.toString()));
    args.addAll(List.of(options));
    CommandLine commandLine = new CommandLine(new LoadgenCommand(false));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args.toArray(String[]::new));
    System.out.println("loadgen " + String.join(" ", args) + "\n" + out + err);
    return exitCode;
  }

  private static long ordersInTheShop() {
    String operator = DevKeys.load(devKeys).minter(Clock.systemUTC()).mint("operator", List.of("shop:admin"), Duration.ofMinutes(5));
    return new JsonObject(Http.send(HttpRequest.newBuilder(shop.url("orders", "/admin/sagas/counts")).GET(), operator).body())
        .getLong("total");
  }

  /** What the first {@code count} orders of a mix are meant to get. */
  private record Expected(long ordinary, long declined, long soldOut, long resent) {
    static Expected of(LoadPlan.MixSettings settings, int count) {
      OrderMix mix = new OrderMix(settings);
      long ordinary = 0;
      long declined = 0;
      long soldOut = 0;
      long resent = 0;
      for (int i = 0; i < count; i++) {
        OrderMix.PlannedOrder order = mix.next();
        switch (order.kind()) {
          case ORDINARY -> ordinary++;
          case DECLINED_CARD -> declined++;
          case OUT_OF_STOCK -> soldOut++;
        }
        resent += order.resend() ? 1 : 0;
      }
      return new Expected(ordinary, declined, soldOut, resent);
    }
  }
}
