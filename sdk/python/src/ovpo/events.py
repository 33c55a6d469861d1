"""Construction of frame-event entities for :class:`~ovpo.trace.TraceContext`.

Required fields decide whether an event exists at all (an invalid ``frame_index`` drops
it); optional parts (metrics, GPU reading, thumbnail, attributes) are validated one by one
and an invalid part is dropped while the event is kept.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

from ._scope import to_enum
from .enums import FrameEventType
from .errors import OvpoValidationError
from .gpu import GpuSample
from .span import SpanContext
from .validation import (
    MAX_MEDIA_TIME_MS,
    Problem,
    _as_int,
    _as_number,
    validate_artifact_ref,
    validate_attributes,
    validate_gpu_sample,
    validate_quality_metrics,
    validate_uuid4,
)
from .wire import format_timestamp, new_id

if TYPE_CHECKING:
    from .trace import TraceContext

MAX_FRAME_INDEX = 10_000_000


def frame_event(
    trace: "TraceContext",
    frame_index: Any,
    event_type: Any,
    media_time_ms: Optional[float],
    observed_at: Optional[float],
    fps: Optional[float],
) -> Optional[Dict[str, Any]]:
    """The required fields of a frame event, or None (after reporting) if one is invalid."""
    problems: List[Problem] = []
    index = _as_int(frame_index)
    if index is None or not 0 <= index <= MAX_FRAME_INDEX:
        problems.append(("frame_index", "must be an integer 0..10000000 (got %r)" % (frame_index,)))
    try:
        kind = to_enum(FrameEventType, event_type, "event_type")
    except OvpoValidationError as error:
        problems.extend(error.problems)
    media = _media_time(index, media_time_ms, fps, problems)
    if problems:
        trace.client._problem(problems, item_dropped=True)
        return None
    return {
        "event_id": new_id(),
        "trace_id": trace.trace_id,
        "event_type": kind.value,
        "frame_index": index,
        "media_time_ms": media,
        "observed_at": format_timestamp(time.time() if observed_at is None else observed_at),
    }


def gpu_sample_event(trace_id: str, seq: int, elapsed_sec: float) -> Dict[str, Any]:
    """A GPU_SAMPLE event: ``frame_index`` = sample number, ``media_time_ms`` = elapsed ms."""
    return {
        "event_id": new_id(),
        "trace_id": trace_id,
        "event_type": FrameEventType.GPU_SAMPLE.value,
        "frame_index": seq,
        "media_time_ms": max(0, int(elapsed_sec * 1000)),
        "observed_at": format_timestamp(time.time()),
    }


def _media_time(
    index: Optional[int],
    media_time_ms: Optional[float],
    fps: Optional[float],
    problems: List[Problem],
) -> Optional[int]:
    if media_time_ms is None:
        if fps is None:
            problems.append(
                ("media_time_ms", "is required when the trace has no pipeline_config.fps")
            )
            return None
        return int(index * 1000 / fps) if index is not None else None
    number = _as_number(media_time_ms)
    if number is None or not 0 <= number <= MAX_MEDIA_TIME_MS:
        problems.append(("media_time_ms", "must be a number 0..2^53 (got %r)" % (media_time_ms,)))
        return None
    return int(round(number))


def fill_optional(
    trace: "TraceContext",
    data: Dict[str, Any],
    span: Optional[Union[SpanContext, str]],
    quality_metrics: Optional[Mapping[str, float]],
    gpu: Optional[Union[GpuSample, Mapping[str, float]]],
    thumbnail: Optional[Mapping[str, Any]],
    attributes: Optional[Mapping[str, Any]],
) -> None:
    """Add the optional parts of a frame event to ``data``; invalid parts are dropped."""
    client = trace.client
    span_id = span.span_id if isinstance(span, SpanContext) else span
    if span_id is None:
        span_id = trace._default_span_id()
    elif client._checked(validate_uuid4, span_id, "span_id") is None:
        span_id = None
    if span_id is not None:
        data["span_id"] = span_id
    if quality_metrics:
        metrics = client._clean(validate_quality_metrics, quality_metrics, "quality_metrics")
        if metrics:
            data["quality_metrics"] = metrics
    if gpu is None:
        wire_gpu = client._latest_gpu()
    else:
        raw = gpu.to_wire() if isinstance(gpu, GpuSample) else gpu
        wire_gpu = client._checked(validate_gpu_sample, raw, "gpu")
    if wire_gpu:
        data["gpu"] = wire_gpu
    if thumbnail is not None:
        ref = client._checked(validate_artifact_ref, thumbnail, "thumbnail")
        if ref is not None:
            data["thumbnail"] = ref
    if attributes:
        cleaned = client._clean(validate_attributes, attributes, "attributes")
        if cleaned:
            data["attributes"] = cleaned
