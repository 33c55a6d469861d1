-- Frame analytics (PostgresFrameAnalyticsStore): activity and metric series read one tenant's
-- events by observed_at range. Without this index such a read scans all of the tenant's events
-- (primary key) or the whole table; timelines already use frame_events_trace_idx.
CREATE INDEX frame_events_observed_idx ON frame_events (tenant_id, observed_at);
