"""A local capture collector: ``POST /v1/ingest/batch`` answered 202, every item kept.

Standard library only (``http.server``). Each request is recorded with the time it was
received, so the observed_at skew of spec 04 §6 rule 5 can be checked, and with the wire
problems found in its headers and body (spec 02 §1-§3).
"""

from __future__ import annotations

import gzip
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional

#: The key the suite's clients send; the capture server accepts any well-formed key.
CAPTURE_API_KEY = "ovpo_capture01_" + "C" * 40

_KEY = re.compile(r"^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$")
_ITEM_TYPES = ("trace", "span", "frame_event", "artifact_manifest")
_MAX_BODY = 5 * 1024 * 1024
_MAX_ITEMS = 10_000


def timestamp(epoch_seconds: float) -> str:
    """The spec's timestamp format: UTC, three fractional digits, ``Z``."""
    millis = int(round(epoch_seconds * 1000))
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(millis // 1000)) + ".%03dZ" % (
        millis % 1000
    )


@dataclass
class CapturedRequest:
    """One ingest request as received."""

    received_at: str
    idempotency_key: Optional[str]
    items: List[Dict[str, Any]]
    problems: List[str] = field(default_factory=list)

    def to_line(self) -> str:
        """One line of a capture file (read by ``java -jar ovpo-compliance.jar --check-batch``)."""
        return json.dumps(
            {
                "received_at": self.received_at,
                "idempotency_key": self.idempotency_key,
                "items": self.items,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )


def wire_problems(headers: Dict[str, str], body: bytes) -> List[str]:
    """What breaks spec 02 §1 in a request's headers (names in any case) and decoded body."""
    headers = {name.lower(): value for name, value in headers.items()}
    problems = []
    auth = headers.get("authorization", "")
    if not auth.lower().startswith("bearer ") or not _KEY.match(auth[7:]):
        problems.append("Authorization must be 'Bearer ovpo_<prefix>_<secret>'")
    if headers.get("x-ovpo-schema-version") != "0.08":
        problems.append("X-OVPO-Schema-Version must be 0.08")
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        problems.append("Content-Type must be application/json")
    key = headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 128 and all(0x21 <= ord(c) <= 0x7E for c in key)):
        problems.append("Idempotency-Key must be 1..128 visible ASCII characters")
    if len(body) > _MAX_BODY:
        problems.append("body of %d bytes exceeds 5 MiB" % len(body))
    return problems


def batch_problems(document: Any) -> List[str]:
    """What breaks the batch envelope of spec 02 §1 (empty when fine)."""
    if not isinstance(document, dict) or set(document) != {"items"}:
        return ["the body must be an object with exactly 'items'"]
    items = document["items"]
    if not isinstance(items, list) or not 1 <= len(items) <= _MAX_ITEMS:
        return ["'items' must be an array of 1..10,000 items"]
    problems = []
    for index, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or item.get("item_type") not in _ITEM_TYPES
            or not isinstance(item.get("data"), dict)
        ):
            problems.append("item %d is not {item_type, data} with a known item_type" % index)
    return problems


class CaptureServer:
    """Starts on 127.0.0.1 (an ephemeral port) at construction; :meth:`close` stops it.

    Use as a context manager. :attr:`url` is the endpoint to give an ``OvpoClient``.
    """

    def __init__(self) -> None:
        self.requests: List[CapturedRequest] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                server._ingest(self)

            def do_GET(self) -> None:
                if self.path.split("?")[0] in ("/health", "/ready"):
                    server._reply(self, 200, {"status": "UP"})
                else:
                    server._error(self, 404, "NOT_FOUND", "the capture server only ingests")

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.05,), name="ovpo-capture", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._httpd.server_address[1]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "CaptureServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def captured(self) -> List[CapturedRequest]:
        with self._lock:
            return list(self.requests)

    def save(self, path: str) -> None:
        """Writes every captured request as one JSON line."""
        with open(path, "w", encoding="utf-8") as handle:
            for request in self.captured():
                handle.write(request.to_line() + "\n")

    # -- handlers ---------------------------------------------------------------------------

    def _ingest(self, handler: BaseHTTPRequestHandler) -> None:
        received_at = timestamp(time.time())
        if handler.path.split("?")[0] != "/v1/ingest/batch":
            self._error(handler, 404, "NOT_FOUND", "no such route")
            return
        raw = handler.rfile.read(int(handler.headers.get("Content-Length", "0") or 0))
        headers = {k: v for k, v in handler.headers.items()}
        try:
            gzipped = (handler.headers.get("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
            body = gzip.decompress(raw) if gzipped else raw
            document = json.loads(body.decode("utf-8"))
        except (OSError, ValueError):
            self._error(handler, 400, "MALFORMED_JSON", "the body is not JSON")
            return
        problems = wire_problems(headers, body) + batch_problems(document)
        items = document.get("items", []) if isinstance(document, dict) else []
        key = handler.headers.get("Idempotency-Key")
        request = CapturedRequest(received_at, key, items, problems)
        with self._lock:
            self.requests.append(request)
        self._reply(
            handler,
            202,
            {
                "request_id": str(uuid.uuid4()),
                "processed_items": len(items),
                "failed_items": 0,
                "duplicate": False,
                "errors": [],
            },
        )

    def _error(self, handler: BaseHTTPRequestHandler, status: int, code: str, message: str) -> None:
        body = {"error": {"code": code, "message": message, "request_id": "capture"}}
        self._reply(handler, status, body)

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, value: Any) -> None:
        payload = json.dumps(value).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
