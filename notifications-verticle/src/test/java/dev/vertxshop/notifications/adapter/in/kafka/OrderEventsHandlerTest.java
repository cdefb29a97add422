package dev.vertxshop.notifications.adapter.in.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.notifications.OrderEvents;
import dev.vertxshop.notifications.application.InMemorySentEmailStore;
import dev.vertxshop.notifications.application.OrderNotifications;
import dev.vertxshop.notifications.application.RecordingMailSender;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.OrderEmail;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderEventsHandlerTest {

  private static final String EMAIL = "alice@example.com";

  private RecordingMailSender mail;
  private OrderEventsHandler handler;

  @BeforeEach
  void setUp() {
    mail = new RecordingMailSender();
    handler = new OrderEventsHandler(new OrderNotifications(new InMemorySentEmailStore(), mail,
        Clock.fixed(Instant.parse("2025-03-04T10:16:00Z"), ZoneOffset.UTC)));
  }

  @Test
  void mailsTheConfirmationOfACompletedOrder() {
    UUID orderId = UUID.randomUUID();

    assertThat(handler.handle(OrderEvents.completed(orderId, EMAIL)).succeeded()).isTrue();

    assertThat(mail.accepted()).singleElement().satisfies(email -> {
      assertThat(email.kind()).isEqualTo(EmailKind.CONFIRMATION);
      assertThat(email.orderId()).isEqualTo(orderId);
      assertThat(email.to().value()).isEqualTo(EMAIL);
      assertThat(email.text()).contains("Total: 62.30");
    });
  }

  @Test
  void mailsTheCancellationOfACancelledOrderWithTheReasonInCustomerWords() {
    UUID orderId = UUID.randomUUID();

    handler.handle(OrderEvents.cancelled(orderId, EMAIL, "insufficient-stock", "insufficient-stock: espresso-beans-1kg"));

    assertThat(mail.accepted()).singleElement().satisfies(email -> {
      assertThat(email.kind()).isEqualTo(EmailKind.CANCELLATION);
      assertThat(email.text()).contains("not in stock").doesNotContain("insufficient-stock");
    });
  }

  @Test
  void mailsAnEventDeliveredTenTimesOnce() {
    CloudEvent event = OrderEvents.completed(UUID.randomUUID(), EMAIL);

    for (int i = 0; i < 10; i++) {
      assertThat(handler.handle(event).succeeded()).isTrue();
    }

    assertThat(mail.accepted()).hasSize(1);
  }

  @Test
  void mailsTwoEventsOfOneOrderTwice() {
    UUID orderId = UUID.randomUUID();

    handler.handle(OrderEvents.completed(orderId, EMAIL));
    handler.handle(OrderEvents.completed(orderId, EMAIL));

    assertThat(mail.accepted()).hasSize(2);
  }

  @Test
  void failsWithoutRecordingWhenTheMailServerRefusesSoTheEventIsRetried() {
    CloudEvent event = OrderEvents.completed(UUID.randomUUID(), EMAIL);
    mail.down(true);

    Future<Void> first = handler.handle(event);

    assertThat(first.failed()).isTrue();
    assertThat(first.cause()).isNotInstanceOf(UnprocessableEventException.class);
    mail.down(false);
    assertThat(handler.handle(event).succeeded()).isTrue();
    assertThat(mail.accepted()).hasSize(1);
  }

  @Test
  void acknowledgesAnEventOfAnotherTypeWithoutMailing() {
    CloudEvent event = OrderEvents.event("order.shipped", UUID.randomUUID(), new JsonObject().put("anything", 1));

    assertThat(handler.handle(event).succeeded()).isTrue();
    assertThat(mail.accepted()).isEmpty();
  }

  static Stream<Arguments> invalidData() {
    return Stream.of(
        invalid("no orderId", data -> data.remove("orderId"), "orderId"),
        invalid("orderId not a UUID", data -> data.put("orderId", "order-1"), "orderId"),
        invalid("orderId a short UUID form", data -> data.put("orderId", "1-2-3-4-5"), "orderId"),
        invalid("orderId a number", data -> data.put("orderId", 42), "orderId"),
        invalid("no customerId", data -> data.remove("customerId"), "customerId"),
        invalid("no email", data -> data.remove("email"), "email"),
        invalid("email not an address", data -> data.put("email", "alice"), "e-mail address"),
        invalid("email with a second header", data -> data.put("email", "a@b.com\r\nBcc: x@y.com"), "e-mail address"),
        invalid("items not an array", data -> data.put("items", "2 x beans"), "items"),
        invalid("no items", data -> data.put("items", new JsonArray()), "no items"),
        invalid("item not an object", data -> data.put("items", new JsonArray().add(3)), "items[0]"),
        invalid("quantity a string", data -> item(data).put("quantity", "2"), "items[0].quantity"),
        invalid("quantity a fraction", data -> item(data).put("quantity", 1.5), "items[0].quantity"),
        invalid("quantity zero", data -> item(data).put("quantity", 0), "quantity 0"),
        invalid("unit price missing", data -> item(data).remove("unitPriceCents"), "items[0].unitPriceCents"),
        invalid("no productId", data -> item(data).remove("productId"), "items[0].productId"),
        invalid("totalCents missing", data -> data.remove("totalCents"), "totalCents"),
        invalid("totalCents negative", data -> data.put("totalCents", -1), "negative total"),
        invalid("completedAt missing", data -> data.remove("completedAt"), "completedAt"),
        invalid("completedAt not a time", data -> data.put("completedAt", "yesterday"), "completedAt"));
  }

  private static Arguments invalid(String name, Consumer<JsonObject> change, String named) {
    return Arguments.of(name, change, named);
  }

  private static JsonObject item(JsonObject data) {
    return data.getJsonArray("items").getJsonObject(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidData")
  void sendsACompletedEventWithInvalidDataToTheDeadLettersAtOnce(String name, Consumer<JsonObject> change, String named) {
    CloudEvent valid = OrderEvents.completed(UUID.randomUUID(), EMAIL);
    JsonObject data = valid.data().copy();
    change.accept(data);

    Future<Void> handled = handler.handle(OrderEvents.event("order.completed", UUID.randomUUID(), data));

    assertThat(handled.failed()).isTrue();
    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining(named);
    assertThat(mail.accepted()).isEmpty();
  }

  @Test
  void sendsACancelledEventWithoutReasonToTheDeadLetters() {
    CloudEvent valid = OrderEvents.cancelled(UUID.randomUUID(), EMAIL, "PAYMENT_DECLINED", "payment-declined: card_declined");
    JsonObject data = valid.data().copy();
    data.remove("reason");

    Future<Void> handled = handler.handle(OrderEvents.event("order.cancelled", UUID.randomUUID(), data));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining("reason");
    assertThat(mail.accepted()).isEmpty();
  }

  @Test
  void sendsACancelledEventWhoseReasonHasNoCodeToTheDeadLetters() {
    CloudEvent valid = OrderEvents.cancelled(UUID.randomUUID(), EMAIL, "PAYMENT_DECLINED", "payment-declined: card_declined");
    JsonObject data = valid.data().copy();
    data.getJsonObject("reason").remove("code");

    Future<Void> handled = handler.handle(OrderEvents.event("order.cancelled", UUID.randomUUID(), data));

    assertThat(handled.cause()).isInstanceOf(UnprocessableEventException.class).hasMessageContaining("reason.code");
  }

  @Test
  void mailsAnEventWhoseDataHasMembersItDoesNotKnow() {
    CloudEvent valid = OrderEvents.completed(UUID.randomUUID(), EMAIL);
    JsonObject data = valid.data().copy().put("loyaltyPoints", 12);

    assertThat(handler.handle(OrderEvents.event("order.completed", UUID.randomUUID(), data)).succeeded()).isTrue();
    assertThat(mail.accepted()).extracting(OrderEmail::kind).containsExactly(EmailKind.CONFIRMATION);
  }
}
