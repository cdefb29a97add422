-- Every event analytics has counted, by CloudEvent id: written in the same transaction as the counts
-- it adds, so an event redelivered after a crash or with Redis emptied is never counted twice.
CREATE TABLE analytics.processed_events (
  event_id     text PRIMARY KEY,
  event_type   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per UTC day on which at least one order was completed or cancelled.
CREATE TABLE analytics.daily_conversions (
  day              date PRIMARY KEY,
  orders_completed bigint      NOT NULL DEFAULT 0 CHECK (orders_completed >= 0),
  orders_cancelled bigint      NOT NULL DEFAULT 0 CHECK (orders_cancelled >= 0),
  -- The totals of the completed orders.
  revenue_cents    bigint      NOT NULL DEFAULT 0 CHECK (revenue_cents >= 0),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Cancelled orders per UTC day and reason code, so that any date range can be reported.
CREATE TABLE analytics.cancellation_reasons (
  day              date   NOT NULL,
  reason_code      text   NOT NULL,
  orders_cancelled bigint NOT NULL CHECK (orders_cancelled > 0),
  PRIMARY KEY (day, reason_code)
);
