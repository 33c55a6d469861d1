package io.ovpo.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: JSON from text with single quotes, and the schema examples. */
final class Json {
  static final String TRACE_ID = "6018366c-f658-47a7-9ed3-4fe53a096533";
  static final String SPAN_ID = "0b3510b0-b46e-41da-b170-17a6205738d1";
  static final String EVENT_ID = "3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b";
  static final String MANIFEST_ID = "9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
  static final String ARTIFACT_ID = "1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f";

  private Json() {}

  /** Parses JSON written with ' for " (readable in Java strings). */
  static JsonNode parse(String singleQuoted) {
    try {
      return WireJson.parse(bytes(singleQuoted));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode object(String singleQuoted) {
    return (ObjectNode) parse(singleQuoted);
  }

  static byte[] bytes(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(UTF_8);
  }

  static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  static ObjectNode minimalTrace() {
    return object(
        "{'trace_id':'"
            + TRACE_ID
            + "','status':'RUNNING','created_at':'2025-03-01T12:00:00.000Z',"
            + "'started_at':'2025-03-01T12:00:01.000Z','pipeline_config_ref':'wan-720p'}");
  }

  static ObjectNode minimalSpan() {
    return object(
        "{'span_id':'"
            + SPAN_ID
            + "','trace_id':'"
            + TRACE_ID
            + "','span_kind':'SAMPLING','name':'denoise','start_time':'2025-03-01T12:00:02.000Z'}");
  }

  static ObjectNode minimalEvent() {
    return object(
        "{'event_id':'"
            + EVENT_ID
            + "','trace_id':'"
            + TRACE_ID
            + "','event_type':'FRAME_GENERATED','frame_index':0,'media_time_ms':0,"
            + "'observed_at':'2025-03-01T12:00:03.000Z'}");
  }

  static ObjectNode artifact(String id) {
    return object(
        "{'artifact_id':'"
            + id
            + "','kind':'VIDEO','uri':'s3://bucket/out.mp4','content_type':'video/mp4',"
            + "'size_bytes':1024}");
  }

  static ObjectNode minimalManifest() {
    ObjectNode m = object("{'manifest_id':'" + MANIFEST_ID + "','trace_id':'" + TRACE_ID + "'}");
    m.putArray("artifacts").add(artifact(ARTIFACT_ID));
    return m;
  }

  /** The canonical schemas folder (set by the build; falls back to the repository layout). */
  static Path schemasDir() {
    return Path.of(System.getProperty("ovpo.schemas.dir", "../schemas/v0.08"));
  }

  static byte[] example(String relative) {
    try {
      return Files.readAllBytes(schemasDir().resolve("examples").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
