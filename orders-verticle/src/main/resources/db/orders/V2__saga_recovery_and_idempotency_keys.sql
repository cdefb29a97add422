-- Saga recovery: a saga whose undo could not be done is PARKED for an operator (this replaces the
-- terminal COMPENSATION_FAILED), and idempotency keys of POST /api/orders.

-- A saga that an earlier version left COMPENSATION_FAILED becomes PARKED, so an operator can retry
-- it; its order keeps the status it was answered with (REJECTED).
ALTER TABLE orders.sagas DROP CONSTRAINT sagas_state_check;

UPDATE orders.sagas
SET state = 'PARKED', lease_owner = NULL, lease_expires_at = NULL, version = version + 1
WHERE state = 'COMPENSATION_FAILED';

ALTER TABLE orders.sagas ADD CONSTRAINT sagas_state_check
  CHECK (state IN ('RUNNING', 'COMPENSATING', 'CONFIRMED', 'REJECTED', 'PARKED'));

-- What operators list; recovery claims through sagas_unfinished_idx (RUNNING, COMPENSATING).
CREATE INDEX sagas_parked_idx ON orders.sagas (updated_at) WHERE state = 'PARKED';

-- One row per Idempotency-Key, written in the same statement as the order it made; the primary key
-- makes exactly one of many concurrent requests with one key store an order. request_hash is the
-- SHA-256 of the request in canonical form (the card number enters it as its last four digits only).
CREATE TABLE orders.idempotency_keys (
  key           text        PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 255),
  request_hash  text        NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  order_id      uuid        NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL
);

-- What the periodic deletion of expired keys scans.
CREATE INDEX idempotency_keys_created_idx ON orders.idempotency_keys (created_at);
