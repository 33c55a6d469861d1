"""Unit tests of the OVPO Python SDK (standard library ``unittest`` only).

Run from the repository root::

    python3 -m unittest discover -s sdk/python/tests -t sdk/python

Importing this package puts ``sdk/python/src`` on ``sys.path`` so the tests use the source
tree without installing anything.
"""

import logging
import os
import sys

SDK_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(SDK_ROOT, "src")
REPO_ROOT = os.path.dirname(os.path.dirname(SDK_ROOT))
if SRC not in sys.path:
    sys.path.insert(0, SRC)

# The SDK logs to the "ovpo" logger; without a handler Python prints warnings to stderr,
# which is right for users but noise in test output (assertLogs still sees them).
logging.getLogger("ovpo").addHandler(logging.NullHandler())
