package dev.vertxshop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.notifications.SmtpSettings.StartTls;
import dev.vertxshop.notifications.adapter.in.kafka.OrderEventsHandler;
import dev.vertxshop.notifications.adapter.out.pg.PgSentEmailStore;
import dev.vertxshop.notifications.adapter.out.smtp.SmtpMailSender;
import dev.vertxshop.notifications.application.OrderNotifications;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.UnprocessableEventException;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event handler with its real adapters: PostgreSQL and a real SMTP server, without Kafka. */
class OrderMailingTest {

  private static Vertx vertx;
  private static TestDatabase database;
  private static Pool pool;

  private TestSmtp smtp;
  private SmtpMailSender mail;
  private OrderNotifications notifications;
  private OrderEventsHandler handler;

  @BeforeAll
  static void migrate() throws Exception {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    PgSettings pg = new PgSettings(database.host(), database.port(), database.name(), database.user(), database.password(), 4);
    await(Database.migrate(vertx, pg, "notifications"));
    pool = Database.pool(vertx, pg);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  @BeforeEach
  void startSmtp() {
    smtp = TestSmtp.start();
    mail = SmtpMailSender.create(vertx, new SmtpSettings("127.0.0.1", smtp.port(), StartTls.NONE, Optional.empty(), ""),
        "vertx-shop <orders@vertx-shop.dev>");
    notifications = new OrderNotifications(new PgSentEmailStore(pool), mail, Clock.systemUTC());
    handler = new OrderEventsHandler(notifications);
  }

  @AfterEach
  void stopSmtp() throws Exception {
    await(mail.close());
    smtp.close();
  }

  @Test
  void mailsTheConfirmationWithItemsAndTotalAndRecordsIt() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");

    await(handler.handle(event));

    assertThat(smtp.received()).singleElement().satisfies(received -> {
      assertThat(received.to()).isEqualTo("alice@example.com");
      assertThat(received.subject()).isEqualTo("Your order " + orderId + " is confirmed");
      assertThat(received.text())
          .contains("2 x espresso-beans-1kg, 24.90 each: 49.80")
          .contains("1 x ceramic-mug, 12.50 each: 12.50")
          .contains("Total: 62.30");
    });
    assertThat(await(notifications.sentFor(orderId))).singleElement().satisfies(sent -> {
      assertThat(sent.eventId()).isEqualTo(event.id());
      assertThat(sent.kind()).isEqualTo(EmailKind.CONFIRMATION);
      assertThat(sent.recipient()).isEqualTo("alice@example.com");
      assertThat(sent.subject()).isEqualTo("Your order " + orderId + " is confirmed");
    });
  }

  @Test
  void mailsAnEventDeliveredTenTimesOnce() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");

    for (int i = 0; i < 10; i++) {
      await(handler.handle(event));
    }

    assertThat(smtp.received()).hasSize(1);
    assertThat(await(notifications.sentFor(orderId))).hasSize(1);
  }

  @Test
  void mailsTheCancellationWithTheReasonInCustomerWords() throws Exception {
    UUID orderId = UUID.randomUUID();

    await(handler.handle(OrderEvents.cancelled(orderId, "bob@example.com", "PAYMENT_DECLINED", "payment-declined: fraud_suspected")));

    assertThat(smtp.received()).singleElement().satisfies(received -> {
      assertThat(received.to()).isEqualTo("bob@example.com");
      assertThat(received.subject()).isEqualTo("Your order " + orderId + " is cancelled");
      assertThat(received.text())
          .contains("could not be completed and has been cancelled")
          .contains("Your payment was declined.")
          .contains("Total: 62.30")
          .doesNotContain("fraud_suspected")
          .doesNotContain("payment-declined");
    });
    assertThat(await(notifications.sentFor(orderId))).extracting(SentEmail::kind).containsExactly(EmailKind.CANCELLATION);
  }

  @Test
  void failsRetryablyWhileTheServerIsDownAndMailsOnceItIsBack() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");
    smtp.down();

    Throwable failure = failure(handler.handle(event));

    assertThat(failure).isNotInstanceOf(UnprocessableEventException.class);
    assertThat(await(notifications.sentFor(orderId))).isEmpty();
    smtp.up();
    await(handler.handle(event));
    assertThat(smtp.received()).hasSize(1);
    assertThat(await(notifications.sentFor(orderId))).hasSize(1);
  }

  @Test
  void sendsNothingForAnEventWithInvalidData() throws Exception {
    CloudEvent valid = OrderEvents.completed(UUID.randomUUID(), "alice@example.com");
    CloudEvent invalid = OrderEvents.event("order.completed", UUID.randomUUID(), valid.data().copy().put("email", "not-an-address"));

    assertThat(failure(handler.handle(invalid))).isInstanceOf(UnprocessableEventException.class);
    assertThat(smtp.received()).isEmpty();
    assertThat(count()).isZero();
  }

  private static long count() throws Exception {
    return await(pool.query("SELECT count(*) FROM notifications.sent_emails WHERE recipient = 'not-an-address'").execute())
        .iterator().next().getLong(0);
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
