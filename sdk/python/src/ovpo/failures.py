"""Mapping of a pipeline exception to a trace outcome (status and ``failure`` object).

Only cheap, dependency-free checks: class names and messages, so torch/CUDA exceptions are
recognised without importing torch. Call ``trace.fail(...)`` before raising to override.
"""

from __future__ import annotations

import asyncio
from typing import Optional, Tuple

from .enums import FailureCode, TraceStatus

MAX_MESSAGE = 4096

# Message fragments of CUDA/torch/JAX allocator failures (which are often RuntimeError).
_OOM_MARKERS = ("out of memory", "outofmemory", "resource_exhausted")


def _names(exc: BaseException) -> Tuple[str, ...]:
    return tuple(cls.__name__.lower() for cls in type(exc).__mro__)


def classify(exc: BaseException) -> Tuple[TraceStatus, Optional[FailureCode], bool]:
    """``(status, failure code or None, retryable)`` for an exception ending a trace.

    KeyboardInterrupt, task cancellation and SystemExit(non-zero) cancel the trace
    (a failure object is only allowed on FAILED); ``SystemExit(0)`` completes it.
    """
    if isinstance(exc, SystemExit):
        return (
            (TraceStatus.COMPLETED, None, False)
            if exc.code in (0, None)
            else (TraceStatus.CANCELLED, None, False)
        )
    if isinstance(exc, (KeyboardInterrupt, GeneratorExit, asyncio.CancelledError)):
        return TraceStatus.CANCELLED, None, False
    names = _names(exc)
    text = str(exc).lower()
    if (
        isinstance(exc, MemoryError)
        or any("outofmemory" in n for n in names)
        or any(m in text for m in _OOM_MARKERS)
    ):
        return TraceStatus.FAILED, FailureCode.OOM, False
    if isinstance(exc, TimeoutError) or "timeouterror" in names or "timeout" in names[0]:
        return TraceStatus.FAILED, FailureCode.TIMEOUT, True
    if isinstance(exc, (ConnectionError, OSError)):
        return TraceStatus.FAILED, FailureCode.INFRA, True
    return TraceStatus.FAILED, FailureCode.UNKNOWN, False


def describe(exc: BaseException, redact: bool) -> str:
    """Failure message: ``Type: message`` truncated to 4096 chars (type only if redacted)."""
    name = type(exc).__name__
    if redact:
        return name
    text = str(exc).strip()
    message = "%s: %s" % (name, text) if text else name
    return message[:MAX_MESSAGE]
