-- Hourly rollup of frame activity, fed by a materialized view on every insert into frame_events.
-- One row per (tenant, hour, trace, event type) instead of one per event: a 10-minute job at
-- 24 fps is 14,400 events but at most a few rows here, so activity over days reads thousands of
-- rows instead of millions. Keeping trace_id in the key lets deleteByTraces delete from the
-- rollup too (mutations do not pass through materialized views) and makes "traces per bucket" an
-- exact count. The adapter inserts only events it has not stored before, so the view sees each
-- event once (see spec chapter 11 for the cross-process race).
CREATE TABLE IF NOT EXISTS ${db}.frame_activity_hourly (
  tenant_id String,
  hour_ms Int64,
  trace_id FixedString(36),
  event_type Enum8('FRAME_GENERATED' = 1, 'FRAME_DECODED' = 2, 'FRAME_ERROR' = 3, 'GPU_SAMPLE' = 4),
  events UInt64
) ENGINE = SummingMergeTree(events)
PARTITION BY toYYYYMM(toDateTime(intDiv(hour_ms, 1000), 'UTC'))
ORDER BY (tenant_id, hour_ms, trace_id, event_type);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${db}.frame_activity_hourly_mv
TO ${db}.frame_activity_hourly
AS SELECT
  tenant_id,
  intDiv(observed_at_ms, 3600000) * 3600000 AS hour_ms,
  trace_id,
  event_type,
  count() AS events
FROM ${db}.frame_events
GROUP BY tenant_id, hour_ms, trace_id, event_type;
