-- One row per event the inventory consumer applied, written in the same transaction as the event's
-- effect: a redelivered event finds its row and changes nothing, whatever Redis remembers.
CREATE TABLE inventory.processed_events (
  event_id     text COLLATE "C" PRIMARY KEY,
  event_type   text        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);
