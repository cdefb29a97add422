package dev.vertxshop.orders.adapter.out.http;

import static dev.vertxshop.orders.adapter.out.http.StubService.await;
import static dev.vertxshop.orders.adapter.out.http.StubService.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.orders.application.CatalogueUnavailableException;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.PriceList;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.platform.http.ServiceClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpInventoryTest {

  private static final List<OrderLine> LINES = List.of(new OrderLine("apple", 2), new OrderLine("pear", 1));

  private final StubService stub = new StubService();
  private final HttpInventory inventory = new HttpInventory(stub.client("inventory"));
  private final UUID orderId = UUID.randomUUID();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private static JsonObject reservation(UUID id, String status, int applePrice) {
    return new JsonObject()
        .put("reservationId", id.toString())
        .put("status", status)
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", "apple").put("quantity", 2).put("unitPriceCents", applePrice))
            .add(new JsonObject().put("productId", "pear").put("quantity", 1).put("unitPriceCents", 250)))
        .put("totalCents", 2 * applePrice + 250);
  }

  @Test
  void pricesComeFromOneListCallAndLeaveOutUnknownProducts() {
    stub.answers(200, new JsonObject().put("products", new JsonArray()
        .add(new JsonObject().put("productId", "apple").put("name", "Apple").put("priceCents", 100).put("available", 5).put("reserved", 0))));

    PriceList prices = await(inventory.prices(new LinkedHashSet<>(List.of("apple", "ghost"))));

    assertThat(prices.unitPricesCents()).isEqualTo(Map.of("apple", 100L));
    assertThat(stub.onlyRequest().method()).isEqualTo("GET");
    assertThat(stub.onlyRequest().uri()).isEqualTo("/api/products?ids=apple,ghost");
  }

  @Test
  void pricesFailAsCatalogueUnavailableOnA5xx() {
    stub.answers(503, problem("service-unavailable", 503));

    assertThatThrownBy(() -> await(inventory.prices(Set.of("apple")))).isInstanceOf(CatalogueUnavailableException.class);
  }

  @Test
  void pricesFailAsCatalogueUnavailableWhenNobodyListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    try {
      HttpInventory unreachable = new HttpInventory(
          ServiceClient.create(vertx, "inventory", URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1)));

      assertThatThrownBy(() -> await(unreachable.prices(Set.of("apple"))))
          .isInstanceOf(CatalogueUnavailableException.class)
          .hasMessageContaining("inventory");
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void aReservationIsRequestedUnderTheOrderIdAndItsPricesAreRead() {
    stub.answers(201, reservation(orderId, "RESERVED", 120));

    ReserveOutcome outcome = await(inventory.reserve(orderId, LINES));

    assertThat(outcome).isEqualTo(new ReserveOutcome.Reserved(List.of(new OrderItem("apple", 2, 120), new OrderItem("pear", 1, 250)), 490));
    StubService.Request request = stub.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/api/reservations");
    assertThat(request.contentType()).startsWith("application/json");
    assertThat(request.json()).isEqualTo(new JsonObject()
        .put("reservationId", orderId.toString())
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", "apple").put("quantity", 2))
            .add(new JsonObject().put("productId", "pear").put("quantity", 1))));
  }

  @Test
  void aRepeatedReservationThatIsHeldOrCommittedCountsAsReserved() {
    stub.answers(200, reservation(orderId, "COMMITTED", 100));

    assertThat(await(inventory.reserve(orderId, LINES))).isInstanceOf(ReserveOutcome.Reserved.class);
  }

  @Test
  void aReservationCancelledBeforeItArrivedIsCancelled() {
    stub.answers(200, new JsonObject().put("reservationId", orderId.toString()).put("status", "CANCELLED")
        .put("items", new JsonArray()).put("totalCents", 0));

    assertThat(await(inventory.reserve(orderId, LINES))).isEqualTo(new ReserveOutcome.Cancelled());
  }

  @Test
  void insufficientStockNamesTheProduct() {
    stub.answers(409, problem("insufficient-stock", 409).put("productId", "pear"));

    assertThat(await(inventory.reserve(orderId, LINES))).isEqualTo(new ReserveOutcome.Insufficient("pear"));
  }

  @Test
  void anUnknownProductIsNamed() {
    stub.answers(422, problem("unknown-product", 422).put("productId", "apple"));

    assertThat(await(inventory.reserve(orderId, LINES))).isEqualTo(new ReserveOutcome.UnknownProduct("apple"));
  }

  @Test
  void anotherProblemIsARefusal() {
    stub.answers(400, problem("validation-failed", 400).put("detail", "bad items"));

    assertThat(await(inventory.reserve(orderId, LINES))).isEqualTo(new ReserveOutcome.Refused("validation-failed", "bad items"));
  }

  @Test
  void aServerErrorLeavesTheReservationUnknown() {
    stub.answers(500, problem("internal-error", 500));

    assertThat(await(inventory.reserve(orderId, LINES))).isInstanceOf(ReserveOutcome.Unknown.class);
  }

  @Test
  void noAnswerInTimeLeavesTheReservationUnknown() {
    stub.neverAnswers();

    ReserveOutcome outcome = await(inventory.reserve(orderId, LINES));

    assertThat(outcome).isInstanceOfSatisfying(ReserveOutcome.Unknown.class, unknown -> assertThat(unknown.detail()).contains("400 ms"));
  }

  @Test
  void anAnswerOutsideTheContractLeavesTheReservationUnknown() {
    stub.answersText(201, "<html>proxy</html>");
    assertThat(await(inventory.reserve(orderId, LINES))).isInstanceOf(ReserveOutcome.Unknown.class);

    JsonObject inconsistent = reservation(orderId, "RESERVED", 100).put("totalCents", 1);
    stub.answers(201, inconsistent);
    assertThat(await(inventory.reserve(orderId, LINES))).isInstanceOf(ReserveOutcome.Unknown.class);
  }

  @Test
  void cancellingPostsToTheReservationsCancelPathWithoutABody() {
    stub.answers(200, new JsonObject().put("reservationId", orderId.toString()).put("status", "CANCELLED")
        .put("items", new JsonArray()).put("totalCents", 0));

    CompensationOutcome outcome = await(inventory.cancel(orderId));

    assertThat(outcome).isInstanceOf(CompensationOutcome.Done.class);
    assertThat(stub.onlyRequest().method()).isEqualTo("POST");
    assertThat(stub.onlyRequest().uri()).isEqualTo("/api/reservations/" + orderId + "/cancel");
    assertThat(stub.onlyRequest().body()).isEmpty();
  }

  @Test
  void cancellingACommittedReservationIsRefused() {
    stub.answers(409, problem("reservation-committed", 409));

    assertThat(await(inventory.cancel(orderId))).isInstanceOfSatisfying(CompensationOutcome.Refused.class,
        refused -> assertThat(refused.problemType()).isEqualTo("reservation-committed"));
  }

  @Test
  void cancellingWithoutAUsableAnswerIsUnknownSoItIsRetried() {
    stub.answers(503, problem("service-unavailable", 503));
    assertThat(await(inventory.cancel(orderId))).isInstanceOf(CompensationOutcome.Unknown.class);

    stub.answers(404, problem("not-found", 404));
    assertThat(await(inventory.cancel(orderId))).isInstanceOf(CompensationOutcome.Unknown.class);
  }
}
