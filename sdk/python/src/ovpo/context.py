"""Traces and spans: the objects instrumented code holds, and the "current" ones.

A :class:`TraceContext` (:mod:`ovpo.trace`) is one generation run; a :class:`SpanContext`
(:mod:`ovpo.span`) is one pipeline stage. Both are context managers and decorators; as
decorators they are templates: each call of the decorated function gets a fresh trace or
span with new ids. "Current" means entered with ``with`` in this thread or asyncio task
(``contextvars``).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Union

from ._scope import current_span, current_trace
from .enums import SpanKind
from .span import SpanContext
from .trace import TraceContext

__all__ = ["TraceContext", "SpanContext", "current_trace", "current_span", "span", "emit_frame"]


def span(
    kind: Union[SpanKind, str],
    name: Optional[str] = None,
    *,
    parent: Optional[Union[SpanContext, str]] = None,
    attributes: Optional[Mapping[str, Any]] = None,
) -> SpanContext:
    """A span of whatever trace is current when it starts (context manager or decorator).

    Example::

        @ovpo.span(SpanKind.DECODE)
        def decode(latents): ...
    """
    return SpanContext(kind, name, parent=parent, attributes=attributes)


def emit_frame(frame_index: int, **options: Any) -> Optional[str]:
    """:meth:`TraceContext.emit_frame` on the current trace; None when there is none."""
    trace = current_trace()
    if trace is None:
        return None
    return trace.emit_frame(frame_index, **options)
