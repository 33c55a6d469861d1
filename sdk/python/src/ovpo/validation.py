"""Client-side checks of the v0.08 field rules (spec/v0.08/decisions.md, "Formats").

Each ``validate_*`` function returns a normalised copy (tuples become lists, numpy-style
scalars become ``int``/``float``) or raises :class:`OvpoValidationError` listing every
problem with its field path. :func:`clean` is the fail-open variant the instrumentation uses:
it drops only the offending keys and reports what it dropped.

The server re-validates everything; these checks exist so users get a clear error at the
line that produced the bad value instead of a SCHEMA_VIOLATION seconds later in a log.
"""

from __future__ import annotations

import calendar
import collections.abc
import math
import numbers
import re
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, TypeVar, Union

from .enums import ArtifactKind, FailureCode
from .errors import OvpoValidationError
from .wire import encode_json

Problem = Tuple[str, str]
AttributeScalar = Union[str, int, float, bool]
AttributeValue = Union[AttributeScalar, List[AttributeScalar]]

UUID_V4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIMESTAMP_RE = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})\.[0-9]{3}Z$"
)
HEX64_RE = re.compile(r"^[0-9a-f]{64}$")
ATTRIBUTE_KEY_RE = re.compile(r"^(ovpo|custom)\.[A-Za-z0-9_.-]{1,123}$")
TAG_KEY_RE = re.compile(r"^[a-z0-9_.-]{1,64}$")
METRIC_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
ARTIFACT_URI_RE = re.compile(r"^(s3|ovpo)://\S{1,2040}$")
# type/subtype with RFC 6838 name characters; parameters (";codecs=...") are not allowed.
CONTENT_TYPE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$")
IDEMPOTENCY_KEY_RE = re.compile(r"^[\x21-\x7e]{1,128}$")
API_KEY_RE = re.compile(r"^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$")

#: ``ovpo.`` is reserved for keys the spec defines; v0.08 defines only these (spec 00 §5.1).
#: Anything else of the SDK's or the user's goes under ``custom.``.
DEFINED_OVPO_ATTRIBUTES = frozenset({"ovpo.sdk.name", "ovpo.sdk.version", "ovpo.sdk.language"})

MAX_ATTRIBUTES = 128
MAX_ATTRIBUTE_STRING = 4096
MAX_ATTRIBUTE_ARRAY = 128
MAX_ATTRIBUTES_JSON_BYTES = 32 * 1024
MAX_TAGS = 64
MAX_TAG_VALUE = 256
MAX_QUALITY_METRICS = 32
MAX_INT64 = 9_223_372_036_854_775_807
MAX_MEDIA_TIME_MS = 2**53

# Named quality metrics with a fixed range; any other metric only has to be finite.
QUALITY_METRIC_RANGES = {
    "clip_similarity": (-1.0, 1.0),
    "aesthetic_score": (0.0, 10.0),
    "temporal_consistency": (0.0, 1.0),
}

T = TypeVar("T")

# dict first: isinstance against the typing/abc Mapping alone is slow on the emit path.
_MAPPING = (dict, collections.abc.Mapping)


# -- scalars -----------------------------------------------------------------------------


def _as_number(value: Any) -> Optional[Union[int, float]]:
    """Plain int/float for any real number (numpy scalars included); None if not a number.

    ``bool`` is excluded: it is a separate JSON type.
    """
    kind = type(value)  # exact-type fast paths: ABC checks are slow on the emit path
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is int:
        return value  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)
    return number if math.isfinite(number) else None


def _as_int(value: Any) -> Optional[int]:
    if type(value) is int:
        return value  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return int(value)


def _check_int(
    problems: List[Problem], field: str, value: Any, low: int, high: int
) -> Optional[int]:
    number = _as_int(value)
    if number is None:
        problems.append((field, "must be an integer (got %s)" % type(value).__name__))
    elif not low <= number <= high:
        problems.append((field, "must be between %d and %d (got %d)" % (low, high, number)))
    return number


def _check_number(
    problems: List[Problem],
    field: str,
    value: Any,
    low: float,
    high: float,
    low_exclusive: bool = False,
) -> Optional[Union[int, float]]:
    number = _as_number(value)
    if number is None:
        problems.append((field, "must be a finite number (got %r)" % (value,)))
    elif number < low or number > high or (low_exclusive and number == low):
        bound = "(%s" % low if low_exclusive else "[%s" % low
        problems.append((field, "must be in %s, %s] (got %s)" % (bound, high, number)))
    return number


def _check_string(
    problems: List[Problem],
    field: str,
    value: Any,
    low: int,
    high: int,
    pattern: Optional["re.Pattern[str]"] = None,
) -> Optional[str]:
    if not isinstance(value, str):
        problems.append((field, "must be a string (got %s)" % type(value).__name__))
        return None
    if not low <= len(value) <= high:
        problems.append((field, "length must be %d..%d (got %d)" % (low, high, len(value))))
    elif pattern is not None and not pattern.match(value):
        problems.append((field, "must match %s (got %r)" % (pattern.pattern, value[:80])))
    return value


def _check_enum(problems: List[Problem], field: str, value: Any, enum: Any) -> Optional[str]:
    raw = value.value if isinstance(value, enum) else value
    allowed = [m.value for m in enum]
    if raw not in allowed:
        problems.append((field, "must be one of %s (got %r)" % (", ".join(allowed), value)))
        return None
    return str(raw)


def _raise_if(problems: List[Problem]) -> None:
    if problems:
        raise OvpoValidationError(problems)


def validate_uuid4(value: Any, field: str = "id") -> str:
    """A lower-case UUID v4 string, as every OVPO id must be."""
    problems: List[Problem] = []
    result = _check_string(problems, field, value, 36, 36, UUID_V4_RE)
    _raise_if(problems)
    return result  # type: ignore[return-value]


def validate_sha256_hex(value: Any, field: str = "sha256") -> str:
    problems: List[Problem] = []
    result = _check_string(problems, field, value, 64, 64, HEX64_RE)
    _raise_if(problems)
    return result  # type: ignore[return-value]


def validate_timestamp(value: Any, field: str = "timestamp") -> str:
    """``YYYY-MM-DDTHH:MM:SS.mmmZ`` and a real calendar date."""
    problems: List[Problem] = []
    text = _check_string(problems, field, value, 24, 24, TIMESTAMP_RE)
    if text is not None and not problems:
        match = TIMESTAMP_RE.match(text)
        assert match is not None  # checked by _check_string above
        year, month, day, hour, minute, second = (int(g) for g in match.groups())
        if not (
            1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1]
            and hour < 24
            and minute < 60
            and second < 60
        ):
            problems.append((field, "is not a real date-time (got %r)" % text))
    _raise_if(problems)
    return text  # type: ignore[return-value]


def validate_api_key(value: Any) -> str:
    """``ovpo_<8-16 lower-case alnum prefix>_<32-64 alnum secret>``. Never echoes the secret."""
    if not isinstance(value, str) or not API_KEY_RE.match(value):
        raise OvpoValidationError([("api_key", "must look like ovpo_<prefix>_<secret>")])
    return value


def validate_idempotency_key(value: Any) -> str:
    problems: List[Problem] = []
    result = _check_string(problems, "idempotency_key", value, 1, 128, IDEMPOTENCY_KEY_RE)
    _raise_if(problems)
    return result  # type: ignore[return-value]


# -- attributes and tags ----------------------------------------------------------------


def _attribute_scalar(problems: List[Problem], field: str, value: Any) -> Optional[AttributeScalar]:
    if isinstance(value, (bool, str)):
        if isinstance(value, str) and len(value) > MAX_ATTRIBUTE_STRING:
            problems.append((field, "string longer than %d chars" % MAX_ATTRIBUTE_STRING))
            return None
        return value
    number = _as_number(value)
    if number is None:
        problems.append(
            (field, "must be a string, finite number or boolean (got %s)" % type(value).__name__)
        )
    return number


def _json_size_bound(values: Dict[str, AttributeValue]) -> int:
    """Upper bound of the compact JSON size of validated attributes (no encoding).

    A character takes at most 6 bytes in JSON (``\\u00XX`` escapes; UTF-8 needs at most 4).
    """

    def scalar(value: AttributeScalar) -> int:
        if isinstance(value, str):
            return 6 * len(value) + 2
        if isinstance(value, bool):
            return 5
        return 25 if isinstance(value, float) else len(str(value))

    total = 2
    for key, value in values.items():
        total += 6 * len(key) + 4
        if isinstance(value, list):
            total += 2 + sum(scalar(v) + 1 for v in value)
        else:
            total += scalar(value)
    return total


def validate_attributes(attributes: Any, field: str = "attributes") -> Dict[str, AttributeValue]:
    """Keys ``custom.*`` (or one of the ``ovpo.*`` keys the spec defines, see
    :data:`DEFINED_OVPO_ATTRIBUTES`); values scalars or arrays of scalars; <= 32 KiB JSON.

    Raises:
        OvpoValidationError: e.g. ``attributes/steps: key must start with 'custom.' ...``
            for an un-namespaced key, ``attributes/ovpo.steps: 'ovpo.' is reserved ...``
            for an ``ovpo.`` key v0.08 does not define.
    """
    if not isinstance(attributes, _MAPPING):
        raise OvpoValidationError(
            [(field, "must be an object (got %s)" % type(attributes).__name__)]
        )
    problems: List[Problem] = []
    result: Dict[str, AttributeValue] = {}
    if len(attributes) > MAX_ATTRIBUTES:
        problems.append((field, "at most %d keys (got %d)" % (MAX_ATTRIBUTES, len(attributes))))
    for key, value in attributes.items():
        path = "%s/%s" % (field, key)
        if not isinstance(key, str) or not ATTRIBUTE_KEY_RE.match(key):
            suggestion = re.sub(r"[^A-Za-z0-9_.-]", "_", str(key))[:60] or "name"
            problems.append(
                (
                    path,
                    "key must start with 'custom.' (or be a defined 'ovpo.' key) followed by "
                    "1-123 of [A-Za-z0-9_.-], e.g. 'custom.%s'" % suggestion,
                )
            )
            continue
        if key.startswith("ovpo.") and key not in DEFINED_OVPO_ATTRIBUTES:
            problems.append(
                (
                    path,
                    "'ovpo.' is reserved for keys the spec defines (%s); use 'custom.%s'"
                    % (", ".join(sorted(DEFINED_OVPO_ATTRIBUTES)), key[len("ovpo.") :]),
                )
            )
            continue
        if isinstance(value, (list, tuple)):
            if len(value) > MAX_ATTRIBUTE_ARRAY:
                problems.append((path, "array longer than %d elements" % MAX_ATTRIBUTE_ARRAY))
                continue
            before = len(problems)
            items = [
                _attribute_scalar(problems, "%s/%d" % (path, i), v) for i, v in enumerate(value)
            ]
            if len(problems) == before:
                result[key] = items  # type: ignore[assignment]
        else:
            scalar = _attribute_scalar(problems, path, value)
            if scalar is not None:
                result[key] = scalar
    # Encoding is only needed near the cap; a cheap upper bound settles the usual case.
    if not problems and _json_size_bound(result) > MAX_ATTRIBUTES_JSON_BYTES:
        size = len(encode_json(result))
        if size > MAX_ATTRIBUTES_JSON_BYTES:
            problems.append(
                (
                    field,
                    "compact JSON is %d bytes, at most %d allowed"
                    % (size, MAX_ATTRIBUTES_JSON_BYTES),
                )
            )
    _raise_if(problems)
    return result


def validate_attribute_key(key: Any) -> str:
    """A single attribute key (see :func:`validate_attributes`)."""
    validate_attributes({key: True})
    return key  # type: ignore[no-any-return]


def validate_tags(tags: Any, field: str = "tags") -> Dict[str, str]:
    """At most 64 tags; key ``^[a-z0-9_.-]{1,64}$``; value a string of at most 256 chars."""
    if not isinstance(tags, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(tags).__name__)])
    problems: List[Problem] = []
    if len(tags) > MAX_TAGS:
        problems.append((field, "at most %d tags (got %d)" % (MAX_TAGS, len(tags))))
    for key, value in tags.items():
        path = "%s/%s" % (field, key)
        if not isinstance(key, str) or not TAG_KEY_RE.match(key):
            problems.append(
                (path, "key must match %s (lower case; got %r)" % (TAG_KEY_RE.pattern, key))
            )
        elif not isinstance(value, str):
            problems.append((path, "value must be a string (got %s)" % type(value).__name__))
        elif len(value) > MAX_TAG_VALUE:
            problems.append((path, "value longer than %d chars" % MAX_TAG_VALUE))
    _raise_if(problems)
    return dict(tags)


def validate_quality_metrics(
    metrics: Any, field: str = "quality_metrics"
) -> Dict[str, Union[int, float]]:
    """Name -> finite number; clip_similarity, aesthetic_score, temporal_consistency ranged."""
    if not isinstance(metrics, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(metrics).__name__)])
    problems: List[Problem] = []
    result: Dict[str, Union[int, float]] = {}
    if len(metrics) > MAX_QUALITY_METRICS:
        problems.append(
            (field, "at most %d metrics (got %d)" % (MAX_QUALITY_METRICS, len(metrics)))
        )
    for name, value in metrics.items():
        path = "%s/%s" % (field, name)
        if not isinstance(name, str) or not METRIC_NAME_RE.match(name):
            problems.append((path, "name must match %s" % METRIC_NAME_RE.pattern))
            continue
        low, high = QUALITY_METRIC_RANGES.get(name, (-math.inf, math.inf))
        number = _check_number(problems, path, value, low, high)
        if number is not None and low <= number <= high:
            result[name] = number
    _raise_if(problems)
    return result


def validate_gpu_sample(gpu: Any, field: str = "gpu") -> Dict[str, Union[int, float]]:
    """``{vram_used_mb >= 0, gpu_utilization_pct 0..100, temperature_c? -50..150}``."""
    if not isinstance(gpu, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(gpu).__name__)])
    problems: List[Problem] = []
    allowed = {"vram_used_mb", "gpu_utilization_pct", "temperature_c"}
    for extra in sorted(set(gpu) - allowed, key=str):
        problems.append(
            ("%s/%s" % (field, extra), "unknown field (allowed: %s)" % ", ".join(sorted(allowed)))
        )
    result: Dict[str, Union[int, float]] = {}
    for name, low, high, required in (
        ("vram_used_mb", 0.0, math.inf, True),
        ("gpu_utilization_pct", 0.0, 100.0, True),
        ("temperature_c", -50.0, 150.0, False),
    ):
        if name not in gpu or gpu[name] is None:
            if required:
                problems.append(("%s/%s" % (field, name), "is required"))
            continue
        number = _check_number(problems, "%s/%s" % (field, name), gpu[name], low, high)
        if number is not None:
            result[name] = number
    _raise_if(problems)
    return result


# -- composite objects ------------------------------------------------------------------


def validate_artifact_ref(ref: Any, field: str = "artifact") -> Dict[str, Any]:
    """An artifact reference (manifest entry or frame_event.thumbnail)."""
    if not isinstance(ref, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(ref).__name__)])
    problems: List[Problem] = []
    allowed = {"artifact_id", "kind", "uri", "content_type", "size_bytes", "sha256", "ttl_hours"}
    for extra in sorted(set(ref) - allowed, key=str):
        problems.append(("%s/%s" % (field, extra), "unknown field"))
    out: Dict[str, Any] = {}
    out["artifact_id"] = _check_string(
        problems, field + "/artifact_id", ref.get("artifact_id"), 36, 36, UUID_V4_RE
    )
    out["kind"] = _check_enum(problems, field + "/kind", ref.get("kind"), ArtifactKind)
    out["uri"] = _check_string(problems, field + "/uri", ref.get("uri"), 6, 2048, ARTIFACT_URI_RE)
    out["content_type"] = _check_string(
        problems, field + "/content_type", ref.get("content_type"), 3, 255, CONTENT_TYPE_RE
    )
    out["size_bytes"] = _check_int(
        problems, field + "/size_bytes", ref.get("size_bytes"), 0, MAX_INT64
    )
    if ref.get("sha256") is not None:
        out["sha256"] = _check_string(problems, field + "/sha256", ref["sha256"], 64, 64, HEX64_RE)
    if ref.get("ttl_hours") is not None:
        out["ttl_hours"] = _check_int(problems, field + "/ttl_hours", ref["ttl_hours"], 1, 87_600)
    _raise_if(problems)
    return out


def validate_pipeline_config(config: Any, field: str = "pipeline_config") -> Dict[str, Any]:
    """The closed ``pipeline_config`` object, ranges per decisions.md."""
    if not isinstance(config, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(config).__name__)])
    problems: List[Problem] = []
    allowed = {
        "model_name",
        "model_version",
        "width",
        "height",
        "fps",
        "num_frames",
        "steps",
        "guidance_scale",
        "seed",
        "scheduler",
        "hardware",
    }
    for extra in sorted(set(config) - allowed, key=str):
        problems.append(("%s/%s" % (field, extra), "unknown field (put extra data in attributes)"))
    out: Dict[str, Any] = {}
    out["model_name"] = _check_string(
        problems, field + "/model_name", config.get("model_name"), 1, 256
    )
    if config.get("model_version") is not None:
        out["model_version"] = _check_string(
            problems, field + "/model_version", config["model_version"], 1, 128
        )
    out["width"] = _check_int(problems, field + "/width", config.get("width"), 1, 16384)
    out["height"] = _check_int(problems, field + "/height", config.get("height"), 1, 16384)
    out["fps"] = _check_number(
        problems, field + "/fps", config.get("fps"), 0.0, 1000.0, low_exclusive=True
    )
    out["num_frames"] = _check_int(
        problems, field + "/num_frames", config.get("num_frames"), 1, 10_000_000
    )
    if config.get("steps") is not None:
        out["steps"] = _check_int(problems, field + "/steps", config["steps"], 1, 10_000)
    if config.get("guidance_scale") is not None:
        out["guidance_scale"] = _check_number(
            problems, field + "/guidance_scale", config["guidance_scale"], 0.0, 100.0
        )
    if config.get("seed") is not None:
        out["seed"] = _check_int(problems, field + "/seed", config["seed"], 0, MAX_INT64)
    if config.get("scheduler") is not None:
        out["scheduler"] = _check_string(
            problems, field + "/scheduler", config["scheduler"], 1, 128
        )
    hardware = config.get("hardware")
    if not isinstance(hardware, _MAPPING):
        problems.append((field + "/hardware", "is required: {gpu_type, gpu_count}"))
    else:
        for extra in sorted(set(hardware) - {"gpu_type", "gpu_count"}, key=str):
            problems.append(("%s/hardware/%s" % (field, extra), "unknown field"))
        out["hardware"] = {
            "gpu_type": _check_string(
                problems, field + "/hardware/gpu_type", hardware.get("gpu_type"), 1, 64
            ),
            "gpu_count": _check_int(
                problems, field + "/hardware/gpu_count", hardware.get("gpu_count"), 1, 1024
            ),
        }
    _raise_if(problems)
    return out


def validate_failure(failure: Any, field: str = "failure") -> Dict[str, Any]:
    """``{code, message 1..4096, span_id?, retryable}`` of a FAILED trace."""
    if not isinstance(failure, _MAPPING):
        raise OvpoValidationError([(field, "must be an object (got %s)" % type(failure).__name__)])
    problems: List[Problem] = []
    for extra in sorted(set(failure) - {"code", "message", "span_id", "retryable"}, key=str):
        problems.append(("%s/%s" % (field, extra), "unknown field"))
    out: Dict[str, Any] = {
        "code": _check_enum(problems, field + "/code", failure.get("code"), FailureCode),
        "message": _check_string(problems, field + "/message", failure.get("message"), 1, 4096),
    }
    if failure.get("span_id") is not None:
        out["span_id"] = _check_string(
            problems, field + "/span_id", failure["span_id"], 36, 36, UUID_V4_RE
        )
    if not isinstance(failure.get("retryable"), bool):
        problems.append((field + "/retryable", "is required and must be a boolean"))
    out["retryable"] = failure.get("retryable")
    _raise_if(problems)
    return out


# -- fail-open cleaning -----------------------------------------------------------------


def clean(
    validate: Callable[..., Dict[str, T]], values: Any, field: str
) -> Tuple[Dict[str, T], List[Problem]]:
    """Fail-open form of a mapping validator: keep what is valid, report what was dropped.

    Keys named by a problem are dropped; if the object is still invalid as a whole (too many
    keys, too large) the most recently inserted keys are dropped until it passes, so the
    caller's first, usually most important, values survive.
    """
    try:
        return validate(values, field), []
    except OvpoValidationError as error:
        problems = error.problems
    if not isinstance(values, _MAPPING):
        return {}, problems
    prefix = field + "/"
    bad = {
        k
        for k in values
        for f, _ in problems
        if f == prefix + str(k) or f.startswith(prefix + str(k) + "/")
    }
    kept = {k: v for k, v in values.items() if k not in bad}
    while kept:
        try:
            return validate(kept, field), problems
        except OvpoValidationError:
            kept.popitem()
    return {}, problems
