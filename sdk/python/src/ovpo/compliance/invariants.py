"""The pipeline invariants: what a well-instrumented pipeline's traces always satisfy.

The same invariants, under the same ids and with the same rules, as the Java compliance kit
(``io.ovpo.compliance.invariants``), so a capture checked here and with ``java -jar
ovpo-compliance.jar --check-batch`` gives the same findings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from .results import FAILED, PASSED, CheckResult

#: (id, spec section, title) of every trace invariant, in report order.
INVARIANTS: Tuple[Tuple[str, str, str], ...] = (
    (
        "invariant.trace-completeness",
        "01 §3-4, 04 §6 rule 6",
        "The trace was sent and reached a terminal status with ended_at; every span ended; a"
        " COMPLETED trace has every expected frame",
    ),
    (
        "invariant.span-parenting",
        "01 §4, 04 §7.1",
        "Every parent_span_id and event span_id names a span of the trace; parents form no"
        " cycle; children lie inside their parents' time and spans inside the trace's, within"
        " the tolerance",
    ),
    (
        "invariant.frame-index-monotonic",
        "04 §6 rules 1, 3, 7",
        "Per event type, a frame_index never repeats under another event_id and grows with"
        " observed_at",
    ),
    (
        "invariant.media-time-monotonic",
        "04 §6 rule 2",
        "Per event type, media_time_ms never decreases in frame_index order",
    ),
    (
        "invariant.observed-at-skew",
        "04 §6 rules 4-5",
        "observed_at never goes back by more than the skew tolerance, nor lies more than it"
        " after the receive time",
    ),
)

#: Findings listed per invariant and trace before the rest is counted.
MAX_FINDINGS = 10

_TERMINAL = ("COMPLETED", "FAILED", "PARTIAL", "CANCELLED")
_RANK = {"PENDING": 0, "RUNNING": 1}


@dataclass(frozen=True)
class Tolerances:
    """Timing slack: span nesting (clock reads truncated to ms) and the spec's 5 s skew."""

    span_nesting_ms: int = 100
    observed_at_skew_ms: int = 5000


@dataclass
class TraceCapture:
    """Everything captured of one trace: its final state (None when only its items came),
    its spans merged per span_id, its frame events (first per event_id) with receive times."""

    trace_id: str
    trace: Optional[Dict[str, Any]] = None
    spans: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    events: Dict[str, Tuple[Dict[str, Any], Optional[str]]] = field(default_factory=dict)


def parse_ts(text: Any) -> Optional[datetime]:
    """An RFC 3339 timestamp as an aware datetime, or None when absent or malformed."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


def _ms(a: datetime, b: datetime) -> int:
    """``b - a`` in whole milliseconds."""
    return int(round((b - a).total_seconds() * 1000))


def group(requests: Iterable[Tuple[Optional[str], List[Dict[str, Any]]]]) -> List[TraceCapture]:
    """Merges items per trace the way a processor would (spec 04 §3-§5): the highest-ranked
    trace state (the first terminal one wins), spans filled in by re-sends, the first event
    per event_id. ``requests`` yields (received_at or None, items)."""
    traces: Dict[str, TraceCapture] = {}
    for received_at, items in requests:
        for item in items:
            data = item.get("data")
            if not isinstance(data, dict) or not isinstance(data.get("trace_id"), str):
                continue
            capture = traces.setdefault(data["trace_id"], TraceCapture(data["trace_id"]))
            kind = item.get("item_type")
            if kind == "trace":
                _merge_trace(capture, data)
            elif kind == "span":
                _merge_span(capture, data)
            elif kind == "frame_event":
                capture.events.setdefault(str(data.get("event_id")), (data, received_at))
    return list(traces.values())


def _merge_trace(capture: TraceCapture, incoming: Dict[str, Any]) -> None:
    if capture.trace is None:
        capture.trace = incoming
        return
    stored = _RANK.get(capture.trace.get("status"), 2)
    rank = _RANK.get(incoming.get("status"), 2)
    if rank > stored or (rank == stored and stored < 2):
        capture.trace = incoming


def _merge_span(capture: TraceCapture, incoming: Dict[str, Any]) -> None:
    stored = capture.spans.get(str(incoming.get("span_id")))
    if stored is None:
        capture.spans[str(incoming.get("span_id"))] = dict(incoming)
        return
    for name in ("end_time", "status", "parent_span_id"):
        if (name not in stored or stored.get(name) == "UNSET") and name in incoming:
            stored[name] = incoming[name]


# -- the invariants ------------------------------------------------------------------------


def check_trace(
    capture: TraceCapture, tolerances: Tolerances = Tolerances()
) -> Dict[str, List[str]]:
    """The findings per invariant id (every id present; an empty list means it holds)."""
    return {
        "invariant.trace-completeness": _completeness(capture),
        "invariant.span-parenting": _parenting(capture, tolerances),
        "invariant.frame-index-monotonic": _frame_indexes(capture),
        "invariant.media-time-monotonic": _media_times(capture),
        "invariant.observed-at-skew": _skew(capture, tolerances),
    }


def _describe(span: Dict[str, Any]) -> str:
    return "%s (%s %s)" % (span.get("span_id"), span.get("span_kind"), span.get("name"))


def _missing_ranges(present: Set[int], expected: int) -> List[str]:
    ranges, start = [], None
    for i in range(expected + 1):
        missing = i < expected and i not in present
        if missing and start is None:
            start = i
        elif not missing and start is not None:
            ranges.append(str(start) if start == i - 1 else "%d-%d" % (start, i - 1))
            start = None
    return ranges


def _completeness(c: TraceCapture) -> List[str]:
    if c.trace is None:
        return [
            "no trace item was sent for trace %s: its %d spans and %d frame events are orphans"
            % (c.trace_id, len(c.spans), len(c.events))
        ]
    out = []
    reported = c.trace.get("reported_status", c.trace.get("status"))
    if reported not in _TERMINAL:
        out.append("the trace's last status is %s, not a terminal status" % reported)
    elif c.trace.get("ended_at") is None:
        out.append("the trace is %s but has no ended_at" % reported)
    for span in c.spans.values():
        if span.get("end_time") is None:
            out.append("span %s never ended" % _describe(span))
    expected = c.trace.get("expected_frames")
    if reported == "COMPLETED" and isinstance(expected, int) and not isinstance(expected, bool):
        by_type: Dict[str, Set[int]] = {}
        for e, _ in c.events.values():
            by_type.setdefault(str(e.get("event_type")), set()).add(e.get("frame_index", -1))
        generated = by_type.get("FRAME_GENERATED", set())
        decoded = by_type.get("FRAME_DECODED", set())
        missing = _missing_ranges(generated or decoded, expected)
        if missing:
            out.append(
                "COMPLETED with frames missing against expected_frames %d: %s"
                % (expected, ", ".join(missing))
            )
    return out


def _parenting(c: TraceCapture, tol: Tolerances) -> List[str]:
    out = []
    slack = tol.span_nesting_ms
    trace_start = parse_ts(c.trace.get("created_at")) if c.trace else None
    trace_end = parse_ts(c.trace.get("ended_at")) if c.trace else None
    for span in c.spans.values():
        start, end = parse_ts(span.get("start_time")), parse_ts(span.get("end_time"))
        if start and trace_start and _ms(start, trace_start) > slack:
            out.append("span %s starts before its trace was created" % _describe(span))
        if end and trace_end and _ms(trace_end, end) > slack:
            out.append("span %s ends after its trace ended" % _describe(span))
        parent_id = span.get("parent_span_id")
        if parent_id is None:
            continue
        parent = c.spans.get(parent_id)
        if parent is None:
            out.append(
                "span %s names parent %s, which is not a span of the trace"
                % (_describe(span), parent_id)
            )
            continue
        p_start, p_end = parse_ts(parent.get("start_time")), parse_ts(parent.get("end_time"))
        if start and p_start and _ms(start, p_start) > slack:
            out.append(
                "span %s starts %d ms before its parent %s"
                % (_describe(span), _ms(start, p_start), _describe(parent))
            )
        if end and p_end and _ms(p_end, end) > slack:
            out.append(
                "span %s ends %d ms after its parent %s"
                % (_describe(span), _ms(p_end, end), _describe(parent))
            )
    reported: Set[str] = set()
    for span_id in c.spans:
        path: List[str] = []
        seen: Set[str] = set()
        cur: Optional[str] = span_id
        while cur is not None and cur in c.spans and cur not in seen:
            seen.add(cur)
            path.append(cur)
            cur = c.spans[cur].get("parent_span_id")
        if cur is not None and cur in seen and cur not in reported:
            cycle = path[path.index(cur):]
            reported.update(cycle)
            out.append("spans form a parent cycle: %s -> %s" % (" -> ".join(cycle), cur))
    for event, _ in c.events.values():
        span_id = event.get("span_id")
        if span_id is not None and span_id not in c.spans:
            out.append(
                "%s event %s (frame %s) names span %s, which is not a span of the trace"
                % (
                    event.get("event_type"),
                    event.get("event_id"),
                    event.get("frame_index"),
                    span_id,
                )
            )
    return out


_MIN = datetime.min.replace(tzinfo=timezone.utc)


def _by_type(c: TraceCapture) -> Dict[str, List[Tuple[Dict[str, Any], Optional[str]]]]:
    """Events per type in the processor's order: frame_index, observed_at, event_id."""
    out: Dict[str, List[Tuple[Dict[str, Any], Optional[str]]]] = {}
    for event, received in c.events.values():
        out.setdefault(str(event.get("event_type")), []).append((event, received))
    for events in out.values():
        events.sort(
            key=lambda e: (
                e[0].get("frame_index", 0),
                parse_ts(e[0].get("observed_at")) or _MIN,
                str(e[0].get("event_id")),
            )
        )
    return out


def _frame_indexes(c: TraceCapture) -> List[str]:
    out = []
    for kind, events in _by_type(c).items():
        first: Dict[int, str] = {}
        for event, _ in events:
            earlier = first.setdefault(event.get("frame_index", 0), str(event.get("event_id")))
            if earlier != str(event.get("event_id")):
                out.append(
                    "%s frame %d repeats under events %s and %s"
                    % (kind, event.get("frame_index", 0), earlier, str(event.get("event_id")))
                )
        by_time = sorted(
            events,
            key=lambda e: (parse_ts(e[0].get("observed_at")) or _MIN, e[0].get("frame_index", 0)),
        )
        highest: Optional[Dict[str, Any]] = None
        for event, _ in by_time:
            if highest is not None and event.get("frame_index", 0) < highest.get("frame_index", 0):
                out.append(
                    "%s frame %d was observed at %s, after frame %d (observed at %s)"
                    % (
                        kind,
                        event.get("frame_index", 0),
                        event.get("observed_at"),
                        highest.get("frame_index", 0),
                        highest.get("observed_at"),
                    )
                )
            if highest is None or event.get("frame_index", 0) > highest.get("frame_index", 0):
                highest = event
    return out


def _media_times(c: TraceCapture) -> List[str]:
    out = []
    for kind, events in _by_type(c).items():
        previous: Optional[Dict[str, Any]] = None
        for event, _ in events:
            media = event.get("media_time_ms", 0)
            if previous is not None and media < previous.get("media_time_ms", 0):
                out.append(
                    "%s frame %d has media_time_ms %d, less than frame %d's %d"
                    % (
                        kind,
                        event.get("frame_index", 0),
                        media,
                        previous.get("frame_index", 0),
                        previous.get("media_time_ms", 0),
                    )
                )
            previous = event
    return out


def _skew(c: TraceCapture, tol: Tolerances) -> List[str]:
    out = []
    limit = tol.observed_at_skew_ms
    for kind, events in _by_type(c).items():
        latest: Optional[datetime] = None
        for event, received in events:
            at = parse_ts(event.get("observed_at"))
            if at is None:
                continue
            if latest is not None and _ms(at, latest) > limit:
                out.append(
                    "%s frame %d was observed %d ms before an earlier frame (tolerance %d ms)"
                    % (kind, event.get("frame_index", 0), _ms(at, latest), limit)
                )
            got = parse_ts(received)
            if got is not None and _ms(got, at) > limit:
                out.append(
                    "%s frame %d was observed %d ms after it was received (tolerance %d ms)"
                    % (kind, event.get("frame_index", 0), _ms(got, at), limit)
                )
            latest = at if latest is None or at > latest else latest
    return out


# -- results -----------------------------------------------------------------------------


def invariant_results(
    captures: List[TraceCapture], tolerances: Tolerances = Tolerances()
) -> List[CheckResult]:
    """One result per invariant and trace."""
    titles = {i: (spec, title) for i, spec, title in INVARIANTS}
    out = []
    for capture in captures:
        for inv_id, findings in check_trace(capture, tolerances).items():
            spec, title = titles[inv_id]
            shown = findings[:MAX_FINDINGS]
            if len(findings) > MAX_FINDINGS:
                shown.append("... and %d more" % (len(findings) - MAX_FINDINGS))
            out.append(
                CheckResult(
                    inv_id,
                    "invariant",
                    spec,
                    title,
                    FAILED if findings else PASSED,
                    "; ".join(shown) if findings else None,
                    capture.trace_id,
                )
            )
    return out


def read_capture_file(path: str) -> List[Tuple[Optional[str], List[Dict[str, Any]]]]:
    """Reads a capture file: JSON lines (or one JSON value) of batches, SDK FileTransport
    lines or captured requests (``{"received_at", "items"}``)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        values = [json.loads(text)]
    except ValueError:
        values = [json.loads(line) for line in text.splitlines() if line.strip()]
    out: List[Tuple[Optional[str], List[Dict[str, Any]]]] = []

    def collect(value: Any, received: Optional[str]) -> None:
        if isinstance(value, list):
            for v in value:
                collect(v, received)
        elif isinstance(value, dict) and "items" in value:
            out.append((value.get("received_at", received), list(value["items"])))
        elif isinstance(value, dict):
            out.append((received, [value]))

    for value in values:
        collect(value, None)
    return out
