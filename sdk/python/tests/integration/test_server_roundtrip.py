"""Round trip through the real all-in-one server: SDK -> ingest -> processing -> query API.

Run from the repository root::

    python3 -m unittest discover -s sdk/python/tests/integration

The server is ``java -jar $OVPO_SERVER_JAR`` (default ``apps/server/target/ovpo-server.jar``),
started here with ``OVPO_PORT=<free port>`` and ``OVPO_BOOTSTRAP_API_KEY=<fresh key>`` and
stopped at the end. Without the jar the tests are skipped, unless ``OVPO_REQUIRE_SERVER=1``,
in which case they fail. ``OVPO_SERVER_URL`` + ``OVPO_SERVER_API_KEY`` point the tests at an
already running server instead (then no jar is started).

Processing is asynchronous, so every check polls ``GET /v1/traces/{id}`` for up to
``OVPO_POLL_TIMEOUT_SEC`` (default 10 s).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import secrets
import shutil
import socket
import string
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
from contextlib import redirect_stderr, redirect_stdout
from typing import Any, Callable, Dict, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
SDK_ROOT = os.path.dirname(os.path.dirname(HERE))
REPO_ROOT = os.path.dirname(os.path.dirname(SDK_ROOT))
sys.path.insert(0, os.path.join(SDK_ROOT, "src"))

import ovpo  # noqa: E402
from ovpo import OvpoClient  # noqa: E402
from ovpo.transport import HttpTransport  # noqa: E402

DEFAULT_JAR = os.path.join(REPO_ROOT, "apps", "server", "target", "ovpo-server.jar")
START_TIMEOUT = float(os.environ.get("OVPO_SERVER_START_TIMEOUT_SEC", "90"))
POLL_TIMEOUT = float(os.environ.get("OVPO_POLL_TIMEOUT_SEC", "10"))
SUMMARY_KEYS = {
    "total_duration_ms",
    "span_breakdown_pct",
    "peak_vram_mb",
    "avg_gpu_utilization_pct",
    "frame_count",
    "compute_units",
    "completeness",
}


def new_api_key() -> str:
    """``ovpo_<8-16 lower-case alnum>_<32-64 alnum>``."""
    lower = string.ascii_lowercase + string.digits
    prefix = "it" + "".join(secrets.choice(lower) for _ in range(8))
    secret = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(40))
    return "ovpo_%s_%s" % (prefix, secret)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, api_key: Optional[str] = None, timeout: float = 5.0) -> "tuple[int, Any]":
    request = urllib.request.Request(
        url, headers={"Authorization": "Bearer " + api_key} if api_key else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    try:
        return status, json.loads(body.decode("utf-8")) if body else None
    except ValueError:
        return status, body.decode("utf-8", "replace")


def load_example() -> Any:
    path = os.path.join(REPO_ROOT, "examples", "python", "fake_videogen.py")
    spec = importlib.util.spec_from_file_location("fake_videogen_it", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class ServerRoundTrip(unittest.TestCase):
    base_url: str = ""
    api_key: str = ""
    process: Optional[subprocess.Popen] = None
    log_file: Any = None
    unavailable: Optional[str] = None

    @classmethod
    def setUpClass(cls) -> None:
        if os.environ.get("OVPO_SERVER_URL"):
            cls.base_url = os.environ["OVPO_SERVER_URL"].rstrip("/")
            cls.api_key = os.environ.get("OVPO_SERVER_API_KEY", "")
            return
        jar = os.environ.get("OVPO_SERVER_JAR", DEFAULT_JAR)
        required = os.environ.get("OVPO_REQUIRE_SERVER") == "1"
        if not os.path.isfile(jar):
            reason = "server jar not found: %s (build it, or set OVPO_SERVER_JAR)" % jar
            if not required:
                raise unittest.SkipTest(reason)
            cls.unavailable = reason + "; OVPO_REQUIRE_SERVER=1 makes this a failure"
            return
        java = shutil.which("java")
        if java is None:
            cls.unavailable = "java not found on PATH"
            return
        cls._start(java, jar)

    @classmethod
    def _start(cls, java: str, jar: str) -> None:
        port = free_port()
        cls.api_key = new_api_key()
        cls.base_url = "http://127.0.0.1:%d" % port
        env = dict(os.environ, OVPO_PORT=str(port), OVPO_BOOTSTRAP_API_KEY=cls.api_key)
        cls.log_file = tempfile.TemporaryFile(mode="w+")
        cls.process = subprocess.Popen(
            [java, "-jar", jar],
            env=env,
            cwd=REPO_ROOT,
            stdout=cls.log_file,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if cls.process.poll() is not None:
                cls.unavailable = "server exited with %s before it was ready:\n%s" % (
                    cls.process.returncode,
                    cls._log_tail(),
                )
                return
            try:
                if http_get(cls.base_url + "/ready", timeout=1.0)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        cls.unavailable = "server not ready within %.0f s:\n%s" % (START_TIMEOUT, cls._log_tail())

    @classmethod
    def _log_tail(cls) -> str:
        if cls.log_file is None:
            return ""
        cls.log_file.seek(0)
        return cls.log_file.read()[-4000:]

    @classmethod
    def tearDownClass(cls) -> None:
        if cls.process is not None and cls.process.poll() is None:
            cls.process.terminate()
            try:
                cls.process.wait(15)
            except subprocess.TimeoutExpired:
                cls.process.kill()
                cls.process.wait(5)
        if cls.log_file is not None:
            cls.log_file.close()

    def setUp(self) -> None:
        if self.unavailable:
            self.fail(self.unavailable)
        self.example = load_example()

    # -- helpers -----------------------------------------------------------------------

    def client(self) -> OvpoClient:
        client = OvpoClient(
            self.base_url,
            api_key=self.api_key,
            strict=True,
            gpu_sampling=False,
            install_exit_handlers=False,
            max_retries=3,
        )
        self.addCleanup(client.close, 10.0)
        return client

    def run_example(self, *flags: str) -> "ovpo.TraceContext":
        args = self.example.parse_args(["--step-sec", "0.005", *flags])
        client = self.client()
        trace = self.example.create_trace(client, args)
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            try:
                self.example.run(trace, args)
            except (self.example.OutOfMemoryError, TimeoutError):
                pass  # the failure scenarios end this way on purpose
        self.assertTrue(client.flush(15), "SDK could not deliver to the server")
        stats = client.stats()
        self.assertEqual(0, stats["items_rejected_total"], "server rejected items: %s" % stats)
        return trace

    def poll_trace(self, trace_id: str, ready: Callable[[Dict[str, Any]], bool]) -> Dict[str, Any]:
        """GET /v1/traces/{id} until ``ready(detail)`` or the poll timeout; returns the last."""
        deadline = time.monotonic() + POLL_TIMEOUT
        status, detail = 0, None
        while True:
            status, detail = http_get("%s/v1/traces/%s" % (self.base_url, trace_id), self.api_key)
            if status == 200 and isinstance(detail, dict) and ready(detail):
                return detail
            if time.monotonic() > deadline:
                self.fail(
                    "trace %s not as expected after %.0f s: HTTP %s %s"
                    % (trace_id, POLL_TIMEOUT, status, json.dumps(detail)[:3000])
                )
            time.sleep(0.2)

    # -- tests ---------------------------------------------------------------------------

    def test_completedRun_isQueryableWithSpansFramesArtifactsAndSummary(self):
        trace = self.run_example("--frames", "48", "--steps", "20")
        detail = self.poll_trace(
            trace.trace_id,
            lambda d: d["trace"].get("status") == "COMPLETED"
            and len(d.get("spans", [])) == 5
            and len(d.get("frame_events", [])) == 68
            and len(d.get("artifacts", [])) == 8,
        )
        self.assertEqual(trace.trace_id, detail["trace"]["trace_id"])
        self.assertEqual(48, detail["trace"].get("expected_frames"))
        self.assertEqual(
            ["LOAD", "TEXT_ENCODE", "SAMPLING", "DECODE", "OUTPUT_ENCODE"],
            [s["span_kind"] for s in detail["spans"]],
        )
        order = [(e["frame_index"], e["observed_at"]) for e in detail["frame_events"]]
        self.assertEqual(
            sorted(order), order, "frame events must be sorted by frame_index, observed_at"
        )
        summary = detail["summary"]
        self.assertLessEqual(SUMMARY_KEYS, set(summary), "summary misses keys")
        peak = max(e["gpu"]["vram_used_mb"] for e in detail["frame_events"] if "gpu" in e)
        self.assertAlmostEqual(peak, float(summary["peak_vram_mb"]), places=1)

    def test_oomRun_isFailedWithFailureNamingTheSamplingSpan(self):
        trace = self.run_example("--scenario", "oom")
        # Trace and span items may travel in different batches, so wait for both, not only FAILED.
        detail = self.poll_trace(
            trace.trace_id,
            lambda d: d["trace"].get("status") == "FAILED"
            and any(s["span_kind"] == "SAMPLING" for s in d.get("spans", [])),
        )
        sampling = [s for s in detail["spans"] if s["span_kind"] == "SAMPLING"]
        self.assertEqual(1, len(sampling))
        failure = detail["trace"]["failure"]
        self.assertEqual(("OOM", sampling[0]["span_id"]), (failure["code"], failure.get("span_id")))

    def test_timeoutRun_isFailedWithTimeout(self):
        trace = self.run_example("--scenario", "timeout")
        detail = self.poll_trace(trace.trace_id, lambda d: d["trace"].get("status") == "FAILED")
        self.assertEqual("TIMEOUT", detail["trace"]["failure"]["code"])

    def test_missingFrames_makeTheServerReportPartial(self):
        trace = self.run_example("--scenario", "missing-frames", "--frames", "60")
        detail = self.poll_trace(trace.trace_id, lambda d: d["trace"].get("status") == "PARTIAL")
        self.assertEqual("COMPLETED", detail["trace"].get("reported_status"))
        self.assertTrue(
            detail["summary"].get("completeness"), "completeness should explain the missing frames"
        )

    def test_resendingABatch_isAnsweredAsDuplicate_andCountsNothingTwice(self):
        client = self.client()
        config = ovpo.pipeline_config("it", width=8, height=8, fps=24, num_frames=2, gpu_type="cpu")
        with client.trace(pipeline_config=config, expected_frames=2) as trace:
            trace.emit_frame(0)
            trace.emit_frame(1)
        client.flush(15)
        detail = self.poll_trace(
            trace.trace_id,
            lambda d: len(d.get("frame_events", [])) == 2
            and d["trace"].get("status") == "COMPLETED",
        )
        item = {
            "item_type": "frame_event",
            "data": {
                k: v
                for k, v in detail["frame_events"][0].items()
                if k
                in {
                    "event_id",
                    "trace_id",
                    "span_id",
                    "event_type",
                    "frame_index",
                    "media_time_ms",
                    "observed_at",
                }
            },
        }
        body = json.dumps({"items": [item]}, separators=(",", ":")).encode("utf-8")
        transport = HttpTransport(self.base_url, self.api_key)
        first = transport.send(body, "it-" + trace.trace_id, 10.0)
        second = transport.send(body, "it-" + trace.trace_id, 10.0)
        self.assertEqual((202, 202), (first.status, second.status), second.body[:500])
        self.assertIs(True, second.json().get("duplicate"))
        time.sleep(1.0)
        detail = self.poll_trace(trace.trace_id, lambda d: True)
        self.assertEqual(2, len(detail["frame_events"]))


if __name__ == "__main__":
    unittest.main()
