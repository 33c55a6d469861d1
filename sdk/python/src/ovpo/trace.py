"""TraceContext: one generation run, sent as a series of full state updates.

RUNNING when it starts, the terminal status when it ends (PENDING first if the run is
queued), all under the trace_id drawn at creation. Frame events and the output manifest
are sent as they are emitted; spans (:mod:`ovpo.span`) when they end.
"""

from __future__ import annotations

import threading
import time
from contextvars import Token
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

from . import events, failures
from .events import MAX_FRAME_INDEX
from ._scope import CURRENT_TRACE, ERROR_SPAN_ATTR, F, current_span, decorate, reset, to_enum
from ._version import __version__
from .builders import OutputManifest
from .enums import FrameEventType, SpanKind, SpanStatus, TraceStatus
from .errors import OvpoValidationError
from .gpu import GpuSample
from .hashing import hash_prompt, hash_user_id
from .span import SpanContext
from .validation import (
    _as_int,
    validate_attributes,
    validate_failure,
    validate_pipeline_config,
    validate_sha256_hex,
    validate_tags,
    validate_uuid4,
)
from .wire import ITEM_ARTIFACT_MANIFEST, ITEM_FRAME_EVENT, ITEM_TRACE, format_timestamp, new_id

if TYPE_CHECKING:
    from .client import OvpoClient

#: Used when a trace has neither a valid pipeline_config nor a ref (fail-open fallback).
UNSPECIFIED_CONFIG_REF = "unspecified"
#: The only ``ovpo.`` attribute keys v0.08 defines (spec 00 §5.1); sent on every trace.
_SDK_ATTRIBUTES = {
    "ovpo.sdk.name": "ovpo-python",
    "ovpo.sdk.version": __version__,
    "ovpo.sdk.language": "python",
}


class TraceContext:
    """One generation run. Create with :meth:`OvpoClient.trace`; use with ``with``.

    Entering sends a RUNNING update; leaving sends COMPLETED, or FAILED with a ``failure``
    derived from the exception (``CANCELLED`` for KeyboardInterrupt/cancellation). The
    exception always propagates: instrumentation never swallows pipeline errors.
    """

    def __init__(self, client: "OvpoClient", **options: Any) -> None:
        self._client = client
        self._options = options
        self._lock = threading.RLock()
        self._token: Optional[Token[Any]] = None
        self._status: Optional[TraceStatus] = None  # last status sent
        self._final_status: Optional[TraceStatus] = None
        self._failure: Optional[Dict[str, Any]] = None
        self._created = time.time()
        self._started: Optional[float] = None
        self._started_mono: Optional[float] = None
        self._created_mono = time.monotonic()
        self._ended_at: Optional[str] = None
        self._open_spans: List[SpanContext] = []
        self._gpu_seq = 0
        self._init_fields(**options)

    def _init_fields(
        self,
        *,
        pipeline_config: Optional[Mapping[str, Any]] = None,
        pipeline_config_ref: Optional[str] = None,
        trace_id: Optional[str] = None,
        tags: Optional[Mapping[str, str]] = None,
        attributes: Optional[Mapping[str, Any]] = None,
        prompt: Optional[str] = None,
        prompt_hash: Optional[str] = None,
        user_id: Optional[str] = None,
        user_id_hash: Optional[str] = None,
        hash_salt: Optional[str] = None,
        expected_frames: Optional[int] = None,
        legal_hold: Optional[bool] = None,
    ) -> None:
        client = self._client
        self.trace_id = new_id()
        if trace_id is not None:
            self.trace_id = client._checked(validate_uuid4, trace_id, "trace_id") or self.trace_id
        self._config: Optional[Dict[str, Any]] = None
        self._config_ref: Optional[str] = None
        if pipeline_config is not None:
            self._config = client._checked(
                validate_pipeline_config, pipeline_config, "pipeline_config"
            )
        if pipeline_config_ref is not None:
            if self._config is not None:
                client._problem(
                    [
                        (
                            "pipeline_config_ref",
                            "give pipeline_config or pipeline_config_ref, not both",
                        )
                    ]
                )
            elif isinstance(pipeline_config_ref, str) and 1 <= len(pipeline_config_ref) <= 256:
                self._config_ref = pipeline_config_ref
            else:
                client._problem([("pipeline_config_ref", "must be a string of 1..256 chars")])
        if self._config is None and self._config_ref is None:
            if pipeline_config is None and pipeline_config_ref is None:
                client._problem(
                    [("pipeline_config", "a trace needs pipeline_config or pipeline_config_ref")]
                )
            self._config_ref = UNSPECIFIED_CONFIG_REF
        self._fps: Optional[float] = self._config["fps"] if self._config else None
        self._tags = client._clean(validate_tags, tags or {}, "tags")
        self._attributes = client._clean(
            validate_attributes, {**(attributes or {}), **_SDK_ATTRIBUTES}, "attributes"
        )
        self._prompt_hash = (
            hash_prompt(prompt, hash_salt)
            if prompt is not None
            else (
                client._checked(validate_sha256_hex, prompt_hash, "prompt_hash")
                if prompt_hash
                else None
            )
        )
        self._user_id_hash = (
            hash_user_id(user_id, hash_salt)
            if user_id is not None
            else (
                client._checked(validate_sha256_hex, user_id_hash, "user_id_hash")
                if user_id_hash
                else None
            )
        )
        self._expected_frames: Optional[int] = None
        if expected_frames is not None:
            self.set_expected_frames(expected_frames)
        self._legal_hold = legal_hold if isinstance(legal_hold, bool) else None

    # -- public state ------------------------------------------------------------------

    @property
    def status(self) -> Optional[TraceStatus]:
        """The last status sent (None before :meth:`start`/:meth:`pending`)."""
        return self._status

    @property
    def ended(self) -> bool:
        return self._status is not None and self._status.terminal

    @property
    def client(self) -> "OvpoClient":
        return self._client

    def set_attribute(self, key: str, value: Any) -> "TraceContext":
        """Set a trace attribute (sent with the next state update, at the latest the end)."""
        return self.set_attributes({key: value})

    def set_attributes(self, attributes: Mapping[str, Any]) -> "TraceContext":
        cleaned = self._client._clean(validate_attributes, dict(attributes), "attributes")
        with self._lock:
            merged = {**self._attributes, **cleaned}
            self._attributes = self._client._clean(validate_attributes, merged, "attributes")
        return self

    def set_tag(self, key: str, value: str) -> "TraceContext":
        cleaned = self._client._clean(validate_tags, {**self._tags, key: value}, "tags")
        with self._lock:
            self._tags = cleaned
        return self

    def set_expected_frames(self, count: int) -> "TraceContext":
        """Frames the run should produce; fewer by the end makes the server report PARTIAL."""
        number = _as_int(count)
        if number is None or not 0 <= number <= MAX_FRAME_INDEX:
            self._client._problem(
                [("expected_frames", "must be an integer 0..10000000 (got %r)" % (count,))]
            )
        else:
            self._expected_frames = number
        return self

    def set_status(self, status: Union[TraceStatus, str]) -> "TraceContext":
        """Terminal status to report at the end instead of COMPLETED (e.g. PARTIAL)."""
        try:
            value = to_enum(TraceStatus, status, "status")
            if not value.terminal:
                raise OvpoValidationError(
                    [("status", "must be terminal (COMPLETED, FAILED, PARTIAL, CANCELLED)")]
                )
        except OvpoValidationError as error:
            self._client._problem(error.problems)
            return self
        self._final_status = value
        return self

    def fail(
        self, code: Any, message: str, *, retryable: bool = False, span_id: Optional[str] = None
    ) -> "TraceContext":
        """Record why the run failed; the trace ends FAILED with this failure."""
        failure = self._client._checked(
            validate_failure,
            {
                "code": code.value if hasattr(code, "value") else code,
                "message": message[:4096] if isinstance(message, str) else message,
                "retryable": retryable,
                **({"span_id": span_id} if span_id else {}),
            },
            "failure",
        )
        if failure is not None:
            self._failure = failure
            self._final_status = TraceStatus.FAILED
        return self

    # -- lifecycle -------------------------------------------------------------------------

    def pending(self) -> "TraceContext":
        """Report the run as queued (PENDING); :meth:`start` follows when it begins."""
        with self._lock:
            if self._status is None:
                self._send(TraceStatus.PENDING)
        return self

    def start(self) -> "TraceContext":
        """Report the run as RUNNING (``with`` calls this)."""
        with self._lock:
            if self._status in (None, TraceStatus.PENDING):
                self._started = max(time.time(), self._created)
                self._started_mono = time.monotonic()
                self._send(TraceStatus.RUNNING)
                self._client._trace_started(self)
        return self

    def end(
        self,
        status: Optional[Union[TraceStatus, str]] = None,
        failure: Optional[Mapping[str, Any]] = None,
        *,
        _raise_errors: bool = True,
    ) -> None:
        """Send the terminal update (COMPLETED unless told otherwise); later calls no-op.

        Spans still open are ended first (status ERROR unless the trace completed).
        """
        if status is not None:
            self.set_status(status)
        if failure is not None:
            checked = self._client._checked(validate_failure, failure, "failure")
            if checked is not None:
                self._failure = checked
        with self._lock:
            if self.ended:
                return
            final = self._final_status or TraceStatus.COMPLETED
            if final is TraceStatus.FAILED and self._failure is None:
                self._failure = {"code": "UNKNOWN", "message": "failed", "retryable": False}
            for span in list(reversed(self._open_spans)):
                span.end(SpanStatus.UNSET if final is TraceStatus.COMPLETED else SpanStatus.ERROR)
            end = max(time.time(), self._started or self._created)
            self._ended_at = format_timestamp(end)
            self._send(final)
        self._client._trace_ended(self, raise_errors=_raise_errors)

    def _send(self, status: TraceStatus) -> None:
        self._status = status
        self._client._enqueue(ITEM_TRACE, self.to_dict())

    def to_dict(self) -> Dict[str, Any]:
        """The trace entity as last sent (or as it would be sent now)."""
        with self._lock:
            data: Dict[str, Any] = {
                "trace_id": self.trace_id,
                "status": (self._status or TraceStatus.PENDING).value,
                "created_at": format_timestamp(self._created),
            }
            if self._started is not None:
                data["started_at"] = format_timestamp(self._started)
            if self._ended_at is not None and self.ended:
                data["ended_at"] = self._ended_at
            if self._config is not None:
                data["pipeline_config"] = self._config
            else:
                data["pipeline_config_ref"] = self._config_ref
            for key, value in (
                ("prompt_hash", self._prompt_hash),
                ("user_id_hash", self._user_id_hash),
                ("expected_frames", self._expected_frames),
                ("legal_hold", self._legal_hold),
            ):
                if value is not None:
                    data[key] = value
            if self._tags:
                data["tags"] = dict(self._tags)
            if self._attributes:
                data["attributes"] = dict(self._attributes)
            if self._status is TraceStatus.FAILED and self._failure is not None:
                data["failure"] = dict(self._failure)
            return data

    def __enter__(self) -> "TraceContext":
        self.start()
        self._token = CURRENT_TRACE.set(self)
        return self

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        try:
            if exc is not None and not self.ended:
                status, code, retryable = failures.classify(exc)
                if self._failure is not None:  # the user called fail(): it wins
                    status = TraceStatus.FAILED
                elif status is TraceStatus.FAILED:
                    span_id = getattr(exc, ERROR_SPAN_ATTR, None)
                    self._failure = {
                        "code": code.value if code else "UNKNOWN",
                        "message": failures.describe(
                            exc, self._client.config.redact_error_messages
                        ),
                        "retryable": retryable,
                        **({"span_id": span_id} if span_id else {}),
                    }
                self._final_status = status
            self.end(_raise_errors=exc is None)
        finally:
            reset(CURRENT_TRACE, self._token)
            self._token = None
        return False

    def __call__(self, func: F) -> F:
        """Use as a decorator: each call runs in a new trace with these options."""
        options = {k: v for k, v in self._options.items() if k != "trace_id"}
        return decorate(lambda _f: TraceContext(self._client, **options), func)

    # -- children --------------------------------------------------------------------------

    def span(
        self,
        kind: Union[SpanKind, str],
        name: Optional[str] = None,
        *,
        parent: Optional[Union[SpanContext, str]] = None,
        attributes: Optional[Mapping[str, Any]] = None,
    ) -> SpanContext:
        """A span of this trace (context manager or decorator)."""
        return SpanContext(kind, name, trace=self, parent=parent, attributes=attributes)

    def _span_opened(self, span: SpanContext) -> None:
        with self._lock:
            self._open_spans.append(span)

    def _span_closed(self, span: SpanContext) -> None:
        with self._lock:
            if span in self._open_spans:
                self._open_spans.remove(span)

    def _default_span_id(self) -> Optional[str]:
        span = current_span()
        if span is not None and span._trace is self and not span.ended:
            return span.span_id
        with self._lock:  # another thread's span: attribute to the innermost open one
            return self._open_spans[-1].span_id if self._open_spans else None

    def emit_frame(
        self,
        frame_index: int,
        *,
        event_type: Union[FrameEventType, str] = FrameEventType.FRAME_GENERATED,
        media_time_ms: Optional[float] = None,
        quality_metrics: Optional[Mapping[str, float]] = None,
        gpu: Optional[Union[GpuSample, Mapping[str, float]]] = None,
        thumbnail: Optional[Mapping[str, Any]] = None,
        attributes: Optional[Mapping[str, Any]] = None,
        span: Optional[Union[SpanContext, str]] = None,
        observed_at: Optional[float] = None,
    ) -> Optional[str]:
        """Record a frame event; returns its event_id, or None if it was not recorded.

        Never blocks: the event is encoded and appended to the in-memory buffer. Without
        ``media_time_ms`` it is ``frame_index * 1000 / fps`` from the pipeline config.
        Without ``gpu`` the latest background GPU sample is attached, if there is one.
        ``observed_at`` (epoch seconds) defaults to now, from the system clock. The span
        defaults to the current span of this trace (or, from another thread, its innermost
        open span).
        """
        data = events.frame_event(
            self, frame_index, event_type, media_time_ms, observed_at, self._fps
        )
        if data is None:
            return None
        events.fill_optional(self, data, span, quality_metrics, gpu, thumbnail, attributes)
        return data["event_id"] if self._client._enqueue(ITEM_FRAME_EVENT, data) else None

    def emit_gpu_sample(
        self,
        sample: Optional[Union[GpuSample, Mapping[str, float]]] = None,
        *,
        attributes: Optional[Mapping[str, Any]] = None,
        span: Optional[Union[SpanContext, str]] = None,
    ) -> Optional[str]:
        """Record a GPU_SAMPLE frame event (``sample`` defaults to the latest reading).

        Convention for GPU_SAMPLE events: ``frame_index`` is the sample's sequence number in
        the trace and ``media_time_ms`` the milliseconds since the trace started, so both
        grow together and the processor's per-event-type frame checks (spec 04 §6: no
        repeated frame_index, no decreasing media_time_ms) hold for any number of samples.
        """
        with self._lock:  # sequence number and time taken together keep them monotonic
            seq = self._gpu_seq
            self._gpu_seq += 1
            start = self._started_mono if self._started_mono is not None else self._created_mono
            data = events.gpu_sample_event(self.trace_id, seq, time.monotonic() - start)
            events.fill_optional(self, data, span, None, sample, None, attributes)
            return data["event_id"] if self._client._enqueue(ITEM_FRAME_EVENT, data) else None

    def add_manifest(
        self, manifest: Union[OutputManifest, List[Mapping[str, Any]]]
    ) -> Optional[str]:
        """Send the output manifest (an :class:`OutputManifest` or a list of artifact refs);
        returns the manifest_id. Sending the same OutputManifest again reuses its id."""
        if not isinstance(manifest, OutputManifest):
            refs = list(manifest)
            manifest = OutputManifest()
            try:
                for ref in refs:
                    manifest.add_ref(dict(ref))
            except OvpoValidationError as error:
                self._client._problem(error.problems, item_dropped=True)
                return None
        try:
            data = manifest.build(self.trace_id)
        except OvpoValidationError as error:
            self._client._problem(error.problems, item_dropped=True)
            return None
        return manifest.manifest_id if self._client._enqueue(ITEM_ARTIFACT_MANIFEST, data) else None
