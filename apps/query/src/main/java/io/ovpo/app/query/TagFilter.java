package io.ovpo.app.query;

import io.ovpo.ports.model.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repeated {@code tag=<key>:<value>} filter (spec 05 §1.2): up to 16 pairs, split at the first
 * colon, key by the tag-key pattern, value at most 256 characters (may be empty or hold colons).
 */
final class TagFilter {
  static final int MAX_TAG_FILTERS = 16;

  private TagFilter() {}

  static Tags parse(List<String> values) {
    if (values.size() > MAX_TAG_FILTERS) {
      throw QueryParams.invalid(
          "parameter 'tag' may be given at most " + MAX_TAG_FILTERS + " times");
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String v : values) {
      int colon = v.indexOf(':');
      if (colon < 0) {
        throw QueryParams.invalid("parameter 'tag' must look like key:value");
      }
      String key = v.substring(0, colon);
      String value = v.substring(colon + 1);
      if (!Tags.KEY.matcher(key).matches()) {
        throw QueryParams.invalid("parameter 'tag' has a key that is not a valid tag key");
      }
      if (value.length() > Tags.MAX_VALUE_LENGTH) {
        throw QueryParams.invalid(
            "parameter 'tag' has a value longer than " + Tags.MAX_VALUE_LENGTH + " characters");
      }
      String previous = pairs.putIfAbsent(key, value);
      // Two values for one key could match no trace; a client sending that has made a mistake.
      if (previous != null && !previous.equals(value)) {
        throw QueryParams.invalid("parameter 'tag' lists key '" + key + "' with two values");
      }
    }
    return Tags.of(pairs);
  }
}
