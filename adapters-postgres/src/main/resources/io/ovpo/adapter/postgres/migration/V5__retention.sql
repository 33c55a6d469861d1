-- Retention, user deletion and tombstones (spec chapter 08). Run by the migration role.

-- Frame-event retention deletes a trace's events but keeps the trace: their aggregates stay here
-- (spec 08 §2 rule 6); NULL while the events are kept. The walks of the retention run go by the
-- server's first_received_at, never by the client's created_at.
ALTER TABLE traces ADD COLUMN retained_frame_stats jsonb;
CREATE INDEX traces_received_idx ON traces (tenant_id, first_received_at, trace_id);
CREATE INDEX traces_frames_kept_idx ON traces (tenant_id, first_received_at, trace_id)
  WHERE retained_frame_stats IS NULL;

-- Ephemeral artifacts (spec 08 §3) expire from their manifest's receive time. Manifests stored
-- before this migration count as received now.
ALTER TABLE artifact_manifests ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE artifact_manifests ALTER COLUMN received_at DROP DEFAULT;

-- One row per ephemeral artifact of a trace (the first manifest listing an artifact id wins), so
-- the retention run finds the expired ones without unpacking every manifest. object_deleted_at is
-- set once the object is gone: a signed link is then refused, the ref stays in the trace detail.
CREATE TABLE ephemeral_artifacts (
  tenant_id         text        NOT NULL,
  trace_id          uuid        NOT NULL,
  artifact_id       uuid        NOT NULL,
  manifest_id       uuid        NOT NULL,
  ref               jsonb       NOT NULL,
  ttl_hours         integer,
  received_at       timestamptz NOT NULL,
  object_deleted_at timestamptz,
  PRIMARY KEY (tenant_id, trace_id, artifact_id)
);
CREATE INDEX ephemeral_artifacts_due_idx ON ephemeral_artifacts (tenant_id, received_at)
  WHERE object_deleted_at IS NULL;

ALTER TABLE ephemeral_artifacts ENABLE ROW LEVEL SECURITY;
ALTER TABLE ephemeral_artifacts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ephemeral_artifacts
  USING (tenant_id = current_setting('app.current_tenant_id', true))
  WITH CHECK (tenant_id = current_setting('app.current_tenant_id', true));

-- Retention reports, newest first per tenant.
CREATE INDEX retention_jobs_recent_idx ON retention_jobs (tenant_id, started_at DESC, job_id DESC);

-- Audit retention (spec 07 §6) is the only deletion of audit records. The runtime role still has
-- no DELETE on audit_log; it calls ovpo_audit_retention, which runs as the owner (a separate role,
-- spec 07 §4 rule 2) and deletes only the tenant's oldest records before the cutoff, never the
-- newest (it anchors the chain). The append-only trigger lets exactly that deletion through.
CREATE OR REPLACE FUNCTION ovpo_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('ovpo.audit_retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION ovpo_audit_retention(p_tenant text, p_cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = "${flyway:defaultSchema}"
AS $$
DECLARE
  newest bigint;
  keep_from bigint;
  deleted integer;
BEGIN
  -- Row-level security still applies (the tables are FORCEd): the caller's tenant context must
  -- be the tenant it prunes.
  IF p_tenant IS DISTINCT FROM current_setting('app.current_tenant_id', true) THEN
    RAISE EXCEPTION 'ovpo_audit_retention: tenant context mismatch'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT max(sequence) INTO newest FROM audit_log WHERE tenant_id = p_tenant;
  IF newest IS NULL THEN
    RETURN 0;
  END IF;
  SELECT min(sequence) INTO keep_from FROM audit_log
    WHERE tenant_id = p_tenant AND "timestamp" >= p_cutoff;
  keep_from := least(coalesce(keep_from, newest), newest);
  PERFORM set_config('ovpo.audit_retention', 'on', true);
  DELETE FROM audit_log WHERE tenant_id = p_tenant AND sequence < keep_from;
  GET DIAGNOSTICS deleted = ROW_COUNT;
  PERFORM set_config('ovpo.audit_retention', 'off', true);
  RETURN deleted;
END
$$;
REVOKE EXECUTE ON FUNCTION ovpo_audit_retention(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ovpo_audit_retention(text, timestamptz) TO "${appRole}";

GRANT SELECT, INSERT, UPDATE, DELETE ON ephemeral_artifacts TO "${appRole}";
-- Tombstones and the deleted-trace set are kept 7 years, then deleted (spec 08 §6).
GRANT DELETE ON tombstones, deleted_traces TO "${appRole}";
