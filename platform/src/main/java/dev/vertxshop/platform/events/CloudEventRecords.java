package dev.vertxshop.platform.events;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudEvents 1.0 in the Kafka protocol binding's binary mode: each attribute is a {@code ce_}
 * header, {@code content-type} says the value is JSON, and the value is the data. The W3C {@code
 * traceparent} travels as a header of its own.
 */
public final class CloudEventRecords {

  public static final String ID = "ce_id";
  public static final String TYPE = "ce_type";
  public static final String SOURCE = "ce_source";
  public static final String TIME = "ce_time";
  public static final String SPEC_VERSION = "ce_specversion";
  public static final String SUBJECT = "ce_subject";
  public static final String CONTENT_TYPE = "content-type";
  public static final String TRACEPARENT = "traceparent";
  private static final String JSON = "application/json";

  private CloudEventRecords() {}

  /** The record that carries {@code event} to {@code topic}, keyed by {@code key}. */
  public static KafkaProducerRecord<String, Buffer> toRecord(String topic, String key, CloudEvent event) {
    KafkaProducerRecord<String, Buffer> record = KafkaProducerRecord.create(topic, key, event.data().toBuffer());
    headers(event).forEach(record::addHeader);
    return record;
  }

  /** The headers of {@code event}, in the order they are written. */
  public static Map<String, String> headers(CloudEvent event) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SPEC_VERSION, CloudEvent.SPEC_VERSION);
    headers.put(ID, event.id());
    headers.put(TYPE, event.type());
    headers.put(SOURCE, event.source());
    headers.put(TIME, event.time().toString());
    if (event.subject() != null) {
      headers.put(SUBJECT, event.subject());
    }
    headers.put(CONTENT_TYPE, JSON);
    if (event.traceparent() != null) {
      headers.put(TRACEPARENT, event.traceparent());
    }
    return headers;
  }

  /**
   * The event a record carries.
   *
   * @throws UnprocessableEventException when the record is not a CloudEvents 1.0 JSON event
   */
  public static CloudEvent fromRecord(KafkaConsumerRecord<String, Buffer> record) {
    Map<String, String> headers = lastValues(record.headers());
    String version = headers.get(SPEC_VERSION);
    if (!CloudEvent.SPEC_VERSION.equals(version)) {
      throw new UnprocessableEventException("not a CloudEvents 1.0 record: ce_specversion is " + (version == null ? "missing" : "'" + version + "'"));
    }
    String contentType = headers.get(CONTENT_TYPE);
    if (contentType != null && !contentType.startsWith(JSON)) {
      throw new UnprocessableEventException("the data is " + contentType + ", not " + JSON);
    }
    Instant time;
    try {
      time = Instant.parse(require(headers, TIME));
    } catch (DateTimeParseException e) {
      throw new UnprocessableEventException("ce_time '" + headers.get(TIME) + "' is not an RFC 3339 time");
    }
    JsonObject data;
    Buffer value = record.value();
    if (value == null || value.length() == 0) {
      throw new UnprocessableEventException("the record has no data");
    }
    try {
      data = new JsonObject(value);
    } catch (DecodeException | ClassCastException e) {
      throw new UnprocessableEventException("the data is not a JSON object: " + e.getMessage());
    }
    try {
      return new CloudEvent(require(headers, ID), require(headers, TYPE), require(headers, SOURCE), time,
          headers.get(SUBJECT), data, headers.get(TRACEPARENT));
    } catch (IllegalArgumentException e) {
      throw new UnprocessableEventException(e.getMessage());
    }
  }

  /** Header values by name, as text; for a repeated name the last value counts. */
  public static Map<String, String> lastValues(List<KafkaHeader> headers) {
    Map<String, String> values = new LinkedHashMap<>();
    for (KafkaHeader header : headers) {
      values.put(header.key(), header.value() == null ? null : header.value().toString(StandardCharsets.UTF_8));
    }
    return values;
  }

  /** The record's headers as producer headers, without those named in {@code dropped}. */
  static List<KafkaHeader> copyHeaders(List<KafkaHeader> headers, List<String> dropped) {
    List<KafkaHeader> copy = new ArrayList<>();
    for (KafkaHeader header : headers) {
      if (!dropped.contains(header.key())) {
        copy.add(KafkaHeader.header(header.key(), header.value()));
      }
    }
    return copy;
  }

  private static String require(Map<String, String> headers, String name) {
    String value = headers.get(name);
    if (value == null || value.isBlank()) {
      throw new UnprocessableEventException("the record has no " + name + " header");
    }
    return value;
  }
}
