"""Check results and the report: a summary, the failures, and JSON for CI.

The JSON has the shape of the Java kit's report (``format`` 1, see docs/compliance.md), so CI
can read the results of ``java -jar ovpo-compliance.jar`` and of ``ovpo.compliance`` alike.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

PASSED = "PASSED"
FAILED = "FAILED"
SKIPPED = "SKIPPED"

#: Version of the JSON report format (the same as the Java kit's).
REPORT_FORMAT = 1


@dataclass(frozen=True)
class CheckResult:
    """What one check found.

    ``subject`` names what was checked when a check runs once per subject (a trace id);
    ``message`` holds the findings of a failed check or the reason of a skipped one.
    """

    id: str
    category: str
    spec: str
    title: str
    status: str
    message: Optional[str] = None
    subject: Optional[str] = None
    duration_ms: int = 0

    def __post_init__(self) -> None:
        if self.status not in (PASSED, FAILED, SKIPPED):
            raise ValueError("status must be PASSED, FAILED or SKIPPED: %r" % self.status)

    @property
    def label(self) -> str:
        """``id`` or ``id[subject]``: unique within a report."""
        return "%s[%s]" % (self.id, self.subject) if self.subject else self.id

    def to_dict(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "spec": self.spec,
            "title": self.title,
            "subject": self.subject,
            "status": self.status,
            "message": self.message,
            "known_deviation": None,
            "duration_ms": self.duration_ms,
        }


@dataclass
class ComplianceReport:
    """The results of one :class:`~ovpo.compliance.ComplianceSuite` run (or one file check)."""

    target: str
    results: List[CheckResult]
    mode: str = "pipeline"
    started_at: float = field(default_factory=time.time)
    duration_sec: float = 0.0
    #: Numbers measured on the way (overhead medians, item counts), for the JSON report.
    measurements: Dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when no check failed (skips do not count)."""
        return not self.failures

    @property
    def failures(self) -> List[CheckResult]:
        return [r for r in self.results if r.status == FAILED]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def summary(self) -> str:
        """The failures and skips, then one line of counts and PASSED or FAILED."""
        lines = ["OVPO compliance (spec v0.08), %s of %s" % (self.mode, self.target)]
        for r in self.results:
            if r.status != PASSED:
                tag = "FAIL" if r.status == FAILED else "SKIP"
                lines.append(
                    "  %-5s %s (%s)%s"
                    % (tag, r.label, r.spec, ": " + r.message if r.message else "")
                )
        lines.append(
            "%d checks: %d passed, %d failed, %d skipped (%.1f s)"
            % (
                len(self.results),
                self.count(PASSED),
                self.count(FAILED),
                self.count(SKIPPED),
                self.duration_sec,
            )
        )
        lines.append("PASSED" if self.passed else "FAILED")
        return "\n".join(lines)

    def to_dict(self) -> Dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "tool": "ovpo-compliance-python",
            "spec_version": "0.08",
            "mode": self.mode,
            "target": self.target,
            "run_id": None,
            "started_at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(self.started_at))
            + ".%03dZ" % int((self.started_at % 1) * 1000),
            "duration_ms": int(self.duration_sec * 1000),
            "passed": self.passed,
            "known_deviations_source": "none",
            "summary": {
                "total": len(self.results),
                "passed": self.count(PASSED),
                "failed": self.count(FAILED),
                "known_deviations": 0,
                "skipped": self.count(SKIPPED),
            },
            "measurements": self.measurements,
            "checks": [r.to_dict() for r in self.results],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False)

    def write(self, path: str) -> None:
        """Writes :meth:`to_json` to ``path``."""
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.to_json() + "\n")
