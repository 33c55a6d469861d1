package io.ovpo.core.bad;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks the rule on purpose: core code using a JSON library (DependencyRuleTest must see it). */
public final class UsesJackson {
  private final ObjectMapper mapper = new ObjectMapper();

  public String write(Object value) throws Exception {
    return mapper.writeValueAsString(value);
  }
}
