"""The client: configuration, the emit path, and ownership of the background machinery."""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Optional, TypeVar

from . import lifecycle
from .buffer import RingBuffer
from .config import ClientConfig
from .context import TraceContext
from .diagnostics import Counters, RateLimitedLog
from .dispatcher import Dispatcher
from .enums import TraceStatus
from .errors import OvpoDeliveryError, OvpoValidationError
from .gpu import GpuSample, GpuSampler
from .spool import DiskSpool
from .transport import HttpTransport, Transport
from .validation import Problem, clean, validate_api_key
from .wire import BODY_OVERHEAD, encode_item

T = TypeVar("T")


class OvpoClient:
    """Sends traces, spans, frame events and manifests to an OVPO collector.

    Fail-open by default: nothing it does raises into the pipeline; problems are counted
    (:meth:`stats`) and logged at most once per ``log_interval_sec`` per kind. With
    ``strict=True`` invalid data raises :class:`OvpoValidationError` at the call and
    delivery failures raise :class:`OvpoDeliveryError` from :meth:`flush`, :meth:`close`
    and the end of a trace (for tests).

    Args:
        endpoint: collector base URL (env ``OVPO_ENDPOINT``, default http://127.0.0.1:8080).
        api_key: ``ovpo_<prefix>_<secret>`` with trace:write (env ``OVPO_API_KEY``).
        transport: replaces HTTP delivery (e.g. :class:`ovpo.transport.FileTransport`).
        **options: any field of :class:`ovpo.config.ClientConfig`.

    Example::

        client = OvpoClient("http://collector:8080", api_key=os.environ["OVPO_API_KEY"])
        with client.trace(pipeline_config=cfg) as trace:
            with trace.span(SpanKind.SAMPLING):
                ...
            trace.emit_frame(0, quality_metrics={"aesthetic_score": 6.1})
    """

    def __init__(
        self,
        endpoint: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        transport: Optional[Transport] = None,
        **options: Any,
    ) -> None:
        self.config = ClientConfig.from_options(
            {**options, "endpoint": endpoint, "api_key": api_key}
        )
        cfg = self.config
        self._counters = Counters()
        self._log = RateLimitedLog(cfg.log_interval_sec)
        self._buffer = RingBuffer(cfg.buffer_max_bytes)
        self._closed = False
        self._traces_lock = threading.Lock()
        self._active: Dict[str, TraceContext] = {}
        if cfg.enabled and transport is None:
            self._check_api_key(cfg.api_key)
        self._transport = transport or HttpTransport(cfg.endpoint, cfg.api_key, use_gzip=cfg.gzip)
        self._spool = self._open_spool()
        self._dispatcher = Dispatcher(
            self._buffer, self._transport, cfg, self._counters, self._log, self._spool
        )
        self._gpu: Optional[GpuSampler] = None
        if not cfg.enabled:
            return
        if cfg.gpu_sampling:
            self._gpu = self._make_gpu_sampler()
            self._gpu.start()
        if self._spool is not None and self._spool.pending():
            self._dispatcher.ensure_started()  # replays last run's batches in the background
        if cfg.install_exit_handlers:
            lifecycle.register(self)

    def _check_api_key(self, api_key: Optional[str]) -> None:
        if api_key is None:
            self._problem(
                [
                    (
                        "api_key",
                        "no API key (pass api_key= or set OVPO_API_KEY); "
                        "the collector will answer 401",
                    )
                ],
                item_dropped=False,
            )
            return
        try:
            validate_api_key(api_key)
        except OvpoValidationError as error:
            self._problem(error.problems, item_dropped=False)

    def _open_spool(self) -> Optional[DiskSpool]:
        if not self.config.spool_dir or not self.config.enabled:
            return None
        try:
            return DiskSpool(self.config.spool_dir, self.config.spool_max_bytes)
        except OSError as error:
            self._log.warning(
                "spool", "spool disabled, cannot use %s: %s", self.config.spool_dir, error
            )
            return None

    def _make_gpu_sampler(self, detect: Optional[Callable[[], Any]] = None) -> GpuSampler:
        from .gpu import detect_backend

        indices = self.config.gpu_indices
        return GpuSampler(
            self.config.gpu_sample_interval_sec,
            self._on_gpu_sample,
            detect or (lambda: detect_backend(indices)),
        )

    # -- public API ------------------------------------------------------------------------

    def trace(self, **options: Any) -> TraceContext:
        """A new trace (not yet sent). Use ``with client.trace(...) as trace:``.

        Keyword options: ``pipeline_config`` (dict, see :func:`ovpo.pipeline_config`) or
        ``pipeline_config_ref``; ``tags``; ``attributes``; ``prompt`` / ``user_id`` (hashed
        with SHA-256 here, never sent raw) or ``prompt_hash`` / ``user_id_hash``;
        ``hash_salt``; ``expected_frames``; ``legal_hold``; ``trace_id`` (to continue a
        trace created elsewhere, e.g. PENDING in an API server, RUNNING in a worker).
        """
        return TraceContext(self, **options)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Block until everything emitted so far is delivered or given up.

        Returns False on timeout. The pipeline rarely needs this: traces flush when they end
        and the client flushes every ``flush_interval_sec`` and at exit.
        """
        if not self.config.enabled:
            return True
        done = self._dispatcher.flush(timeout)
        self._raise_delivery_errors(done)
        return done

    def close(self, timeout: Optional[float] = None) -> bool:
        """Deliver what is buffered (within ``timeout``, default ``exit_timeout_sec``), spool
        or count the rest, and stop the background threads. Later emits are dropped."""
        if self._closed:
            return True
        self._closed = True
        if self._gpu is not None:
            self._gpu.stop()
        lifecycle.unregister(self)
        if not self.config.enabled:
            return True
        done = self._dispatcher.stop(self.config.exit_timeout_sec if timeout is None else timeout)
        self._transport.close()
        self._raise_delivery_errors(done)
        return done

    def stats(self) -> Dict[str, int]:
        """Counters of the SDK itself (see README "Counters"), plus buffer gauges."""
        values = self._counters.snapshot()
        values["events_enqueued_total"] = self._buffer.pushed_total
        values["dropped_events_total"] = self._buffer.dropped_total
        values["buffer_items"], values["buffer_bytes"] = self._buffer.stats()
        values["spool_pending_batches"] = len(self._spool.pending()) if self._spool else 0
        return values

    @property
    def gpu_backend(self) -> Optional[str]:
        """Name of the GPU backend in use (``pynvml``/``nvidia-smi``), None if none (yet)."""
        backend = self._gpu.backend if self._gpu is not None else None
        return getattr(backend, "name", None)

    def __enter__(self) -> "OvpoClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- used by traces and spans -----------------------------------------------------------

    def _enqueue(self, item_type: str, data: Dict[str, Any]) -> bool:
        """Encode and buffer one item; the only work done on the caller's thread."""
        if not self.config.enabled:
            return False
        if self._closed:
            self._counters.add("dropped_after_close_total")
            self._log.warning("closed", "%s emitted after close() was dropped", item_type)
            return False
        try:
            item = encode_item(item_type, data)
        except (TypeError, ValueError) as error:  # NaN, non-JSON value in data
            self._problem([(item_type, "cannot encode: %s" % error)], item_dropped=True)
            return False
        if (
            len(item) + BODY_OVERHEAD > self.config.max_batch_bytes
            or RingBuffer.cost(item) > self.config.buffer_max_bytes
        ):
            self._problem(
                [
                    (
                        item_type,
                        "encoded item of %d bytes exceeds the batch or buffer limit" % len(item),
                    )
                ],
                item_dropped=True,
            )
            return False
        _, dropped, buffered = self._buffer.push(item)
        if dropped:
            self._log.warning(
                "overflow",
                "buffer full (%d bytes): dropped %d oldest item(s); " "is the collector reachable?",
                self.config.buffer_max_bytes,
                dropped,
            )
        self._dispatcher.ensure_started()
        if buffered >= self.config.flush_trigger_bytes:
            self._dispatcher.wake()
        return True

    def _problem(self, problems: List[Problem], item_dropped: bool = False) -> None:
        """Invalid input: raise in strict mode, else count and log (rate-limited)."""
        if self.config.strict:
            raise OvpoValidationError(problems)
        self._counters.add(
            "invalid_items_total" if item_dropped else "invalid_fields_dropped_total",
            1 if item_dropped else len(problems),
        )
        self._log.warning(
            "invalid",
            "invalid data %s: %s",
            "dropped" if item_dropped else "ignored",
            "; ".join("%s: %s" % p for p in problems[:3]),
        )

    def _clean(
        self, validate: Callable[..., Dict[str, T]], values: Any, field: str
    ) -> Dict[str, T]:
        cleaned, problems = clean(validate, values, field)
        if problems:
            self._problem(problems)
        return cleaned

    def _checked(self, validate: Callable[..., T], value: Any, field: str) -> Optional[T]:
        """``validate(value, field)``, or None (after reporting) when it is invalid."""
        try:
            return validate(value, field)
        except OvpoValidationError as error:
            self._problem(error.problems)
            return None

    def _raise_delivery_errors(self, done: bool) -> None:
        if not self.config.strict:
            return
        errors = self._dispatcher.take_errors()
        if not done:
            errors.append("flush timed out with items still undelivered")
        if errors:
            raise OvpoDeliveryError("; ".join(errors))

    def _trace_started(self, trace: TraceContext) -> None:
        with self._traces_lock:
            self._active[trace.trace_id] = trace

    def _trace_ended(self, trace: TraceContext, raise_errors: bool) -> None:
        with self._traces_lock:
            self._active.pop(trace.trace_id, None)
        if not self.config.enabled or self._closed:
            return
        if self.config.strict and raise_errors:
            self.flush(self.config.exit_timeout_sec + self.config.request_timeout_sec)
        else:
            self._dispatcher.wake()  # flush on trace close, without blocking the pipeline

    def _latest_gpu(self) -> Optional[Dict[str, float]]:
        if self._gpu is None or not self.config.attach_gpu_to_frames:
            return None
        latest = self._gpu.latest
        return latest.to_wire() if latest is not None else None

    def _on_gpu_sample(self, sample: GpuSample) -> None:
        if not self.config.gpu_events or self._closed:
            return
        with self._traces_lock:
            running = [t for t in self._active.values() if t.status is TraceStatus.RUNNING]
        for trace in running:
            trace.emit_gpu_sample(sample)

    # -- process lifecycle (see lifecycle.py) -------------------------------------------------

    def _on_exit(self) -> None:
        try:
            self.close()
        except Exception as error:  # strict mode: report, but never break interpreter exit
            self._log.warning("exit", "delivery at exit failed: %s", error)

    def _on_terminate(self, dying: bool) -> None:
        """SIGTERM: if the process is about to die, end open traces as CANCELLED, then flush."""
        if dying:
            with self._traces_lock:
                active = list(self._active.values())
            for trace in active:
                try:
                    trace.end(TraceStatus.CANCELLED, _raise_errors=False)
                except Exception:
                    pass
            self._on_exit()
        else:
            try:
                self._dispatcher.flush(self.config.exit_timeout_sec)
            except Exception:
                pass

    def _after_fork_in_child(self) -> None:
        """The child has no dispatcher thread; the parent still owns its buffered items."""
        self._counters.reset_lock_after_fork()
        self._log.reset_lock_after_fork()
        self._buffer.reset_after_fork()
        self._dispatcher.reset_after_fork()
        self._traces_lock = threading.Lock()
        self._active = {}
        self._gpu = None
