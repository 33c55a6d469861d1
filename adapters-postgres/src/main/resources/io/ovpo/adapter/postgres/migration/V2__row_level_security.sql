-- Row-level security on every table that holds a tenant's data, enabled and forced (so it holds
-- for the table owner too). The adapter sets app.current_tenant_id at the start of each
-- transaction with set_config(..., true), which ends with the transaction, so a pooled
-- connection never carries one tenant's context into another's work. Without a context,
-- current_setting(..., true) is NULL or '' and no row matches: a forgotten context fails closed.
--
-- Four tables stay outside RLS on purpose, because they serve lookups that happen before a
-- tenant is known or that span tenants, and they hold only ids, times and names, never trace
-- content or secrets:
--   tenants               the tenant registry (list of tenants, super_admin)
--   api_key_directory     key prefix / key id -> tenant, for authentication
--   running_deletions     deletions to resume after a restart
--   reconciliation_queue  traces whose verdict is due for recomputation

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
      'traces', 'trace_tags', 'spans', 'frame_events', 'artifact_manifests', 'api_keys',
      'idempotency_keys', 'dedupe_items', 'audit_log', 'audit_head', 'tombstones', 'deleted_traces',
      'retention_jobs', 'users']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %I'
        || ' USING (tenant_id = current_setting(''app.current_tenant_id'', true))'
        || ' WITH CHECK (tenant_id = current_setting(''app.current_tenant_id'', true))', t);
  END LOOP;
END
$$;
