package dev.vertxshop.notifications.adapter.out.smtp;

import dev.vertxshop.notifications.SmtpSettings;
import dev.vertxshop.notifications.application.MailSender;
import dev.vertxshop.notifications.domain.OrderEmail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.concurrent.TimeUnit;

/**
 * Sends e-mails through an SMTP server with vertx-mail-client. A server that cannot be reached,
 * refuses the mail or stops answering fails the send, so the event is retried later.
 */
public final class SmtpMailSender implements MailSender {

  // A server that stops answering mid-way must fail the send well within the consumer's processing
  // lease, or another delivery of the event could send the same e-mail meanwhile.
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int IDLE_TIMEOUT_SECONDS = 10;

  private final MailClient client;
  private final String from;

  private SmtpMailSender(MailClient client, String from) {
    this.client = client;
    this.from = from;
  }

  /** A sender through {@code smtp}, with {@code from} as the sender of every e-mail. */
  public static SmtpMailSender create(Vertx vertx, SmtpSettings smtp, String from) {
    return new SmtpMailSender(MailClient.create(vertx, mailConfig(smtp)), from);
  }

  static MailConfig mailConfig(SmtpSettings smtp) {
    MailConfig config = new MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setStarttls(startTls(smtp.startTls()))
        .setKeepAlive(true);
    config.setConnectTimeout(CONNECT_TIMEOUT_MS);
    config.setIdleTimeout(IDLE_TIMEOUT_SECONDS);
    config.setIdleTimeoutUnit(TimeUnit.SECONDS);
    smtp.username().ifPresentOrElse(
        username -> config.setLogin(LoginOption.REQUIRED).setUsername(username).setPassword(smtp.password()),
        () -> config.setLogin(LoginOption.DISABLED));
    return config;
  }

  private static StartTLSOptions startTls(SmtpSettings.StartTls startTls) {
    return switch (startTls) {
      case NONE -> StartTLSOptions.DISABLED;
      case OPTIONAL -> StartTLSOptions.OPTIONAL;
      case REQUIRED -> StartTLSOptions.REQUIRED;
    };
  }

  @Override
  public Future<Void> send(OrderEmail email) {
    MailMessage message = new MailMessage()
        .setFrom(from)
        .setTo(email.to().value())
        .setSubject(email.subject())
        .setText(email.text());
    return client.sendMail(message).mapEmpty();
  }

  /** Closes the client's connections. */
  public Future<Void> close() {
    return client.close();
  }
}
