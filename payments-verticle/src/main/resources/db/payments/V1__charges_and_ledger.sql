-- One charge per order: the order id is the idempotency key of charging.
-- Card numbers are never stored; card_last4 is all that is kept of a card.
CREATE TABLE payments.charges (
  order_id       text        PRIMARY KEY,
  charge_id      uuid        NOT NULL UNIQUE,
  amount_cents   bigint      NOT NULL CHECK (amount_cents >= 0),
  status         text        NOT NULL CHECK (status IN ('SUCCEEDED', 'DECLINED', 'REFUNDED', 'VOIDED')),
  decline_reason text        CHECK (decline_reason IN
                               ('incorrect_number', 'card_declined', 'insufficient_funds', 'fraud_suspected')),
  card_last4     text        CHECK (card_last4 ~ '^[0-9]{4}$'),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  CONSTRAINT charges_decline_reason_iff_declined CHECK ((status = 'DECLINED') = (decline_reason IS NOT NULL)),
  CONSTRAINT charges_voided_moves_no_money CHECK (
    (status = 'VOIDED' AND amount_cents = 0 AND card_last4 IS NULL)
    OR (status <> 'VOIDED' AND amount_cents > 0 AND card_last4 IS NOT NULL))
);

-- Money taken and given back. At most one entry of each kind per order, so a replayed charge or
-- refund can never move money twice.
CREATE TABLE payments.ledger (
  id           bigserial   PRIMARY KEY,
  order_id     text        NOT NULL REFERENCES payments.charges (order_id),
  kind         text        NOT NULL CHECK (kind IN ('CHARGE', 'REFUND')),
  amount_cents bigint      NOT NULL CHECK (amount_cents > 0),
  created_at   timestamptz NOT NULL,
  CONSTRAINT ledger_one_entry_per_kind UNIQUE (order_id, kind)
);
