-- Ids compare byte by byte (COLLATE "C"): the service locks product rows in the same order Java sorts
-- the ids, and listings come out in that order straight from the primary key index.

CREATE TABLE inventory.products (
  product_id  text COLLATE "C" PRIMARY KEY,
  name        text        NOT NULL,
  price_cents bigint      NOT NULL CHECK (price_cents >= 0),
  -- Stock never goes negative, whatever the code does.
  available   bigint      NOT NULL CHECK (available >= 0),
  reserved    bigint      NOT NULL CHECK (reserved >= 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- When the definition (name, price, available stock) was last set by an administrator.
  defined_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inventory.reservations (
  reservation_id text COLLATE "C" PRIMARY KEY,
  status         text        NOT NULL CHECK (status IN ('RESERVED', 'CANCELLED', 'COMMITTED')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inventory.reservation_items (
  reservation_id   text COLLATE "C" NOT NULL REFERENCES inventory.reservations (reservation_id),
  product_id       text COLLATE "C" NOT NULL REFERENCES inventory.products (product_id),
  quantity         integer NOT NULL CHECK (quantity > 0),
  -- The price when the stock was reserved: later price changes do not alter a placed order.
  unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (reservation_id, product_id)
);
