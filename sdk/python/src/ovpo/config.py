"""Client configuration: every tunable in one frozen dataclass, with the documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any, Dict, Mapping, Optional, Tuple

from .wire import MAX_BATCH_ITEMS, MAX_BODY_BYTES

DEFAULT_ENDPOINT = "http://127.0.0.1:8080"


@dataclass(frozen=True)
class ClientConfig:
    """Settings of an :class:`~ovpo.OvpoClient` (pass them as keyword arguments).

    ``endpoint`` and ``api_key`` fall back to the ``OVPO_ENDPOINT`` and ``OVPO_API_KEY``
    environment variables, and ``spool_dir`` to ``OVPO_SPOOL_DIR``.
    """

    endpoint: str = DEFAULT_ENDPOINT
    api_key: Optional[str] = field(default=None, repr=False)
    #: Raise instead of logging: on invalid data at the call, on delivery failure at flush.
    strict: bool = False
    #: False turns the client into a no-op (nothing buffered, no thread, no network).
    enabled: bool = True
    #: Ring-buffer cap; when full the oldest items are overwritten (dropped_events_total).
    buffer_max_bytes: int = 50 * 1024 * 1024
    #: The dispatcher sends at least this often while items are waiting.
    flush_interval_sec: float = 5.0
    #: Buffered bytes that wake the dispatcher before the interval (keeps batches small).
    flush_trigger_bytes: int = 1024 * 1024
    max_batch_bytes: int = MAX_BODY_BYTES
    max_batch_items: int = MAX_BATCH_ITEMS
    request_timeout_sec: float = 10.0
    #: Attempts after the first; 429, 503, other 5xx and network errors are retried.
    max_retries: int = 5
    backoff_base_sec: float = 0.5
    backoff_max_sec: float = 30.0
    #: Send ``Content-Encoding: gzip`` bodies (the 5 MiB limit applies before compression).
    gzip: bool = False
    #: Directory for the optional disk spool of undeliverable batches (None = no spool).
    spool_dir: Optional[str] = None
    spool_max_bytes: int = 100 * 1024 * 1024
    #: Sample GPU metrics in a background thread (pynvml, else nvidia-smi, else nothing).
    gpu_sampling: bool = True
    gpu_sample_interval_sec: float = 1.0
    #: NVML device indices to sample; None = CUDA_VISIBLE_DEVICES when numeric, else all.
    gpu_indices: Optional[Tuple[int, ...]] = None
    #: Emit a GPU_SAMPLE frame event per running trace at every sample.
    gpu_events: bool = True
    #: Attach the latest GPU sample to frame events that pass no ``gpu=``.
    attach_gpu_to_frames: bool = True
    #: Flush on interpreter exit and on SIGTERM (chaining to the previous SIGTERM handler).
    install_exit_handlers: bool = True
    #: How long exit and SIGTERM may wait for the collector.
    exit_timeout_sec: float = 5.0
    #: A repeated failure of one kind is logged at most once per this interval.
    log_interval_sec: float = 60.0
    #: Send only the exception type, not its message, in failures and span errors.
    redact_error_messages: bool = False

    def __post_init__(self) -> None:
        positive = (
            "buffer_max_bytes",
            "flush_interval_sec",
            "flush_trigger_bytes",
            "max_batch_bytes",
            "max_batch_items",
            "request_timeout_sec",
            "backoff_base_sec",
            "backoff_max_sec",
            "spool_max_bytes",
            "gpu_sample_interval_sec",
            "log_interval_sec",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError("%s must be > 0" % name)
        if self.max_retries < 0 or self.exit_timeout_sec < 0:
            raise ValueError("max_retries and exit_timeout_sec must be >= 0")
        if self.max_batch_bytes > MAX_BODY_BYTES or self.max_batch_items > MAX_BATCH_ITEMS:
            raise ValueError("max_batch_bytes/max_batch_items exceed the collector's limits")
        if not self.endpoint.startswith(("http://", "https://")):
            raise ValueError("endpoint must be an http:// or https:// URL")

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None
    ) -> "ClientConfig":
        """Build from keyword arguments, filling endpoint/api_key/spool_dir from the env."""
        env = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError("unknown OvpoClient option(s): %s" % ", ".join(unknown))
        values: Dict[str, Any] = {k: v for k, v in options.items() if v is not None}
        for name, var in (
            ("endpoint", "OVPO_ENDPOINT"),
            ("api_key", "OVPO_API_KEY"),
            ("spool_dir", "OVPO_SPOOL_DIR"),
        ):
            if name not in values and env.get(var):
                values[name] = env[var]
        if values.get("gpu_indices") is not None:
            values["gpu_indices"] = tuple(values["gpu_indices"])
        return cls(**values)
