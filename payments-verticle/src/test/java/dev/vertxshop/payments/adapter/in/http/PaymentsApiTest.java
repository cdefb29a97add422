package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The payments API through HTTP: a real PaymentsVerticle on a free port and a database of its own. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PaymentsApiTest {

  private static final String VISA = "4242424242424242";
  private static final String MASTERCARD = "5555555555554444";
  private static final String PROBLEM = "urn:vertx-shop:problem:";

  private static RunningPayments payments;

  @BeforeAll
  static void startService(Vertx vertx) {
    payments = RunningPayments.start(vertx);
  }

  @AfterAll
  static void stopService() {
    if (payments != null) {
      payments.close();
    }
  }

  private static String newOrder() {
    return "order-" + UUID.randomUUID();
  }

  static JsonObject chargeRequest(String orderId, long cents, String cardNumber) {
    return new JsonObject()
        .put("orderId", orderId)
        .put("amountCents", cents)
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", cardNumber));
  }

  @Test
  void chargesAnOrderAnswering201WithTheChargeAndWritesOneLedgerEntry() {
    String orderId = newOrder();

    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(orderId, 2599, VISA));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Location")).isEqualTo("/api/charges/" + orderId);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject charge = response.bodyAsJsonObject();
    assertThat(UUID.fromString(charge.getString("chargeId"))).isNotNull();
    assertThat(charge.getString("orderId")).isEqualTo(orderId);
    assertThat(charge.getLong("amountCents")).isEqualTo(2599);
    assertThat(charge.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(charge.getString("cardLast4")).isEqualTo("4242");
    assertThat(charge.containsKey("declineReason")).isFalse();
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:2599");

    HttpResponse<Buffer> read = payments.get("/api/charges/" + orderId);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject()).isEqualTo(charge);
  }

  @ParameterizedTest(name = "{0} is declined {1}")
  @CsvSource({
      "4242424242424241, incorrect_number",
      "4000000000000002, card_declined",
      "4000000000009995, insufficient_funds"})
  void aDeclinedCardIsAnAnswerNotAnErrorAndMovesNoMoney(String cardNumber, String reason) {
    String orderId = newOrder();

    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(orderId, 1800, cardNumber));

    assertThat(response.statusCode()).isEqualTo(201);
    JsonObject charge = response.bodyAsJsonObject();
    assertThat(charge.getString("status")).isEqualTo("DECLINED");
    assertThat(charge.getString("declineReason")).isEqualTo(reason);
    assertThat(charge.getString("cardLast4")).isEqualTo(cardNumber.substring(12));
    assertThat(payments.ledgerOf(orderId)).isEmpty();
    assertThat(payments.get("/api/charges/" + orderId).bodyAsJsonObject()).isEqualTo(charge);
  }

  @Test
  void repeatingAChargeAnswers200WithTheSameChargeAndChargesNothing() {
    String orderId = newOrder();
    JsonObject first = payments.post("/api/charges", chargeRequest(orderId, 5000, VISA)).bodyAsJsonObject();

    HttpResponse<Buffer> again = payments.post("/api/charges", chargeRequest(orderId, 5000, VISA));
    HttpResponse<Buffer> otherCard = payments.post("/api/charges", chargeRequest(orderId, 7000, MASTERCARD));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first);
    assertThat(otherCard.statusCode()).isEqualTo(200);
    assertThat(otherCard.bodyAsJsonObject().getString("chargeId")).isEqualTo(first.getString("chargeId"));
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:5000");
  }

  @Test
  void repeatingADeclinedChargeAnswersTheDeclineAndDoesNotTryAgain() {
    String orderId = newOrder();
    payments.post("/api/charges", chargeRequest(orderId, 5000, "4000000000000002"));

    HttpResponse<Buffer> again = payments.post("/api/charges", chargeRequest(orderId, 5000, VISA));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("DECLINED");
    assertThat(payments.ledgerOf(orderId)).isEmpty();
  }

  @Test
  void twentyConcurrentIdenticalChargesRecordExactlyOneChargeAndOneLedgerEntry() {
    String orderId = newOrder();
    JsonObject request = chargeRequest(orderId, 1234, VISA);

    List<Future<HttpResponse<Buffer>>> responses = IntStream.range(0, 20)
        .mapToObj(i -> payments.postAsync("/api/charges", request))
        .toList();
    await(Future.all(responses));

    List<HttpResponse<Buffer>> answered = responses.stream().map(Future::result).toList();
    assertThat(answered).extracting(HttpResponse::statusCode).containsOnly(200, 201);
    assertThat(answered).filteredOn(response -> response.statusCode() == 201).hasSize(1);
    assertThat(answered).extracting(response -> response.bodyAsJsonObject().getString("chargeId")).containsOnly(
        answered.get(0).bodyAsJsonObject().getString("chargeId"));
    assertThat(payments.chargeRowsOf(orderId)).isEqualTo(1);
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:1234");
  }

  @Test
  void refundingASucceededChargeGivesTheMoneyBackOnce() {
    String orderId = newOrder();
    JsonObject charged = payments.post("/api/charges", chargeRequest(orderId, 3300, VISA)).bodyAsJsonObject();
    long netBefore = payments.get("/api/ledger/summary").bodyAsJsonObject().getLong("netCents");

    HttpResponse<Buffer> refund = payments.post("/api/charges/" + orderId + "/refund", new JsonObject());
    HttpResponse<Buffer> refundAgain = payments.send(HttpMethod.POST, "/api/charges/" + orderId + "/refund", null, null);

    assertThat(refund.statusCode()).isEqualTo(200);
    JsonObject refunded = refund.bodyAsJsonObject();
    assertThat(refunded.getString("status")).isEqualTo("REFUNDED");
    assertThat(refunded.getString("chargeId")).isEqualTo(charged.getString("chargeId"));
    assertThat(refunded.getLong("amountCents")).isEqualTo(3300);
    assertThat(refundAgain.statusCode()).isEqualTo(200);
    assertThat(refundAgain.bodyAsJsonObject()).isEqualTo(refunded);
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:3300", "REFUND:3300");
    assertThat(payments.get("/api/ledger/summary").bodyAsJsonObject().getLong("netCents")).isEqualTo(netBefore - 3300);
    assertThat(payments.get("/api/charges/" + orderId).bodyAsJsonObject()).isEqualTo(refunded);
  }

  @Test
  void refundingADeclinedChargeChangesNothing() {
    String orderId = newOrder();
    JsonObject declined = payments.post("/api/charges", chargeRequest(orderId, 900, "4000000000009995")).bodyAsJsonObject();

    HttpResponse<Buffer> refund = payments.post("/api/charges/" + orderId + "/refund", new JsonObject());

    assertThat(refund.statusCode()).isEqualTo(200);
    assertThat(refund.bodyAsJsonObject()).isEqualTo(declined);
    assertThat(payments.ledgerOf(orderId)).isEmpty();
  }

  @Test
  void refundingAnOrderBeforeItsChargeVoidsItSoTheLateChargeChargesNothing() {
    String orderId = newOrder();

    HttpResponse<Buffer> refund = payments.post("/api/charges/" + orderId + "/refund", new JsonObject());
    HttpResponse<Buffer> lateCharge = payments.post("/api/charges", chargeRequest(orderId, 4100, VISA));

    assertThat(refund.statusCode()).isEqualTo(200);
    JsonObject voided = refund.bodyAsJsonObject();
    assertThat(voided.getString("status")).isEqualTo("VOIDED");
    assertThat(voided.getLong("amountCents")).isZero();
    assertThat(voided.containsKey("cardLast4")).isFalse();
    assertThat(lateCharge.statusCode()).isEqualTo(200);
    assertThat(lateCharge.bodyAsJsonObject()).isEqualTo(voided);
    assertThat(payments.ledgerOf(orderId)).isEmpty();
  }

  @Test
  void theCardNumberIsNeitherStoredNorAnsweredNorLogged() {
    String orderId = newOrder();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      HttpResponse<Buffer> charged = payments.post("/api/charges", chargeRequest(orderId, 6100, MASTERCARD));
      HttpResponse<Buffer> read = payments.get("/api/charges/" + orderId);
      HttpResponse<Buffer> refunded = payments.post("/api/charges/" + orderId + "/refund", new JsonObject());

      assertThat(List.of(charged, read, refunded)).allSatisfy(response -> {
        assertThat(response.statusCode()).isBetween(200, 201);
        assertThat(response.bodyAsString()).doesNotContain(MASTERCARD).contains("\"cardLast4\":\"4444\"");
      });
      assertThat(payments.everyStoredRow()).anySatisfy(row -> assertThat(row).contains(orderId))
          .noneSatisfy(row -> assertThat(row).contains(MASTERCARD));
      assertThat(logs.list).as("the log captured the charge").anySatisfy(event ->
          assertThat(event.getFormattedMessage()).contains(orderId));
      assertThat(logs.list).noneSatisfy(event -> assertThat(everythingIn(event)).contains(MASTERCARD));
    } finally {
      root.detachAppender(logs);
    }
  }

  private static String everythingIn(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getMessage());
    }
    return text.toString();
  }

  @Test
  void anOrderWithoutChargeIsNotFound() {
    String orderId = newOrder();

    HttpResponse<Buffer> response = payments.get("/api/charges/" + orderId);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(PROBLEM + "charge-not-found");
    assertThat(response.bodyAsJsonObject().getString("orderId")).isEqualTo(orderId);
  }

  @Test
  void theLedgerSummaryAddsUpChargesAndRefunds() {
    JsonObject before = payments.get("/api/ledger/summary").bodyAsJsonObject();
    String refundedOrder = newOrder();
    payments.post("/api/charges", chargeRequest(newOrder(), 1000, VISA));
    payments.post("/api/charges", chargeRequest(refundedOrder, 250, MASTERCARD));
    payments.post("/api/charges", chargeRequest(newOrder(), 9999, "4000000000000002"));
    payments.post("/api/charges/" + refundedOrder + "/refund", new JsonObject());

    HttpResponse<Buffer> response = payments.get("/api/ledger/summary");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject after = response.bodyAsJsonObject();
    assertThat(after.getLong("charges") - before.getLong("charges")).isEqualTo(2);
    assertThat(after.getLong("chargedCents") - before.getLong("chargedCents")).isEqualTo(1250);
    assertThat(after.getLong("refunds") - before.getLong("refunds")).isEqualTo(1);
    assertThat(after.getLong("refundedCents") - before.getLong("refundedCents")).isEqualTo(250);
    assertThat(after.getLong("netCents")).isEqualTo(after.getLong("chargedCents") - after.getLong("refundedCents"));
  }

  /** A request that must be refused; {@code %s} in path and body stands for a fresh order id. */
  record BadRequest(String name, HttpMethod method, String path, String contentType, String body, int status, String slug) {

    static BadRequest post(String name, String body, int status, String slug) {
      return new BadRequest(name, HttpMethod.POST, "/api/charges", "application/json", body, status, slug);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final String CARD = "{\"type\":\"card\",\"cardNumber\":\"4242424242424242\"}";

  static Stream<BadRequest> badRequests() {
    String tooLarge = "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":" + CARD
        + ",\"note\":\"" + "x".repeat(70_000) + "\"}";
    return Stream.of(
        BadRequest.post("malformed JSON", "{\"orderId\":\"%s\",\"amountCents\":100,", 400, "malformed-json"),
        BadRequest.post("missing order id", "{\"amountCents\":100,\"paymentMethod\":" + CARD + ",\"x\":\"%s\"}",
            400, "validation-failed"),
        BadRequest.post("missing amount", "{\"orderId\":\"%s\",\"paymentMethod\":" + CARD + "}", 400, "validation-failed"),
        BadRequest.post("missing payment method", "{\"orderId\":\"%s\",\"amountCents\":100}", 400, "validation-failed"),
        BadRequest.post("missing card number",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"card\"}}", 400, "validation-failed"),
        BadRequest.post("amount as a string",
            "{\"orderId\":\"%s\",\"amountCents\":\"100\",\"paymentMethod\":" + CARD + "}", 400, "validation-failed"),
        BadRequest.post("fractional amount",
            "{\"orderId\":\"%s\",\"amountCents\":12.5,\"paymentMethod\":" + CARD + "}", 400, "validation-failed"),
        BadRequest.post("order id as a number",
            "{\"orderId\":12345,\"amountCents\":100,\"paymentMethod\":" + CARD + ",\"x\":\"%s\"}", 400, "validation-failed"),
        BadRequest.post("payment method as a string",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":\"card\"}", 400, "validation-failed"),
        BadRequest.post("card number as a number",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"card\",\"cardNumber\":4242424242424242}}",
            400, "validation-failed"),
        BadRequest.post("amount zero", "{\"orderId\":\"%s\",\"amountCents\":0,\"paymentMethod\":" + CARD + "}",
            400, "validation-failed"),
        BadRequest.post("negative amount", "{\"orderId\":\"%s\",\"amountCents\":-100,\"paymentMethod\":" + CARD + "}",
            400, "validation-failed"),
        BadRequest.post("amount above the maximum",
            "{\"orderId\":\"%s\",\"amountCents\":100000000001,\"paymentMethod\":" + CARD + "}", 400, "validation-failed"),
        BadRequest.post("card number with dashes",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"card\",\"cardNumber\":\"4242-4242-4242-4242\"}}",
            400, "validation-failed"),
        BadRequest.post("card number with letters",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"card\",\"cardNumber\":\"4242abcd42424242\"}}",
            400, "validation-failed"),
        BadRequest.post("card number too short",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"card\",\"cardNumber\":\"42424242\"}}",
            400, "validation-failed"),
        BadRequest.post("unknown payment type",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":{\"type\":\"paypal\",\"cardNumber\":\"4242424242424242\"}}",
            400, "validation-failed"),
        BadRequest.post("unknown member", "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":" + CARD + ",\"tip\":5}",
            400, "validation-failed"),
        BadRequest.post("order id with a space", "{\"orderId\":\"%s x\",\"amountCents\":100,\"paymentMethod\":" + CARD + "}",
            400, "validation-failed"),
        BadRequest.post("JSON array", "[\"%s\"]", 400, "validation-failed"),
        BadRequest.post("JSON null", "null", 400, "validation-failed"),
        BadRequest.post("empty body", "", 400, "validation-failed"),
        BadRequest.post("body over the limit", tooLarge, 413, "payload-too-large"),
        new BadRequest("text/plain", HttpMethod.POST, "/api/charges", "text/plain",
            "{\"orderId\":\"%s\",\"amountCents\":100,\"paymentMethod\":" + CARD + "}", 415, "unsupported-media-type"),
        new BadRequest("form content type", HttpMethod.POST, "/api/charges", "application/x-www-form-urlencoded",
            "orderId=%s&amountCents=100", 415, "unsupported-media-type"),
        new BadRequest("unknown path", HttpMethod.POST, "/api/payments/%s", "application/json", "{}", 404, "not-found"),
        new BadRequest("unknown path GET", HttpMethod.GET, "/api/charges/%s/history", null, null, 404, "not-found"),
        new BadRequest("DELETE charges", HttpMethod.DELETE, "/api/charges/%s", null, null, 405, "method-not-allowed"),
        new BadRequest("GET charges collection", HttpMethod.GET, "/api/charges", null, null, 405, "method-not-allowed"),
        new BadRequest("GET refund", HttpMethod.GET, "/api/charges/%s/refund", null, null, 405, "method-not-allowed"),
        new BadRequest("PUT ledger summary", HttpMethod.PUT, "/api/ledger/summary", "application/json", "{\"x\":\"%s\"}",
            405, "method-not-allowed"),
        new BadRequest("refund of an invalid order id", HttpMethod.POST, "/api/charges/%s%%20x/refund", null, null,
            400, "validation-failed"),
        new BadRequest("charge of an invalid order id", HttpMethod.GET, "/api/charges/-%s", null, null,
            400, "validation-failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void refusesABadRequestWithAProblemAndWritesNothing(BadRequest bad) {
    String orderId = "bad-" + UUID.randomUUID();
    long charges = payments.count("charges");
    long entries = payments.count("ledger");

    HttpResponse<Buffer> response = payments.send(bad.method(), String.format(bad.path(), orderId), bad.contentType(),
        bad.body() == null ? null : String.format(bad.body(), orderId));

    assertThat(response.statusCode()).isEqualTo(bad.status());
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(PROBLEM + bad.slug());
    assertThat(problem.getInteger("status")).isEqualTo(bad.status());
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(payments.chargeRowsOf(orderId)).isZero();
    assertThat(payments.count("charges")).isEqualTo(charges);
    assertThat(payments.count("ledger")).isEqualTo(entries);
  }

  @Test
  void servesHealthAndTheContract() {
    assertThat(payments.get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = payments.get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains("database");
    assertThat(payments.get("/openapi.yaml").bodyAsString()).contains("fraud_suspected");
  }
}
