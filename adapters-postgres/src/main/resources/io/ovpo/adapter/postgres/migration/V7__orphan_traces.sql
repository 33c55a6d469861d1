-- Orphan traces (spec 04 §7.1, 08 §1): traces the reconciler found not stored while items of them
-- were. Retention deletes their items once first_seen is 7 days old, per tenant, oldest first.
-- Instants as epoch nanoseconds, like reconciliation_queue: forgetting an entry compares
-- last_seen exactly, and timestamptz would round to microseconds.
CREATE TABLE orphan_traces (
  tenant_id        text   NOT NULL,
  trace_id         uuid   NOT NULL,
  first_seen_nanos bigint NOT NULL,
  last_seen_nanos  bigint NOT NULL,
  PRIMARY KEY (tenant_id, trace_id)
);
CREATE INDEX orphan_traces_first_seen_idx ON orphan_traces (tenant_id, first_seen_nanos, trace_id);

ALTER TABLE orphan_traces ENABLE ROW LEVEL SECURITY;
ALTER TABLE orphan_traces FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orphan_traces
  USING (tenant_id = current_setting('app.current_tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON orphan_traces TO "${appRole}";
