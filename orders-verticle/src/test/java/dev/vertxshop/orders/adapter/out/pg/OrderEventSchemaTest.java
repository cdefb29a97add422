package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.RejectionReason;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data that the outbox stores for each event type is what the event contract
 * ({@code contracts/events/*.schema.json}, packaged in the jar under {@code events/}) describes.
 */
class OrderEventSchemaTest {

  private static PgTestSupport pg;
  private static SettledOrders settled;
  private static Validator completed;
  private static Validator cancelled;

  @BeforeAll
  static void database() {
    pg = new PgTestSupport();
    settled = new SettledOrders(pg.pool);
    completed = validator("events/order.completed.schema.json");
    cancelled = validator("events/order.cancelled.schema.json");
  }

  @AfterAll
  static void dropDatabase() {
    pg.close();
  }

  private static Validator validator(String resource) {
    try (InputStream in = OrderEventSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " is packaged").isNotNull();
      JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Validator.create(JsonSchema.of(schema),
          new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://vertx-shop.dev/").setOutputFormat(OutputFormat.Basic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row event(UUID orderId) {
    return await(pg.pool.preparedQuery("SELECT type, payload FROM orders.outbox WHERE order_id = $1").execute(Tuple.of(orderId)))
        .iterator().next();
  }

  private static JsonObject payload(Row row) {
    return (JsonObject) row.getValue("payload");
  }

  @Test
  void theDataOfACompletedOrderMatchesTheOrderCompletedSchema() {
    Order order = settled.confirmed();
    Row row = event(order.id());

    OutputUnit result = completed.validate(payload(row));

    assertThat(row.getString("type")).isEqualTo("order.completed");
    assertThat(result.getValid()).as(result.toString()).isTrue();
  }

  @Test
  void theDataOfACancelledOrderMatchesTheOrderCancelledSchemaForEveryKindOfReason() {
    for (RejectionReason reason : new RejectionReason[] {
        RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "pear"),
        RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "card_declined"),
        RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE)}) {
      Row row = event(settled.rejected(reason).id());

      OutputUnit result = cancelled.validate(payload(row));

      assertThat(row.getString("type")).isEqualTo("order.cancelled");
      assertThat(result.getValid()).as(reason + ": " + result).isTrue();
    }
  }

  @Test
  void theSchemasTellTheTwoTypesApartAndRequireAReasonForACancellation() {
    JsonObject completedData = payload(event(settled.confirmed().id()));
    JsonObject cancelledData = payload(event(settled.rejected(RejectionReason.of(RejectionReason.Code.PAYMENT_VOIDED)).id()));

    assertThat(cancelled.validate(completedData).getValid()).isFalse();
    assertThat(completed.validate(completedData.copy().put("totalCents", "450")).getValid()).isFalse();
    cancelledData.remove("reason");
    assertThat(cancelled.validate(cancelledData).getValid()).isFalse();
  }
}
