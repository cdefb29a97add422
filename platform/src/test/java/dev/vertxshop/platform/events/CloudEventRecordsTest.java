package dev.vertxshop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CloudEventRecordsTest {

  private static final CloudEvent EVENT = new CloudEvent("e-1", "order.completed", "/orders", Instant.parse("2026-11-27T10:15:30.123456Z"),
      "order-7", new JsonObject().put("orderId", "order-7").put("totalCents", 1999), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

  @Test
  void writesTheAttributesAsCeHeadersAndTheDataAsJsonValue() {
    KafkaProducerRecord<String, Buffer> record = CloudEventRecords.toRecord("orders", "order-7", EVENT);

    Map<String, String> headers = CloudEventRecords.lastValues(record.headers());
    assertThat(record.key()).isEqualTo("order-7");
    assertThat(headers).containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", "e-1")
        .containsEntry("ce_type", "order.completed")
        .containsEntry("ce_source", "/orders")
        .containsEntry("ce_time", "2026-11-27T10:15:30.123456Z")
        .containsEntry("ce_subject", "order-7")
        .containsEntry("content-type", "application/json")
        .containsEntry("traceparent", EVENT.traceparent());
    assertThat(new JsonObject(record.value())).isEqualTo(EVENT.data());
  }

  @Test
  void readsBackTheEventItWrote() {
    KafkaProducerRecord<String, Buffer> written = CloudEventRecords.toRecord("orders", "order-7", EVENT);

    assertThat(CloudEventRecords.fromRecord(consumed(written.value(), CloudEventRecords.headers(EVENT)))).isEqualTo(EVENT);
  }

  @Test
  void refusesARecordWithoutSpecVersion() {
    Map<String, String> headers = new java.util.HashMap<>(CloudEventRecords.headers(EVENT));
    headers.remove("ce_specversion");

    assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(EVENT.data().toBuffer(), headers)))
        .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("ce_specversion is missing");
  }

  @Test
  void refusesDataThatIsNotAJsonObject() {
    assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(Buffer.buffer("{not json"), CloudEventRecords.headers(EVENT))))
        .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(Buffer.buffer("[1,2]"), CloudEventRecords.headers(EVENT))))
        .isInstanceOf(UnprocessableEventException.class);
  }

  @Test
  void refusesATimeThatIsNotRfc3339() {
    Map<String, String> headers = new java.util.HashMap<>(CloudEventRecords.headers(EVENT));
    headers.put("ce_time", "yesterday");

    assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(EVENT.data().toBuffer(), headers)))
        .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("ce_time");
  }

  @Test
  void refusesAMissingId() {
    Map<String, String> headers = new java.util.HashMap<>(CloudEventRecords.headers(EVENT));
    headers.remove("ce_id");

    assertThatThrownBy(() -> CloudEventRecords.fromRecord(consumed(EVENT.data().toBuffer(), headers)))
        .isInstanceOf(UnprocessableEventException.class).hasMessageContaining("ce_id");
  }

  static KafkaConsumerRecord<String, Buffer> consumed(Buffer value, Map<String, String> headers) {
    RecordHeaders recordHeaders = new RecordHeaders();
    headers.forEach((name, text) -> recordHeaders.add(name, text.getBytes(StandardCharsets.UTF_8)));
    return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>("orders", 0, 42L, 0L, TimestampType.CREATE_TIME, -1, -1, "order-7", value,
        recordHeaders, Optional.empty()));
  }
}
