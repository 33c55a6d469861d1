"""``ComplianceSuite``: runs a user's pipeline under the SDK and checks what it does.

1. **Capture run**: the pipeline runs once with a client pointed at a local
   :class:`~ovpo.compliance.capture.CaptureServer`; every request must be wire-valid and every
   trace it sent must keep the pipeline invariants (the same as the Java kit's).
2. **Overhead**: ``runs`` pairs of runs, un-instrumented (a disabled client) and instrumented,
   in ABBA order; the median of the paired relative differences must stay under the budget
   (2 % by default).
3. **Fail-open**: the pipeline runs with the collector down (a closed port); it must finish,
   without an exception and without waiting for the collector.
"""

from __future__ import annotations

import logging
import socket
import statistics
import time
from typing import Any, Callable, Dict, List, Optional, Sequence

from ..client import OvpoClient
from .capture import CAPTURE_API_KEY, CaptureServer
from .invariants import Tolerances, group, invariant_results
from .results import FAILED, PASSED, SKIPPED, CheckResult, ComplianceReport

Pipeline = Callable[[OvpoClient], Any]

_WIRE = ("pipeline.wire-format", "02 §1-§3", "Every request the SDK sent is a valid ingest request")
_SENT = ("pipeline.sends-traces", "01 §3, DESIGN §1", "The pipeline reports at least one trace")
_OVERHEAD = (
    "pipeline.overhead-budget",
    "seed plan §16.1, SDK README",
    "Instrumentation adds less than the overhead budget to the pipeline's run time",
)
_FAIL_OPEN = (
    "pipeline.fail-open",
    "02 §8",
    "With the collector down the pipeline completes, raises nothing and is not held up",
)


def measure_overhead(baseline: Sequence[float], instrumented: Sequence[float]) -> float:
    """The median of the paired relative differences (instrumented - baseline) / baseline.

    Pairs cancel slow drift of the machine; the median ignores the odd disturbed run.
    """
    if not baseline or len(baseline) != len(instrumented):
        raise ValueError("need as many instrumented runs as baseline runs, at least one")
    return statistics.median((i - b) / b for b, i in zip(baseline, instrumented) if b > 0)


def unused_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ComplianceSuite:
    """Checks a pipeline function ``pipeline(client)`` that reports through an ``OvpoClient``.

    Args:
        pipeline: called with an ``OvpoClient``; it runs one job and reports it (its return
            value is ignored). Everything it reports must go through that client.
        runs: instrumented/un-instrumented pairs timed for the overhead check (0 skips it).
        overhead_budget: the largest relative overhead accepted (0.02 = 2 %).
        min_measurable_sec: a pipeline faster than this is too short for a meaningful ratio;
            the overhead check is then skipped with the reason.
        fail_open_slack_sec: how much longer than the un-instrumented median a run with the
            collector down may take.
        tolerances: the invariants' timing slack.
        client_options: extra ``OvpoClient`` options (``gpu_sampling=False``, ...).
        clock: the timer of the measured runs (``time.perf_counter``).

    Example::

        from ovpo.compliance import ComplianceSuite

        def my_pipeline(client):
            with client.trace(pipeline_config=cfg, expected_frames=48) as trace:
                ...

        report = ComplianceSuite(my_pipeline).run()
        print(report.summary())
        report.write("ovpo-compliance.json")
        assert report.passed
    """

    def __init__(
        self,
        pipeline: Pipeline,
        *,
        runs: int = 5,
        overhead_budget: float = 0.02,
        min_measurable_sec: float = 0.05,
        fail_open_slack_sec: float = 1.0,
        tolerances: Tolerances = Tolerances(),
        client_options: Optional[Dict[str, Any]] = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if runs < 0:
            raise ValueError("runs must be >= 0")
        if not 0 < overhead_budget < 1:
            raise ValueError("overhead_budget must be between 0 and 1")
        self.pipeline = pipeline
        self.runs = runs
        self.overhead_budget = overhead_budget
        self.min_measurable_sec = min_measurable_sec
        self.fail_open_slack_sec = fail_open_slack_sec
        self.tolerances = tolerances
        self.client_options = dict(client_options or {})
        self.clock = clock
        #: The capture server's requests of the last run (for :meth:`save_capture`).
        self.captured: List[Any] = []

    # -- clients ------------------------------------------------------------------------------

    def _client(self, endpoint: str, **overrides: Any) -> OvpoClient:
        options: Dict[str, Any] = dict(install_exit_handlers=False)
        options.update(self.client_options)
        options.update(overrides)
        for fixed in ("endpoint", "api_key", "transport"):  # the suite decides where items go
            options.pop(fixed, None)
        return OvpoClient(endpoint, api_key=CAPTURE_API_KEY, **options)

    def _timed(self, client: OvpoClient) -> float:
        start = self.clock()
        self.pipeline(client)
        return self.clock() - start

    # -- the run ------------------------------------------------------------------------------

    def run(self) -> ComplianceReport:
        """Runs every check; never raises for a failing pipeline (the report says it)."""
        started = time.time()
        results: List[CheckResult] = []
        measurements: Dict[str, Any] = {}
        with CaptureServer() as capture:
            results.extend(self._capture_run(capture, measurements))
            baseline = self._overhead(capture, results, measurements)
        results.append(self._fail_open(baseline, measurements))
        return ComplianceReport(
            getattr(self.pipeline, "__qualname__", repr(self.pipeline)),
            results,
            started_at=started,
            duration_sec=time.time() - started,
            measurements=measurements,
        )

    def save_capture(self, path: str) -> None:
        """Writes what the capture run sent, one request per line, readable by
        ``java -jar ovpo-compliance.jar --check-batch``."""
        with open(path, "w", encoding="utf-8") as handle:
            for request in self.captured:
                handle.write(request.to_line() + "\n")

    def _capture_run(
        self, capture: CaptureServer, measurements: Dict[str, Any]
    ) -> List[CheckResult]:
        client = self._client(capture.url, strict=False)
        error: Optional[BaseException] = None
        try:
            self.pipeline(client)
        except Exception as exc:  # the pipeline's own failure: reported, the run goes on
            error = exc
        finally:
            client.close(timeout=10.0)
        self.captured = capture.captured()
        items = sum(len(r.items) for r in self.captured)
        measurements["captured_requests"] = len(self.captured)
        measurements["captured_items"] = items
        problems = [
            "request %d: %s" % (i, p) for i, r in enumerate(self.captured) for p in r.problems
        ]
        results = [_result(_WIRE, problems)]
        traces = group((r.received_at, r.items) for r in self.captured)
        sent: List[str] = []
        if error is not None:
            sent.append("the pipeline raised %s: %s" % (type(error).__name__, error))
        if not any(t.trace is not None for t in traces):
            sent.append("no trace item was captured (%d items)" % items)
        results.append(_result(_SENT, sent))
        results.extend(invariant_results(traces, self.tolerances))
        return results

    def _overhead(
        self, capture: CaptureServer, results: List[CheckResult], measurements: Dict[str, Any]
    ) -> List[float]:
        if self.runs == 0:
            results.append(_result(_OVERHEAD, [], skipped="runs=0: overhead not measured"))
            return []
        disabled = OvpoClient(enabled=False)
        instrumented = self._client(capture.url)
        baseline: List[float] = []
        timed: List[float] = []
        try:
            # warm-up of the un-instrumented path (the capture run warmed the instrumented one)
            self.pipeline(disabled)
            for i in range(self.runs):
                if i % 2 == 0:
                    baseline.append(self._timed(disabled))
                    timed.append(self._timed(instrumented))
                else:
                    timed.append(self._timed(instrumented))
                    baseline.append(self._timed(disabled))
        finally:
            instrumented.close(timeout=10.0)
        ratio = measure_overhead(baseline, timed)
        median_base = statistics.median(baseline)
        measurements["baseline_median_ms"] = round(median_base * 1000, 3)
        measurements["instrumented_median_ms"] = round(statistics.median(timed) * 1000, 3)
        measurements["overhead_pct"] = round(ratio * 100, 3)
        measurements["overhead_runs"] = self.runs
        if median_base < self.min_measurable_sec:
            results.append(
                _result(
                    _OVERHEAD,
                    [],
                    skipped="the pipeline runs %.1f ms, under %.0f ms: too short to measure a"
                    " %.0f %% budget"
                    % (
                        median_base * 1000,
                        self.min_measurable_sec * 1000,
                        self.overhead_budget * 100,
                    ),
                )
            )
        elif ratio >= self.overhead_budget:
            results.append(
                _result(
                    _OVERHEAD,
                    [
                        "overhead %.2f %% (median of %d pairs: %.1f ms instrumented vs %.1f ms),"
                        " budget %.2f %%"
                        % (
                            ratio * 100,
                            self.runs,
                            statistics.median(timed) * 1000,
                            median_base * 1000,
                            self.overhead_budget * 100,
                        )
                    ],
                )
            )
        else:
            results.append(_result(_OVERHEAD, []))
        return baseline

    def _fail_open(self, baseline: List[float], measurements: Dict[str, Any]) -> CheckResult:
        client = self._client(
            "http://127.0.0.1:%d" % unused_port(),
            max_retries=1,
            backoff_base_sec=0.05,
            backoff_max_sec=0.1,
            request_timeout_sec=1.0,
            exit_timeout_sec=1.0,
            strict=False,
        )
        problems: List[str] = []
        # the SDK warns about the unreachable collector: expected here, so kept out of the output
        sdk_log = logging.getLogger("ovpo")
        level = sdk_log.level
        sdk_log.setLevel(logging.CRITICAL)
        try:
            elapsed = self._timed(client)
        except Exception as exc:
            raised = "the pipeline raised %s with the collector down: %s"
            return _result(_FAIL_OPEN, [raised % (type(exc).__name__, exc)])
        finally:
            client.close(timeout=2.0)
            sdk_log.setLevel(level)
        measurements["fail_open_ms"] = round(elapsed * 1000, 3)
        if baseline:
            limit = statistics.median(baseline) + self.fail_open_slack_sec
            if elapsed > limit:
                problems.append(
                    "with the collector down the pipeline took %.0f ms, more than %.0f ms"
                    " (un-instrumented median + %.1f s)"
                    % (elapsed * 1000, limit * 1000, self.fail_open_slack_sec)
                )
        return _result(_FAIL_OPEN, problems)


def _result(
    check: Sequence[str], findings: List[str], skipped: Optional[str] = None
) -> CheckResult:
    check_id, spec, title = check
    if skipped is not None:
        return CheckResult(check_id, "pipeline", spec, title, SKIPPED, skipped)
    return CheckResult(
        check_id,
        "pipeline",
        spec,
        title,
        FAILED if findings else PASSED,
        "; ".join(findings[:10]) if findings else None,
    )
