"""Wire-format primitives of OVPO v0.08: ids, timestamps, limits and item encoding.

Everything here is fixed by DESIGN.md section 3-4 and spec/v0.08/decisions.md; the rest of
the SDK builds on these helpers so that a format rule lives in exactly one place.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Mapping, Optional

#: Value of the ``X-OVPO-Schema-Version`` header and the contract this SDK speaks.
SCHEMA_VERSION = "0.08"

#: Ingest path, relative to the collector endpoint.
INGEST_PATH = "/v1/ingest/batch"

#: Largest accepted request body after decoding (5 MiB).
MAX_BODY_BYTES = 5 * 1024 * 1024

#: Most items one batch may carry.
MAX_BATCH_ITEMS = 10_000

_BODY_PREFIX = b'{"items":['
_BODY_SUFFIX = b"]}"
#: Bytes a batch body adds around its items (prefix + suffix); each further item adds a comma.
BODY_OVERHEAD = len(_BODY_PREFIX) + len(_BODY_SUFFIX)

ITEM_TRACE = "trace"
ITEM_SPAN = "span"
ITEM_FRAME_EVENT = "frame_event"
ITEM_ARTIFACT_MANIFEST = "artifact_manifest"


def new_id() -> str:
    """A fresh lower-case UUID v4 from ``os.urandom`` (a CSPRNG).

    Same result as ``str(uuid.uuid4())``, formatted directly because ids are drawn on the
    emit path, once per frame event.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def format_timestamp(epoch_seconds: float) -> str:
    """RFC 3339 UTC with exactly millisecond precision: ``YYYY-MM-DDTHH:MM:SS.mmmZ``.

    Milliseconds are truncated, not rounded, so a timestamp never lies in the future of the
    instant it describes (the collector rejects observed_at more than 5 s ahead of it).
    """
    millis = int(epoch_seconds * 1000)
    seconds, ms = divmod(millis, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + ".%03dZ" % ms


def now_timestamp() -> str:
    """The system clock, formatted for the wire (observed_at is taken from it)."""
    return format_timestamp(time.time())


# Built once: json.dumps with non-default options constructs a new encoder per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; NaN and infinities raise ``ValueError`` (they are not JSON)."""
    return _ENCODER.encode(value).encode("utf-8")


def encode_item(item_type: str, data: Mapping[str, Any]) -> bytes:
    """One batch item, ``{"item_type": ..., "data": {...}}``, encoded once at emit time.

    Encoding early snapshots the caller's values (later mutation cannot change what is sent)
    and gives the exact byte size the ring buffer and the batch splitter account with.
    """
    return encode_json({"item_type": item_type, "data": data})


def batch_body(items: "list[bytes]") -> bytes:
    """Join pre-encoded items into a request body; its size is ``batch_size(items)``."""
    return _BODY_PREFIX + b",".join(items) + _BODY_SUFFIX


def batch_size(item_sizes_total: int, count: int) -> int:
    """Exact body size for ``count`` items whose encodings add up to ``item_sizes_total``."""
    return BODY_OVERHEAD + item_sizes_total + max(count - 1, 0)


def drop_none(data: Mapping[str, Optional[Any]]) -> "dict[str, Any]":
    """Copy without the ``None`` values: optional fields are omitted, never sent as null."""
    return {k: v for k, v in data.items() if v is not None}
