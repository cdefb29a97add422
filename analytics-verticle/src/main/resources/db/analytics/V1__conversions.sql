-- Every event analytics has counted, by CloudEvent id: written in the same transaction as the counts
-- it adds, so an event redelivered after a crash or with Redis emptied is never counted twice.
CREATE TABLE analytics.processed_events (
  event_id     text PRIMARY KEY,
  event_type   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Per UTC day on which at least one order was completed or cancelled, up to 16 rows (shards): each
-- event adds to the shard its id picks, so events counted at the same time rarely wait for one
-- another's row lock. A day's figures are the sums over its shards.
CREATE TABLE analytics.daily_conversions (
  day              date        NOT NULL,
  shard            smallint    NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15),
  orders_completed bigint      NOT NULL DEFAULT 0 CHECK (orders_completed >= 0),
  orders_cancelled bigint      NOT NULL DEFAULT 0 CHECK (orders_cancelled >= 0),
  -- The totals of the completed orders.
  revenue_cents    bigint      NOT NULL DEFAULT 0 CHECK (revenue_cents >= 0),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (day, shard)
);

-- Cancelled orders per UTC day and reason code (sharded as above), so that any date range can be
-- reported.
CREATE TABLE analytics.cancellation_reasons (
  day              date     NOT NULL,
  reason_code      text     NOT NULL,
  shard            smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15),
  orders_cancelled bigint   NOT NULL CHECK (orders_cancelled > 0),
  PRIMARY KEY (day, reason_code, shard)
);
