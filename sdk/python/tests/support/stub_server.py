"""A stub OVPO collector on 127.0.0.1 (ephemeral port), from the standard library.

It records every request (headers, decoded body) and checks each one with the independent
wire checker; tests script answers with :meth:`StubCollector.answer`. By default it answers
202 like a collector that accepted every item. It also serves a minimal
``GET /v1/traces/{id}`` over what it received, enough to exercise the integration test.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple

from .wire_check import check_request

API_KEY = "ovpo_stubtest1_" + "S" * 40


@dataclass
class Request:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes  # decoded (gunzipped) body
    raw_size: int
    problems: List[str] = field(default_factory=list)
    status: int = 0

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    @property
    def items(self) -> List[Dict[str, Any]]:
        return self.json()["items"]

    @property
    def idempotency_key(self) -> Optional[str]:
        return self.headers.get("Idempotency-Key")


Answer = Tuple[int, Dict[str, str], Optional[bytes]]


class StubCollector:
    """Start with ``StubCollector()``; ``url`` is its base URL; ``close()`` stops it."""

    def __init__(self) -> None:
        self.requests: List[Request] = []
        self._answers: Deque[Answer] = deque()
        self._lock = threading.Condition()
        self.delay = 0.0  # seconds to wait before answering (slow collector)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                stub._post(self)

            def do_GET(self) -> None:
                stub._get(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self._server.server_address[1]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StubCollector":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- scripting ---------------------------------------------------------------------

    def answer(
        self,
        status: int,
        body: Optional[Any] = None,
        headers: Optional[Dict[str, str]] = None,
        times: int = 1,
    ) -> None:
        """Queue ``times`` answers for the next ingest requests (then back to 202)."""
        raw = None if body is None else json.dumps(body).encode("utf-8")
        with self._lock:
            for _ in range(times):
                self._answers.append((status, headers or {}, raw))

    def ingest_requests(self) -> List[Request]:
        with self._lock:
            return [r for r in self.requests if r.method == "POST"]

    def accepted_items(self) -> List[Dict[str, Any]]:
        """Items of requests answered 2xx, in arrival order."""
        return [item for r in self.ingest_requests() if 200 <= r.status < 300 for item in r.items]

    def problems(self) -> List[str]:
        return [p for r in self.ingest_requests() for p in r.problems]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Wait until ``predicate()`` holds; re-checked on every request and every 20 ms
        (so it may also watch client state that changes without a request)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(min(remaining, 0.02))
        return True

    # -- handlers -------------------------------------------------------------------------

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length", "0"))
        raw = handler.rfile.read(length)
        body = gzip.decompress(raw) if handler.headers.get("Content-Encoding") == "gzip" else raw
        headers = {k: v for k, v in handler.headers.items()}
        request = Request(
            "POST", handler.path, headers, body, len(raw), check_request(headers, body)
        )
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            status, extra, payload = self._answers.popleft() if self._answers else (202, {}, None)
        if payload is None:
            count = len(request.json().get("items", [])) if not request.problems else 0
            payload = json.dumps(
                {
                    "request_id": "stub",
                    "processed_items": count,
                    "failed_items": 0,
                    "duplicate": False,
                    "errors": [],
                }
            ).encode("utf-8")
        request.status = status
        with self._lock:  # recorded before answering: a client that saw the answer sees it here
            self.requests.append(request)
            self._lock.notify_all()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        for name, value in extra.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(payload)

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        if path == "/ready" or path == "/health":
            self._send_json(handler, 200, {"status": "ok"})
            return
        prefix = "/v1/traces/"
        if (
            not path.startswith(prefix)
            or handler.headers.get("Authorization") != "Bearer " + API_KEY
        ):
            self._send_json(
                handler,
                404 if path.startswith(prefix) else 404,
                {"error": {"code": "NOT_FOUND", "message": "not found", "request_id": "stub"}},
            )
            return
        detail = self.trace_detail(path[len(prefix) :])
        if detail is None:
            self._send_json(
                handler,
                404,
                {"error": {"code": "NOT_FOUND", "message": "not found", "request_id": "stub"}},
            )
        else:
            self._send_json(handler, 200, detail)

    @staticmethod
    def _send_json(handler: BaseHTTPRequestHandler, status: int, value: Any) -> None:
        payload = json.dumps(value).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def trace_detail(self, trace_id: str) -> Optional[Dict[str, Any]]:
        """A minimal stand-in for the query API: last-rank trace state, items deduped by id."""
        rank = {"PENDING": 0, "RUNNING": 1}
        trace: Optional[Dict[str, Any]] = None
        spans: Dict[str, Dict[str, Any]] = {}
        events: Dict[str, Dict[str, Any]] = {}
        artifacts: Dict[str, Dict[str, Any]] = {}
        for item in self.accepted_items():
            data = item["data"]
            if data.get("trace_id") != trace_id:
                continue
            if item["item_type"] == "trace":
                if trace is None or rank.get(data["status"], 2) >= rank.get(trace["status"], 2):
                    if trace is None or rank.get(trace["status"], 2) < 2:
                        trace = dict(data)
            elif item["item_type"] == "span":
                spans.setdefault(data["span_id"], data)
            elif item["item_type"] == "frame_event":
                events.setdefault(data["event_id"], data)
            else:
                for ref in data["artifacts"]:
                    artifacts.setdefault(ref["artifact_id"], ref)
        if trace is None:
            return None
        frames = {e["frame_index"] for e in events.values() if e["event_type"] == "FRAME_GENERATED"}
        expected = trace.get("expected_frames")
        if trace["status"] == "COMPLETED" and expected is not None and len(frames) < expected:
            trace["reported_status"] = "COMPLETED"
            trace["status"] = "PARTIAL"
        ordered_events = sorted(events.values(), key=lambda e: (e["frame_index"], e["observed_at"]))
        return {
            "trace": trace,
            "spans": sorted(spans.values(), key=lambda s: s["start_time"]),
            "frame_events": ordered_events,
            "artifacts": list(artifacts.values()),
            "summary": {"frame_count": len(frames)},
        }
