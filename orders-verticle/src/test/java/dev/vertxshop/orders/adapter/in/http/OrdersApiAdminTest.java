package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator endpoints on sagas: list by state, counts, one saga with its step log, retry of a parked saga. */
class OrdersApiAdminTest {

  private static final String PARKED_ERROR = "outcome unknown after 8 attempt(s), parked: inventory: no answer within 2000 ms";

  private static ContractStub shop;
  private static RunningOrders orders;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 100);
    orders = new RunningOrders(Map.of("INVENTORY_SERVICE_URL", shop.url(), "PAYMENTS_SERVICE_URL", shop.url()));
  }

  @AfterAll
  static void stop() {
    orders.close();
    shop.close();
  }

  private static UUID parkedCancel() {
    return SagaRows.parked(orders.database, "RESERVE_STOCK", 8, "payment-declined: card_declined",
        "RESERVE_STOCK EXECUTE STARTED attempt 1", "RESERVE_STOCK EXECUTE SUCCEEDED reserved, total 200",
        "CHARGE_PAYMENT EXECUTE STARTED attempt 1", "CHARGE_PAYMENT EXECUTE FAILED failed: declined",
        "RESERVE_STOCK COMPENSATE STARTED attempt 8", "RESERVE_STOCK COMPENSATE FAILED " + PARKED_ERROR);
  }

  private static JsonObject listed(JsonArray sagas, UUID id) {
    return sagas.stream().map(JsonObject.class::cast).filter(saga -> saga.getString("orderId").equals(id.toString())).findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not in " + sagas.encodePrettily()));
  }

  private static JsonObject json(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    return response.bodyAsJsonObject();
  }

  @Test
  void parkedSagasAreListedWithTheirLastErrorAndCounted() {
    JsonObject countsBefore = json(orders.get("/admin/sagas/counts"), 200);
    UUID id = parkedCancel();

    JsonObject saga = listed(json(orders.get("/admin/sagas?state=PARKED"), 200).getJsonArray("sagas"), id);
    JsonObject byDefault = listed(json(orders.get("/admin/sagas"), 200).getJsonArray("sagas"), id);
    JsonObject countsAfter = json(orders.get("/admin/sagas/counts"), 200);

    assertThat(saga.getString("state")).isEqualTo("PARKED");
    assertThat(saga.getString("step")).isEqualTo("RESERVE_STOCK");
    assertThat(saga.getInteger("attempts")).isEqualTo(8);
    assertThat(saga.getString("lastError")).isEqualTo(PARKED_ERROR);
    assertThat(saga.getString("failureReason")).isEqualTo("payment-declined: card_declined");
    assertThat(Instant.parse(saga.getString("updatedAt"))).isBefore(Instant.now());
    assertThat(byDefault).isEqualTo(saga);
    assertThat(countsAfter.getJsonObject("counts").getLong("PARKED")).isEqualTo(countsBefore.getJsonObject("counts").getLong("PARKED") + 1);
    assertThat(countsAfter.getLong("total")).isEqualTo(countsBefore.getLong("total") + 1);
    assertThat(countsAfter.getJsonObject("counts").fieldNames())
        .containsExactlyInAnyOrder("RUNNING", "COMPENSATING", "CONFIRMED", "REJECTED", "PARKED");
  }

  @Test
  void aRetriedParkedSagaUndoesItsStepAgainAndItsOrderEndsRejected() {
    UUID id = parkedCancel();

    JsonObject retried = json(orders.post("/admin/sagas/" + id + "/retry"), 202);

    assertThat(retried.getString("state")).isEqualTo("COMPENSATING");
    assertThat(retried.getInteger("attempts")).isZero();
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(orders.get("/api/orders/" + id).bodyAsJsonObject().getString("status")).isEqualTo("REJECTED"));
    assertThat(orders.get("/api/orders/" + id).bodyAsJsonObject().getString("reason")).isEqualTo("payment-declined: card_declined");
    assertThat(shop.callsFor(id.toString())).containsExactly("POST /api/reservations/" + id + "/cancel");
    assertThat(json(orders.post("/admin/sagas/" + id + "/retry"), 409).getString("state")).isEqualTo("REJECTED");
  }

  @Test
  void retryingAnUnknownSagaIsNotFoundAndOneThatIsNotParkedIsAConflict() {
    JsonObject placed = json(orders.postJson(new JsonObject().put("customerId", "cust-9").put("email", "a@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242")).encode()), 201);

    JsonObject notFound = json(orders.post("/admin/sagas/" + UUID.randomUUID() + "/retry"), 404);
    JsonObject conflict = json(orders.post("/admin/sagas/" + placed.getString("orderId") + "/retry"), 409);

    assertThat(notFound.getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
    assertThat(conflict.getString("type")).isEqualTo("urn:vertx-shop:problem:saga-not-parked");
    assertThat(conflict.getString("state")).isEqualTo("CONFIRMED");
  }

  @Test
  void aSagaIsShownWithItsStepLogEachLineNamingTheInstanceThatDroveIt() {
    JsonObject placed = json(orders.postJson(new JsonObject().put("customerId", "cust-7").put("email", "a@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242")).encode()), 201);
    String id = placed.getString("orderId");

    JsonObject saga = json(orders.get("/admin/sagas/" + id), 200);

    assertThat(saga.getString("orderId")).isEqualTo(id);
    assertThat(saga.getString("state")).isEqualTo("CONFIRMED");
    List<JsonObject> steps = saga.getJsonArray("steps").stream().map(JsonObject.class::cast).toList();
    assertThat(steps).extracting(step -> step.getString("step") + " " + step.getString("action") + " " + step.getString("status"))
        .containsExactly("RESERVE_STOCK EXECUTE STARTED", "RESERVE_STOCK EXECUTE SUCCEEDED", "CHARGE_PAYMENT EXECUTE STARTED",
            "CHARGE_PAYMENT EXECUTE SUCCEEDED", "CONFIRM EXECUTE STARTED", "CONFIRM EXECUTE SUCCEEDED");
    String owner = steps.get(0).getString("drivenBy");
    assertThat(owner).as("the instance that placed the order").isNotBlank();
    assertThat(steps).extracting(step -> step.getString("drivenBy")).containsOnly(owner);
    assertThat(steps.get(0).getString("detail")).isEqualTo("attempt 1 by " + owner);
  }

  @Test
  void aSagaLeftBehindShowsTheLinesOfTheInstanceThatIsGoneBeforeThoseOfTheOneThatResumedIt() {
    UUID id = SagaRows.leftBehind(orders.database, "RUNNING", "RESERVE_STOCK", 1, null, "RESERVE_STOCK EXECUTE STARTED attempt 1");
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(orders.get("/api/orders/" + id).bodyAsJsonObject().getString("status")).isEqualTo("REJECTED"));

    JsonArray steps = json(orders.get("/admin/sagas/" + id), 200).getJsonArray("steps");

    List<String> owners = steps.stream().map(JsonObject.class::cast).map(step -> step.getString("drivenBy")).toList();
    assertThat(owners).hasSizeGreaterThan(1);
    assertThat(owners.get(0)).isEqualTo("crashed-instance");
    assertThat(owners.subList(1, owners.size())).as("resumed by this instance alone")
        .doesNotContain("crashed-instance").containsOnly(owners.get(1));
  }

  @Test
  void aSagaThatDoesNotExistIsNotFoundAndSomethingThatIsNotAnOrderIdIsAValidationProblem() {
    assertThat(json(orders.get("/admin/sagas/" + UUID.randomUUID()), 404).getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
    assertThat(json(orders.get("/admin/sagas/not-a-uuid"), 400).getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/admin/sagas?state=STUCK", "/admin/sagas?limit=0", "/admin/sagas?limit=1001"})
  void aListingWithABadParameterIsAValidationProblem(String path) {
    assertThat(json(orders.get(path), 400).getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
  }

  @Test
  void aRetryOfSomethingThatIsNotAnOrderIdIsAValidationProblem() {
    assertThat(json(orders.post("/admin/sagas/not-a-uuid/retry"), 400).getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
  }
}
