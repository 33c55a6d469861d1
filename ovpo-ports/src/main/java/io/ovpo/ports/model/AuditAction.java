package io.ovpo.ports.model;

/** What an audit record is about. */
public enum AuditAction {
  TRACE_ACCESS,
  TRACE_QUERY,
  ARTIFACT_DOWNLOAD,
  TRACE_DELETE,
  CONFIG_CHANGE,
  API_KEY_CREATED,
  API_KEY_REVOKED
}
