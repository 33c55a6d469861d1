"""Compliance checks for pipelines instrumented with the OVPO SDK (standard library only).

:class:`ComplianceSuite` runs a pipeline function against a local capture server and checks
the wire format, the pipeline invariants (trace completeness, span parenting, frame index and
media time monotonicity, observed_at skew), the overhead budget and fail-open behaviour.
:func:`check_capture_file` checks the invariants over a file of captured batches. The server
side (the conformance kit for OVPO servers) is the Java ``ovpo-compliance.jar``; both write
the same JSON report format (docs/compliance.md).
"""

from typing import Optional

from .capture import CAPTURE_API_KEY, CapturedRequest, CaptureServer
from .invariants import (
    INVARIANTS,
    Tolerances,
    TraceCapture,
    check_trace,
    group,
    invariant_results,
    read_capture_file,
)
from .results import FAILED, PASSED, SKIPPED, CheckResult, ComplianceReport
from .suite import ComplianceSuite, measure_overhead


def check_capture_file(path: str, tolerances: Optional[Tolerances] = None) -> ComplianceReport:
    """The invariants over a capture file (``CaptureServer.save``, ``ComplianceSuite.save_capture``,
    SDK ``FileTransport`` output or plain batch bodies)."""
    import time

    started = time.time()
    traces = group(read_capture_file(path))
    return ComplianceReport(
        path,
        invariant_results(traces, tolerances or Tolerances()),
        mode="batch",
        started_at=started,
        duration_sec=time.time() - started,
    )


__all__ = [
    "ComplianceSuite",
    "ComplianceReport",
    "CheckResult",
    "CaptureServer",
    "CapturedRequest",
    "CAPTURE_API_KEY",
    "Tolerances",
    "TraceCapture",
    "INVARIANTS",
    "check_trace",
    "check_capture_file",
    "group",
    "invariant_results",
    "read_capture_file",
    "measure_overhead",
    "PASSED",
    "FAILED",
    "SKIPPED",
]
