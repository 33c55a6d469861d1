package io.ovpo.ports.in;

import java.util.OptionalLong;

/**
 * Result of walking a tenant's audit chain from the first record.
 *
 * @param firstBrokenSequence the first record whose hash or link does not match, when any
 */
public record AuditVerification(
    boolean intact, long recordsChecked, OptionalLong firstBrokenSequence, String detail) {}
