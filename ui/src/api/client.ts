import { apiKey } from './session';
import type {
  Bottlenecks,
  Costs,
  FrameSeries,
  FrameSeriesMetric,
  SignedUrl,
  Timeseries,
  TimeseriesMetric,
  TraceDetail,
  TraceList,
} from './types';

/** An error answer of the API ({"error": {code, message, request_id}}) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;

  constructor(status: number, code: string, message: string, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

export interface TraceFilter {
  status?: string[];
  from?: string;
  to?: string;
  tags?: string[];
  limit?: number;
  cursor?: string;
}

export interface RangeFilter {
  from?: string;
  to?: string;
  tags?: string[];
}

/** The query string of a trace list request, in the API's own names. */
export function traceListQuery(f: TraceFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (f.status && f.status.length > 0) q.set('status', f.status.join(','));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  for (const t of f.tags ?? []) q.append('tag', t);
  if (f.limit) q.set('limit', String(f.limit));
  if (f.cursor) q.set('cursor', f.cursor);
  return q;
}

function rangeQuery(r: RangeFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (r.from) q.set('from', r.from);
  if (r.to) q.set('to', r.to);
  for (const t of r.tags ?? []) q.append('tag', t);
  return q;
}

/** Relative to the page's origin; the UI talks to the server that served it. */
async function request<T>(path: string, init: RequestInit = {}, signal?: AbortSignal): Promise<T> {
  const key = apiKey();
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (key) headers.set('Authorization', `Bearer ${key}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Is it running?');
  }
  const text = await res.text();
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = res.statusText || 'request failed';
    let requestId = res.headers.get('X-Request-Id') ?? undefined;
    try {
      const body = JSON.parse(text);
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
      requestId = body.error?.request_id ?? requestId;
    } catch {
      /* not JSON: keep the status line */
    }
    throw new ApiError(res.status, code, message, requestId);
  }
  return (text ? JSON.parse(text) : null) as T;
}

export const api = {
  listTraces(f: TraceFilter, signal?: AbortSignal): Promise<TraceList> {
    return request(`/v1/traces?${traceListQuery(f)}`, {}, signal);
  },

  /** The whole trace: every page of frame events is fetched and concatenated. */
  async trace(traceId: string, signal?: AbortSignal): Promise<TraceDetail> {
    const base = `/v1/traces/${encodeURIComponent(traceId)}`;
    const first = await request<TraceDetail>(base, {}, signal);
    let page = first;
    for (let i = 0; i < 20 && page.events_has_more && page.events_next_cursor; i++) {
      const q = new URLSearchParams({ events_cursor: page.events_next_cursor });
      page = await request<TraceDetail>(`${base}?${q}`, {}, signal);
      first.frame_events.push(...page.frame_events);
    }
    first.events_has_more = page.events_has_more;
    first.events_next_cursor = page.events_next_cursor;
    return first;
  },

  /** The first page of a trace: summary, spans and at most `eventsLimit` frame events. */
  traceHead(traceId: string, eventsLimit: number, signal?: AbortSignal): Promise<TraceDetail> {
    const q = new URLSearchParams({ events_limit: String(eventsLimit) });
    return request(`/v1/traces/${encodeURIComponent(traceId)}?${q}`, {}, signal);
  },

  bottlenecks(r: RangeFilter, signal?: AbortSignal): Promise<Bottlenecks> {
    return request(`/v1/analytics/bottlenecks?${rangeQuery(r)}`, {}, signal);
  },

  timeseries(
    metric: TimeseriesMetric,
    bucket: 'hour' | 'day',
    r: RangeFilter,
    signal?: AbortSignal,
  ): Promise<Timeseries> {
    const q = rangeQuery(r);
    q.set('metric', metric);
    q.set('bucket', bucket);
    return request(`/v1/analytics/timeseries?${q}`, {}, signal);
  },

  /** Frame events bucketed by `observed_at` (spec 05 §6.4); frame events have no tags to filter by. */
  frameSeries<M extends FrameSeriesMetric>(
    metric: M,
    bucket: 'hour' | 'day',
    r: { from?: string; to?: string },
    signal?: AbortSignal,
  ): Promise<FrameSeries<M>> {
    const q = rangeQuery({ from: r.from, to: r.to });
    q.set('metric', metric);
    q.set('bucket', bucket);
    return request(`/v1/analytics/frames/timeseries?${q}`, {}, signal);
  },

  costs(traceIds: string[], signal?: AbortSignal): Promise<Costs> {
    const q = new URLSearchParams({ trace_ids: traceIds.join(',') });
    return request(`/v1/analytics/costs/calculate?${q}`, {}, signal);
  },

  signedUrl(traceId: string, artifactId: string): Promise<SignedUrl> {
    return request('/v1/artifacts/signed-url', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ trace_id: traceId, artifact_id: artifactId }),
    });
  },
};
