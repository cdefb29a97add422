package dev.vertxshop.notifications.adapter.out.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.notifications.SmtpSettings;
import dev.vertxshop.notifications.SmtpSettings.StartTls;
import dev.vertxshop.notifications.TestSmtp;
import dev.vertxshop.notifications.domain.EmailAddress;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.OrderEmail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpMailSenderTest {

  private static final String FROM = "vertx-shop <orders@vertx-shop.dev>";

  private Vertx vertx;
  private TestSmtp smtp;
  private SmtpMailSender sender;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    smtp = TestSmtp.start();
    sender = SmtpMailSender.create(vertx, new SmtpSettings("127.0.0.1", smtp.port(), StartTls.NONE, Optional.empty(), ""), FROM);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(sender.close());
    smtp.close();
    await(vertx.close());
  }

  @Test
  void handsTheEmailToTheServerWithSenderRecipientSubjectAndText() throws Exception {
    UUID orderId = UUID.randomUUID();
    String text = "Hello,\n\nyour order is confirmed.\n\nTotal: 62.30\n";

    await(sender.send(new OrderEmail(orderId, EmailKind.CONFIRMATION, new EmailAddress("alice@example.com"),
        "Your order " + orderId + " is confirmed", text)));

    assertThat(smtp.received()).singleElement().satisfies(mail -> {
      assertThat(mail.from()).isEqualTo(FROM);
      assertThat(mail.to()).isEqualTo("alice@example.com");
      assertThat(mail.subject()).isEqualTo("Your order " + orderId + " is confirmed");
      // The final line break belongs to the message's end-of-data marker on the wire.
      assertThat(mail.text()).isEqualTo(text.stripTrailing());
    });
  }

  @Test
  void failsWhenTheServerIsDown() {
    smtp.down();

    Future<Void> sent = sender.send(new OrderEmail(UUID.randomUUID(), EmailKind.CONFIRMATION,
        new EmailAddress("alice@example.com"), "Subject", "text"));

    assertThat(sent.toCompletionStage().toCompletableFuture()).failsWithin(20, TimeUnit.SECONDS);
  }

  @Test
  void logsInOnlyWhenAUsernameIsSet() {
    MailConfig anonymous = SmtpMailSender.mailConfig(new SmtpSettings("smtp.example.com", 587, StartTls.REQUIRED, Optional.empty(), ""));
    MailConfig login = SmtpMailSender.mailConfig(
        new SmtpSettings("smtp.example.com", 587, StartTls.OPTIONAL, Optional.of("shop"), "secret"));

    assertThat(anonymous.getLogin()).isEqualTo(LoginOption.DISABLED);
    assertThat(anonymous.getStarttls()).isEqualTo(StartTLSOptions.REQUIRED);
    assertThat(login.getLogin()).isEqualTo(LoginOption.REQUIRED);
    assertThat(login.getUsername()).isEqualTo("shop");
    assertThat(login.getPassword()).isEqualTo("secret");
    assertThat(login.getStarttls()).isEqualTo(StartTLSOptions.OPTIONAL);
    assertThat(login.getHostname()).isEqualTo("smtp.example.com");
    assertThat(login.getPort()).isEqualTo(587);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
