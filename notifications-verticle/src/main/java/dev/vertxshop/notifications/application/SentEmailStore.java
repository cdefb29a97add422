package dev.vertxshop.notifications.application;

import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/** The e-mails sent, one per order event: the source of truth for "this event's e-mail went out". */
public interface SentEmailStore {

  /** Whether an e-mail was recorded as sent for the event with this id. */
  Future<Boolean> wasSent(String eventId);

  /**
   * Records {@code sent} for {@code event}, together with the event's processed-event row, in one
   * transaction. Answers false, recording nothing, when the event had been recorded already (another
   * delivery of it sent its e-mail meanwhile).
   */
  Future<Boolean> recordSent(CloudEvent event, SentEmail sent);

  /** The e-mails sent about {@code orderId}, oldest first. */
  Future<List<SentEmail>> forOrder(UUID orderId);
}
