-- Least privilege for the runtime role (placeholder appRole, default ovpo_app): no ownership, no
-- DDL, no BYPASSRLS, and on audit_log only SELECT and INSERT. The role must exist before
-- migrating (README: "Database roles"); in a single-role setup appRole is the migration user and
-- these grants only take UPDATE, DELETE and TRUNCATE on audit_log away from it.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${appRole}') THEN
    RAISE EXCEPTION 'runtime role "${appRole}" does not exist: create it before migrating (see adapters-postgres/README.md, "Database roles")';
  END IF;
END
$$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO "${appRole}";

GRANT SELECT, INSERT, UPDATE ON tenants, api_keys, audit_head, tombstones, retention_jobs, users
  TO "${appRole}";
GRANT SELECT, INSERT, UPDATE, DELETE
  ON traces, spans, frame_events, artifact_manifests, idempotency_keys, dedupe_items,
     running_deletions, reconciliation_queue
  TO "${appRole}";
GRANT SELECT, INSERT ON api_key_directory, deleted_traces TO "${appRole}";
GRANT SELECT, INSERT, DELETE ON trace_tags TO "${appRole}";

GRANT SELECT, INSERT ON audit_log TO "${appRole}";
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM "${appRole}";
