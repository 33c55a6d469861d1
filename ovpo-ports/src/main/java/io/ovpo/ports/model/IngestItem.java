package io.ovpo.ports.model;

/**
 * One validated item of an ingest batch: exactly one of the four v0.08 entities. Sealed so every
 * switch over items is checked by the compiler.
 */
public sealed interface IngestItem {
  ItemType itemType();

  TraceId traceId();

  /** The entity's own id as a string (trace, span, event or manifest id). */
  String itemId();

  /** A trace state update. */
  record TraceItem(Trace trace) implements IngestItem {
    public TraceItem {
      java.util.Objects.requireNonNull(trace, "trace");
    }

    public ItemType itemType() {
      return ItemType.TRACE;
    }

    public TraceId traceId() {
      return trace.traceId();
    }

    public String itemId() {
      return trace.traceId().value();
    }
  }

  /** A span, new or filling in fields. */
  record SpanItem(Span span) implements IngestItem {
    public SpanItem {
      java.util.Objects.requireNonNull(span, "span");
    }

    public ItemType itemType() {
      return ItemType.SPAN;
    }

    public TraceId traceId() {
      return span.traceId();
    }

    public String itemId() {
      return span.spanId().value();
    }
  }

  /** A frame event. */
  record FrameEventItem(FrameEvent event) implements IngestItem {
    public FrameEventItem {
      java.util.Objects.requireNonNull(event, "event");
    }

    public ItemType itemType() {
      return ItemType.FRAME_EVENT;
    }

    public TraceId traceId() {
      return event.traceId();
    }

    public String itemId() {
      return event.eventId().value();
    }
  }

  /** An artifact manifest. */
  record ManifestItem(ArtifactManifest manifest) implements IngestItem {
    public ManifestItem {
      java.util.Objects.requireNonNull(manifest, "manifest");
    }

    public ItemType itemType() {
      return ItemType.ARTIFACT_MANIFEST;
    }

    public TraceId traceId() {
      return manifest.traceId();
    }

    public String itemId() {
      return manifest.manifestId().value();
    }
  }
}
