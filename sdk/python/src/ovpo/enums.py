"""Enumerations of the v0.08 wire format.

They subclass ``str`` so a member can be passed wherever a plain string is accepted and is
encoded to JSON as its value.
"""

from __future__ import annotations

from enum import Enum


class _WireEnum(str, Enum):
    def __str__(self) -> str:  # the value, not "Class.MEMBER", in messages and f-strings
        return str(self.value)


class SpanKind(_WireEnum):
    """Stage of a video-generation pipeline a span measures."""

    LOAD = "LOAD"
    TEXT_ENCODE = "TEXT_ENCODE"
    SAMPLING = "SAMPLING"
    DECODE = "DECODE"
    OUTPUT_ENCODE = "OUTPUT_ENCODE"
    UPSCALE = "UPSCALE"
    INTERPOLATE = "INTERPOLATE"
    SAFETY_CHECK = "SAFETY_CHECK"
    CUSTOM = "CUSTOM"


class TraceStatus(_WireEnum):
    """Lifecycle of a trace: PENDING -> RUNNING -> one terminal status."""

    PENDING = "PENDING"
    RUNNING = "RUNNING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    PARTIAL = "PARTIAL"
    CANCELLED = "CANCELLED"

    @property
    def terminal(self) -> bool:
        return self not in (TraceStatus.PENDING, TraceStatus.RUNNING)


class SpanStatus(_WireEnum):
    OK = "OK"
    ERROR = "ERROR"
    UNSET = "UNSET"


class FrameEventType(_WireEnum):
    FRAME_GENERATED = "FRAME_GENERATED"
    FRAME_DECODED = "FRAME_DECODED"
    FRAME_ERROR = "FRAME_ERROR"
    GPU_SAMPLE = "GPU_SAMPLE"


class FailureCode(_WireEnum):
    """``failure.code`` of a FAILED trace."""

    OOM = "OOM"
    TIMEOUT = "TIMEOUT"
    MODEL_ERROR = "MODEL_ERROR"
    INVALID_INPUT = "INVALID_INPUT"
    INFRA = "INFRA"
    CANCELLED = "CANCELLED"
    UNKNOWN = "UNKNOWN"


class ArtifactKind(_WireEnum):
    VIDEO = "VIDEO"
    THUMBNAIL = "THUMBNAIL"
    FRAME = "FRAME"
    LATENT = "LATENT"
    LOG = "LOG"
