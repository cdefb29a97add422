package dev.vertxshop.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EmbeddedSmtpTest {

  private EmbeddedSmtp smtp;

  @BeforeEach
  void startSmtp() {
    smtp = EmbeddedSmtp.start(0);
  }

  @AfterEach
  void stopSmtp() {
    smtp.close();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void keepsAMailToTwoRecipientsOnceWhenSentWithoutLoggingIn(Vertx vertx, VertxTestContext test) {
    MailClient client = MailClient.create(vertx, config().setLogin(LoginOption.DISABLED));
    MailMessage mail = new MailMessage()
        .setFrom("shop@example.org")
        .setTo(List.of("alice@example.org", "bob@example.org"))
        .setSubject("Order confirmed")
        .setText("Total: 42.00 EUR");

    client.sendMail(mail).onComplete(test.succeeding(result -> test.verify(() -> {
      assertThat(smtp.receivedMessages())
          .singleElement()
          .satisfies(received -> {
            assertThat(received.messageId()).isNotEmpty();
            assertThat(received.from()).isEqualTo("shop@example.org");
            assertThat(received.to()).containsExactly("alice@example.org", "bob@example.org");
            assertThat(received.subject()).isEqualTo("Order confirmed");
            assertThat(received.text()).contains("Total: 42.00 EUR");
            assertThat(received.html()).isEmpty();
          });
      client.close();
      test.completeNow();
    })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void acceptsAnyUserAndReadsBothPartsOfAnAlternativeMail(Vertx vertx, VertxTestContext test) {
    MailClient client = MailClient.create(vertx, config()
        .setLogin(LoginOption.REQUIRED).setUsername("anyone").setPassword("whatever"));
    MailMessage mail = new MailMessage()
        .setFrom("shop@example.org")
        .setTo("carol@example.org")
        .setSubject("Order cancelled")
        .setText("Out of stock")
        .setHtml("<p>Out of <b>stock</b></p>");

    client.sendMail(mail).onComplete(test.succeeding(result -> test.verify(() -> {
      assertThat(smtp.receivedMessages()).singleElement().satisfies(received -> {
        assertThat(received.text()).contains("Out of stock");
        assertThat(received.html()).contains("<p>Out of <b>stock</b></p>");
      });
      client.close();
      test.completeNow();
    })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void forgetsReceivedMailsWhenCleared(Vertx vertx, VertxTestContext test) {
    MailClient client = MailClient.create(vertx, config());
    MailMessage mail = new MailMessage().setFrom("shop@example.org").setTo("dave@example.org")
        .setSubject("Hello").setText("Hi");

    client.sendMail(mail).onComplete(test.succeeding(result -> test.verify(() -> {
      assertThat(smtp.receivedMessages()).hasSize(1);
      smtp.clear();
      assertThat(smtp.receivedMessages()).isEmpty();
      client.close();
      test.completeNow();
    })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  void keepsEachOfTwoIdenticalMailsSentTwice(Vertx vertx, VertxTestContext test) {
    MailClient client = MailClient.create(vertx, config());
    MailMessage mail = new MailMessage().setFrom("shop@example.org").setTo("erin@example.org")
        .setSubject("Order confirmed").setText("Same text");

    client.sendMail(mail)
        .compose(first -> client.sendMail(mail))
        .onComplete(test.succeeding(result -> test.verify(() -> {
          assertThat(smtp.receivedMessages()).hasSize(2)
              .extracting(EmbeddedSmtp.ReceivedMail::messageId).doesNotHaveDuplicates();
          client.close();
          test.completeNow();
        })));
  }

  @Test
  void refusesToStartOnAPortThatIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> EmbeddedSmtp.start(taken.getLocalPort()))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("SMTP")
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
    }
  }

  private MailConfig config() {
    return new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(StartTLSOptions.DISABLED);
  }
}
