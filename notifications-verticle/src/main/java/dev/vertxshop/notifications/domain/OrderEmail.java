package dev.vertxshop.notifications.domain;

import java.util.Objects;
import java.util.UUID;

/** An e-mail to a customer about one of their orders, ready to send: plain text, one recipient. */
public record OrderEmail(UUID orderId, EmailKind kind, EmailAddress to, String subject, String text) {

  public OrderEmail {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    if (subject == null || subject.isBlank() || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a subject is one non-blank line");
    }
  }
}
