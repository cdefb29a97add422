-- One row per order event this service has handled: its processed-event record.
CREATE TABLE notifications.processed_events (
  event_id     text        PRIMARY KEY,
  event_type   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per e-mail the SMTP server accepted, written in the same transaction as the event's
-- processed_events row, after the send: a row here means the customer got this event's e-mail.
CREATE TABLE notifications.sent_emails (
  event_id  text        PRIMARY KEY,
  order_id  uuid        NOT NULL,
  kind      text        NOT NULL CHECK (kind IN ('CONFIRMATION', 'CANCELLATION')),
  recipient text        NOT NULL,
  subject   text        NOT NULL,
  sent_at   timestamptz NOT NULL
);

-- GET /api/notifications?orderId= lists an order's e-mails in the order they were sent.
CREATE INDEX sent_emails_by_order ON notifications.sent_emails (order_id, sent_at);
