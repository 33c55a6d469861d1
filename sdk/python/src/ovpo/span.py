"""SpanContext: one pipeline stage, sent once when it ends (with the span_id drawn at
creation, its end time and status)."""

from __future__ import annotations

import time
from contextvars import Token
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Union

from . import failures
from ._scope import (
    CURRENT_SPAN,
    ERROR_SPAN_ATTR,
    F,
    current_span,
    current_trace,
    decorate,
    reset,
    to_enum,
)
from .enums import SpanKind, SpanStatus
from .errors import OvpoValidationError
from .gpu import GpuSample
from .validation import validate_attributes, validate_uuid4
from .wire import ITEM_SPAN, format_timestamp, new_id

if TYPE_CHECKING:
    from .trace import TraceContext


class SpanContext:
    """One pipeline stage. Create with :meth:`TraceContext.span` or :func:`ovpo.span`.

    ``with`` starts and ends it; on an exception it ends with status ERROR and attributes
    ``custom.error.type``/``custom.error.message``, and the trace's failure points at it. A span
    created by :func:`ovpo.span` binds to the current trace when it starts; with no trace it
    records nothing. Parent defaults to the current span of the same trace.
    """

    def __init__(
        self,
        kind: Union[SpanKind, str],
        name: Optional[str] = None,
        *,
        trace: Optional["TraceContext"] = None,
        parent: Optional[Union["SpanContext", str]] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> None:
        self.span_id = new_id()
        self._kind_arg = kind
        self._name_arg = name
        self._trace = trace
        self._parent_arg = parent
        self._attributes_arg = dict(attributes) if attributes else {}
        self._attributes: Dict[str, Any] = {}
        self._status: Optional[SpanStatus] = None
        self._start: Optional[float] = None
        self._end_time: Optional[str] = None
        self._parent_id: Optional[str] = None
        self._inert = False
        self._token: Optional[Token[Any]] = None
        self.kind = SpanKind.CUSTOM
        self.name = name or (kind.value if isinstance(kind, SpanKind) else str(kind)).lower()

    @property
    def trace(self) -> Optional["TraceContext"]:
        return self._trace

    @property
    def started(self) -> bool:
        return self._start is not None

    @property
    def ended(self) -> bool:
        return self._end_time is not None

    def start(self) -> "SpanContext":
        """Start timing (``with`` calls this); binds to the current trace if none was given."""
        if self._start is not None or self._inert:
            return self
        trace = self._trace or current_trace()
        if trace is None or trace.ended:
            self._inert = True  # nothing to attach to: record nothing, never raise
            return self
        self._trace = trace
        client = trace.client
        try:
            self.kind = to_enum(SpanKind, self._kind_arg, "span_kind")
        except OvpoValidationError as error:
            client._problem(error.problems)  # fail-open: keep the timing as a CUSTOM span
        name = self._name_arg or self.kind.value.lower()
        if not isinstance(name, str) or not name:
            client._problem([("name", "must be a non-empty string")])
            name = self.kind.value.lower()
        self.name = name[:256]
        self._parent_id = self._resolve_parent(trace)
        if self._attributes_arg:
            self.set_attributes(self._attributes_arg)
        self._start = time.time()
        trace._span_opened(self)
        return self

    def _resolve_parent(self, trace: "TraceContext") -> Optional[str]:
        parent = self._parent_arg
        if isinstance(parent, SpanContext):
            return parent.span_id
        if isinstance(parent, str):
            return trace.client._checked(validate_uuid4, parent, "parent_span_id")
        current = current_span()
        if (
            current is not None
            and current._trace is trace
            and not current.ended
            and current is not self
        ):
            return current.span_id
        return None

    def set_attribute(self, key: str, value: Any) -> "SpanContext":
        return self.set_attributes({key: value})

    def set_attributes(self, attributes: Mapping[str, Any]) -> "SpanContext":
        """Merge attributes (``custom.*`` keys); sent when the span ends."""
        if self._trace is None:  # not bound yet: validated when it starts
            self._attributes_arg.update(attributes)
            return self
        client = self._trace.client
        merged = {
            **self._attributes,
            **client._clean(validate_attributes, dict(attributes), "attributes"),
        }
        self._attributes = client._clean(validate_attributes, merged, "attributes")
        return self

    def set_status(self, status: Union[SpanStatus, str]) -> "SpanContext":
        try:
            self._status = to_enum(SpanStatus, status, "status")
        except OvpoValidationError as error:
            if self._trace is not None:
                self._trace.client._problem(error.problems)
        return self

    def end(self, status: Optional[Union[SpanStatus, str]] = None) -> None:
        """Stop timing and send the span (status OK unless set); later calls no-op."""
        if status is not None:
            self.set_status(status)
        trace = self._trace
        if self._start is None or self._end_time is not None or trace is None:
            return
        self._end_time = format_timestamp(max(time.time(), self._start))
        trace._span_closed(self)
        trace.client._enqueue(ITEM_SPAN, self.to_dict())

    def to_dict(self) -> Dict[str, Any]:
        data: Dict[str, Any] = {
            "span_id": self.span_id,
            "trace_id": self._trace.trace_id if self._trace else None,
            "span_kind": self.kind.value,
            "name": self.name,
            "start_time": format_timestamp(self._start or time.time()),
            "status": (self._status or SpanStatus.OK).value,
        }
        if self._parent_id is not None:
            data["parent_span_id"] = self._parent_id
        if self._end_time is not None:
            data["end_time"] = self._end_time
        if self._attributes:
            data["attributes"] = dict(self._attributes)
        return data

    def emit_frame(self, frame_index: int, **options: Any) -> Optional[str]:
        """:meth:`TraceContext.emit_frame` attributed to this span."""
        if self._trace is None or self._inert:
            return None
        return self._trace.emit_frame(frame_index, span=self, **options)

    def emit_gpu_sample(
        self, sample: Optional[Union[GpuSample, Mapping[str, float]]] = None, **options: Any
    ) -> Optional[str]:
        if self._trace is None or self._inert:
            return None
        return self._trace.emit_gpu_sample(sample, span=self, **options)

    def __enter__(self) -> "SpanContext":
        self.start()
        if not self._inert:
            self._token = CURRENT_SPAN.set(self)
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        try:
            if exc is not None and self._trace is not None and not self.ended:
                redact = self._trace.client.config.redact_error_messages
                error_attrs = {"custom.error.type": type(exc).__name__}
                if not redact:
                    error_attrs["custom.error.message"] = failures.describe(exc, False)
                self.set_attributes(error_attrs)
                self._status = SpanStatus.ERROR
                if getattr(exc, ERROR_SPAN_ATTR, None) is None:
                    try:  # lets the trace's failure name the innermost failing span
                        setattr(exc, ERROR_SPAN_ATTR, self.span_id)
                    except (AttributeError, TypeError):
                        pass
            self.end()
        finally:
            reset(CURRENT_SPAN, self._token)
            self._token = None
        return False

    def __call__(self, func: F) -> F:
        """Use as a decorator: each call runs in a new span (named after the function)."""

        def make(f: Callable[..., Any]) -> SpanContext:
            return SpanContext(
                self._kind_arg,
                self._name_arg or f.__qualname__,
                trace=self._trace,
                parent=self._parent_arg,
                attributes=self._attributes_arg,
            )

        return decorate(make, func)
