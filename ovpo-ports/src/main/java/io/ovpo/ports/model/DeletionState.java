package io.ovpo.ports.model;

/** Progress of a GDPR deletion; RUNNING ones resume after a restart. */
public enum DeletionState {
  RUNNING,
  COMPLETED
}
