"""Byte-capped ring buffer between the instrumented code and the dispatcher thread.

Items are pre-encoded JSON (``bytes``). When a push would exceed the cap, the oldest items
are discarded and counted: under a collector outage the pipeline keeps its memory bound and
the freshest data survives. Every stored item gets a sequence number so ``flush()`` can
wait for "everything pushed before this call" without tracking individual items.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Deque, List, Tuple

from .wire import batch_size

#: Per-item memory charged against the cap on top of the payload: the bytes object header
#: (33 bytes, rounded up by the allocator) and the deque slot. Items are stored bare (no
#: tuple, no int) so the cap bounds real memory closely.
ITEM_OVERHEAD_BYTES = 48


class RingBuffer:
    """FIFO of encoded items, capped by bytes, overwriting the oldest when full.

    Sequence numbers are implicit: the newest item has ``last_seq`` and the others count
    down from it in deque order, so nothing but the payload is stored per item.
    """

    def __init__(self, max_bytes: int) -> None:
        self._max_bytes = max_bytes
        self._items: Deque[bytes] = deque()
        self._bytes = 0
        # Re-entrant: a SIGTERM handler runs on the main thread and may push (closing open
        # traces) while the interrupted main thread is itself inside push().
        self._lock = threading.RLock()
        self._last_seq = 0
        self.pushed_total = 0
        self.dropped_total = 0

    @staticmethod
    def cost(item: bytes) -> int:
        return len(item) + ITEM_OVERHEAD_BYTES

    def push(self, item: bytes) -> Tuple[int, int, int]:
        """Append ``item``; returns ``(seq, dropped_now, buffered_bytes)``.

        The caller rejects items larger than the cap before pushing, so ``item`` always fits
        once older items are gone.
        """
        cost = len(item) + ITEM_OVERHEAD_BYTES
        with self._lock:
            dropped = 0
            while self._items and self._bytes + cost > self._max_bytes:
                old = self._items.popleft()
                self._bytes -= len(old) + ITEM_OVERHEAD_BYTES
                dropped += 1
            self._last_seq += 1
            self._items.append(item)
            self._bytes += cost
            self.pushed_total += 1
            self.dropped_total += dropped
            return self._last_seq, dropped, self._bytes

    def pop_batch(self, max_body_bytes: int, max_items: int) -> Tuple[List[bytes], int]:
        """Remove the oldest items that fit one request body; returns ``(items, last_seq)``.

        ``last_seq`` is 0 when the buffer was empty. Items are never reordered.
        """
        items: List[bytes] = []
        total = 0
        with self._lock:
            first_seq = self._last_seq - len(self._items) + 1
            while self._items and len(items) < max_items:
                item = self._items[0]
                if items and batch_size(total + len(item), len(items) + 1) > max_body_bytes:
                    break
                self._items.popleft()
                self._bytes -= len(item) + ITEM_OVERHEAD_BYTES
                items.append(item)
                total += len(item)
        return items, (first_seq + len(items) - 1 if items else 0)

    @property
    def last_seq(self) -> int:
        """Sequence number of the newest item ever pushed (0 if none)."""
        with self._lock:
            return self._last_seq

    def stats(self) -> Tuple[int, int]:
        """``(items, bytes)`` currently buffered (bytes include per-item overhead)."""
        with self._lock:
            return len(self._items), self._bytes

    def reset_after_fork(self) -> None:
        """In a forked child: forget the items (the parent sends them) and replace the lock,
        which another thread may have held at fork() time."""
        self._lock = threading.RLock()
        self._items.clear()
        self._bytes = 0
