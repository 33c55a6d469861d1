"""An independent checker of the v0.08 wire format (DESIGN.md section 3-4, decisions.md).

Written from the documents, not from the SDK's validation module, so a bug there cannot hide
a bug in what the SDK sends. ``check_item`` returns a list of problems (empty = valid).
"""

from __future__ import annotations

import calendar
import json
import math
import re
from typing import Any, Dict, List

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TS = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.[0-9]{3}Z$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
ATTR_KEY = re.compile(r"^(ovpo|custom)\.[A-Za-z0-9_.-]{1,123}$")
TAG_KEY = re.compile(r"^[a-z0-9_.-]{1,64}$")
METRIC = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
URI = re.compile(r"^(s3|ovpo)://\S{1,2040}$")
CONTENT_TYPE = re.compile(r"^[^\s/]+/[^\s/]+$")
IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,128}$")

TRACE_STATUS = {"PENDING", "RUNNING", "COMPLETED", "FAILED", "PARTIAL", "CANCELLED"}
TERMINAL = {"COMPLETED", "FAILED", "PARTIAL", "CANCELLED"}
SPAN_KIND = {
    "LOAD",
    "TEXT_ENCODE",
    "SAMPLING",
    "DECODE",
    "OUTPUT_ENCODE",
    "UPSCALE",
    "INTERPOLATE",
    "SAFETY_CHECK",
    "CUSTOM",
}
SPAN_STATUS = {"OK", "ERROR", "UNSET"}
EVENT_TYPE = {"FRAME_GENERATED", "FRAME_DECODED", "FRAME_ERROR", "GPU_SAMPLE"}
FAILURE_CODE = {"OOM", "TIMEOUT", "MODEL_ERROR", "INVALID_INPUT", "INFRA", "CANCELLED", "UNKNOWN"}
ARTIFACT_KIND = {"VIDEO", "THUMBNAIL", "FRAME", "LATENT", "LOG"}


class _Checker:
    def __init__(self) -> None:
        self.problems: List[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append("%s: %s" % (path, message))

    def closed(self, path: str, obj: Any, required: set, optional: set) -> bool:
        if not isinstance(obj, dict):
            self.fail(path, "not an object")
            return False
        for key in required - set(obj):
            self.fail(path, "missing %s" % key)
        for key in set(obj) - required - optional:
            self.fail(path, "unexpected field %s" % key)
        return True

    def uuid(self, path: str, value: Any) -> None:
        if not isinstance(value, str) or not UUID4.match(value):
            self.fail(path, "not a lower-case uuid4: %r" % (value,))

    def ts(self, path: str, value: Any) -> None:
        m = TS.match(value) if isinstance(value, str) else None
        if not m:
            self.fail(path, "bad timestamp %r" % (value,))
            return
        y, mo, d, h, mi, s = (int(g) for g in m.groups())
        if not (
            1 <= mo <= 12
            and 1 <= d <= calendar.monthrange(y, mo)[1]
            and h < 24
            and mi < 60
            and s < 60
        ):
            self.fail(path, "not a real date %r" % value)

    def integer(self, path: str, value: Any, low: int, high: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(path, "not an integer in [%d, %d]: %r" % (low, high, value))

    def number(
        self, path: str, value: Any, low: float, high: float, low_open: bool = False
    ) -> None:
        ok = (
            not isinstance(value, bool)
            and isinstance(value, (int, float))
            and math.isfinite(value)
            and low <= value <= high
            and not (low_open and value == low)
        )
        if not ok:
            self.fail(path, "not a number in [%s, %s]: %r" % (low, high, value))

    def string(self, path: str, value: Any, low: int, high: int, pattern: Any = None) -> None:
        if (
            not isinstance(value, str)
            or not low <= len(value) <= high
            or (pattern and not pattern.match(value))
        ):
            self.fail(path, "bad string %r" % (value,))

    def enum(self, path: str, value: Any, allowed: set) -> None:
        if value not in allowed:
            self.fail(path, "%r not in %s" % (value, sorted(allowed)))

    def attributes(self, path: str, attrs: Any) -> None:
        if not isinstance(attrs, dict) or len(attrs) > 128:
            self.fail(path, "not an object of <= 128 keys")
            return
        for key, value in attrs.items():
            if not ATTR_KEY.match(key):
                self.fail(path, "bad attribute key %r" % key)
            values = value if isinstance(value, list) else [value]
            if isinstance(value, list) and len(value) > 128:
                self.fail(path + "/" + key, "array > 128")
            for v in values:
                if isinstance(v, str):
                    if len(v) > 4096:
                        self.fail(path + "/" + key, "string > 4096")
                elif isinstance(v, bool):
                    pass
                elif isinstance(v, (int, float)):
                    if not math.isfinite(v):
                        self.fail(path + "/" + key, "not finite")
                else:
                    self.fail(path + "/" + key, "bad value type %s" % type(v).__name__)
        if len(json.dumps(attrs, separators=(",", ":"), ensure_ascii=False).encode()) > 32 * 1024:
            self.fail(path, "attributes over 32 KiB")

    def tags(self, path: str, tags: Any) -> None:
        if not isinstance(tags, dict) or len(tags) > 64:
            self.fail(path, "not an object of <= 64 tags")
            return
        for key, value in tags.items():
            if not TAG_KEY.match(key) or not isinstance(value, str) or len(value) > 256:
                self.fail(path, "bad tag %r=%r" % (key, value))

    def artifact(self, path: str, ref: Any) -> None:
        if not self.closed(
            path,
            ref,
            {"artifact_id", "kind", "uri", "content_type", "size_bytes"},
            {"sha256", "ttl_hours"},
        ):
            return
        self.uuid(path + "/artifact_id", ref.get("artifact_id"))
        self.enum(path + "/kind", ref.get("kind"), ARTIFACT_KIND)
        self.string(path + "/uri", ref.get("uri"), 1, 4096, URI)
        self.string(path + "/content_type", ref.get("content_type"), 3, 255, CONTENT_TYPE)
        self.integer(path + "/size_bytes", ref.get("size_bytes"), 0, 2**63 - 1)
        if "sha256" in ref:
            self.string(path + "/sha256", ref["sha256"], 64, 64, HEX64)
        if "ttl_hours" in ref:
            self.integer(path + "/ttl_hours", ref["ttl_hours"], 1, 87600)

    # -- entities ------------------------------------------------------------------------

    def trace(self, d: Dict[str, Any]) -> None:
        p = "/data"
        if not self.closed(
            p,
            d,
            {"trace_id", "status", "created_at"},
            {
                "started_at",
                "ended_at",
                "pipeline_config",
                "pipeline_config_ref",
                "prompt_hash",
                "user_id_hash",
                "tags",
                "attributes",
                "failure",
                "expected_frames",
                "legal_hold",
            },
        ):
            return
        self.uuid(p + "/trace_id", d.get("trace_id"))
        self.enum(p + "/status", d.get("status"), TRACE_STATUS)
        for f in ("created_at", "started_at", "ended_at"):
            if f in d:
                self.ts(p + "/" + f, d[f])
        if d.get("started_at") and d.get("created_at") and d["started_at"] < d["created_at"]:
            self.fail(p, "started_at before created_at")
        if "ended_at" in d:
            if d.get("status") not in TERMINAL:
                self.fail(p, "ended_at on a non-terminal status")
            if d["ended_at"] < d.get("started_at", d.get("created_at", "")):
                self.fail(p, "ended_at before start")
        if ("pipeline_config" in d) == ("pipeline_config_ref" in d):
            self.fail(p, "exactly one of pipeline_config / pipeline_config_ref")
        if "pipeline_config" in d:
            c = d["pipeline_config"]
            if self.closed(
                p + "/pipeline_config",
                c,
                {"model_name", "width", "height", "fps", "num_frames", "hardware"},
                {"model_version", "steps", "guidance_scale", "seed", "scheduler"},
            ):
                self.string(p + "/pipeline_config/model_name", c.get("model_name"), 1, 256)
                self.integer(p + "/pipeline_config/width", c.get("width"), 1, 16384)
                self.integer(p + "/pipeline_config/height", c.get("height"), 1, 16384)
                self.number(p + "/pipeline_config/fps", c.get("fps"), 0, 1000, low_open=True)
                self.integer(p + "/pipeline_config/num_frames", c.get("num_frames"), 1, 10_000_000)
                if "steps" in c:
                    self.integer(p + "/pipeline_config/steps", c["steps"], 1, 10000)
                if "guidance_scale" in c:
                    self.number(p + "/pipeline_config/guidance_scale", c["guidance_scale"], 0, 100)
                if "seed" in c:
                    self.integer(p + "/pipeline_config/seed", c["seed"], 0, 2**63 - 1)
                if "model_version" in c:
                    self.string(p + "/pipeline_config/model_version", c["model_version"], 1, 128)
                if "scheduler" in c:
                    self.string(p + "/pipeline_config/scheduler", c["scheduler"], 1, 128)
                h = c.get("hardware")
                if self.closed(
                    p + "/pipeline_config/hardware", h, {"gpu_type", "gpu_count"}, set()
                ):
                    self.string(p + "/pipeline_config/hardware/gpu_type", h.get("gpu_type"), 1, 64)
                    self.integer(
                        p + "/pipeline_config/hardware/gpu_count", h.get("gpu_count"), 1, 1024
                    )
        if "pipeline_config_ref" in d:
            self.string(p + "/pipeline_config_ref", d["pipeline_config_ref"], 1, 256)
        for f in ("prompt_hash", "user_id_hash"):
            if f in d:
                self.string(p + "/" + f, d[f], 64, 64, HEX64)
        if "tags" in d:
            self.tags(p + "/tags", d["tags"])
        if "attributes" in d:
            self.attributes(p + "/attributes", d["attributes"])
        if (d.get("status") == "FAILED") != ("failure" in d):
            self.fail(p, "failure is required iff status is FAILED")
        if "failure" in d:
            f = d["failure"]
            if self.closed(p + "/failure", f, {"code", "message", "retryable"}, {"span_id"}):
                self.enum(p + "/failure/code", f.get("code"), FAILURE_CODE)
                self.string(p + "/failure/message", f.get("message"), 1, 4096)
                if not isinstance(f.get("retryable"), bool):
                    self.fail(p + "/failure/retryable", "not a boolean")
                if "span_id" in f:
                    self.uuid(p + "/failure/span_id", f["span_id"])
        if "expected_frames" in d:
            self.integer(p + "/expected_frames", d["expected_frames"], 0, 10_000_000)
        if "legal_hold" in d and not isinstance(d["legal_hold"], bool):
            self.fail(p + "/legal_hold", "not a boolean")

    def span(self, d: Dict[str, Any]) -> None:
        p = "/data"
        if not self.closed(
            p,
            d,
            {"span_id", "trace_id", "span_kind", "name", "start_time"},
            {"parent_span_id", "end_time", "status", "attributes"},
        ):
            return
        self.uuid(p + "/span_id", d.get("span_id"))
        self.uuid(p + "/trace_id", d.get("trace_id"))
        if "parent_span_id" in d:
            self.uuid(p + "/parent_span_id", d["parent_span_id"])
            if d["parent_span_id"] == d.get("span_id"):
                self.fail(p, "parent_span_id == span_id")
        self.enum(p + "/span_kind", d.get("span_kind"), SPAN_KIND)
        self.string(p + "/name", d.get("name"), 1, 256)
        self.ts(p + "/start_time", d.get("start_time"))
        if "end_time" in d:
            self.ts(p + "/end_time", d["end_time"])
            if d["end_time"] < d.get("start_time", ""):
                self.fail(p, "end_time before start_time")
        if "status" in d:
            self.enum(p + "/status", d["status"], SPAN_STATUS)
        if "attributes" in d:
            self.attributes(p + "/attributes", d["attributes"])

    def frame_event(self, d: Dict[str, Any]) -> None:
        p = "/data"
        if not self.closed(
            p,
            d,
            {"event_id", "trace_id", "event_type", "frame_index", "media_time_ms", "observed_at"},
            {"span_id", "quality_metrics", "gpu", "thumbnail", "attributes"},
        ):
            return
        self.uuid(p + "/event_id", d.get("event_id"))
        self.uuid(p + "/trace_id", d.get("trace_id"))
        if "span_id" in d:
            self.uuid(p + "/span_id", d["span_id"])
        self.enum(p + "/event_type", d.get("event_type"), EVENT_TYPE)
        self.integer(p + "/frame_index", d.get("frame_index"), 0, 10_000_000)
        self.integer(p + "/media_time_ms", d.get("media_time_ms"), 0, 2**53)
        self.ts(p + "/observed_at", d.get("observed_at"))
        if "quality_metrics" in d:
            q = d["quality_metrics"]
            if not isinstance(q, dict) or len(q) > 32:
                self.fail(p + "/quality_metrics", "not an object of <= 32")
            else:
                ranges = {
                    "clip_similarity": (-1, 1),
                    "aesthetic_score": (0, 10),
                    "temporal_consistency": (0, 1),
                }
                for name, value in q.items():
                    if not METRIC.match(name):
                        self.fail(p + "/quality_metrics", "bad metric name %r" % name)
                    low, high = ranges.get(name, (-math.inf, math.inf))
                    self.number(p + "/quality_metrics/" + name, value, low, high)
        if "gpu" in d:
            g = d["gpu"]
            if self.closed(
                p + "/gpu", g, {"vram_used_mb", "gpu_utilization_pct"}, {"temperature_c"}
            ):
                self.number(p + "/gpu/vram_used_mb", g.get("vram_used_mb"), 0, math.inf)
                self.number(p + "/gpu/gpu_utilization_pct", g.get("gpu_utilization_pct"), 0, 100)
                if "temperature_c" in g:
                    self.number(p + "/gpu/temperature_c", g["temperature_c"], -50, 150)
        if "thumbnail" in d:
            self.artifact(p + "/thumbnail", d["thumbnail"])
        if "attributes" in d:
            self.attributes(p + "/attributes", d["attributes"])

    def artifact_manifest(self, d: Dict[str, Any]) -> None:
        p = "/data"
        if not self.closed(p, d, {"manifest_id", "trace_id", "artifacts"}, set()):
            return
        self.uuid(p + "/manifest_id", d.get("manifest_id"))
        self.uuid(p + "/trace_id", d.get("trace_id"))
        arts = d.get("artifacts")
        if not isinstance(arts, list) or not 1 <= len(arts) <= 1000:
            self.fail(p + "/artifacts", "needs 1..1000 artifacts")
            return
        for i, ref in enumerate(arts):
            self.artifact("%s/artifacts/%d" % (p, i), ref)
        ids = [a.get("artifact_id") for a in arts if isinstance(a, dict)]
        if len(ids) != len(set(ids)):
            self.fail(p + "/artifacts", "duplicate artifact_id")


def check_item(item: Any) -> List[str]:
    """Problems of one batch item ``{"item_type", "data"}`` (empty list when valid)."""
    checker = _Checker()
    if not checker.closed("", item, {"item_type", "data"}, set()):
        return checker.problems
    kind = item["item_type"]
    handler = {
        "trace": checker.trace,
        "span": checker.span,
        "frame_event": checker.frame_event,
        "artifact_manifest": checker.artifact_manifest,
    }.get(kind)
    if handler is None:
        return ["item_type %r unknown" % kind]
    handler(item["data"])
    return ["%s: %s" % (kind, p) for p in checker.problems]


def check_request(headers: Dict[str, str], body: bytes) -> List[str]:
    """Problems of a whole ingest request: headers, size, batch shape and every item."""
    problems: List[str] = []
    lower = {k.lower(): v for k, v in headers.items()}
    if not lower.get("authorization", "").startswith("Bearer "):
        problems.append("Authorization: Bearer missing")
    if lower.get("x-ovpo-schema-version") != "0.08":
        problems.append("X-OVPO-Schema-Version is not 0.08")
    if lower.get("content-type", "").split(";")[0].strip() != "application/json":
        problems.append("Content-Type is not application/json")
    key = lower.get("idempotency-key")
    if key is not None and not IDEMPOTENCY_KEY.match(key):
        problems.append("bad Idempotency-Key %r" % key)
    if len(body) > 5 * 1024 * 1024:
        problems.append("body over 5 MiB (%d)" % len(body))
    try:
        batch = json.loads(body.decode("utf-8"))
    except ValueError as error:
        return problems + ["malformed JSON: %s" % error]
    if (
        not isinstance(batch, dict)
        or set(batch) != {"items"}
        or not isinstance(batch["items"], list)
        or not 1 <= len(batch["items"]) <= 10000
    ):
        return problems + ['batch must be {"items": [1..10000]}']
    for i, item in enumerate(batch["items"]):
        problems.extend("item %d %s" % (i, p) for p in check_item(item))
    return problems
