"""The SDK's own telemetry: counters and a rate-limited logger.

Failures are counted, and logged at most once per interval per kind, so a collector outage
during a 10-hour batch job produces a handful of log lines, not millions.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable, Dict

logger = logging.getLogger("ovpo")

#: Counter names reported by :meth:`OvpoClient.stats`, all starting at zero.
COUNTERS = (
    "events_enqueued_total",  # items accepted into the ring buffer
    "dropped_events_total",  # items overwritten because the buffer was full
    "invalid_items_total",  # items not emitted because they broke the wire format
    "invalid_fields_dropped_total",  # attributes/tags/metrics dropped, item still sent
    "dropped_after_close_total",  # items emitted after close()
    "batches_sent_total",  # batches answered 2xx
    "items_accepted_total",  # items the collector reported as processed
    "items_rejected_total",  # items the collector reported as failed (not retried)
    "duplicate_batches_total",  # batches answered with "duplicate": true
    "send_failures_total",  # attempts that did not get a 2xx (incl. network errors)
    "retries_total",  # attempts after the first
    "batches_failed_total",  # batches given up (then spooled or lost)
    "items_lost_total",  # items of batches given up and not spooled
    "spooled_batches_total",  # batches written to the disk spool
    "spool_replayed_batches_total",  # spooled batches delivered later
    "spool_dropped_batches_total",  # spooled batches deleted to respect spool_max_bytes
)


class Counters:
    """Thread-safe monotonic counters (``+=`` on an attribute is not atomic across threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: Dict[str, int] = dict.fromkeys(COUNTERS, 0)

    def add(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._values[name] += amount

    def get(self, name: str) -> int:
        with self._lock:
            return self._values[name]

    def snapshot(self) -> Dict[str, int]:
        with self._lock:
            return dict(self._values)

    def reset_lock_after_fork(self) -> None:
        """A lock held by another thread at fork() time would stay held in the child."""
        self._lock = threading.Lock()


class RateLimitedLog:
    """Logs a message of a given kind at most once per ``interval`` seconds.

    The next line that gets through says how many were suppressed in between.
    """

    def __init__(
        self,
        interval: float,
        log: logging.Logger = logger,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._interval = interval
        self._log = log
        self._clock = clock
        self._lock = threading.Lock()
        self._last: Dict[str, float] = {}
        self._suppressed: Dict[str, int] = {}

    def warning(self, kind: str, message: str, *args: object) -> None:
        now = self._clock()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self._interval:
                self._suppressed[kind] = self._suppressed.get(kind, 0) + 1
                return
            self._last[kind] = now
            suppressed = self._suppressed.pop(kind, 0)
        if suppressed:
            message += " (%d similar messages suppressed)" % suppressed
        self._log.warning("ovpo: " + message, *args)

    def reset_lock_after_fork(self) -> None:
        self._lock = threading.Lock()
