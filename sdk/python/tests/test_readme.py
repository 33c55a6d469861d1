"""The README quickstart runs as written (against the stub collector)."""

import os
import re

from .support.harness import StubTestCase, run_python
from .support.stub_server import API_KEY
from . import SDK_ROOT


def quickstart_code() -> str:
    with open(os.path.join(SDK_ROOT, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r"<!-- quickstart -->\s*```python\n(.*?)```", text, re.S)
    assert match, "README.md has no <!-- quickstart --> python block"
    return match.group(1)


class ReadmeQuickstart(StubTestCase):
    def test_quickstartRunsAndDeliversItsTrace(self):
        result = run_python(
            quickstart_code(), {"OVPO_ENDPOINT": self.stub.url, "OVPO_API_KEY": API_KEY}
        )
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn("status COMPLETED", result.stdout)
        self.assertEqual(["RUNNING", "COMPLETED"], [t["status"] for t in self.items_of("trace")])
        events = self.items_of("frame_event")
        self.assertEqual(30 + 48, len(events))
        self.assertEqual(1, len(self.items_of("artifact_manifest")))
