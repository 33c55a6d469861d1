/** Wire types of the OVPO 0.08 query API (spec/v0.08/openapi.yaml), as the UI reads them. */

export type TraceStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'PARTIAL' | 'CANCELLED';
export const TRACE_STATUSES: TraceStatus[] = [
  'PENDING',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'PARTIAL',
  'CANCELLED',
];

export interface PipelineConfig {
  model_name?: string;
  model_version?: string;
  width?: number;
  height?: number;
  fps?: number;
  num_frames?: number;
  steps?: number;
  hardware?: { gpu_type?: string; gpu_count?: number };
  [k: string]: unknown;
}

export interface Failure {
  code: string;
  message: string;
  span_id?: string;
  retryable: boolean;
}

export interface TraceView {
  trace_id: string;
  status: TraceStatus;
  reported_status: TraceStatus;
  created_at: string;
  started_at?: string;
  ended_at?: string;
  pipeline_config?: PipelineConfig;
  pipeline_config_ref?: string;
  tags?: Record<string, string>;
  attributes?: Record<string, unknown>;
  failure?: Failure;
  expected_frames?: number;
  legal_hold: boolean;
  first_received_at: string;
  updated_at: string;
  duration_ms: number | null;
}

export interface SpanView {
  span_id: string;
  trace_id: string;
  parent_span_id?: string;
  span_kind: string;
  name: string;
  start_time: string;
  end_time?: string;
  status: 'OK' | 'ERROR' | 'UNSET';
  attributes?: Record<string, unknown>;
  duration_ms: number | null;
}

export interface ArtifactRef {
  artifact_id: string;
  kind: 'VIDEO' | 'THUMBNAIL' | 'FRAME' | 'LATENT' | 'LOG';
  uri: string;
  content_type: string;
  size_bytes: number;
  sha256?: string;
  ttl_hours?: number;
  manifest_id?: string;
}

export interface FrameEventView {
  event_id: string;
  trace_id: string;
  span_id?: string;
  event_type: 'FRAME_GENERATED' | 'FRAME_DECODED' | 'FRAME_ERROR' | 'GPU_SAMPLE';
  frame_index: number;
  media_time_ms: number;
  observed_at: string;
  quality_metrics?: Record<string, number>;
  gpu?: { vram_used_mb?: number; gpu_utilization_pct?: number; temperature_c?: number };
  thumbnail?: ArtifactRef;
  attributes?: Record<string, unknown>;
  received_at: string;
}

export interface Completeness {
  reasons: { code: string; message: string; event_type?: string; frame_index?: number; event_id?: string }[];
  missing_frames: { first: number; last: number }[];
  truncated: boolean;
}

export interface Summary {
  total_duration_ms: number | null;
  span_breakdown_pct: Record<string, number>;
  peak_vram_mb: number | null;
  avg_gpu_utilization_pct: number | null;
  frame_count: number;
  event_count: number;
  observed_fps: number | null;
  compute_units: number | null;
  compute_units_by_span_kind: Record<string, number> | null;
  pricing_profile: { name: string; version: string } | null;
  completeness: Completeness;
  frame_events_expired: boolean;
}

export interface TraceList {
  data: TraceView[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface TraceDetail {
  trace: TraceView;
  spans: SpanView[];
  frame_events: FrameEventView[];
  artifacts: ArtifactRef[];
  summary: Summary;
  events_has_more: boolean;
  events_next_cursor: string | null;
}

export interface Bottleneck {
  span_kind: string;
  count: number;
  avg_ms: number;
  p95_ms: number;
  p99_ms: number;
}

export interface Bottlenecks {
  from: string;
  to: string;
  data: Bottleneck[];
}

export interface Costs {
  pricing_profile: { name: string; version: string } | null;
  data: { trace_id: string; compute_units: number; by_span_kind: Record<string, number> }[];
  total_compute_units: number;
  total_by_span_kind: Record<string, number>;
  not_found: string[];
}

export type TimeseriesMetric = 'throughput' | 'failure_rate' | 'p95_latency' | 'compute_units';

export interface Timeseries {
  metric: TimeseriesMetric;
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  data: { start: string; value: number; count: number }[];
}

/** Frame analytics (spec 05 §6.4): counting metrics answer value and count per bucket. */
export type FrameCountMetric =
  | 'traces'
  | 'frames_generated'
  | 'frames_decoded'
  | 'frame_errors'
  | 'gpu_samples'
  | 'frame_failure_rate';

/** Frame analytics (spec 05 §6.4): distribution metrics answer count, avg, p95 and p99 per bucket. */
export type FrameDistributionMetric =
  | 'clip_similarity'
  | 'aesthetic_score'
  | 'temporal_consistency'
  | 'gpu_utilization_pct'
  | 'vram_used_mb'
  | 'gpu_temperature_c';

export type FrameSeriesMetric = FrameCountMetric | FrameDistributionMetric;

export interface FrameCountSeries {
  metric: FrameCountMetric;
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  data: { start: string; value: number; count: number }[];
}

export interface FrameDistributionBucket {
  start: string;
  count: number;
  avg: number;
  p95: number;
  p99: number;
}

export interface FrameDistributionSeries {
  metric: FrameDistributionMetric;
  bucket: 'hour' | 'day';
  from: string;
  to: string;
  data: FrameDistributionBucket[];
}

/** The answer's shape follows the metric's kind. */
export type FrameSeries<M extends FrameSeriesMetric> = M extends FrameCountMetric
  ? FrameCountSeries
  : FrameDistributionSeries;

export interface SignedUrl {
  url: string;
  expires_at: string;
}
