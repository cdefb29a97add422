-- Who drove each step: the lease owner (one orders instance, one run of it) that wrote the line, so
-- the step log shows which instance drove a saga, and where another took it over. NULL for lines
-- written before this column existed, and for writes made under no lease.
ALTER TABLE orders.saga_steps
  ADD COLUMN driven_by text CHECK (length(driven_by) BETWEEN 1 AND 100);
