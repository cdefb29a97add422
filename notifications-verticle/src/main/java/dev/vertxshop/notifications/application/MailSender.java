package dev.vertxshop.notifications.application;

import dev.vertxshop.notifications.domain.OrderEmail;
import io.vertx.core.Future;

/** Hands e-mails to a mail server. */
public interface MailSender {

  /** Completes once the server accepted {@code email} for delivery; fails when it did not (or may not have). */
  Future<Void> send(OrderEmail email);
}
