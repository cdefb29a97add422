package dev.vertxshop.notifications.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The record of an e-mail handed to the SMTP server for one order event.
 *
 * @param eventId the id of the order event the e-mail was sent for (one e-mail per event)
 * @param sentAt when the SMTP server accepted it
 */
public record SentEmail(String eventId, UUID orderId, EmailKind kind, String recipient, String subject, Instant sentAt) {

  public SentEmail {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sentAt, "sentAt");
  }

  /** The record of {@code email} sent for event {@code eventId} at {@code sentAt}. */
  public static SentEmail of(String eventId, OrderEmail email, Instant sentAt) {
    return new SentEmail(eventId, email.orderId(), email.kind(), email.to().value(), email.subject(), sentAt);
  }
}
