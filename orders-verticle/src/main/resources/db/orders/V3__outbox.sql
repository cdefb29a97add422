-- The transactional outbox: the events of settled orders, written by the same statement as the
-- saga write that settles the order, and published to Kafka by the relay (OutboxRelay).

CREATE TABLE orders.outbox (
  -- The CloudEvent id (ce_id): consumers deduplicate by it.
  id            uuid        PRIMARY KEY,
  -- The Kafka key and ce_subject. No foreign key: an event is a message about an order, kept (and
  -- pruned) on its own terms.
  order_id      uuid        NOT NULL,
  type          text        NOT NULL CHECK (type IN ('order.completed', 'order.cancelled')),
  -- The event's data, as contracts/events/<type>.schema.json describes it.
  payload       jsonb       NOT NULL,
  -- The W3C trace context of the change, when it is known (the Kafka header traceparent).
  traceparent   text        CHECK (traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'),
  -- When the order was settled (ce_time).
  created_at    timestamptz NOT NULL,
  -- NULL while the event waits for the relay.
  published_at  timestamptz
);

-- What the relay claims: pending events, oldest first.
CREATE INDEX outbox_pending_idx ON orders.outbox (created_at, id) WHERE published_at IS NULL;

-- What pruning deletes: events published more than the retention ago.
CREATE INDEX outbox_published_idx ON orders.outbox (published_at) WHERE published_at IS NOT NULL;

-- Wakes the relays (LISTEN orders_outbox). A notification is delivered when the inserting
-- transaction commits, never for one that rolls back, and PostgreSQL folds the identical
-- notifications of one transaction into one.
CREATE FUNCTION orders.notify_outbox() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('orders_outbox', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify
  AFTER INSERT ON orders.outbox
  FOR EACH ROW EXECUTE FUNCTION orders.notify_outbox();
