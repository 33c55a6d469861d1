-- The audit trail is insert-only. V4 gives the runtime role no UPDATE, DELETE or TRUNCATE on
-- audit_log; this trigger also refuses UPDATE and DELETE to the owner, so a mistake in a
-- maintenance session cannot rewrite history either. Old months leave by dropping a partition.

CREATE FUNCTION ovpo_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION ovpo_audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION ovpo_audit_log_append_only();

-- Creates the monthly partitions of audit_log from the month before anchor to months_ahead
-- months after it; returns how many it created. Runs after every migrate (as the owner). A month
-- that already has rows in the default partition is left there rather than failing.
CREATE FUNCTION ovpo_ensure_audit_partitions(anchor timestamptz, months_ahead integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  month_start date;
  lo timestamptz;
  hi timestamptz;
  part text;
  created integer := 0;
BEGIN
  FOR i IN -1..months_ahead LOOP
    month_start := (date_trunc('month', anchor AT TIME ZONE 'UTC') + make_interval(months => i))::date;
    lo := month_start::timestamp AT TIME ZONE 'UTC';
    hi := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    part := format('audit_log_%s', to_char(month_start, 'YYYY_MM'));
    CONTINUE WHEN to_regclass(part) IS NOT NULL;
    CONTINUE WHEN EXISTS (
        SELECT 1 FROM audit_log_default WHERE "timestamp" >= lo AND "timestamp" < hi);
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
                     part, lo, hi);
      created := created + 1;
    EXCEPTION WHEN duplicate_table THEN
      NULL; -- another instance migrating at the same time made it
    END;
  END LOOP;
  RETURN created;
END
$$;
REVOKE EXECUTE ON FUNCTION ovpo_ensure_audit_partitions(timestamptz, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ovpo_audit_log_append_only() FROM PUBLIC;
