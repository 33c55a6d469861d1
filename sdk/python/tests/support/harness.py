"""Shared test fixtures: a stub collector per test and clients wired to it."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from typing import Any, Dict, List

from ovpo import OvpoClient

from .. import REPO_ROOT, SRC
from .stub_server import API_KEY, StubCollector

CFG: Dict[str, Any] = {
    "model_name": "test-model",
    "width": 64,
    "height": 64,
    "fps": 24,
    "num_frames": 8,
    "hardware": {"gpu_type": "cpu", "gpu_count": 1},
}


def fast_options(**options: Any) -> Dict[str, Any]:
    """Client options for tests: quick retries, no GPU probing, no process-wide hooks."""
    values: Dict[str, Any] = dict(
        api_key=API_KEY,
        gpu_sampling=False,
        install_exit_handlers=False,
        backoff_base_sec=0.01,
        backoff_max_sec=0.05,
        request_timeout_sec=5.0,
        exit_timeout_sec=5.0,
    )
    values.update(options)
    return values


class StubTestCase(unittest.TestCase):
    """Starts a :class:`StubCollector`; every request it received must be wire-valid."""

    check_wire = True

    def setUp(self) -> None:
        self.stub = StubCollector()
        self.clients: List[OvpoClient] = []

    def tearDown(self) -> None:
        for client in self.clients:
            try:
                client.close(timeout=2.0)
            except Exception:
                pass
        self.stub.close()
        if self.check_wire:
            self.assertEqual(
                [], self.stub.problems(), "the SDK sent payloads that break the wire format"
            )

    def client(self, **options: Any) -> OvpoClient:
        client = OvpoClient(self.stub.url, **fast_options(**options))
        self.clients.append(client)
        return client

    def items_of(self, item_type: str) -> List[Dict[str, Any]]:
        return [i["data"] for i in self.stub.accepted_items() if i["item_type"] == item_type]


def run_python(
    code: str, env: Dict[str, str], timeout: float = 30.0
) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with the SDK source on PYTHONPATH."""
    full_env = dict(os.environ)
    full_env.update(env)
    full_env["PYTHONPATH"] = SRC + os.pathsep + full_env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full_env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
