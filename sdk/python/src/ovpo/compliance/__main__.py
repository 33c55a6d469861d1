"""``python -m ovpo.compliance``: check a pipeline function, or a capture file.

    python -m ovpo.compliance my_package.my_module:my_pipeline [--runs 5] [--report r.json]
                                                               [--save-capture c.jsonl]
    python -m ovpo.compliance --check-batch capture.jsonl [--report r.json]

Exit status 0 when nothing failed, 1 when a check failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import List, Optional

from . import ComplianceSuite, check_capture_file


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ovpo.compliance", description=__doc__.split("\n")[0]
    )
    parser.add_argument("pipeline", nargs="?", help="module:function taking an OvpoClient")
    parser.add_argument(
        "--check-batch", metavar="FILE", help="check the invariants of a capture file"
    )
    parser.add_argument("--runs", type=int, default=5, help="overhead run pairs (0 skips)")
    parser.add_argument("--budget", type=float, default=0.02, help="overhead budget (0.02 = 2 %%)")
    parser.add_argument("--report", metavar="FILE", help="write the JSON report")
    parser.add_argument("--save-capture", metavar="FILE", help="write what the pipeline sent")
    args = parser.parse_args(argv)
    if bool(args.pipeline) == bool(args.check_batch):
        parser.print_usage(sys.stderr)
        print("give either a pipeline (module:function) or --check-batch FILE", file=sys.stderr)
        return 2
    if args.check_batch:
        report = check_capture_file(args.check_batch)
    else:
        module_name, _, function = args.pipeline.partition(":")
        if not function:
            print("the pipeline must be module:function", file=sys.stderr)
            return 2
        pipeline = getattr(importlib.import_module(module_name), function)
        suite = ComplianceSuite(pipeline, runs=args.runs, overhead_budget=args.budget)
        report = suite.run()
        if args.save_capture:
            suite.save_capture(args.save_capture)
    print(report.summary())
    if args.report:
        report.write(args.report)
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
