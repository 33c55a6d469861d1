"""Optional disk spool: batches the collector could not take survive a restart.

A spooled batch is stored as its exact request body under its Idempotency-Key, so the replay
is byte-identical to the lost attempt and the collector recognises a duplicate. The spool is
bounded by bytes; when full, the oldest batches are deleted (and counted). Files are written
to a temporary name and renamed, so a crash never leaves a half batch to replay.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from typing import List, Tuple

_SUFFIX = ".batch"
_TMP_SUFFIX = ".tmp"
_NAME_RE = re.compile(r"^(\d{20})-(\d+)-([A-Za-z0-9-]{1,128})\.batch$")
_STALE_TMP_SEC = 60.0


@dataclass(frozen=True)
class SpoolEntry:
    path: str
    idempotency_key: str
    size: int


class DiskSpool:
    """A directory of ``<time_ns>-<pid>-<idempotency key>.batch`` files, oldest first."""

    def __init__(self, directory: str, max_bytes: int) -> None:
        self.directory = directory
        self.max_bytes = max_bytes
        os.makedirs(directory, exist_ok=True)
        self._remove_stale_tmp()

    def _remove_stale_tmp(self) -> None:
        cutoff = time.time() - _STALE_TMP_SEC
        for entry in os.scandir(self.directory):
            if entry.name.endswith(_TMP_SUFFIX):
                try:
                    if entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
                except OSError:
                    pass

    def pending(self) -> List[SpoolEntry]:
        """Spooled batches, oldest first (file names sort by write time)."""
        entries = []
        for entry in os.scandir(self.directory):
            match = _NAME_RE.match(entry.name)
            if match:
                try:
                    entries.append(SpoolEntry(entry.path, match.group(3), entry.stat().st_size))
                except OSError:  # replayed and removed by another process meanwhile
                    continue
        entries.sort(key=lambda e: os.path.basename(e.path))
        return entries

    def total_bytes(self) -> int:
        return sum(e.size for e in self.pending())

    def put(self, body: bytes, idempotency_key: str) -> Tuple[bool, int]:
        """Store a batch; returns ``(stored, evicted)``, evicted = oldest batches deleted."""
        if len(body) > self.max_bytes or not re.match(r"^[A-Za-z0-9-]{1,128}$", idempotency_key):
            return False, 0
        entries = self.pending()
        total = sum(e.size for e in entries)
        evicted = 0
        while entries and total + len(body) > self.max_bytes:
            oldest = entries.pop(0)
            if self.remove(oldest):
                evicted += 1
            total -= oldest.size
        name = "%020d-%d-%s" % (time.time_ns(), os.getpid(), idempotency_key)
        tmp = os.path.join(self.directory, name + _TMP_SUFFIX)
        with open(tmp, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, os.path.join(self.directory, name + _SUFFIX))
        return True, evicted

    @staticmethod
    def read(entry: SpoolEntry) -> bytes:
        with open(entry.path, "rb") as handle:
            return handle.read()

    @staticmethod
    def remove(entry: SpoolEntry) -> bool:
        try:
            os.unlink(entry.path)
            return True
        except FileNotFoundError:  # another process replayed it first
            return False
