-- Orders, their items, and the durable record of each order's create-order saga.

CREATE TABLE orders.orders (
  id           uuid        PRIMARY KEY,
  customer_id  text        NOT NULL,
  email        text        NOT NULL,
  status       text        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED')),
  reason       text,
  total_cents  bigint      NOT NULL CHECK (total_cents >= 0),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  CONSTRAINT orders_reason_iff_rejected CHECK ((status = 'REJECTED') = (reason IS NOT NULL))
);

CREATE INDEX orders_customer_idx ON orders.orders (customer_id, created_at);

CREATE TABLE orders.order_items (
  order_id          uuid   NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
  line_no           int    NOT NULL CHECK (line_no >= 1),
  product_id        text   NOT NULL,
  quantity          int    NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_price_cents  bigint NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_items_one_line_per_product UNIQUE (order_id, product_id)
);

-- One row per order: where its saga stands. version guards every update (optimistic locking), so a
-- runner that lost its lease cannot overwrite the state another runner wrote.
CREATE TABLE orders.sagas (
  order_id          uuid        PRIMARY KEY REFERENCES orders.orders (id) ON DELETE CASCADE,
  state             text        NOT NULL
                    CHECK (state IN ('RUNNING', 'COMPENSATING', 'CONFIRMED', 'REJECTED', 'COMPENSATION_FAILED')),
  current_step      text        NOT NULL CHECK (current_step IN ('RESERVE_STOCK', 'CHARGE_PAYMENT', 'CONFIRM')),
  attempts          int         NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  failure_reason    text,
  lease_owner       text,
  lease_expires_at  timestamptz,
  next_attempt_at   timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  version           bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
  CONSTRAINT sagas_lease_complete CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
);

-- What a recovery sweep scans: only sagas that are not over, soonest due first.
CREATE INDEX sagas_unfinished_idx ON orders.sagas (next_attempt_at NULLS FIRST, updated_at)
  WHERE state IN ('RUNNING', 'COMPENSATING');

-- Append-only: a STARTED line is written before each attempt, a SUCCEEDED or FAILED line after it.
CREATE TABLE orders.saga_steps (
  id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id  uuid        NOT NULL REFERENCES orders.sagas (order_id) ON DELETE CASCADE,
  step      text        NOT NULL CHECK (step IN ('RESERVE_STOCK', 'CHARGE_PAYMENT', 'CONFIRM')),
  action    text        NOT NULL CHECK (action IN ('EXECUTE', 'COMPENSATE')),
  status    text        NOT NULL CHECK (status IN ('STARTED', 'SUCCEEDED', 'FAILED')),
  detail    text,
  at        timestamptz NOT NULL
);

CREATE INDEX saga_steps_order_idx ON orders.saga_steps (order_id, id);
