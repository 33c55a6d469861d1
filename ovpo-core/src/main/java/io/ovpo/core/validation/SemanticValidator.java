package io.ovpo.core.validation;

import io.ovpo.core.internal.JsonText;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Semantic rules beyond the JSON Schema and the model constructors (which already enforce timestamp
 * order, ended_at only when terminal, parent != span, unique artifact ids). Violations are {@code
 * SEMANTIC_VIOLATION} item errors with a JSON pointer relative to the item:
 *
 * <ul>
 *   <li>an entity's attributes are at most 32 KiB as compact JSON ({@code /data/attributes});
 *   <li>a trace's created_at, started_at and ended_at lie at most 24 h after the collector received
 *       it (a clock that far ahead would pin the trace to the top of every listing);
 *   <li>a span lasts at most 7 days (end_time − start_time);
 *   <li>a frame event's thumbnail has kind THUMBNAIL and an {@code image/*} content type;
 *   <li>in a manifest, THUMBNAIL and FRAME artifacts are {@code image/*}; a VIDEO is {@code
 *       video/*} or {@code application/*} (streaming manifests, raw containers).
 * </ul>
 */
public final class SemanticValidator {
  public static final int MAX_ATTRIBUTES_BYTES = 32 * 1024;
  public static final Duration MAX_FUTURE = Duration.ofHours(24);
  public static final Duration MAX_SPAN_DURATION = Duration.ofDays(7);

  private SemanticValidator() {}

  /** Errors of item {@code index} of a batch received at {@code receivedAt}; empty when valid. */
  public static List<ItemError> validate(int index, IngestItem item, Instant receivedAt) {
    Errors errors = new Errors(index, item);
    if (item instanceof IngestItem.TraceItem t) {
      trace(t.trace(), receivedAt, errors);
    } else if (item instanceof IngestItem.SpanItem s) {
      span(s.span(), errors);
    } else if (item instanceof IngestItem.FrameEventItem e) {
      frameEvent(e.event(), errors);
    } else if (item instanceof IngestItem.ManifestItem m) {
      List<ArtifactRef> artifacts = m.manifest().artifacts();
      for (int i = 0; i < artifacts.size(); i++) {
        artifact(artifacts.get(i), "/data/artifacts/" + i, errors);
      }
    }
    return errors.list;
  }

  /** Compact-JSON size of attributes in UTF-8 bytes. */
  public static long attributesSize(Attributes attributes) {
    return JsonText.compactSize(attributes.values());
  }

  private static void trace(Trace t, Instant receivedAt, Errors errors) {
    attributes(t.attributes(), errors);
    Instant limit = receivedAt.plus(MAX_FUTURE);
    future("/data/created_at", Optional.of(t.createdAt()), limit, errors);
    future("/data/started_at", t.startedAt(), limit, errors);
    future("/data/ended_at", t.endedAt(), limit, errors);
  }

  private static void span(Span s, Errors errors) {
    attributes(s.attributes(), errors);
    if (s.duration().map(d -> d.compareTo(MAX_SPAN_DURATION) > 0).orElse(false)) {
      errors.add("/data/end_time", "end_time is more than 7 days after start_time");
    }
  }

  private static void frameEvent(FrameEvent e, Errors errors) {
    attributes(e.attributes(), errors);
    e.thumbnail()
        .ifPresent(
            t -> {
              if (t.kind() != ArtifactKind.THUMBNAIL) {
                errors.add("/data/thumbnail/kind", "a frame event's thumbnail must be THUMBNAIL");
              } else {
                artifact(t, "/data/thumbnail", errors);
              }
            });
  }

  private static void artifact(ArtifactRef a, String pointer, Errors errors) {
    String type = a.contentType().toLowerCase(Locale.ROOT);
    boolean ok =
        switch (a.kind()) {
          case THUMBNAIL, FRAME -> type.startsWith("image/");
          case VIDEO -> type.startsWith("video/") || type.startsWith("application/");
          case LATENT, LOG -> true;
        };
    if (!ok) {
      errors.add(
          pointer + "/content_type",
          "content_type " + a.contentType() + " does not fit an artifact of kind " + a.kind());
    }
  }

  private static void attributes(Attributes attributes, Errors errors) {
    long size = attributesSize(attributes);
    if (size > MAX_ATTRIBUTES_BYTES) {
      errors.add(
          "/data/attributes",
          "attributes are " + size + " bytes as compact JSON; at most 32768 are allowed");
    }
  }

  private static void future(String pointer, Optional<Instant> t, Instant limit, Errors errors) {
    if (t.isPresent() && t.get().isAfter(limit)) {
      errors.add(pointer, "lies more than 24 h after the time the collector received it");
    }
  }

  /** Collects errors of one item. */
  private static final class Errors {
    private final int index;
    private final IngestItem item;
    private final List<ItemError> list = new ArrayList<>();

    Errors(int index, IngestItem item) {
      this.index = index;
      this.item = item;
    }

    void add(String pointer, String message) {
      list.add(
          new ItemError(
              index, Optional.of(item.itemType()), ErrorCode.SEMANTIC_VIOLATION, pointer, message));
    }
  }
}
