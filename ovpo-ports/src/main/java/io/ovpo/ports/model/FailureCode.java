package io.ovpo.ports.model;

/** Why a trace FAILED. */
public enum FailureCode {
  OOM,
  TIMEOUT,
  MODEL_ERROR,
  INVALID_INPUT,
  INFRA,
  CANCELLED,
  UNKNOWN
}
