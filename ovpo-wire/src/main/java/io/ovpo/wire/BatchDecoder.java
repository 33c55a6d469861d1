package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.ports.model.ItemType;
import io.ovpo.schemas.EntityType;
import io.ovpo.schemas.ItemResult;
import io.ovpo.schemas.Limits;
import io.ovpo.schemas.SchemaValidator;
import io.ovpo.schemas.ValidationError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The collector's path from request body to items: strict parse, top-level checks, then each item
 * on its own: its JSON Schema ({@link SchemaValidator#validateItem}), then {@link ModelReader}.
 *
 * <p>Request-level failures are {@link OvpoException}s: {@link ErrorCode#MALFORMED_JSON} for bytes
 * that are not one JSON value (also duplicate keys, nesting over {@value
 * WireJson#MAX_NESTING_DEPTH} levels, strings over 1 MiB, number literals over 100 characters),
 * {@link ErrorCode#INVALID_BATCH} when the body is not an object holding exactly {@code items}, an
 * array of 1..10,000 objects, and {@link ErrorCode#PAYLOAD_TOO_LARGE} over 5 MiB. Item failures
 * become {@link DecodedItem.Invalid} with SCHEMA_VIOLATION (schema, or a shape the reader refused)
 * or SEMANTIC_VIOLATION (a model constructor's rule), pointers relative to the item ({@code
 * /data/start_time}); at most {@value #MAX_ERRORS_PER_ITEM} errors per item are kept.
 *
 * <p>A well-formed body is read item by item ({@link ItemScanner}), so each valid item keeps its
 * JSON as received ({@link DecodedItem.Valid#json()}) and can be queued without being encoded
 * again. The decoder also hashes the body (SHA-256, hex) for idempotency, so the app needs no
 * second pass. Thread-safe; build one and share it (compiling the schemas is the expensive part).
 */
public final class BatchDecoder {
  /** Errors kept per item (spec 02 §3 rule 3): the first ones, ordered by field. */
  public static final int MAX_ERRORS_PER_ITEM = 10;

  /** Longest error message kept (the model's limit for {@code ItemError.message}). */
  static final int MAX_MESSAGE_LENGTH = 2048;

  private final SchemaValidator validator;

  public BatchDecoder(SchemaValidator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  /** A decoder over the schemas in the ovpo-schemas jar. */
  public static BatchDecoder fromClasspath() {
    return new BatchDecoder(SchemaValidator.fromClasspath());
  }

  /**
   * Decodes an ingest body (already gzip-decoded).
   *
   * @throws OvpoException MALFORMED_JSON, INVALID_BATCH or PAYLOAD_TOO_LARGE for the whole request
   */
  public DecodedBatch decode(byte[] body) {
    Objects.requireNonNull(body, "body");
    if (body.length > Limits.MAX_BODY_BYTES) {
      throw new OvpoException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "body of " + body.length + " bytes exceeds " + Limits.MAX_BODY_BYTES + " bytes");
    }
    Optional<List<ItemScanner.Scanned>> scanned = ItemScanner.scan(body);
    List<DecodedItem> out;
    if (scanned.isPresent()) {
      List<ItemScanner.Scanned> items = scanned.get();
      out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(item(i, items.get(i).node(), Optional.of(items.get(i).json())));
      }
    } else {
      // Not a plain well-formed batch: read it whole, which names what is wrong with it.
      JsonNode items = items(parse(body));
      out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(item(i, items.get(i), Optional.empty()));
      }
    }
    return new DecodedBatch(sha256Hex(body), out);
  }

  /** Lower-case hex SHA-256 of the bytes. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return WireJson.parse(body);
    } catch (StreamConstraintsException e) {
      throw new OvpoException(
          ErrorCode.MALFORMED_JSON,
          "body exceeds a JSON limit (nesting depth "
              + WireJson.MAX_NESTING_DEPTH
              + ", string length "
              + WireJson.MAX_STRING_LENGTH
              + ", number length "
              + WireJson.MAX_NUMBER_LENGTH
              + "): "
              + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new OvpoException(
          ErrorCode.MALFORMED_JSON, "body is not valid JSON: " + e.getOriginalMessage() + where, e);
    }
  }

  /** The {@code items} array after the envelope checks (the schema's $defs/envelope). */
  private static JsonNode items(JsonNode root) {
    if (!root.isObject()) {
      throw invalidBatch("the body must be a JSON object holding items");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("items")) {
        throw invalidBatch("/" + name + " is not allowed: a batch holds items and nothing else");
      }
    }
    JsonNode items = root.get("items");
    if (items == null) {
      throw invalidBatch("/items is required");
    }
    if (!items.isArray()) {
      throw invalidBatch("/items must be an array");
    }
    if (items.size() < Limits.MIN_ITEMS || items.size() > Limits.MAX_ITEMS) {
      throw invalidBatch(
          "/items must hold "
              + Limits.MIN_ITEMS
              + " to "
              + Limits.MAX_ITEMS
              + " items (had "
              + items.size()
              + ")");
    }
    for (int i = 0; i < items.size(); i++) {
      if (!items.get(i).isObject()) {
        throw invalidBatch("/items/" + i + " must be an object with item_type and data");
      }
    }
    return items;
  }

  private DecodedItem item(int index, JsonNode node, Optional<ItemJson> json) {
    ItemResult result = validator.validateItem(index, node);
    Optional<ItemType> type = result.itemType().map(BatchDecoder::itemType);
    if (!result.isValid()) {
      List<ItemError> errors = new ArrayList<>();
      for (ValidationError e : result.errors()) {
        if (errors.size() == MAX_ERRORS_PER_ITEM) {
          break;
        }
        errors.add(
            new ItemError(index, type, ErrorCode.SCHEMA_VIOLATION, e.pointer(), trim(e.message())));
      }
      // The receipt lists errors by item_index, then field (spec 02 §3.1); the sort is stable.
      errors.sort(Comparator.comparing(ItemError::field));
      return new DecodedItem.Invalid(index, type, errors);
    }
    try {
      // A valid item always has a known item_type and an object as data.
      return new DecodedItem.Valid(
          index, ModelReader.item(type.orElseThrow(), node.get("data")), json);
    } catch (WireValueException e) {
      return new DecodedItem.Invalid(
          index,
          type,
          List.of(new ItemError(index, type, e.code(), e.pointer(), trim(e.getMessage()))));
    }
  }

  private static ItemType itemType(EntityType type) {
    return switch (type) {
      case TRACE -> ItemType.TRACE;
      case SPAN -> ItemType.SPAN;
      case FRAME_EVENT -> ItemType.FRAME_EVENT;
      case ARTIFACT_MANIFEST -> ItemType.ARTIFACT_MANIFEST;
      case BATCH -> throw new IllegalArgumentException("a batch item cannot be a batch");
    };
  }

  private static String trim(String message) {
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
  }

  private static OvpoException invalidBatch(String message) {
    return new OvpoException(ErrorCode.INVALID_BATCH, message);
  }
}
