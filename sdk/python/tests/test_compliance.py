"""ovpo.compliance: the pipeline invariants, the capture server and ComplianceSuite."""

import io
import json
import os
import tempfile
import unittest
import urllib.request
import uuid
from contextlib import redirect_stdout
from typing import Any, Dict, List, Optional

from ovpo import SpanKind
from ovpo.compliance import (
    CAPTURE_API_KEY,
    FAILED,
    PASSED,
    SKIPPED,
    CaptureServer,
    ComplianceSuite,
    Tolerances,
    check_capture_file,
    check_trace,
    group,
    measure_overhead,
)
from ovpo.compliance.__main__ import main as cli_main

from .support.harness import CFG

T0 = "2026-03-01T12:00:00.000Z"


def ts(ms: int) -> str:
    """T0 + ms as a spec timestamp."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    return "2026-03-01T12:%02d:%02d.%03dZ" % (minutes, seconds, millis)


def trace(trace_id: str, status: str = "COMPLETED", **extra: Any) -> Dict[str, Any]:
    data = {"trace_id": trace_id, "status": status, "created_at": ts(0), "started_at": ts(0),
            "pipeline_config": CFG}
    if status in ("COMPLETED", "FAILED", "PARTIAL", "CANCELLED"):
        data["ended_at"] = ts(60_000)
    data.update(extra)
    return {"item_type": "trace", "data": data}


def span(trace_id: str, start: int, end: Optional[int], parent: Optional[str] = None,
         span_id: Optional[str] = None) -> Dict[str, Any]:
    data = {"span_id": span_id or str(uuid.uuid4()), "trace_id": trace_id, "span_kind": "CUSTOM",
            "name": "stage", "start_time": ts(start)}
    if end is not None:
        data["end_time"] = ts(end)
    if parent is not None:
        data["parent_span_id"] = parent
    return {"item_type": "span", "data": data}


def frame(trace_id: str, index: int, observed: int, media: Optional[int] = None,
          kind: str = "FRAME_GENERATED", span_id: Optional[str] = None) -> Dict[str, Any]:
    data = {"event_id": str(uuid.uuid4()), "trace_id": trace_id, "event_type": kind,
            "frame_index": index, "media_time_ms": index * 40 if media is None else media,
            "observed_at": ts(observed)}
    if span_id:
        data["span_id"] = span_id
    return {"item_type": "frame_event", "data": data}


def findings(items: List[Dict[str, Any]], received: Optional[str] = None,
             tolerances: Tolerances = Tolerances()) -> Dict[str, List[str]]:
    captures = group([(received, items)])
    assert len(captures) == 1, captures
    return check_trace(captures[0], tolerances)


def good_trace(trace_id: str) -> List[Dict[str, Any]]:
    root = span(trace_id, 1_000, 20_000)
    root_id = root["data"]["span_id"]
    items = [trace(trace_id, expected_frames=4), root,
             span(trace_id, 1_000, 5_000, parent=root_id),
             span(trace_id, 5_000, 20_000, parent=root_id)]
    items += [frame(trace_id, i, 10_000 + 40 * i, span_id=root_id) for i in range(4)]
    return items


class Invariants(unittest.TestCase):
    def setUp(self):
        self.tid = str(uuid.uuid4())

    def assertOnly(self, result: Dict[str, List[str]], failing: str, text: str) -> None:
        for name, found in result.items():
            if name == failing:
                self.assertTrue(any(text in f for f in found), "%s: %s" % (name, found))
            else:
                self.assertEqual([], found, name)

    def test_wellInstrumentedTrace_keepsEveryInvariant(self):
        result = findings(good_trace(self.tid))
        self.assertEqual({k: [] for k in result}, result)

    def test_itemsWithoutTheirTrace_areOrphans(self):
        items = good_trace(self.tid)[1:]
        self.assertIn("orphans", findings(items)["invariant.trace-completeness"][0])

    def test_traceThatNeverEnded_isIncomplete(self):
        items = [trace(self.tid, "RUNNING")]
        self.assertIn("not a terminal status", findings(items)["invariant.trace-completeness"][0])

    def test_completedTraceWithMissingFrames_listsTheRanges(self):
        frames = [frame(self.tid, i, 1_000 + i) for i in (0, 1, 2, 5, 7)]
        items = [trace(self.tid, expected_frames=8)] + frames
        self.assertOnly(findings(items), "invariant.trace-completeness", "3-4, 6")

    def test_failedTraceWithMissingFrames_isComplete(self):
        failed = trace(self.tid, "FAILED", expected_frames=8,
                       failure={"code": "OOM", "message": "oom", "retryable": False})
        result = findings([failed, frame(self.tid, 0, 1_000)])
        self.assertEqual([], result["invariant.trace-completeness"])

    def test_openSpan_isIncomplete(self):
        items = [trace(self.tid), span(self.tid, 1_000, None)]
        self.assertOnly(findings(items), "invariant.trace-completeness", "never ended")

    def test_spanResendFillsItsEndTime(self):
        open_span = span(self.tid, 1_000, None)
        closed = json.loads(json.dumps(open_span))
        closed["data"]["end_time"] = ts(2_000)
        result = findings([trace(self.tid), open_span, closed])
        self.assertEqual([], result["invariant.trace-completeness"])

    def test_lateRunningUpdate_doesNotReopenACompletedTrace(self):
        items = [trace(self.tid), trace(self.tid, "RUNNING")]
        self.assertEqual([], findings(items)["invariant.trace-completeness"])

    def test_parentThatIsNotASpan_isAnOrphan(self):
        items = [trace(self.tid), span(self.tid, 1_000, 2_000, parent=str(uuid.uuid4()))]
        self.assertOnly(findings(items), "invariant.span-parenting", "not a span of the trace")

    def test_parentCycle_isFound(self):
        a, b = str(uuid.uuid4()), str(uuid.uuid4())
        items = [trace(self.tid), span(self.tid, 1_000, 2_000, parent=b, span_id=a),
                 span(self.tid, 1_000, 2_000, parent=a, span_id=b)]
        self.assertOnly(findings(items), "invariant.span-parenting", "cycle")

    def test_childOutsideItsParent_beyondTheTolerance(self):
        parent = span(self.tid, 1_000, 2_000)
        pid = parent["data"]["span_id"]
        early = [trace(self.tid), parent, span(self.tid, 500, 1_500, parent=pid)]
        self.assertOnly(findings(early), "invariant.span-parenting", "500 ms before its parent")
        slack = [trace(self.tid), parent, span(self.tid, 950, 2_050, parent=pid)]
        self.assertEqual([], findings(slack)["invariant.span-parenting"])

    def test_eventNamingAnUnknownSpan_isAnOrphan(self):
        items = [trace(self.tid), frame(self.tid, 0, 1_000, span_id=str(uuid.uuid4()))]
        self.assertOnly(findings(items), "invariant.span-parenting", "names span")

    def test_repeatedFrameIndex_butOnlyWithinOneEventType(self):
        dup = [trace(self.tid), frame(self.tid, 0, 1_000), frame(self.tid, 0, 1_001)]
        self.assertOnly(findings(dup), "invariant.frame-index-monotonic", "repeats")
        decoded = frame(self.tid, 0, 1_001, kind="FRAME_DECODED")
        per_type = [trace(self.tid), frame(self.tid, 0, 1_000), decoded]
        self.assertEqual([], findings(per_type)["invariant.frame-index-monotonic"])

    def test_frameObservedAfterAHigherOne_isOutOfOrder(self):
        order = ((0, 1_000), (2, 1_040), (1, 1_080))
        items = [trace(self.tid)] + [frame(self.tid, i, at) for i, at in order]
        self.assertOnly(findings(items), "invariant.frame-index-monotonic", "after frame 2")

    def test_mediaTimeGoingBack_butEqualIsFine(self):
        first = frame(self.tid, 0, 1_000, media=40)
        back = [trace(self.tid), first, frame(self.tid, 1, 1_040, media=30)]
        self.assertOnly(findings(back), "invariant.media-time-monotonic", "less than frame 0")
        equal = [trace(self.tid), first, frame(self.tid, 1, 1_040, media=40)]
        self.assertEqual([], findings(equal)["invariant.media-time-monotonic"])

    def test_observedAtRegression_toleratesExactlyFiveSeconds(self):
        def run(back_ms: int) -> List[str]:
            later = frame(self.tid, 1, 20_000 - back_ms)
            items = [trace(self.tid), frame(self.tid, 0, 20_000), later]
            return findings(items)["invariant.observed-at-skew"]

        self.assertEqual([], run(5_000))
        self.assertIn("5001 ms before", run(5_001)[0])

    def test_observedLongAfterTheReceiveTime_isSkew(self):
        items = [trace(self.tid), frame(self.tid, 0, 10_000)]
        self.assertEqual([], findings(items, received=ts(5_000))["invariant.observed-at-skew"])
        late = findings(items, received=ts(4_999))["invariant.observed-at-skew"]
        self.assertIn("after it was received", late[0])


class Capture(unittest.TestCase):
    def post(self, url: str, body: bytes, headers: Dict[str, str]) -> Dict[str, Any]:
        request = urllib.request.Request(
            url + "/v1/ingest/batch", data=body, headers=headers, method="POST"
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            self.assertEqual(202, response.status)
            return json.loads(response.read())

    def test_recordsItemsWithTheirReceiveTime_andSavesALineEach(self):
        tid = str(uuid.uuid4())
        items = good_trace(tid)
        headers = {"Authorization": "Bearer " + CAPTURE_API_KEY, "X-OVPO-Schema-Version": "0.08",
                   "Content-Type": "application/json", "Idempotency-Key": "k-1"}
        with CaptureServer() as server:
            receipt = self.post(server.url, json.dumps({"items": items}).encode(), headers)
            self.assertEqual(len(items), receipt["processed_items"])
            del headers["X-OVPO-Schema-Version"]
            self.post(server.url, json.dumps({"items": items[:1]}).encode(), headers)
            captured = server.captured()
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "capture.jsonl")
                server.save(path)
                with open(path, encoding="utf-8") as handle:
                    lines = [json.loads(line) for line in handle]
                report = check_capture_file(path)
        self.assertEqual([], captured[0].problems)
        self.assertEqual(["X-OVPO-Schema-Version must be 0.08"], captured[1].problems)
        self.assertEqual(["received_at", "idempotency_key", "items"], list(lines[0]))
        self.assertEqual("k-1", lines[0]["idempotency_key"])
        self.assertRegex(lines[0]["received_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertEqual(items, lines[0]["items"])
        self.assertTrue(report.passed, report.summary())
        self.assertEqual(5, len(report.results))


class ScriptedClock:
    """Two calls per timed run (start, end); each run lasts the next scripted duration."""

    def __init__(self, durations: List[float]) -> None:
        self.durations = list(durations)
        self.now = 100.0
        self.started = False

    def __call__(self) -> float:
        if self.started:
            self.now += self.durations.pop(0)
        self.started = not self.started
        return self.now


def pipeline(client, order=range(4), observed=None) -> None:
    with client.trace(pipeline_config=CFG, expected_frames=4) as t:
        with t.span(SpanKind.SAMPLING):
            pass
        with t.span(SpanKind.DECODE):
            for n, i in enumerate(order):
                t.emit_frame(i, observed_at=observed[n] if observed else None)


def suite(fn=pipeline, durations=None, **options) -> ComplianceSuite:
    clock = ScriptedClock(durations) if durations is not None else None
    extra = {"clock": clock} if clock else {}
    return ComplianceSuite(fn, client_options={"gpu_sampling": False}, **extra, **options)


def status(report, check_id: str) -> str:
    return next(r.status for r in report.results if r.id == check_id)


class Suite(unittest.TestCase):
    def test_overheadIsTheMedianOfPairedRelativeDifferences(self):
        self.assertAlmostEqual(0.01, measure_overhead([1.0, 2.0, 4.0], [1.01, 2.02, 4.2]))
        with self.assertRaises(ValueError):
            measure_overhead([1.0], [])

    def test_wellBehavedPipeline_passesEveryCheck(self):
        # pairs ABBA: base 1.00, instr 1.01 | instr 1.00, base 1.00; fail-open 1.5 s
        report = suite(durations=[1.0, 1.01, 1.0, 1.0, 1.5], runs=2).run()
        self.assertTrue(report.passed, report.summary())
        self.assertEqual(PASSED, status(report, "pipeline.overhead-budget"))
        self.assertEqual(PASSED, status(report, "pipeline.fail-open"))
        self.assertEqual(0.5, report.measurements["overhead_pct"])
        ids = {r.id for r in report.results}
        expected = {"invariant.span-parenting", "pipeline.wire-format", "pipeline.sends-traces"}
        self.assertTrue(expected <= ids)
        body = report.to_dict()
        self.assertEqual(1, body["format"])
        counts = {"total", "passed", "failed", "known_deviations", "skipped"}
        self.assertEqual(counts, set(body["summary"]))
        self.assertEqual(len(report.results), len(body["checks"]))

    def test_overheadOverTheBudget_fails(self):
        report = suite(durations=[1.0, 1.05, 1.05, 1.0, 1.0], runs=2).run()
        self.assertEqual(FAILED, status(report, "pipeline.overhead-budget"))
        self.assertIn("overhead 5.00 %", report.failures[0].message)

    def test_tooShortAPipeline_skipsTheOverheadCheck(self):
        report = suite(durations=[0.01, 0.02, 0.01], runs=1).run()
        self.assertEqual(SKIPPED, status(report, "pipeline.overhead-budget"))
        self.assertTrue(report.passed)

    def test_pipelineHeldUpByTheCollectorOutage_isNotFailOpen(self):
        report = suite(durations=[1.0, 1.0, 3.5], runs=1).run()
        self.assertEqual(FAILED, status(report, "pipeline.fail-open"))

    def test_pipelineThatRaisesWhenTheCollectorIsDown_isNotFailOpen(self):
        def waits_for_delivery(client):
            pipeline(client)
            if not client.flush(5.0) or client.stats()["items_lost_total"]:
                raise RuntimeError("telemetry was not delivered")

        report = suite(waits_for_delivery, runs=0).run()
        self.assertEqual(FAILED, status(report, "pipeline.fail-open"))
        self.assertIn("RuntimeError", next(r.message for r in report.failures))

    def test_framesObservedOutOfOrder_breakAnInvariant(self):
        base = 1_700_000_000.0
        observed = [base + 0.1 * n for n in range(4)]
        report = suite(lambda c: pipeline(c, order=[0, 2, 1, 3], observed=observed), runs=0).run()
        self.assertFalse(report.passed)
        self.assertEqual(FAILED, status(report, "invariant.frame-index-monotonic"))

    def test_pipelineThatReportsNothing_fails(self):
        report = suite(lambda client: None, runs=0).run()
        self.assertEqual(FAILED, status(report, "pipeline.sends-traces"))

    def test_capturedRun_isReadableAsACaptureFile_andByTheCli(self):
        s = suite(runs=0)
        s.run()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "capture.jsonl")
            s.save_capture(path)
            with redirect_stdout(io.StringIO()) as out:
                code = cli_main(["--check-batch", path, "--report", os.path.join(tmp, "r.json")])
            with open(os.path.join(tmp, "r.json"), encoding="utf-8") as handle:
                written = json.load(handle)
        self.assertEqual(0, code, out.getvalue())
        self.assertIn("PASSED", out.getvalue())
        self.assertEqual("batch", written["mode"])
        with redirect_stdout(io.StringIO()):
            self.assertEqual(2, cli_main([]))
