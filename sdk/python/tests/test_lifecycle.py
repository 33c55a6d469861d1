"""Process-level behaviour, each in a child interpreter: flush at exit, SIGTERM, fork."""

import os
import signal
import subprocess
import sys
import textwrap
import unittest

from .support.harness import StubTestCase
from .support.stub_server import API_KEY
from . import REPO_ROOT, SRC

PRELUDE = textwrap.dedent(
    """
    import os, sys, time, signal
    import ovpo
    from ovpo import OvpoClient, SpanKind
    CFG = {"model_name": "m", "width": 8, "height": 8, "fps": 24, "num_frames": 4,
           "hardware": {"gpu_type": "cpu", "gpu_count": 1}}
    def make_client():
        return OvpoClient(os.environ["STUB_URL"], api_key=os.environ["STUB_KEY"],
                          flush_interval_sec=60, gpu_sampling=False)
"""
)


class ProcessLifecycle(StubTestCase):
    def env(self):
        env = dict(os.environ, STUB_URL=self.stub.url, STUB_KEY=API_KEY)
        env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
        return env

    def run_child(self, body, timeout=30):
        return subprocess.run(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(body)],
            env=self.env(),
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def spawn_child(self, body):
        return subprocess.Popen(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(body)],
            env=self.env(),
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def test_bufferedItemsAreFlushedAtInterpreterExit(self):
        result = self.run_child(
            """
            client = make_client()
            trace = client.trace(pipeline_config=CFG).start()
            for i in range(20):
                trace.emit_frame(i)
            # no end(), no flush(), no close(): only the atexit hook can deliver these
        """
        )
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(21, len(self.stub.accepted_items()))

    def test_sigterm_cancelsOpenTraces_flushes_andStillTerminates(self):
        child = self.spawn_child(
            """
            client = make_client()
            with client.trace(pipeline_config=CFG) as trace:
                with trace.span(SpanKind.SAMPLING):
                    for i in range(5):
                        trace.emit_frame(i)
                    print("ready", flush=True)
                    time.sleep(60)
        """
        )
        try:
            self.assertEqual("ready", child.stdout.readline().strip())
            child.send_signal(signal.SIGTERM)
            child.wait(20)
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
            child.stderr.close()
        self.assertEqual(-signal.SIGTERM, child.returncode)
        statuses = [
            i["data"]["status"] for i in self.stub.accepted_items() if i["item_type"] == "trace"
        ]
        self.assertEqual(["RUNNING", "CANCELLED"], statuses)
        spans = self.items_of("span")
        self.assertEqual(["ERROR"], [s["status"] for s in spans])
        self.assertEqual(5, len(self.items_of("frame_event")))

    def test_sigterm_chainsToTheApplicationsOwnHandler(self):
        child = self.spawn_child(
            """
            def graceful(signum, frame):
                print("app handler", flush=True)
                sys.exit(3)
            signal.signal(signal.SIGTERM, graceful)
            client = make_client()
            with client.trace(pipeline_config=CFG) as trace:
                trace.emit_frame(0)
                print("ready", flush=True)
                time.sleep(60)
        """
        )
        try:
            self.assertEqual("ready", child.stdout.readline().strip())
            child.send_signal(signal.SIGTERM)
            self.assertEqual("app handler", child.stdout.readline().strip())
            child.wait(20)
        finally:
            if child.poll() is None:
                child.kill()
            child.stdout.close()
            child.stderr.close()
        self.assertEqual(3, child.returncode)
        statuses = [t["status"] for t in self.items_of("trace")]
        self.assertEqual(["RUNNING", "CANCELLED"], statuses)  # SystemExit(3) ended the with-block

    @unittest.skipUnless(hasattr(os, "fork"), "needs fork")
    def test_forkedChild_startsEmpty_andBothProcessesDeliver(self):
        result = self.run_child(
            """
            client = make_client()
            parent_trace = client.trace(pipeline_config=CFG).start()
            parent_trace.emit_frame(0)
            pid = os.fork()
            if pid == 0:
                with client.trace(pipeline_config=CFG) as child_trace:
                    child_trace.emit_frame(0)
                client.close(5)
                os._exit(0)
            os.waitpid(pid, 0)
            parent_trace.end()
            client.close(5)
        """
        )
        self.assertEqual(0, result.returncode, result.stderr)
        traces = self.items_of("trace")
        self.assertEqual(2, len({t["trace_id"] for t in traces}))
        self.assertEqual(4, len(traces))  # RUNNING + COMPLETED each; nothing sent twice
        self.assertEqual(2, len(self.items_of("frame_event")))


if __name__ == "__main__":
    unittest.main()
