package dev.vertxshop.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.CloudEventRecords;
import dev.vertxshop.platform.events.EventPublisher;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service as deployed: the verticle on a real PostgreSQL, Redis, Kafka broker and SMTP server,
 * driven by order events published on topic {@code orders}. Each test deploys it with a consumer
 * group of its own, which reads the topic from its start, so every check looks only at its own
 * orders.
 */
class NotificationsVerticleTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Vertx vertx;
  private static TestDatabase database;
  private static KafkaSettings kafka;
  private static EventPublisher publisher;
  private static WebClient client;

  private TestSmtp smtp;
  private String group;
  private String deploymentId;
  private int port;

  @BeforeAll
  static void startServers() {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    kafka = KafkaSettings.require(ConfigLoader.load(Map.of("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers())), "test");
    publisher = EventPublisher.create(vertx, kafka, "notifications-test");
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stopServers() throws Exception {
    client.close();
    join(publisher.close());
    join(vertx.close());
    database.close();
  }

  @AfterEach
  void undeploy() throws Exception {
    if (deploymentId != null) {
      join(vertx.undeploy(deploymentId));
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  void mailsTheConfirmationOfACompletedOrderAndListsIt() throws Exception {
    deploy(TestSmtp.start());
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");

    publish(event);

    TestSmtp.Mail mail = awaitMails(orderId, 1).get(0);
    assertThat(mail.to()).isEqualTo("alice@example.com");
    assertThat(mail.from()).isEqualTo("vertx-shop <orders@vertx-shop.dev>");
    assertThat(mail.subject()).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat(mail.text()).contains("2 x espresso-beans-1kg, 24.90 each: 49.80").contains("Total: 62.30");
    JsonArray listed = awaitListed(orderId, 1);
    assertThat(listed.getJsonObject(0).getString("eventId")).isEqualTo(event.id());
    assertThat(listed.getJsonObject(0).getString("kind")).isEqualTo("CONFIRMATION");
    assertThat(listed.getJsonObject(0).getString("recipient")).isEqualTo("alice@example.com");
    assertThat(listed.getJsonObject(0).getString("subject")).isEqualTo("Your order " + orderId + " is confirmed");
  }

  @Test
  void mailsTheCancellationOfACancelledOrderWithTheReasonInCustomerWords() throws Exception {
    deploy(TestSmtp.start());
    UUID orderId = UUID.randomUUID();

    publish(OrderEvents.cancelled(orderId, "bob@example.com", "insufficient-stock", "insufficient-stock: espresso-beans-1kg"));

    TestSmtp.Mail mail = awaitMails(orderId, 1).get(0);
    assertThat(mail.to()).isEqualTo("bob@example.com");
    assertThat(mail.subject()).isEqualTo("Your order " + orderId + " is cancelled");
    assertThat(mail.text())
        .contains("An item of your order is not in stock in the quantity you asked for.")
        .doesNotContain("insufficient-stock");
    assertThat(awaitListed(orderId, 1).getJsonObject(0).getString("kind")).isEqualTo("CANCELLATION");
  }

  @Test
  void mailsAnEventPublishedTenTimesOnce() throws Exception {
    deploy(TestSmtp.start());
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");

    for (int i = 0; i < 10; i++) {
      publish(event);
    }

    awaitMails(orderId, 1);
    awaitAllConsumed();
    assertThat(mailsFor(orderId)).hasSize(1);
    assertThat(listed(orderId)).hasSize(1);
  }

  @Test
  void retriesWhileTheSmtpServerIsDownAndMailsOnceItIsBack() throws Exception {
    deploy(TestSmtp.stopped(), Map.of(
        "EVENTS_CONSUMER_MAX_ATTEMPTS", "20",
        "EVENTS_CONSUMER_RETRY_BACKOFF_MS", "200",
        "EVENTS_CONSUMER_RETRY_BACKOFF_MAX_MS", "1000"));
    UUID orderId = UUID.randomUUID();

    publish(OrderEvents.completed(orderId, "alice@example.com"));

    await().pollDelay(Duration.ZERO).atMost(WAIT)
        .until(() -> consumerStatus().getJsonObject("member").getLong("retried") >= 2);
    assertThat(listed(orderId)).isEmpty();
    smtp.up();
    assertThat(awaitMails(orderId, 1).get(0).subject()).isEqualTo("Your order " + orderId + " is confirmed");
    awaitListed(orderId, 1);
  }

  @Test
  void sendsAnEventWithInvalidDataToTheDeadLetterTopicAndMailsNothing() throws Exception {
    deploy(TestSmtp.start());
    UUID orderId = UUID.randomUUID();
    JsonObject data = OrderEvents.completed(orderId, "alice@example.com").data().put("email", "not an address");
    CloudEvent poison = OrderEvents.event("order.completed", orderId, data);
    UUID laterOrder = UUID.randomUUID();

    publish(poison);
    publish(OrderEvents.completed(laterOrder, "alice@example.com"));

    awaitDeadLetter(poison.id());
    awaitMails(laterOrder, 1);
    assertThat(mailsFor(orderId)).isEmpty();
    assertThat(listed(orderId)).isEmpty();
  }

  @Test
  void isReadyWhenDatabaseRedisAndKafkaAnswer() throws Exception {
    deploy(TestSmtp.start());

    HttpResponse<Buffer> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("UP");
    assertThat(body.getJsonArray("checks").stream().map(check -> ((JsonObject) check).getString("id")))
        .containsExactlyInAnyOrder("database", "redis", "kafka");
    assertThat(get("/health/live").bodyAsJsonObject().getString("status")).isEqualTo("UP");
  }

  @Test
  void showsItsConsumerGroupOnTheAdminEndpoint() throws Exception {
    deploy(TestSmtp.start());

    JsonObject status = consumerStatus();

    assertThat(status.getString("group")).isEqualTo(group);
    assertThat(status.getString("topic")).isEqualTo(Topics.ORDERS);
    assertThat(status.getJsonObject("deadLetters").getString("topic")).isEqualTo(Topics.deadLetter(Topics.ORDERS, group));
  }

  @Test
  void answersAnOrderWithoutEmailsWithAnEmptyList() throws Exception {
    deploy(TestSmtp.start());
    UUID orderId = UUID.randomUUID();

    HttpResponse<Buffer> response = get("/api/notifications?orderId=" + orderId);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("orderId", orderId.toString()).put("emails", new JsonArray()));
  }

  @Test
  void refusesAListingWithoutAValidOrderIdWithAProblem() throws Exception {
    deploy(TestSmtp.start());

    for (String path : List.of("/api/notifications", "/api/notifications?orderId=order-1", "/api/notifications?orderId=")) {
      HttpResponse<Buffer> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).as(path).startsWith(Problem.MEDIA_TYPE);
      assertThat(response.bodyAsJsonObject().getString("type")).as(path).isEqualTo("urn:vertx-shop:problem:validation-failed");
    }
  }

  @Test
  void answersAnUnknownPathWithNotFoundProblem() throws Exception {
    deploy(TestSmtp.start());

    HttpResponse<Buffer> response = get("/api/emails");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).startsWith(Problem.MEDIA_TYPE);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
  }

  @Test
  void servesItsOpenApiDocument() throws Exception {
    deploy(TestSmtp.start());

    HttpResponse<Buffer> response = get("/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("title: notifications").contains("operationId: listSentEmails");
  }

  private void deploy(TestSmtp server) throws Exception {
    deploy(server, Map.of());
  }

  private void deploy(TestSmtp server, Map<String, String> extraEnv) throws Exception {
    smtp = server;
    group = "notifications-test-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> env = new HashMap<>(database.env());
    env.put("NOTIFICATIONS_HTTP_PORT", "0");
    env.putAll(TestTokens.env());
    env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    env.put("REDIS_URL", TestRedis.url());
    env.put("NOTIFICATIONS_SMTP_HOST", "127.0.0.1");
    env.put("NOTIFICATIONS_SMTP_PORT", Integer.toString(server.port()));
    env.put("NOTIFICATIONS_SMTP_STARTTLS", "none");
    env.putAll(extraEnv);
    NotificationsConfig config = NotificationsConfig.from(ConfigLoader.load(env));
    NotificationsVerticle verticle = new NotificationsVerticle(new NotificationsConfig(config.httpPort(), config.bodyLimitBytes(),
        config.pg(), config.kafka(), config.redis(), config.consumer().withGroup(group), config.smtp(), config.from(), config.auth()));
    deploymentId = join(vertx.deployVerticle(verticle));
    port = verticle.httpPort();
  }

  private static void publish(CloudEvent event) throws Exception {
    join(publisher.publish(Topics.ORDERS, event.subject(), event));
  }

  private List<TestSmtp.Mail> awaitMails(UUID orderId, int count) {
    await().pollDelay(Duration.ZERO).atMost(WAIT).until(() -> mailsFor(orderId).size() >= count);
    return mailsFor(orderId);
  }

  private List<TestSmtp.Mail> mailsFor(UUID orderId) {
    return smtp.received().stream().filter(mail -> mail.subject().contains(orderId.toString())).toList();
  }

  private JsonArray awaitListed(UUID orderId, int count) throws Exception {
    await().pollDelay(Duration.ZERO).atMost(WAIT).until(() -> listed(orderId).size() >= count);
    return listed(orderId);
  }

  private JsonArray listed(UUID orderId) throws Exception {
    HttpResponse<Buffer> response = get("/api/notifications?orderId=" + orderId);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("emails");
  }

  // Everything published so far was consumed and committed, retries included.
  private void awaitAllConsumed() {
    await().pollDelay(Duration.ZERO).atMost(WAIT).until(() -> {
      JsonObject status = consumerStatus();
      return status.getLong("lag") == 0 && status.getLong("retryLag") == 0;
    });
  }

  private JsonObject consumerStatus() throws Exception {
    HttpResponse<Buffer> response = get("/admin/events");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("consumers").getJsonObject(0);
  }

  private void awaitDeadLetter(String eventId) throws Exception {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    Map<String, String> config = Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "group.id", "dlt-reader-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "io.vertx.kafka.client.serialization.BufferDeserializer");
    KafkaConsumer<String, Buffer> reader = KafkaConsumer.create(vertx, config);
    reader.handler(record -> seen.add(CloudEventRecords.lastValues(record.headers()).getOrDefault(CloudEventRecords.ID, "")));
    try {
      join(reader.subscribe(Topics.deadLetter(Topics.ORDERS, group)));
      await().pollDelay(Duration.ZERO).atMost(WAIT).until(() -> seen.contains(eventId));
    } finally {
      join(reader.close());
    }
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return join(client.get(port, "127.0.0.1", path).putHeader("Authorization", TestTokens.bearer(TestTokens.admin())).send());
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
