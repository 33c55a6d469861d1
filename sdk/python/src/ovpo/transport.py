"""Transports: how one batch body reaches the collector.

A transport makes exactly one attempt and reports what happened; retrying, backoff and
spooling belong to the dispatcher. :class:`HttpTransport` speaks ``POST /v1/ingest/batch``;
:class:`FileTransport` appends batches to a JSON-lines file, for offline runs and demos.
"""

from __future__ import annotations

import email.utils
import gzip
import http.client
import json
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, Optional
from urllib.parse import urlsplit

from ._version import __version__
from .wire import INGEST_PATH, SCHEMA_VERSION

USER_AGENT = "ovpo-sdk-python/" + __version__

#: Statuses worth another attempt with the same body and Idempotency-Key. 409 is the
#: collector still processing an earlier attempt of this batch (spec 02 §4 rule 7).
RETRYABLE_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class SendResult:
    """Outcome of one attempt. ``status`` is 0 when no HTTP response was received."""

    status: int
    body: bytes = b""
    retry_after: Optional[float] = None
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def retryable(self) -> bool:
        return self.status == 0 or self.status in RETRYABLE_STATUSES

    def json(self) -> Dict[str, Any]:
        """The response body as an object, or ``{}`` when it is not JSON."""
        try:
            value = json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return {}
        return value if isinstance(value, dict) else {}


class Transport:
    """Interface of a transport (subclass it to plug in your own, e.g. for tests)."""

    def send(self, body: bytes, idempotency_key: str, timeout: float) -> SendResult:
        raise NotImplementedError

    def close(self) -> None:
        """Release resources; the default has none."""


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class HttpTransport(Transport):
    """``POST {endpoint}/v1/ingest/batch`` over http.client, one connection per attempt.

    A fresh connection per batch keeps failure handling simple (no stale keep-alive
    sockets); batches are large and at most a few per second, so the handshake is noise.
    Proxies from the environment are deliberately not used: collectors are usually internal.
    """

    def __init__(self, endpoint: str, api_key: Optional[str], *, use_gzip: bool = False) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("endpoint must be http(s)://host[:port][/prefix]")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = parts.path.rstrip("/") + INGEST_PATH
        self._api_key = api_key
        self._gzip = use_gzip
        self._ssl = ssl.create_default_context() if self._https else None

    def headers(self, idempotency_key: str, gzipped: bool) -> Dict[str, str]:
        """Exactly the headers of an ingest request (see README, "Wire behaviour")."""
        headers = {
            "Content-Type": "application/json",
            "X-OVPO-Schema-Version": SCHEMA_VERSION,
            "Idempotency-Key": idempotency_key,
            "User-Agent": USER_AGENT,
            "Connection": "close",
        }
        if self._api_key:
            headers["Authorization"] = "Bearer " + self._api_key
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return headers

    def send(self, body: bytes, idempotency_key: str, timeout: float) -> SendResult:
        payload = gzip.compress(body, compresslevel=5) if self._gzip else body
        if self._https:
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                self._host, self._port, timeout=timeout, context=self._ssl
            )
        else:
            conn = http.client.HTTPConnection(self._host, self._port, timeout=timeout)
        try:
            conn.request(
                "POST", self._path, body=payload, headers=self.headers(idempotency_key, self._gzip)
            )
            response = conn.getresponse()
            data = response.read()
            return SendResult(
                response.status, data, parse_retry_after(response.getheader("Retry-After"))
            )
        except (OSError, http.client.HTTPException) as error:
            # Connection refused, DNS, TLS, timeouts, truncated responses: all "no answer".
            return SendResult(0, error="%s: %s" % (type(error).__name__, error))
        finally:
            conn.close()


class FileTransport(Transport):
    """Appends each batch as one JSON line ``{"idempotency_key", "items"}`` to ``path``.

    Answers like a collector that accepted everything, so a pipeline can be instrumented
    and inspected without any server (``examples/python/fake_videogen.py --out FILE``).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()

    def send(self, body: bytes, idempotency_key: str, timeout: float) -> SendResult:
        batch = json.loads(body.decode("utf-8"))
        line = json.dumps(
            {"idempotency_key": idempotency_key, "items": batch["items"]},
            separators=(",", ":"),
            ensure_ascii=False,
        )
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        answer = {
            "request_id": "file",
            "processed_items": len(batch["items"]),
            "failed_items": 0,
            "duplicate": False,
            "errors": [],
        }
        return SendResult(202, json.dumps(answer).encode("utf-8"))
