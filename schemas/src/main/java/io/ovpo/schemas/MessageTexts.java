package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;

/**
 * Readable text for a failed keyword, without the pointer. A schema's own {@code errorMessage}
 * wins; otherwise the text is built here, because the validator's defaults read awkwardly ("string
 * found, integer expected").
 */
final class MessageTexts {
  private MessageTexts() {}

  static String of(Error e) {
    if (e.isCustomMessage()) {
      return e.getMessage();
    }
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    return switch (e.getKeyword()) {
      case "required" -> "is required";
      case "additionalProperties" ->
          "is not a known field; unknown fields are rejected (extensions belong in attributes,"
              + " under a custom. key)";
      case "propertyNames" -> "is not a valid key: " + arg(args, 1);
      case "type" -> "must be of type " + arg(args, 1) + " (found " + arg(args, 0) + ")";
      case "enum" -> "must be one of " + values(e.getSchemaNode());
      case "const" -> "must be " + e.getSchemaNode();
      case "pattern" -> "does not match the pattern " + arg(args, 0);
      case "format" -> "is not a valid " + arg(args, 0);
      case "minLength" ->
          "1".equals(arg(args, 0))
              ? "must not be empty"
              : "must be at least " + arg(args, 0) + " characters long";
      case "maxLength" -> "must be at most " + arg(args, 0) + " characters long";
      case "minimum" -> "must be at least " + arg(args, 0);
      case "maximum" -> "must be at most " + arg(args, 0);
      case "exclusiveMinimum" -> "must be greater than " + arg(args, 0);
      case "exclusiveMaximum" -> "must be less than " + arg(args, 0);
      case "minItems" ->
          "must have at least " + count(arg(args, 0), "item") + " (found " + arg(args, 1) + ")";
      case "maxItems" ->
          "must have at most " + count(arg(args, 0), "item") + " (found " + arg(args, 1) + ")";
      case "minProperties" -> "must have at least " + count(arg(args, 0), "entry");
      case "maxProperties" -> "must have at most " + count(arg(args, 0), "entry");
      case "uniqueItems" -> "must not contain the same item twice";
      case "not", "false" -> "is not allowed here";
      default -> e.getMessage();
    };
  }

  private static String arg(Object[] args, int i) {
    return i < args.length && args[i] != null ? args[i].toString() : "?";
  }

  private static String count(String n, String noun) {
    if ("1".equals(n)) {
      return "1 " + noun;
    }
    return n
        + " "
        + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
  }

  private static String values(JsonNode enumNode) {
    if (enumNode == null || !enumNode.isArray()) {
      return String.valueOf(enumNode);
    }
    List<String> names = new ArrayList<>();
    enumNode.forEach(v -> names.add(v.isTextual() ? v.asText() : v.toString()));
    return String.join(", ", names);
  }
}
