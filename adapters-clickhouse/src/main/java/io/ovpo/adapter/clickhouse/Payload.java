package io.ovpo.adapter.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.QualityMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The {@code payload} column: a frame event's optional parts as JSON text in the wire's names
 * ({@code quality_metrics}, {@code gpu}, {@code thumbnail}, {@code attributes}; absent ones left
 * out). ClickHouse never parses it, so every double and every attribute type round-trips exactly.
 */
final class Payload {
  private Payload() {}

  /** The parts of {@code e} that the typed columns do not hold exactly. */
  record Parts(
      QualityMetrics quality,
      Optional<GpuSample> gpu,
      Optional<ArtifactRef> thumbnail,
      Attributes attributes) {}

  static String write(FrameEvent e) {
    StringWriter out = new StringWriter(64);
    write(e, out);
    return out.toString();
  }

  /** Appends the payload of {@code e} to {@code out}. */
  static void write(FrameEvent e, Writer out) {
    try (JsonGenerator g = Row.JSON.createGenerator(out)) {
      g.writeStartObject();
      if (!e.qualityMetrics().isEmpty()) {
        g.writeObjectFieldStart("quality_metrics");
        for (Map.Entry<String, Double> m : e.qualityMetrics().values().entrySet()) {
          g.writeNumberField(m.getKey(), m.getValue());
        }
        g.writeEndObject();
      }
      if (e.gpu().isPresent()) {
        GpuSample s = e.gpu().get();
        g.writeObjectFieldStart("gpu");
        g.writeNumberField("vram_used_mb", s.vramUsedMb());
        g.writeNumberField("gpu_utilization_pct", s.gpuUtilizationPct());
        if (s.temperatureC().isPresent()) {
          g.writeNumberField("temperature_c", s.temperatureC().getAsDouble());
        }
        g.writeEndObject();
      }
      if (e.thumbnail().isPresent()) {
        writeThumbnail(g, e.thumbnail().get());
      }
      if (!e.attributes().isEmpty()) {
        g.writeObjectFieldStart("attributes");
        for (Map.Entry<String, Object> a : e.attributes().values().entrySet()) {
          g.writeFieldName(a.getKey());
          writeValue(g, a.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static void writeThumbnail(JsonGenerator g, ArtifactRef t) throws IOException {
    g.writeObjectFieldStart("thumbnail");
    g.writeStringField("artifact_id", t.artifactId().value());
    g.writeStringField("kind", t.kind().name());
    g.writeStringField("uri", t.uri());
    g.writeStringField("content_type", t.contentType());
    g.writeNumberField("size_bytes", t.sizeBytes());
    if (t.sha256().isPresent()) {
      g.writeStringField("sha256", t.sha256().get());
    }
    if (t.ttlHours().isPresent()) {
      g.writeNumberField("ttl_hours", t.ttlHours().getAsInt());
    }
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(
          d); // Double.toString: always with a '.', or an exponent, so it reads back as a double
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object e : list) {
        writeValue(g, e);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("unexpected attribute value " + v);
    }
  }

  static Parts read(String json) {
    QualityMetrics quality = QualityMetrics.empty();
    Optional<GpuSample> gpu = Optional.empty();
    Optional<ArtifactRef> thumbnail = Optional.empty();
    Attributes attributes = Attributes.empty();
    try (JsonParser p = Row.JSON.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        expect(p.nextToken(), JsonToken.START_OBJECT);
        switch (field) {
          case "quality_metrics" -> quality = new QualityMetrics(readNumbers(p));
          case "gpu" -> gpu = Optional.of(readGpu(p));
          case "thumbnail" -> thumbnail = Optional.of(readThumbnail(p));
          case "attributes" -> attributes = Attributes.of(readAttributes(p));
          default -> p.skipChildren();
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new Parts(quality, gpu, thumbnail, attributes);
  }

  private static Map<String, Double> readNumbers(JsonParser p) throws IOException {
    Map<String, Double> out = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      out.put(name, p.getDoubleValue());
    }
    return out;
  }

  private static GpuSample readGpu(JsonParser p) throws IOException {
    Map<String, Double> n = readNumbers(p);
    Double t = n.get("temperature_c");
    return new GpuSample(
        n.get("vram_used_mb"),
        n.get("gpu_utilization_pct"),
        t == null ? OptionalDouble.empty() : OptionalDouble.of(t));
  }

  private static ArtifactRef readThumbnail(JsonParser p) throws IOException {
    Map<String, String> f = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      f.put(name, p.getText());
    }
    return new ArtifactRef(
        ArtifactId.of(f.get("artifact_id")),
        ArtifactKind.valueOf(f.get("kind")),
        f.get("uri"),
        f.get("content_type"),
        Long.parseLong(f.get("size_bytes")),
        Optional.ofNullable(f.get("sha256")),
        f.containsKey("ttl_hours")
            ? OptionalInt.of(Integer.parseInt(f.get("ttl_hours")))
            : OptionalInt.empty());
  }

  private static Map<String, Object> readAttributes(JsonParser p) throws IOException {
    Map<String, Object> out = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      out.put(name, readValue(p, p.nextToken()));
    }
    return out;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(p, e));
        }
        yield list;
      }
      default -> throw new IOException("unexpected " + t + " in stored attributes");
    };
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("stored payload: expected " + expected + ", found " + actual);
    }
  }
}
