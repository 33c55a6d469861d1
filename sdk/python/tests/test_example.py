"""examples/python/fake_videogen.py end to end against the stub collector.

Every request of every scenario must pass the independent wire checker (StubTestCase
tearDown), which makes this the "every payload the SDK sends is wire-valid" test.
"""

import importlib.util
import io
import os
import subprocess
import sys
import tempfile
import unittest
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout

from .support.harness import StubTestCase
from .support.stub_server import API_KEY
from .support.wire_check import check_item
from . import REPO_ROOT

EXAMPLE = os.path.join(REPO_ROOT, "examples", "python", "fake_videogen.py")


def load_example():
    spec = importlib.util.spec_from_file_location("fake_videogen", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeVideogen(StubTestCase):
    @classmethod
    def setUpClass(cls):
        cls.example = load_example()

    def run_example(self, *flags):
        argv = [
            "--endpoint",
            self.stub.url,
            "--api-key",
            API_KEY,
            "--step-sec",
            "0.002",
            "--strict",
            *flags,
        ]
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = self.example.main(argv)
        return code, out.getvalue()

    def trace_items(self):
        return [i for i in self.stub.accepted_items() if i["item_type"] == "trace"]

    def test_ok_sendsEveryStageFramesGpuSamplesThumbnailsAndManifest(self):
        code, out = self.run_example("--frames", "48", "--steps", "20")
        self.assertEqual(0, code)
        self.assertIn("status=COMPLETED", out)
        kinds = [s["span_kind"] for s in self.items_of("span")]
        self.assertEqual(["LOAD", "TEXT_ENCODE", "SAMPLING", "DECODE", "OUTPUT_ENCODE"], kinds)
        events = Counter(e["event_type"] for e in self.items_of("frame_event"))
        self.assertEqual({"GPU_SAMPLE": 20, "FRAME_GENERATED": 48}, dict(events))
        frames = [e for e in self.items_of("frame_event") if e["event_type"] == "FRAME_GENERATED"]
        self.assertTrue(all("quality_metrics" in f and "gpu" in f for f in frames))
        self.assertEqual(6, sum("thumbnail" in f for f in frames))
        steps = [e for e in self.items_of("frame_event") if e["event_type"] == "GPU_SAMPLE"]
        self.assertEqual(list(range(20)), [e["attributes"]["custom.sampling.step"] for e in steps])
        (manifest,) = self.items_of("artifact_manifest")
        self.assertEqual(
            Counter({"VIDEO": 1, "THUMBNAIL": 6, "LOG": 1}),
            Counter(a["kind"] for a in manifest["artifacts"]),
        )
        end = self.trace_items()[-1]["data"]
        self.assertEqual((48, "COMPLETED"), (end["expected_frames"], end["status"]))

    def test_oom_failsWithFailureObjectPointingAtSampling(self):
        code, _ = self.run_example("--scenario", "oom")
        self.assertEqual(1, code)
        end = self.trace_items()[-1]["data"]
        sampling = [s for s in self.items_of("span") if s["span_kind"] == "SAMPLING"][0]
        self.assertEqual("FAILED", end["status"])
        self.assertEqual(
            ("OOM", False, sampling["span_id"]),
            (end["failure"]["code"], end["failure"]["retryable"], end["failure"]["span_id"]),
        )
        self.assertEqual("ERROR", sampling["status"])

    def test_timeout_failsWithTimeout(self):
        code, _ = self.run_example("--scenario", "timeout")
        self.assertEqual(1, code)
        end = self.trace_items()[-1]["data"]
        self.assertEqual(
            ("FAILED", "TIMEOUT", True),
            (end["status"], end["failure"]["code"], end["failure"]["retryable"]),
        )

    def test_missingFrames_reportsCompletedWithMoreExpectedFramesThanEmitted(self):
        code, _ = self.run_example("--scenario", "missing-frames", "--frames", "60")
        self.assertEqual(0, code)
        end = self.trace_items()[-1]["data"]
        frames = {
            e["frame_index"]
            for e in self.items_of("frame_event")
            if e["event_type"] == "FRAME_GENERATED"
        }
        self.assertEqual(("COMPLETED", 60), (end["status"], end["expected_frames"]))
        self.assertEqual(54, len(frames))
        self.assertEqual("PARTIAL", self.stub.trace_detail(end["trace_id"])["trace"]["status"])

    def test_sameSeed_sameNumbers(self):
        def numbers():
            self.stub.requests.clear()
            self.run_example("--seed", "7", "--frames", "24")
            return [
                (e["frame_index"], e.get("quality_metrics"), e.get("gpu"))
                for e in self.items_of("frame_event")
            ]

        first, second = numbers(), numbers()
        self.assertEqual(first, second)
        self.stub.requests.clear()
        self.run_example("--seed", "8", "--frames", "24")
        self.assertNotEqual(
            first,
            [
                (e["frame_index"], e.get("quality_metrics"), e.get("gpu"))
                for e in self.items_of("frame_event")
            ],
        )


class FakeVideogenCli(unittest.TestCase):
    def test_runsAsAScript_writingJsonLinesWithoutAServer(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "ovpo.jsonl")
            env = dict(os.environ, PYTHONPATH="")  # the script finds the SDK source by itself
            result = subprocess.run(
                [sys.executable, EXAMPLE, "--out", out, "--step-sec", "0.001"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            self.assertEqual(0, result.returncode, result.stderr)
            import json

            with open(out) as handle:
                items = [item for line in handle for item in json.loads(line)["items"]]
        self.assertEqual([], [p for item in items for p in check_item(item)])
        self.assertEqual(2, sum(i["item_type"] == "trace" for i in items))


if __name__ == "__main__":
    unittest.main()
