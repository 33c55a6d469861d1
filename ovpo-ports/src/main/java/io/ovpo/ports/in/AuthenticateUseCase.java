package io.ovpo.ports.in;

import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import java.util.Optional;

/** Turns an Authorization header into a {@link Principal} and checks permissions. */
public interface AuthenticateUseCase {
  /**
   * Authenticates {@code Bearer ovpo_<prefix>_<secret>}.
   *
   * @throws io.ovpo.ports.error.OvpoException UNAUTHENTICATED when the header is missing or
   *     malformed, or the key is unknown, wrong, revoked or expired (one message for all, so the
   *     answer reveals nothing)
   */
  Principal authenticate(Optional<String> authorizationHeader);

  /**
   * @throws io.ovpo.ports.error.OvpoException FORBIDDEN when the role lacks the permission
   */
  void authorize(Principal principal, Permission permission);
}
