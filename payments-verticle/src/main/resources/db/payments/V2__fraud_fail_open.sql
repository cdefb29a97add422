-- A charge can be declined because fraud screening gave no answer and the policy does not let it
-- through unscreened.
ALTER TABLE payments.charges DROP CONSTRAINT charges_decline_reason_check;
ALTER TABLE payments.charges ADD CONSTRAINT charges_decline_reason_check CHECK (decline_reason IN
  ('incorrect_number', 'card_declined', 'insufficient_funds', 'fraud_suspected', 'fraud_check_unavailable'));

-- Every payment that went on to the card network without a fraud verdict (fail-open policy), written
-- in the transaction that records its charge: a charge let through unscreened never exists without
-- its row here. One charge per order, so at most one decision per order.
CREATE TABLE payments.fraud_fail_open (
  order_id     text        PRIMARY KEY REFERENCES payments.charges (order_id),
  amount_cents bigint      NOT NULL CHECK (amount_cents > 0),
  reason       text        NOT NULL CHECK (reason <> ''),
  decided_at   timestamptz NOT NULL
);

CREATE INDEX fraud_fail_open_newest_first ON payments.fraud_fail_open (decided_at DESC, order_id);
