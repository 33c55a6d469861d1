package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.Optional;

/** Who asked and from where, for audit records and logs. */
public record RequestContext(
    String requestId, Optional<String> actorIp, Optional<String> userAgent) {
  public RequestContext {
    Checks.length("request_id", requestId, 1, 128);
    Checks.notNull("actor_ip", actorIp);
    Checks.notNull("user_agent", userAgent);
    userAgent = userAgent.map(u -> u.length() > 512 ? u.substring(0, 512) : u);
  }

  public static RequestContext of(String requestId) {
    return new RequestContext(requestId, Optional.empty(), Optional.empty());
  }
}
