"""Background delivery: drains the ring buffer into batches and sends them.

One daemon thread does all network I/O, so instrumented code never waits on the collector.
Batches leave in buffer order; a batch is retried (same body, same Idempotency-Key) before
the next one is sent, which keeps the order of a trace's updates.

Retry policy: network errors, 408, 429, 500, 502, 503 and 504 are retried up to
``max_retries`` times with exponential backoff and equal jitter (half fixed, half random, so
many clients do not retry in lockstep); a ``Retry-After`` header is a lower bound on the
wait. A 413 splits the batch in two (each half gets a key derived from the parent's). Other
4xx are permanent: counted, logged, not retried. A batch that exhausts its retries goes to
the disk spool when one is configured, else it is counted as lost.
"""

from __future__ import annotations

import json
import random
import threading
import time
from typing import List, Optional

from .buffer import RingBuffer
from .config import ClientConfig
from .diagnostics import Counters, RateLimitedLog, logger
from .spool import DiskSpool
from .transport import SendResult, Transport
from .wire import batch_body, new_id


class Dispatcher:
    """Owns the delivery thread; the client talks to it through wake/flush/stop."""

    def __init__(
        self,
        buffer: RingBuffer,
        transport: Transport,
        config: ClientConfig,
        counters: Counters,
        log: RateLimitedLog,
        spool: Optional[DiskSpool] = None,
    ) -> None:
        self._buffer = buffer
        self._transport = transport
        self._cfg = config
        self._counters = counters
        self._log = log
        self._spool = spool
        self._rng = random.Random()
        self._init_sync()

    def _init_sync(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._done_seq = 0
        self._drain_lock = threading.Lock()  # one drainer at a time keeps batches in order
        self._start_lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._deadline: Optional[float] = None  # monotonic; set once stop() is called
        self._errors: List[str] = []
        self._collector_ok = False

    # -- control (called from user threads) --------------------------------------------

    def ensure_started(self) -> None:
        if self._thread is not None or self._stop.is_set():
            return
        with self._start_lock:
            if self._thread is None and not self._stop.is_set():
                thread = threading.Thread(target=self._run, name="ovpo-dispatcher", daemon=True)
                try:
                    thread.start()
                except RuntimeError:  # interpreter shutting down: flush/stop drain inline
                    return
                self._thread = thread

    def wake(self) -> None:
        self._wake.set()

    def flush(self, timeout: Optional[float]) -> bool:
        """Wait until every item pushed before the call is delivered or given up."""
        target = self._buffer.last_seq
        if self._is_done(target):
            return True
        thread = self._thread
        if thread is None or not thread.is_alive():
            deadline = None if timeout is None else time.monotonic() + timeout
            self._drain(deadline)
            return self._is_done(target)
        self._wake.set()
        with self._done:
            return self._done.wait_for(lambda: self._done_seq >= target, timeout)

    def stop(self, timeout: float) -> bool:
        """Deliver what is buffered within ``timeout`` s, spool or count the rest, stop."""
        self._deadline = time.monotonic() + timeout
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread.is_alive():
            if thread is not threading.current_thread():
                thread.join(timeout + 1.0)
        else:
            self._drain(self._deadline)
            self._give_up_remaining()
        return self._is_done(self._buffer.last_seq)

    def take_errors(self) -> List[str]:
        """Delivery problems since the last call (strict mode turns them into exceptions)."""
        with self._done:
            errors, self._errors = self._errors, []
        return errors

    def reset_after_fork(self) -> None:
        """In a forked child: no thread exists there, and old locks may be held forever."""
        self._init_sync()
        self._done_seq = self._buffer.last_seq

    # -- the thread ----------------------------------------------------------------------

    def _is_done(self, seq: int) -> bool:
        with self._done:
            return self._done_seq >= seq

    def _mark_done(self, seq: int) -> None:
        with self._done:
            if seq > self._done_seq:
                self._done_seq = seq
            self._done.notify_all()

    def _run(self) -> None:
        self._guarded(self._replay_spool)
        while not self._stop.is_set():
            self._wake.wait(self._cfg.flush_interval_sec)
            self._wake.clear()
            self._guarded(lambda: self._drain(None))
            if self._collector_ok and not self._stop.is_set():
                self._guarded(self._replay_spool)
        self._guarded(lambda: self._drain(self._deadline))
        self._guarded(self._give_up_remaining)

    def _guarded(self, step: "object") -> None:
        try:
            step()  # type: ignore[operator]
        except Exception:  # a bug here must not kill delivery for the rest of the process
            logger.exception("ovpo: dispatcher error")

    def _drain(self, deadline: Optional[float]) -> None:
        with self._drain_lock:
            while True:
                if deadline is not None and time.monotonic() >= deadline:
                    return
                items, last_seq = self._buffer.pop_batch(
                    self._cfg.max_batch_bytes, self._cfg.max_batch_items
                )
                if not items:
                    return
                try:
                    self._deliver(items, new_id(), deadline)
                finally:
                    self._mark_done(last_seq)

    def _give_up_remaining(self) -> None:
        """At stop, past the deadline: what is still buffered is spooled or counted lost."""
        with self._drain_lock:
            while True:
                items, last_seq = self._buffer.pop_batch(
                    self._cfg.max_batch_bytes, self._cfg.max_batch_items
                )
                if not items:
                    return
                self._give_up(batch_body(items), new_id(), len(items), "exit deadline reached")
                self._mark_done(last_seq)

    # -- one batch -------------------------------------------------------------------------

    def _attempt_timeout(self, deadline: Optional[float]) -> Optional[float]:
        if deadline is None:
            return self._cfg.request_timeout_sec
        remaining = deadline - time.monotonic()
        return min(self._cfg.request_timeout_sec, remaining) if remaining > 0.05 else None

    def backoff_delay(self, retry: int, retry_after: Optional[float]) -> float:
        """Delay before retry number ``retry`` (1-based); ``Retry-After`` is a floor."""
        ceiling = min(self._cfg.backoff_max_sec, self._cfg.backoff_base_sec * (2 ** (retry - 1)))
        delay = ceiling / 2 + self._rng.uniform(0, ceiling / 2)
        if retry_after is not None:
            delay = max(delay, retry_after + self._rng.uniform(0, min(1.0, ceiling / 2)))
        return delay

    def _sleep(self, delay: float, deadline: Optional[float]) -> bool:
        """Wait before a retry; False when the stop deadline would pass first."""
        if deadline is not None:
            if time.monotonic() + delay > deadline:
                return False
            time.sleep(delay)
            return True
        self._stop.wait(delay)  # stop() cuts the wait; the deadline then governs the retry
        return True

    def _deliver(self, items: List[bytes], key: str, deadline: Optional[float]) -> None:
        body = batch_body(items)
        retry = 0
        while True:
            if deadline is None and self._deadline is not None:
                deadline = self._deadline  # stop() was called while we were retrying
            timeout = self._attempt_timeout(deadline)
            if timeout is None:
                self._give_up(body, key, len(items), "exit deadline reached")
                return
            result = self._transport.send(body, key, timeout)
            if result.ok:
                self._collector_ok = True
                self._accepted(result, len(items))
                return
            self._counters.add("send_failures_total")
            self._collector_ok = False
            if result.status == 413 and len(items) > 1:
                half = len(items) // 2
                self._deliver(items[:half], key + "-a", deadline)
                self._deliver(items[half:], key + "-b", deadline)
                return
            if not result.retryable:
                self._rejected(result, len(items))
                return
            if retry >= self._cfg.max_retries:
                self._give_up(body, key, len(items), "retries exhausted (%s)" % _describe(result))
                return
            retry += 1
            self._log.warning("retry", "collector not available (%s), retrying", _describe(result))
            if not self._sleep(self.backoff_delay(retry, result.retry_after), deadline):
                self._give_up(body, key, len(items), "exit deadline reached")
                return
            self._counters.add("retries_total")

    def _accepted(self, result: SendResult, count: int) -> None:
        answer = result.json()
        failed = _int(answer.get("failed_items"), 0)
        self._counters.add("batches_sent_total")
        self._counters.add(
            "items_accepted_total", _int(answer.get("processed_items"), count - failed)
        )
        if answer.get("duplicate") is True:
            self._counters.add("duplicate_batches_total")
        if failed:
            self._counters.add("items_rejected_total", failed)
            self._report(
                "rejected", "collector rejected %d item(s): %s", failed, _first_error(answer)
            )

    def _rejected(self, result: SendResult, count: int) -> None:
        answer = result.json()
        failed = _int(answer.get("failed_items"), count) if "failed_items" in answer else count
        self._counters.add("items_rejected_total", failed)
        self._report(
            "rejected",
            "collector rejected a batch of %d item(s): HTTP %d %s",
            count,
            result.status,
            _first_error(answer),
        )

    def _give_up(self, body: bytes, key: str, count: int, reason: str) -> None:
        self._counters.add("batches_failed_total")
        if self._spool is not None:
            try:
                stored, evicted = self._spool.put(body, key)
            except OSError as error:
                stored, evicted = False, 0
                self._log.warning("spool", "cannot write spool: %s", error)
            self._counters.add("spool_dropped_batches_total", evicted)
            if stored:
                self._counters.add("spooled_batches_total")
                self._report("give-up", "batch of %d item(s) spooled to disk: %s", count, reason)
                return
        self._counters.add("items_lost_total", count)
        self._report("give-up", "batch of %d item(s) lost: %s", count, reason)

    def _report(self, kind: str, message: str, *args: object) -> None:
        self._log.warning(kind, message, *args)
        if self._cfg.strict:
            with self._done:
                self._errors.append(message % args)

    def _replay_spool(self) -> None:
        """Resend spooled batches oldest first; stop at the first sign of an outage."""
        if self._spool is None:
            return
        for entry in self._spool.pending():
            if self._stop.is_set():
                return
            try:
                body = self._spool.read(entry)
            except OSError:
                continue  # removed by a concurrent replayer
            result = self._transport.send(
                body, entry.idempotency_key, self._cfg.request_timeout_sec
            )
            if result.retryable and not result.ok:
                self._collector_ok = False
                return
            # Count before removing: a reader that sees the spool empty must also see the count.
            if result.ok:
                self._counters.add("spool_replayed_batches_total")
                self._accepted(result, _count_items(body))
            else:
                self._rejected(result, _count_items(body))
            self._spool.remove(entry)


def _count_items(body: bytes) -> int:
    try:
        return len(json.loads(body.decode("utf-8"))["items"])
    except (ValueError, KeyError, TypeError):
        return 0


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _describe(result: SendResult) -> str:
    return result.error or "HTTP %d" % result.status


def _first_error(answer: dict) -> str:
    errors = answer.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        e = errors[0]
        return "%s %s at item %s: %s" % (
            e.get("code"),
            e.get("field"),
            e.get("item_index"),
            e.get("message"),
        )
    error = answer.get("error")
    if isinstance(error, dict):
        return "%s: %s" % (error.get("code"), error.get("message"))
    return ""
