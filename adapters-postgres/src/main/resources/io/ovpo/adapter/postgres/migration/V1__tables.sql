-- OVPO metadata schema, v0.08 (seed plan section 3.1).
-- Run by the migration role, which owns every object here. The runtime role gets its privileges
-- in V3 and is subject to the row-level security of V2.
--
-- Every tenant table carries a NOT NULL tenant_id and has it in its primary key: ids are
-- client-generated, so two tenants may use the same one. Timestamps are timestamptz (UTC);
-- structured fields are JSONB in the snake_case shape of the wire JSON.
-- RBAC roles and permissions are static configuration (the Role enum), not tables.

CREATE TABLE tenants (
  tenant_id  text        NOT NULL PRIMARY KEY,
  name       text        NOT NULL,
  config     jsonb       NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE traces (
  tenant_id           text        NOT NULL,
  trace_id            uuid        NOT NULL,
  status              text        NOT NULL, -- effective status (PARTIAL may overrule COMPLETED)
  reported_status     text        NOT NULL, -- what the client last reported
  created_at          timestamptz NOT NULL,
  started_at          timestamptz,
  ended_at            timestamptz,
  pipeline_config     jsonb,
  pipeline_config_ref text,
  prompt_hash         text,
  user_id_hash        text,
  tags                jsonb       NOT NULL DEFAULT '{}',
  attributes          jsonb       NOT NULL DEFAULT '{}',
  failure             jsonb,
  expected_frames     integer,
  legal_hold          boolean     NOT NULL DEFAULT false,
  completeness        jsonb       NOT NULL,
  cost                jsonb,
  compute_units       double precision, -- copy of cost.compute_units for dashboard sums
  first_received_at   timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  version             bigint      NOT NULL CHECK (version > 0),
  PRIMARY KEY (tenant_id, trace_id),
  CHECK ((pipeline_config IS NULL) <> (pipeline_config_ref IS NULL))
);
-- The trace list: keyset walk in (created_at DESC, trace_id DESC) within a tenant.
CREATE INDEX traces_list_idx ON traces (tenant_id, created_at DESC, trace_id DESC);
-- Status filter of the list; tenant-leading because every query is scoped to one tenant.
CREATE INDEX traces_status_idx ON traces (tenant_id, status, created_at DESC, trace_id DESC);
-- GDPR deletion by user; most traces have no user hash, so the index stays small.
CREATE INDEX traces_user_idx ON traces (tenant_id, user_id_hash, trace_id)
  WHERE user_id_hash IS NOT NULL;

-- The tag filter's index: one row per tag of a trace, kept in step with traces.tags by the
-- adapter. A GIN index on traces.tags would be useless to the runtime role: under row-level
-- security PostgreSQL evaluates a query's non-leakproof operators only after the policy, so
-- jsonb and array containment (@>) can never become an index condition, and a rare tag would walk
-- the whole tenant. Equality on text is leakproof, and (tenant, pair, created_at DESC, trace_id
-- DESC) serves a tag-filtered page as an ordered range scan whatever the tag's frequency.
CREATE TABLE trace_tags (
  tenant_id  text        NOT NULL,
  trace_id   uuid        NOT NULL,
  pair       text        NOT NULL, -- key=value (keys cannot hold '=')
  created_at timestamptz NOT NULL, -- the trace's, for the ordered walk
  PRIMARY KEY (tenant_id, trace_id, pair)
);
CREATE INDEX trace_tags_list_idx ON trace_tags (tenant_id, pair, created_at DESC, trace_id DESC);

-- No foreign key to traces: spans may arrive before their trace and are joined when read.
CREATE TABLE spans (
  tenant_id      text        NOT NULL,
  span_id        uuid        NOT NULL,
  trace_id       uuid        NOT NULL,
  parent_span_id uuid,
  span_kind      text        NOT NULL,
  name           text        NOT NULL,
  start_time     timestamptz NOT NULL,
  end_time       timestamptz,
  status         text        NOT NULL,
  attributes     jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, span_id)
);
-- Trace detail: a trace's spans by start_time (trace ids are random UUIDs, so the trace id leads).
CREATE INDEX spans_trace_idx ON spans (trace_id, start_time, span_id);
-- Bottleneck analytics over a time range.
CREATE INDEX spans_time_idx ON spans (tenant_id, start_time);

-- Frame events, for deployments without ClickHouse. Immutable by (tenant_id, event_id).
CREATE TABLE frame_events (
  tenant_id           text             NOT NULL,
  event_id            uuid             NOT NULL,
  trace_id            uuid             NOT NULL,
  span_id             uuid,
  event_type          text             NOT NULL,
  frame_index         bigint           NOT NULL,
  media_time_ms       bigint           NOT NULL,
  observed_at         timestamptz      NOT NULL,
  received_at         timestamptz      NOT NULL,
  quality_metrics     jsonb            NOT NULL DEFAULT '{}',
  gpu_vram_used_mb    double precision,
  gpu_utilization_pct double precision,
  gpu_temperature_c   double precision,
  thumbnail           jsonb,
  attributes          jsonb            NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, event_id)
);
CREATE INDEX frame_events_trace_idx
  ON frame_events (tenant_id, trace_id, frame_index, observed_at, event_id);

-- Artifact manifests, immutable by (tenant_id, manifest_id); stored_seq keeps first-stored order.
CREATE TABLE artifact_manifests (
  tenant_id   text   NOT NULL,
  manifest_id uuid   NOT NULL,
  trace_id    uuid   NOT NULL,
  stored_seq  bigint NOT NULL GENERATED ALWAYS AS IDENTITY,
  artifacts   jsonb  NOT NULL,
  PRIMARY KEY (tenant_id, manifest_id)
);
CREATE INDEX artifact_manifests_trace_idx ON artifact_manifests (tenant_id, trace_id, stored_seq);

-- API keys: public prefix and SHA-256 of the secret, never the plaintext.
CREATE TABLE api_keys (
  tenant_id     text        NOT NULL,
  key_id        uuid        NOT NULL,
  prefix        text        NOT NULL,
  role          text        NOT NULL,
  name          text        NOT NULL,
  secret_sha256 text        NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  PRIMARY KEY (tenant_id, key_id),
  UNIQUE (prefix)
);
CREATE INDEX api_keys_list_idx ON api_keys (tenant_id, created_at DESC);

-- Cross-tenant key lookup (authentication happens before the tenant is known). Deliberately
-- outside row-level security, and therefore holding only routing data: no secret hash, no name.
CREATE TABLE api_key_directory (
  key_id    uuid NOT NULL PRIMARY KEY,
  prefix    text NOT NULL UNIQUE,
  tenant_id text NOT NULL
);

CREATE TABLE idempotency_keys (
  tenant_id    text        NOT NULL,
  idem_key     text        NOT NULL,
  request_hash text        NOT NULL,
  state        text        NOT NULL CHECK (state IN ('IN_PROGRESS', 'COMPLETED')),
  locked_at    timestamptz NOT NULL,
  receipt      jsonb,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, idem_key),
  CHECK ((state = 'COMPLETED') = (receipt IS NOT NULL))
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (tenant_id, expires_at);

-- The processor's item seen-set.
CREATE TABLE dedupe_items (
  tenant_id  text        NOT NULL,
  item_key   text        NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, item_key)
);
CREATE INDEX dedupe_items_expiry_idx ON dedupe_items (tenant_id, expires_at);

-- Audit trail: insert-only (V3 revokes UPDATE/DELETE and a trigger refuses them even to the
-- owner), one hash chain per tenant, partitioned by month of the event timestamp. Partitions are
-- created ahead of time by ovpo_ensure_audit_partitions (run with every migrate); rows outside
-- them land in audit_log_default.
CREATE TABLE audit_log (
  tenant_id     text        NOT NULL,
  sequence      bigint      NOT NULL CHECK (sequence > 0),
  "timestamp"   timestamptz NOT NULL,
  action        text        NOT NULL,
  actor_id      text        NOT NULL,
  actor_ip      text,
  user_agent    text,
  resource_id   text,
  details       jsonb       NOT NULL DEFAULT '{}',
  previous_hash text        NOT NULL,
  record_hash   text        NOT NULL,
  PRIMARY KEY (tenant_id, sequence, "timestamp")
) PARTITION BY RANGE ("timestamp");
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
CREATE INDEX audit_log_time_idx ON audit_log (tenant_id, "timestamp" DESC);
CREATE INDEX audit_log_sequence_idx ON audit_log (tenant_id, sequence DESC);

-- The chain head per tenant: the compare-and-set that keeps sequences gapless. A partitioned
-- table cannot enforce (tenant_id, sequence) uniqueness across months; this row lock can.
CREATE TABLE audit_head (
  tenant_id text   NOT NULL PRIMARY KEY,
  sequence  bigint NOT NULL CHECK (sequence > 0)
);

-- GDPR deletions (kept 7 years) and the traces they removed.
CREATE TABLE tombstones (
  tenant_id    text        NOT NULL,
  deletion_id  uuid        NOT NULL,
  deleted_at   timestamptz NOT NULL,
  deleted_by   text        NOT NULL,
  reason       text        NOT NULL,
  user_id_hash text,
  trace_count  integer     NOT NULL,
  held_count   integer     NOT NULL,
  state        text        NOT NULL,
  PRIMARY KEY (tenant_id, deletion_id)
);

CREATE TABLE deleted_traces (
  tenant_id   text NOT NULL,
  trace_id    uuid NOT NULL,
  deletion_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, trace_id)
);

-- Cross-tenant work list of deletions to resume after a restart; ids and times only.
CREATE TABLE running_deletions (
  deletion_id uuid        NOT NULL PRIMARY KEY,
  tenant_id   text        NOT NULL,
  deleted_at  timestamptz NOT NULL
);

-- Cross-tenant work list of traces whose verdict must be recomputed; ids and times only.
-- Instants as epoch nanoseconds: done() compares marked_at exactly, and timestamptz would round
-- to microseconds.
CREATE TABLE reconciliation_queue (
  tenant_id       text   NOT NULL,
  trace_id        uuid   NOT NULL,
  marked_at_nanos bigint NOT NULL,
  due_at_nanos    bigint NOT NULL,
  PRIMARY KEY (tenant_id, trace_id)
);
CREATE INDEX reconciliation_queue_due_idx
  ON reconciliation_queue (due_at_nanos, tenant_id, trace_id);

-- Progress of retention runs (seed 10.1); written by the retention engine.
CREATE TABLE retention_jobs (
  tenant_id     text        NOT NULL,
  job_id        uuid        NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  state         text        NOT NULL,
  traces_purged bigint      NOT NULL DEFAULT 0,
  events_purged bigint      NOT NULL DEFAULT 0,
  detail        jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, job_id)
);

-- UI users (seed 8.4, optional in v0.08: API keys are the only credentials yet).
CREATE TABLE users (
  tenant_id  text        NOT NULL,
  user_id    uuid        NOT NULL,
  email_hash text        NOT NULL,
  role       text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  UNIQUE (tenant_id, email_hash)
);
