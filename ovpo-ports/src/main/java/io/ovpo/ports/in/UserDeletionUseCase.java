package io.ovpo.ports.in;

import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import java.util.Optional;

/**
 * Erasure of one end user's traces (spec 08 §5), by the {@code user_id_hash} the client sent on
 * them. Needs admin:delete; an admin names only its own tenant, a super_admin any.
 */
public interface UserDeletionUseCase {
  /**
   * Counts the user's stored traces (with and without legal hold), saves a RUNNING tombstone,
   * audits TRACE_DELETE and returns that tombstone at once (the 202 answer is its {@code
   * deletion_id} and {@code trace_count}); the data is deleted by {@link #continueDeletions}.
   *
   * @param reason stored in the tombstone (1..256 chars); default {@code user deletion request}
   * @throws io.ovpo.ports.error.OvpoException FORBIDDEN without the permission, NOT_FOUND for
   *     another tenant (a super_admin: an unknown tenant), INVALID_PARAMETER for a malformed hash
   */
  Tombstone requestDeletion(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      String userIdHash,
      Optional<String> reason);

  /**
   * A deletion's tombstone: one of the caller's tenant, or of any tenant for a super_admin.
   *
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND when there is none the caller may see
   */
  Tombstone deletion(Principal principal, DeletionId deletionId);

  /**
   * Works on the RUNNING deletions, oldest first, until about {@code maxTraces} traces were
   * deleted; a deletion with nothing left becomes COMPLETED. Safe to call from several processes
   * and after a crash at any point (every step is idempotent). Returns how many traces went.
   */
  int continueDeletions(int maxTraces);
}
