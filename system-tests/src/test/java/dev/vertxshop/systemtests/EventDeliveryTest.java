package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.embedded.EmbeddedSmtp.ReceivedMail;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order's event end to end, with every service in one JVM from the fat jar: the event on the
 * topic as an outside Kafka client (kcat) reads it, and its one effect in each consumer — the
 * reservation committed, the mail received by a real SMTP server, the order counted by analytics.
 * The tests share one shop and look only at their own orders, or at counts before and after.
 */
class EventDeliveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(EventDeliveryTest.class);
  private static final String CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final Duration SETTLE = Duration.ofSeconds(60);

  private static EventShop shop;

  @BeforeAll
  static void startShop() {
    shop = EventShop.inOneJvm(Map.of());
  }

  @AfterAll
  static void stopShop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  @DisplayName("a confirmed order: one order.completed CloudEvent on the topic, read by kcat and valid against its schema; one committed reservation, one mail, counted once by analytics")
  void confirmedOrderHasOneEffectInEachConsumer() {
    String product = "beans-" + UUID.randomUUID();
    shop.putProduct(product, 2490, 100);
    JsonObject totalsBefore = shop.conversions().getJsonObject("totals");
    JsonObject body = order(product, 2, CARD, "alice@example.com");

    HttpResponse<Buffer> answer = shop.placeOrder(body);

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    String orderId = answer.bodyAsJsonObject().getString("orderId");
    EventInvariants.awaitEveryEventApplied(shop, SETTLE);

    String eventId = shop.events().effects().eventOf(orderId);
    Kcat.Message message = onlyMessageOf(orderId);
    LOG.info("kcat read order {}: headers {}, payload {}", orderId, message.headers(), message.payload());
    assertCloudEventHeaders(message, eventId, "order.completed", orderId);
    JsonObject data = new JsonObject(message.payload());
    assertValid(data, "order.completed");
    assertThat(data.getString("orderId")).isEqualTo(orderId);
    assertThat(data.getLong("totalCents")).isEqualTo(4980L);
    assertThat(data.getString("email")).isEqualTo("alice@example.com");
    assertThat(data.getJsonArray("items")).containsExactly(
        new JsonObject().put("productId", product).put("quantity", 2).put("unitPriceCents", 2490));

    assertThat(shop.events().reservations().get(orderId)).isEqualTo("COMMITTED");
    assertThat(shop.audit().count("SELECT available FROM inventory.products WHERE product_id = ?", product)).isEqualTo(98);
    assertThat(shop.audit().count("SELECT reserved FROM inventory.products WHERE product_id = ?", product)).isZero();
    List<ReceivedMail> mails = shop.mailsAbout(orderId);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactly("alice@example.com");
    assertThat(mails.get(0).subject()).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat(mails.get(0).text()).contains(product).contains("49.80");
    JsonObject totalsAfter = shop.conversions().getJsonObject("totals");
    assertThat(totalsAfter.getLong("ordersCompleted")).isEqualTo(totalsBefore.getLong("ordersCompleted") + 1);
    assertThat(totalsAfter.getLong("revenueCents")).isEqualTo(totalsBefore.getLong("revenueCents") + 4980);
    assertThat(totalsAfter.getLong("ordersCancelled")).isEqualTo(totalsBefore.getLong("ordersCancelled"));
    EventInvariants.assertEveryEventAppliedOnce(shop);
  }

  @Test
  @DisplayName("a declined card: one order.cancelled CloudEvent with the reason; the stock stays free, one cancellation mail in customer words, one cancellation counted")
  void rejectedOrderHasOneCancellationEffect() {
    String product = "kettle-" + UUID.randomUUID();
    shop.putProduct(product, 5900, 10);
    JsonObject before = shop.conversions();

    HttpResponse<Buffer> answer = shop.placeOrder(order(product, 1, DECLINED_CARD, "bob@example.com"));

    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(answer.bodyAsJsonObject().getString("status")).isEqualTo("REJECTED");
    String orderId = answer.bodyAsJsonObject().getString("orderId");
    EventInvariants.awaitEveryEventApplied(shop, SETTLE);

    String eventId = shop.events().effects().eventOf(orderId);
    Kcat.Message message = onlyMessageOf(orderId);
    assertCloudEventHeaders(message, eventId, "order.cancelled", orderId);
    JsonObject data = new JsonObject(message.payload());
    assertValid(data, "order.cancelled");
    assertThat(data.getJsonObject("reason").getString("code")).isEqualTo("PAYMENT_DECLINED");
    assertThat(data.getJsonObject("reason").getString("text")).isEqualTo("payment-declined: card_declined");

    assertThat(shop.events().reservations().get(orderId)).isEqualTo("CANCELLED");
    assertThat(shop.events().processed("inventory")).doesNotContain(eventId);
    assertThat(shop.audit().count("SELECT available FROM inventory.products WHERE product_id = ?", product)).isEqualTo(10);
    List<ReceivedMail> mails = shop.mailsAbout(orderId);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactly("bob@example.com");
    assertThat(mails.get(0).subject()).isEqualTo("Your order " + orderId + " is cancelled");
    assertThat(mails.get(0).text()).contains("Your payment was declined.").doesNotContain("card_declined");
    JsonObject after = shop.conversions();
    assertThat(after.getJsonObject("totals").getLong("ordersCancelled"))
        .isEqualTo(before.getJsonObject("totals").getLong("ordersCancelled") + 1);
    assertThat(after.getJsonObject("totals").getLong("ordersCompleted")).isEqualTo(before.getJsonObject("totals").getLong("ordersCompleted"));
    assertThat(reasonCount(after, "PAYMENT_DECLINED")).isEqualTo(reasonCount(before, "PAYMENT_DECLINED") + 1);
    EventInvariants.assertEveryEventAppliedOnce(shop);
  }

  @Test
  @DisplayName("a poison message (kcat, not a CloudEvent): each group dead-letters it with why and where, its lag returns to 0, the next order still gets its effects, and a replay answers")
  void poisonMessageIsDeadLetteredByEachGroup() {
    Map<String, JsonObject> before = statuses();
    String key = "poison-" + UUID.randomUUID();

    Kcat.produce(shop.kafka.bootstrapServers(), "orders", key, "this is not a CloudEvent");

    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      for (String service : EventShop.CONSUMERS) {
        JsonObject status = shop.consumerStatus(service);
        assertThat(deadLetters(status, "total")).as("%s dead letters", service).isEqualTo(deadLetters(before.get(service), "total") + 1);
        assertThat(status.getLong("lag")).as("%s lag", service).isZero();
      }
    });
    for (String service : EventShop.CONSUMERS) {
      Kcat.Message letter = Kcat.consume(shop.kafka.bootstrapServers(), "orders." + service + ".dlt").stream()
          .filter(message -> key.equals(message.key())).findFirst().orElseThrow();
      LOG.info("{} dead letter: headers {}", service, letter.headers());
      assertThat(letter.payload()).isEqualTo("this is not a CloudEvent");
      assertThat(letter.headers()).containsEntry("x-dead-letter-group", service)
          .containsEntry("x-dead-letter-reason", "UNPROCESSABLE")
          .containsEntry("x-original-topic", "orders")
          .containsEntry("x-attempts", "1")
          .containsKeys("x-original-partition", "x-original-offset", "x-error", "x-dead-letter-at");
    }

    String product = "mug-" + UUID.randomUUID();
    shop.putProduct(product, 1250, 10);
    HttpResponse<Buffer> next = shop.placeOrder(order(product, 1, CARD, "carol@example.com"));
    assertThat(next.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    EventInvariants.awaitEveryEventApplied(shop, SETTLE);
    EventInvariants.assertEveryEventAppliedOnce(shop);

    for (String service : EventShop.CONSUMERS) {
      long awaiting = deadLetters(before.get(service), "awaitingReplay") + 1;
      HttpResponse<Buffer> replay = shop.replayDeadLetters(service);
      assertThat(replay.statusCode()).as("%s replay", service).isEqualTo(200);
      assertThat(replay.bodyAsJsonObject().getJsonObject("replayed").getLong(service)).isEqualTo(awaiting);
    }
    // Replayed, the poison is still no CloudEvent: each group dead-letters it again, and only that
    // new dead letter waits for a replay.
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      for (String service : EventShop.CONSUMERS) {
        JsonObject status = shop.consumerStatus(service);
        assertThat(deadLetters(status, "total")).as("%s dead letters", service).isEqualTo(deadLetters(before.get(service), "total") + 2);
        assertThat(deadLetters(status, "awaitingReplay")).as("%s awaiting replay", service).isEqualTo(1);
        assertThat(status.getLong("lag") + status.getLong("retryLag", 0L)).as("%s lag", service).isZero();
      }
    });
    EventInvariants.assertEveryEventAppliedOnce(shop);
  }

  private static Map<String, JsonObject> statuses() {
    return Map.of(
        "inventory", shop.consumerStatus("inventory"),
        "notifications", shop.consumerStatus("notifications"),
        "analytics", shop.consumerStatus("analytics"));
  }

  private static long deadLetters(JsonObject status, String field) {
    return status.getJsonObject("deadLetters").getLong(field);
  }

  private static long reasonCount(JsonObject report, String code) {
    JsonArray reasons = report.getJsonArray("cancellationReasons");
    for (int i = 0; i < reasons.size(); i++) {
      if (code.equals(reasons.getJsonObject(i).getString("code"))) {
        return reasons.getJsonObject(i).getLong("count");
      }
    }
    return 0;
  }

  private static Kcat.Message onlyMessageOf(String orderId) {
    List<Kcat.Message> messages = Kcat.consume(shop.kafka.bootstrapServers(), "orders").stream()
        .filter(message -> orderId.equals(message.key()))
        .toList();
    assertThat(messages).as("records keyed by order %s", orderId).hasSize(1);
    return messages.get(0);
  }

  private static void assertCloudEventHeaders(Kcat.Message message, String eventId, String type, String orderId) {
    assertThat(message.headers())
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", eventId)
        .containsEntry("ce_type", type)
        .containsEntry("ce_source", "/orders")
        .containsEntry("ce_subject", orderId)
        .containsEntry("content-type", "application/json")
        .containsKey("ce_time");
    assertThat(Instant.parse(message.headers().get("ce_time"))).isBefore(Instant.now());
  }

  /** Validates {@code data} against {@code contracts/events/<type>.schema.json}. */
  private static void assertValid(JsonObject data, String type) {
    Path file = Path.of(System.getProperty("event.schemas", "../contracts/events")).resolve(type + ".schema.json");
    JsonObject schema;
    try {
      schema = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("No event schema at " + file.toAbsolutePath(), e);
    }
    OutputUnit result = Validator.create(JsonSchema.of(schema),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://vertx-shop.dev/").setOutputFormat(OutputFormat.Basic))
        .validate(data);
    assertThat(result.getValid()).as("%s data valid against %s: %s", type, file.getFileName(), result.getErrors()).isTrue();
  }

  private static JsonObject order(String product, int quantity, String card, String email) {
    return new JsonObject()
        .put("customerId", "event-test")
        .put("email", email)
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", quantity)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card));
  }
}
