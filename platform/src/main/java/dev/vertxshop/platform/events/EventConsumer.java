package dev.vertxshop.platform.events;

import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.ListOffsetsResultInfo;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.admin.TopicDescription;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.serialization.BufferDeserializer;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group on a topic, with the group's retry and dead-letter topics.
 *
 * <p>Records are polled in batches. In a batch, the records of one key (one order) are handled one
 * after the other, in offset order, and different keys at the same time; the batch's offsets are
 * committed only once every record in it has had its effect, was skipped as a duplicate, or was
 * handed on to the retry or dead-letter topic. A record whose hand-over fails (Kafka down) is not
 * committed past: its partition is rewound to it and it comes again.
 *
 * <p>A failed event goes to {@code <topic>.<group>.retry} with the number of attempts and the time of
 * the next one in its headers; the same member consumes that topic, waits for each record's time
 * without holding up the main topic, and tries again. After {@code maxAttempts}, or at once for an
 * {@link UnprocessableEventException} or a record that is not a CloudEvent, the record goes to
 * {@code <topic>.<group>.dlt} with headers saying why, where it came from and how many times it was
 * tried; {@link #replayDeadLetters()} sends those back through the retry topic after a fix.
 */
public final class EventConsumer {

  /** Attempts made so far (retry and dead-letter records). */
  public static final String ATTEMPTS = "x-attempts";
  /** Epoch milliseconds before which a retry record is not tried (retry records). */
  public static final String NOT_BEFORE = "x-not-before";
  /** The last failure (retry and dead-letter records). */
  public static final String ERROR = "x-error";
  /** Where the record was first consumed: topic, partition, offset. */
  public static final String ORIGINAL_TOPIC = "x-original-topic";
  public static final String ORIGINAL_PARTITION = "x-original-partition";
  public static final String ORIGINAL_OFFSET = "x-original-offset";
  /** Dead-letter records: the group that gave up, why (UNPROCESSABLE or RETRIES_EXHAUSTED), and when. */
  public static final String DEAD_LETTER_GROUP = "x-dead-letter-group";
  public static final String DEAD_LETTER_REASON = "x-dead-letter-reason";
  public static final String DEAD_LETTER_AT = "x-dead-letter-at";

  private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration POLL_FAILURE_PAUSE = Duration.ofSeconds(1);
  private static final int MAX_ERROR_LENGTH = 1000;
  private static final List<String> OWN_HEADERS = List.of(
      ATTEMPTS, NOT_BEFORE, ERROR, ORIGINAL_TOPIC, ORIGINAL_PARTITION, ORIGINAL_OFFSET, DEAD_LETTER_GROUP, DEAD_LETTER_REASON,
      DEAD_LETTER_AT);

  private final Vertx vertx;
  private final KafkaSettings kafka;
  private final ConsumerSettings settings;
  private final String topic;
  private final String retryTopic;
  private final String deadLetterTopic;
  private final EventHandler handler;
  private final RedisDeduplicator dedupe;
  private final String memberId = UUID.randomUUID().toString().substring(0, 8);
  private final EventPublisher publisher;
  private final KafkaAdminClient admin;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean replaying = new AtomicBoolean();
  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private KafkaConsumer<String, Buffer> main;
  private KafkaConsumer<String, Buffer> retries;
  private final Promise<Void> mainStopped = Promise.promise();
  private final Promise<Void> retriesStopped = Promise.promise();

  private EventConsumer(Vertx vertx, KafkaSettings kafka, Redis redis, ConsumerSettings settings, String topic, EventHandler handler) {
    this.vertx = vertx;
    this.kafka = kafka;
    this.settings = settings;
    this.topic = topic;
    this.retryTopic = Topics.retry(topic, settings.group());
    this.deadLetterTopic = Topics.deadLetter(topic, settings.group());
    this.handler = handler;
    this.dedupe = new RedisDeduplicator(redis, settings.group(), settings.processingLease(), settings.doneTtl());
    this.publisher = EventPublisher.create(vertx, kafka, clientId("producer"));
    this.admin = KafkaAdminClient.create(vertx, kafka.adminConfig(clientId("admin")));
  }

  /**
   * Creates the topic, its retry and dead-letter topics when missing, joins the group and starts
   * consuming.
   *
   * @param redis the fast duplicate filter, or null to ask only the handler's own record
   */
  public static Future<EventConsumer> start(
      Vertx vertx, KafkaSettings kafka, Redis redis, ConsumerSettings settings, String topic, EventHandler handler) {
    Objects.requireNonNull(handler, "handler");
    EventConsumer consumer = new EventConsumer(vertx, kafka, redis, settings, topic, handler);
    return Topics.ensure(vertx, kafka, List.of(topic, consumer.retryTopic, consumer.deadLetterTopic))
        .compose(created -> consumer.subscribe())
        .map(subscribed -> consumer)
        .onFailure(failure -> consumer.closeClients());
  }

  public String group() {
    return settings.group();
  }

  public String topic() {
    return topic;
  }

  private Future<Void> subscribe() {
    main = KafkaConsumer.create(vertx, kafka.consumerConfig(settings.group(), clientId("main")), new StringDeserializer(), new BufferDeserializer());
    retries = KafkaConsumer.create(vertx, kafka.consumerConfig(settings.group(), clientId("retry")), new StringDeserializer(), new BufferDeserializer());
    main.exceptionHandler(e -> LOG.warn("Consumer group {} on {}: {}", settings.group(), topic, e.getMessage()));
    retries.exceptionHandler(e -> LOG.warn("Consumer group {} on {}: {}", settings.group(), retryTopic, e.getMessage()));
    return Future.all(main.subscribe(topic), retries.subscribe(retryTopic)).map(subscribed -> {
      LOG.info("Consumer group {} consuming {} (retries on {}, dead letters to {})", settings.group(), topic, retryTopic, deadLetterTopic);
      pollMain();
      pollRetries();
      return null;
    });
  }

  private String clientId(String role) {
    return settings.group() + "-" + role + "-" + memberId;
  }

  // ---- the main topic ----

  private void pollMain() {
    if (stopping.get()) {
      mainStopped.tryComplete();
      return;
    }
    main.poll(POLL_TIMEOUT)
        .compose(records -> records.isEmpty() ? Future.succeededFuture() : handleMainBatch(records))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("Consumer group {} on {}: {}", settings.group(), topic, done.cause().toString());
            vertx.setTimer(POLL_FAILURE_PAUSE.toMillis(), id -> pollMain());
          } else {
            pollMain();
          }
        });
  }

  /** Keys run side by side; the records of one key, one after the other. */
  private Future<Void> handleMainBatch(KafkaConsumerRecords<String, Buffer> records) {
    Map<TopicPartition, Map<String, List<KafkaConsumerRecord<String, Buffer>>>> byPartitionAndKey = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      byPartitionAndKey
          .computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new LinkedHashMap<>())
          .computeIfAbsent(record.key() == null ? "" : record.key(), key -> new ArrayList<>())
          .add(record);
    }
    List<Future<PartitionProgress>> partitions = new ArrayList<>();
    byPartitionAndKey.forEach((partition, byKey) -> partitions.add(handlePartition(partition, byKey)));
    return Future.join(partitions).transform(done -> settle(main, partitions));
  }

  private Future<PartitionProgress> handlePartition(TopicPartition partition, Map<String, List<KafkaConsumerRecord<String, Buffer>>> byKey) {
    List<Future<Long>> chains = new ArrayList<>();
    long endOfBatch = 0;
    for (List<KafkaConsumerRecord<String, Buffer>> chain : byKey.values()) {
      chains.add(handleChain(chain, 0));
      endOfBatch = Math.max(endOfBatch, chain.get(chain.size() - 1).offset() + 1);
    }
    long next = endOfBatch;
    // Each chain answers the offset of its first record that could not be settled, or -1.
    return Future.join(chains).transform(done -> {
      long firstUnsettled = chains.stream().mapToLong(f -> f.succeeded() ? f.result() : -1).filter(o -> o >= 0).min().orElse(-1);
      return Future.succeededFuture(new PartitionProgress(partition, firstUnsettled >= 0 ? firstUnsettled : next, firstUnsettled >= 0));
    });
  }

  private Future<Long> handleChain(List<KafkaConsumerRecord<String, Buffer>> chain, int index) {
    if (index == chain.size()) {
      return Future.succeededFuture(-1L);
    }
    KafkaConsumerRecord<String, Buffer> record = chain.get(index);
    return handleRecord(record, 0, record.topic(), record.partition(), record.offset())
        .transform(done -> {
          if (done.failed()) {
            LOG.warn("Consumer group {}: {}-{}@{} could not be settled, it will come again: {}",
                settings.group(), record.topic(), record.partition(), record.offset(), done.cause().toString());
            return Future.succeededFuture(record.offset());
          }
          return handleChain(chain, index + 1);
        });
  }

  /**
   * Handles one record and settles it: succeeds once it had its effect, was a duplicate, or was
   * handed on to the retry or dead-letter topic; fails only when that hand-over failed.
   */
  private Future<Void> handleRecord(KafkaConsumerRecord<String, Buffer> record, int attemptsBefore, String originTopic, int originPartition,
      long originOffset) {
    CloudEvent event;
    try {
      event = CloudEventRecords.fromRecord(record);
    } catch (UnprocessableEventException e) {
      return deadLetter(record, attemptsBefore + 1, "UNPROCESSABLE", e, originTopic, originPartition, originOffset);
    }
    int attempt = attemptsBefore + 1;
    return dedupe.begin(event.id()).compose(mark -> {
      if (mark instanceof RedisDeduplicator.Done) {
        duplicates.incrementAndGet();
        return Future.succeededFuture();
      }
      if (mark instanceof RedisDeduplicator.Busy busy) {
        Duration wait = busy.remaining().compareTo(settings.backoffAfter(attempt)) > 0 ? busy.remaining() : settings.backoffAfter(attempt);
        return retryOrDeadLetter(record, attempt, wait, new IllegalStateException("event " + event.id() + " is being handled by another consumer"),
            originTopic, originPartition, originOffset);
      }
      return invoke(record, event).transform(done -> {
        if (done.succeeded()) {
          handled.incrementAndGet();
          return dedupe.done(event.id());
        }
        Throwable failure = done.cause();
        return dedupe.release(event.id()).compose(released -> failure instanceof UnprocessableEventException
            ? deadLetter(record, attempt, "UNPROCESSABLE", failure, originTopic, originPartition, originOffset)
            : retryOrDeadLetter(record, attempt, settings.backoffAfter(attempt), failure, originTopic, originPartition, originOffset));
      });
    });
  }

  /** Handles the event as a span of the trace its record carries; what the handler calls joins that span. */
  private Future<Void> invoke(KafkaConsumerRecord<String, Buffer> record, CloudEvent event) {
    return Tracing.consuming(settings.group(), record.topic(), event.id(), event.subject(), CloudEventRecords.lastValues(record.headers()),
        () -> invoke(event));
  }

  private Future<Void> invoke(CloudEvent event) {
    try {
      Future<Void> result = handler.handle(event);
      return result == null ? Future.failedFuture(new IllegalStateException("the handler answered no future")) : result;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<Void> retryOrDeadLetter(KafkaConsumerRecord<String, Buffer> record, int attempt, Duration wait, Throwable failure,
      String originTopic, int originPartition, long originOffset) {
    if (attempt >= settings.maxAttempts()) {
      return deadLetter(record, attempt, "RETRIES_EXHAUSTED", failure, originTopic, originPartition, originOffset);
    }
    KafkaProducerRecord<String, Buffer> retry = copy(record, retryTopic);
    retry.addHeader(ATTEMPTS, Integer.toString(attempt));
    retry.addHeader(NOT_BEFORE, Long.toString(System.currentTimeMillis() + wait.toMillis()));
    retry.addHeader(ERROR, describe(failure));
    origin(retry, originTopic, originPartition, originOffset);
    LOG.info("Consumer group {}: attempt {} of {}-{}@{} failed, next in {} ms: {}",
        settings.group(), attempt, originTopic, originPartition, originOffset, wait.toMillis(), describe(failure));
    return publisher.send(retry).onSuccess(sent -> retried.incrementAndGet());
  }

  private Future<Void> deadLetter(KafkaConsumerRecord<String, Buffer> record, int attempts, String reason, Throwable failure,
      String originTopic, int originPartition, long originOffset) {
    KafkaProducerRecord<String, Buffer> letter = copy(record, deadLetterTopic);
    letter.addHeader(DEAD_LETTER_GROUP, settings.group());
    letter.addHeader(DEAD_LETTER_REASON, reason);
    letter.addHeader(DEAD_LETTER_AT, Instant.now().toString());
    letter.addHeader(ATTEMPTS, Integer.toString(attempts));
    letter.addHeader(ERROR, describe(failure));
    origin(letter, originTopic, originPartition, originOffset);
    LOG.error("Consumer group {}: {}-{}@{} dead-lettered to {} after {} attempt(s) ({}): {}",
        settings.group(), originTopic, originPartition, originOffset, deadLetterTopic, attempts, reason, describe(failure));
    return publisher.send(letter).onSuccess(sent -> deadLettered.incrementAndGet());
  }

  private static KafkaProducerRecord<String, Buffer> copy(KafkaConsumerRecord<String, Buffer> record, String toTopic) {
    KafkaProducerRecord<String, Buffer> copy = KafkaProducerRecord.create(toTopic, record.key(), record.value());
    CloudEventRecords.copyHeaders(record.headers(), OWN_HEADERS).forEach(copy::addHeader);
    return copy;
  }

  private static void origin(KafkaProducerRecord<String, Buffer> record, String originTopic, int originPartition, long originOffset) {
    record.addHeader(ORIGINAL_TOPIC, originTopic);
    record.addHeader(ORIGINAL_PARTITION, Integer.toString(originPartition));
    record.addHeader(ORIGINAL_OFFSET, Long.toString(originOffset));
  }

  private static String describe(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }

  /** Commits what every partition settled and rewinds those with a record to see again. */
  private Future<Void> settle(KafkaConsumer<String, Buffer> consumer, List<Future<PartitionProgress>> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<PartitionProgress> rewinds = new ArrayList<>();
    for (Future<PartitionProgress> future : partitions) {
      PartitionProgress progress = future.result();
      offsets.put(progress.partition(), new OffsetAndMetadata(progress.nextOffset(), ""));
      if (progress.rewind()) {
        rewinds.add(progress);
      }
    }
    Future<Void> committed = consumer.commit(offsets)
        .<Void>mapEmpty()
        .recover(failure -> {
          // Lost the partitions to a rebalance: their new owner sees the records again (handled idempotently).
          LOG.warn("Consumer group {}: offsets not committed: {}", settings.group(), failure.toString());
          return Future.succeededFuture();
        });
    if (rewinds.isEmpty()) {
      return committed;
    }
    return committed.compose(done -> Future.all(rewinds.stream().map(p -> consumer.seek(p.partition(), p.nextOffset())).toList()))
        .compose(sought -> {
          Promise<Void> pause = Promise.promise();
          vertx.setTimer(POLL_FAILURE_PAUSE.toMillis(), id -> pause.complete());
          return pause.future();
        });
  }

  private record PartitionProgress(TopicPartition partition, long nextOffset, boolean rewind) {}

  // ---- the retry topic ----

  private void pollRetries() {
    if (stopping.get()) {
      retriesStopped.tryComplete();
      return;
    }
    retries.poll(POLL_TIMEOUT)
        .compose(records -> records.isEmpty() ? Future.succeededFuture() : handleRetryBatch(records))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("Consumer group {} on {}: {}", settings.group(), retryTopic, done.cause().toString());
            vertx.setTimer(POLL_FAILURE_PAUSE.toMillis(), id -> pollRetries());
          } else {
            pollRetries();
          }
        });
  }

  /**
   * The records of one retry partition are taken in order; at the first that is not due yet, the
   * partition is rewound to it and paused until it is due.
   */
  private Future<Void> handleRetryBatch(KafkaConsumerRecords<String, Buffer> records) {
    Map<TopicPartition, List<KafkaConsumerRecord<String, Buffer>>> byPartition = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
      byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>()).add(record);
    }
    List<Future<PartitionProgress>> partitions = new ArrayList<>();
    byPartition.forEach((partition, list) -> partitions.add(handleRetries(partition, list, 0)));
    return Future.join(partitions).transform(done -> settle(retries, partitions));
  }

  private Future<PartitionProgress> handleRetries(TopicPartition partition, List<KafkaConsumerRecord<String, Buffer>> list, int index) {
    if (index == list.size()) {
      return Future.succeededFuture(new PartitionProgress(partition, list.get(list.size() - 1).offset() + 1, false));
    }
    KafkaConsumerRecord<String, Buffer> record = list.get(index);
    Map<String, String> headers = CloudEventRecords.lastValues(record.headers());
    long notBefore = parseLong(headers.get(NOT_BEFORE), 0);
    long wait = notBefore - System.currentTimeMillis();
    if (wait > 0) {
      // Not due yet: this partition waits from this record on; the others, and the main topic, go on.
      return retries.pause(partition)
          .compose(paused -> retries.seek(partition, record.offset()))
          .map(sought -> {
            vertx.setTimer(wait, id -> {
              if (!stopping.get()) {
                retries.resume(partition);
              }
            });
            return new PartitionProgress(partition, record.offset(), false);
          });
    }
    int attempts = (int) parseLong(headers.get(ATTEMPTS), 1);
    String originTopic = headers.getOrDefault(ORIGINAL_TOPIC, topic);
    int originPartition = (int) parseLong(headers.get(ORIGINAL_PARTITION), record.partition());
    long originOffset = parseLong(headers.get(ORIGINAL_OFFSET), record.offset());
    return handleRecord(record, attempts, originTopic, originPartition, originOffset).transform(done -> {
      if (done.failed()) {
        LOG.warn("Consumer group {}: retry {}-{}@{} could not be settled, it will come again: {}",
            settings.group(), record.topic(), record.partition(), record.offset(), done.cause().toString());
        return Future.succeededFuture(new PartitionProgress(partition, record.offset(), true));
      }
      return handleRetries(partition, list, index + 1);
    });
  }

  private static long parseLong(String text, long otherwise) {
    if (text == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  // ---- operations ----

  /** Succeeds while the cluster answers. */
  public Future<Void> ping() {
    return admin.describeCluster().mapEmpty();
  }

  /**
   * The group's position: per partition of the topic and of the retry topic, the committed offset,
   * the end and the lag; the dead letters in all and those not replayed yet; and this member's
   * counts since it started.
   */
  public Future<JsonObject> status() {
    String replayGroup = replayGroup();
    return admin.describeTopics(List.of(topic, retryTopic, deadLetterTopic)).compose(topics -> {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      partitionsOf(topics).forEach(tp -> latest.put(tp, OffsetSpec.LATEST));
      partitionsOf(topics).stream().filter(tp -> tp.getTopic().equals(deadLetterTopic)).forEach(tp -> earliest.put(tp, OffsetSpec.EARLIEST));
      Future<Map<TopicPartition, ListOffsetsResultInfo>> ends = admin.listOffsets(latest);
      Future<Map<TopicPartition, ListOffsetsResultInfo>> starts = admin.listOffsets(earliest);
      Future<Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(settings.group());
      Future<Map<TopicPartition, OffsetAndMetadata>> replayed = admin.listConsumerGroupOffsets(replayGroup);
      return Future.all(ends, starts, committed, replayed)
          .map(all -> statusJson(ends.result(), starts.result(), committed.result(), replayed.result()));
    });
  }

  private JsonObject statusJson(Map<TopicPartition, ListOffsetsResultInfo> ends, Map<TopicPartition, ListOffsetsResultInfo> starts,
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, OffsetAndMetadata> replayed) {
    JsonArray partitions = new JsonArray();
    long lag = 0;
    long retryLag = 0;
    long deadLetters = 0;
    long awaitingReplay = 0;
    List<TopicPartition> ordered = ends.keySet().stream()
        .sorted((a, b) -> a.getTopic().equals(b.getTopic()) ? Integer.compare(a.getPartition(), b.getPartition()) : a.getTopic().compareTo(b.getTopic()))
        .toList();
    for (TopicPartition tp : ordered) {
      long end = ends.get(tp).getOffset();
      if (tp.getTopic().equals(deadLetterTopic)) {
        long start = starts.containsKey(tp) ? starts.get(tp).getOffset() : 0;
        deadLetters += end - start;
        OffsetAndMetadata done = replayed.get(tp);
        awaitingReplay += end - Math.max(start, done == null ? 0 : done.getOffset());
        continue;
      }
      OffsetAndMetadata at = committed.get(tp);
      long position = at == null ? 0 : at.getOffset();
      long partitionLag = Math.max(0, end - position);
      if (tp.getTopic().equals(topic)) {
        lag += partitionLag;
      } else {
        retryLag += partitionLag;
      }
      partitions.add(new JsonObject().put("topic", tp.getTopic()).put("partition", tp.getPartition())
          .put("committed", position).put("end", end).put("lag", partitionLag));
    }
    return new JsonObject()
        .put("group", settings.group())
        .put("topic", topic)
        .put("lag", lag)
        .put("retryLag", retryLag)
        .put("partitions", partitions)
        .put("deadLetters", new JsonObject().put("topic", deadLetterTopic).put("total", deadLetters).put("awaitingReplay", awaitingReplay))
        .put("member", new JsonObject()
            .put("handled", handled.get())
            .put("duplicatesSkipped", duplicates.get())
            .put("retried", retried.get())
            .put("deadLettered", deadLettered.get()));
  }

  private static List<TopicPartition> partitionsOf(Map<String, TopicDescription> topics) {
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach((name, description) -> description.getPartitions()
        .forEach(info -> partitions.add(new TopicPartition(name, info.getPartition()))));
    return partitions;
  }

  private String replayGroup() {
    return settings.group() + "-dlt-replay";
  }

  /**
   * Sends every dead letter that was not replayed before back through the group's retry topic, due
   * at once and with its attempts counted from zero, and remembers how far it got (as the offsets of
   * the consumer group {@code <group>-dlt-replay}). One replay at a time per member.
   *
   * @return how many dead letters were replayed
   */
  public Future<Integer> replayDeadLetters() {
    if (!replaying.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("a replay of " + deadLetterTopic + " is already running"));
    }
    KafkaConsumer<String, Buffer> reader = KafkaConsumer.create(vertx, kafka.consumerConfig(replayGroup(), clientId("replay")),
        new StringDeserializer(), new BufferDeserializer());
    return admin.describeTopics(List.of(deadLetterTopic))
        .compose(topics -> {
          Set<TopicPartition> partitions = Set.copyOf(partitionsOf(topics));
          Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.LATEST));
          return admin.listOffsets(latest).compose(ends -> reader.assign(partitions).compose(assigned -> {
            Map<TopicPartition, Long> until = new HashMap<>();
            ends.forEach((tp, info) -> until.put(tp, info.getOffset()));
            return replayUntil(reader, until, 0);
          }));
        })
        .eventually(() -> reader.close())
        .onComplete(done -> replaying.set(false))
        .onSuccess(count -> LOG.info("Consumer group {}: {} dead letter(s) replayed from {}", settings.group(), count, deadLetterTopic));
  }

  private Future<Integer> replayUntil(KafkaConsumer<String, Buffer> reader, Map<TopicPartition, Long> until, int replayedSoFar) {
    return positionsReached(reader, until).compose(reached -> {
      if (reached) {
        return Future.succeededFuture(replayedSoFar);
      }
      return reader.poll(Duration.ofMillis(500)).compose(records -> {
        List<Future<Void>> sends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        int count = 0;
        for (int i = 0; i < records.size(); i++) {
          KafkaConsumerRecord<String, Buffer> record = records.recordAt(i);
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= until.getOrDefault(tp, 0L)) {
            continue;
          }
          sends.add(publisher.send(replayRecord(record)));
          offsets.merge(tp, new OffsetAndMetadata(record.offset() + 1, ""), (a, b) -> a.getOffset() > b.getOffset() ? a : b);
          count++;
        }
        int total = replayedSoFar + count;
        return Future.all(sends)
            .compose(sent -> offsets.isEmpty() ? Future.succeededFuture() : reader.commit(offsets).mapEmpty())
            .compose(committed -> replayUntil(reader, until, total));
      });
    });
  }

  private Future<Boolean> positionsReached(KafkaConsumer<String, Buffer> reader, Map<TopicPartition, Long> until) {
    List<Future<Boolean>> checks = new ArrayList<>();
    until.forEach((tp, end) -> checks.add(reader.committed(tp).map(at -> (at == null ? 0 : at.getOffset()) >= end)));
    return Future.all(checks).map(all -> checks.stream().allMatch(Future::result));
  }

  private KafkaProducerRecord<String, Buffer> replayRecord(KafkaConsumerRecord<String, Buffer> record) {
    Map<String, String> headers = CloudEventRecords.lastValues(record.headers());
    KafkaProducerRecord<String, Buffer> retry = copy(record, retryTopic);
    retry.addHeader(ATTEMPTS, "0");
    retry.addHeader(NOT_BEFORE, Long.toString(System.currentTimeMillis()));
    retry.addHeader(ORIGINAL_TOPIC, headers.getOrDefault(ORIGINAL_TOPIC, topic));
    retry.addHeader(ORIGINAL_PARTITION, headers.getOrDefault(ORIGINAL_PARTITION, "-1"));
    retry.addHeader(ORIGINAL_OFFSET, headers.getOrDefault(ORIGINAL_OFFSET, "-1"));
    retry.addHeader(KafkaHeader.header("x-replayed-at", Instant.now().toString()));
    return retry;
  }

  /** Lets the batches in hand finish and commit, then leaves the group and closes the clients. */
  public Future<Void> stop() {
    if (!stopping.compareAndSet(false, true)) {
      return Future.all(mainStopped.future(), retriesStopped.future()).mapEmpty();
    }
    if (main == null) {
      return closeClients();
    }
    return Future.all(mainStopped.future(), retriesStopped.future())
        .transform(done -> closeClients())
        .onSuccess(closed -> LOG.info("Consumer group {}: left, offsets committed", settings.group()));
  }

  private Future<Void> closeClients() {
    List<Future<Void>> closing = new ArrayList<>();
    if (main != null) {
      closing.add(main.close());
    }
    if (retries != null) {
      closing.add(retries.close());
    }
    closing.add(publisher.close());
    closing.add(admin.close());
    return Future.join(closing).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
  }
}
