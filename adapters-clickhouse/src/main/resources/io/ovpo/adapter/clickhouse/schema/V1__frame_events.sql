-- Frame events: one row per (tenant, event_id) once parts are merged.
--
-- ReplacingMergeTree(version): rows with the same sorting key (a redelivered event) collapse when
-- parts merge, keeping the highest version. version = 2^63 - 1 - write time in microseconds, so
-- the earliest write is the one kept (first write wins, as the FrameEventStore port requires).
-- Reads that must be exact before merges happen add FINAL (spec chapter 11).
--
-- Sorting key (tenant_id, trace_id, event_type, frame_index, event_id): one trace's events are
-- contiguous, in the order the frame checks walk them. Partitions are months of observed_at (UTC).
--
-- Decimal text is parsed to within one ulp by 18.16, so the exact values live elsewhere:
-- payload holds the event's optional parts (quality_metrics, gpu, thumbnail, attributes) as JSON
-- text for an exact round trip, and gpu_vram_bits the IEEE-754 bits of gpu.vram_used_mb (a
-- non-negative double orders like its bits, so max(gpu_vram_bits) is the exact peak). The typed
-- metric columns serve the analytics, where an ulp does not matter.
CREATE TABLE IF NOT EXISTS ${db}.frame_events (
  tenant_id String,
  trace_id FixedString(36),
  event_type Enum8('FRAME_GENERATED' = 1, 'FRAME_DECODED' = 2, 'FRAME_ERROR' = 3, 'GPU_SAMPLE' = 4),
  frame_index UInt32,
  event_id FixedString(36),
  span_id String,
  media_time_ms UInt64,
  observed_at_ms Int64,
  received_at_ms Int64,
  clip_similarity Nullable(Float64),
  aesthetic_score Nullable(Float64),
  temporal_consistency Nullable(Float64),
  gpu_vram_used_mb Nullable(Float64),
  gpu_utilization_pct Nullable(Float64),
  gpu_temperature_c Nullable(Float64),
  gpu_vram_bits UInt64,
  payload String,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(toDateTime(intDiv(observed_at_ms, 1000), 'UTC'))
ORDER BY (tenant_id, trace_id, event_type, frame_index, event_id);
