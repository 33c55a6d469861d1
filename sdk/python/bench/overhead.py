#!/usr/bin/env python3
"""Overhead of OVPO instrumentation on a synthetic, CPU-bound video pipeline.

Model: a clip of ``--frames`` frames at 24 fps preceded by ``--steps`` sampling steps. Every
step and every frame costs a fixed pure-Python workload calibrated to one frame period
(1000/24 = 41.7 ms) of CPU time. The instrumented variant wraps the run in a trace with
LOAD, SAMPLING and DECODE spans and emits one frame event per sampling step (GPU_SAMPLE
with step attributes) and per frame (FRAME_GENERATED with quality metrics, a GPU reading
and an attribute), delivered by the real dispatcher to a local sink collector running in
another process (so the sink's own CPU does not compete for this interpreter's GIL).

Three measurements of the time overhead, because run-to-run noise on a shared machine is
often larger than the effect itself:

1. attributed (primary): inside each instrumented run, the CPU time of the pipeline thread
   not spent in the workload (SDK calls, minus the baseline's loop overhead) plus the CPU
   time of the dispatcher thread, over the workload's CPU time (Linux per-thread clocks,
   which do not count time spent waiting for a core);
2. interleaved frames: one long trace where even frames only work and odd frames work and
   emit, timed with the pipeline thread's CPU clock; adjacent frames are paired, so drift
   cancels and any slowdown of the work itself after an emit (cache pollution) is included;
3. run-level A/B: baseline and instrumented runs in ABBA order, median over pairs of the
   relative difference in wall time and in process CPU time (all threads).

The caller-thread CPU cost of one ``emit_frame`` in a hot loop is reported too. Memory is the
resident set (VmRSS from /proc/self/status, else ru_maxrss) before the first instrumented
run and after the last one. ``--stress`` also measures the memory bound when the collector
is unreachable: events pile up in the ring buffer until its cap.

Usage (from the repository root):  python3 sdk/python/bench/overhead.py [--repeat 10] [--stress]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

import ovpo  # noqa: E402
from ovpo import OvpoClient, SpanKind  # noqa: E402

FRAME_PERIOD_MS = 1000.0 / 24
API_KEY = "ovpo_benchmark_" + "B" * 40


# -- the sink collector (runs in a child process) ----------------------------------------


def serve_sink() -> None:
    """Answer every ingest request 202 and count items; GET /stats reports the counts."""
    counts = {"requests": 0, "items": 0, "bytes": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            items = body.count(b'{"item_type":')
            counts["requests"] += 1
            counts["items"] += items
            counts["bytes"] += len(body)
            self._reply(
                202,
                {
                    "request_id": "sink",
                    "processed_items": items,
                    "failed_items": 0,
                    "duplicate": False,
                    "errors": [],
                },
            )

        def do_GET(self) -> None:
            self._reply(200, counts)

        def _reply(self, status: int, value: Any) -> None:
            payload = json.dumps(value).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


# -- measurement helpers -------------------------------------------------------------------


def rss_mb() -> float:
    """Current resident set size in MB (VmRSS), falling back to the peak from getrusage."""
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0


def spin(iterations: int) -> float:
    """Pure-Python arithmetic: the stand-in for a frame's worth of work."""
    acc = 0.0
    for i in range(iterations):
        acc += (i * 1.000001) % 7.0
    return acc


def calibrate(target_ms: float) -> int:
    """Iterations of :func:`spin` that take ``target_ms`` of CPU time (median of 5 probes;
    CPU time, so a busy machine does not shrink the workload)."""
    probe = 500_000
    rates = []
    for _ in range(5):
        t0 = time.thread_time()
        spin(probe)
        rates.append(probe / ((time.thread_time() - t0) * 1000.0))
    return int(statistics.median(rates) * target_ms)


# -- the synthetic pipeline ------------------------------------------------------------------


class Run:
    """Accumulates the pipeline thread's CPU time spent inside the workload."""

    def __init__(self, iterations: int) -> None:
        self.iterations = iterations
        self.work_cpu = 0.0

    def work(self) -> None:
        t0 = time.thread_time()
        spin(self.iterations)
        self.work_cpu += time.thread_time() - t0


def dispatcher_cpu_s(client: Optional[OvpoClient]) -> float:
    """CPU time used so far by the client's dispatcher thread (Linux per-thread clock)."""
    thread = client._dispatcher._thread if client is not None else None  # bench-only peek
    if thread is None or not hasattr(time, "pthread_getcpuclockid"):
        return 0.0
    return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))  # type: ignore[arg-type]


def timed(
    iterations: int, steps: int, frames: int, client: Optional[OvpoClient]
) -> Dict[str, float]:
    """One :func:`pipeline` run, plus the flush it triggers (so delivery cost is counted)."""
    run = Run(iterations)
    d0 = dispatcher_cpu_s(client)
    t0, c0, m0 = time.perf_counter(), time.process_time(), time.thread_time()
    pipeline(run, steps, frames, client)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    main_cpu = time.thread_time() - m0
    if client is not None:
        client.flush(30)  # outside the timed window, but its CPU is in dispatcher_s
    return {
        "wall": wall,
        "cpu": cpu,
        "main_cpu": main_cpu,
        "work": run.work_cpu,
        "dispatcher": dispatcher_cpu_s(client) - d0,
    }


def pipeline(run: Run, steps: int, frames: int, client: Optional[OvpoClient]) -> None:
    """One generation run: LOAD, ``steps`` sampling steps, ``frames`` decoded frames."""
    if client is None:
        run.work()  # "load"
        for _ in range(steps):
            run.work()
        for _ in range(frames):
            run.work()
        return
    config = ovpo.pipeline_config(
        "bench", width=1280, height=720, fps=24, num_frames=frames, steps=steps, gpu_type="cpu"
    )
    with client.trace(
        pipeline_config=config, expected_frames=frames, tags={"bench": "overhead"}
    ) as trace:
        with trace.span(SpanKind.LOAD):
            run.work()
        with trace.span(SpanKind.SAMPLING) as sampling:
            for step in range(steps):
                run.work()
                sampling.emit_gpu_sample(
                    {
                        "vram_used_mb": 40000.0 + step,
                        "gpu_utilization_pct": 97.0,
                        "temperature_c": 70.0,
                    },
                    attributes={"custom.sampling.step": step, "custom.sampling.step_ms": 41.7},
                )
        with trace.span(SpanKind.DECODE) as decode:
            for index in range(frames):
                run.work()
                decode.emit_frame(
                    index,
                    quality_metrics={
                        "clip_similarity": 0.31,
                        "aesthetic_score": 6.2,
                        "temporal_consistency": 0.93,
                    },
                    gpu={
                        "vram_used_mb": 52000.0,
                        "gpu_utilization_pct": 88.5,
                        "temperature_c": 71.0,
                    },
                    attributes={"custom.frame.psnr": 31.5},
                )


def interleaved(client: OvpoClient, iterations: int, frames: int) -> Dict[str, float]:
    """Frame-level A/B inside one trace: even frames do only the work, odd frames the work
    plus an emit, each timed with the pipeline thread's CPU clock. Adjacent frames form a
    pair, so drift cancels; the work of an instrumented frame runs right after an emit, so
    cache pollution by the SDK shows."""
    trace = client.trace(pipeline_config_ref="bench-interleaved").start()
    plain: List[float] = []
    instrumented: List[float] = []
    for index in range(2 * frames):
        t0 = time.thread_time()
        spin(iterations)
        if index % 2:
            trace.emit_frame(
                index,
                media_time_ms=index,
                quality_metrics={
                    "clip_similarity": 0.31,
                    "aesthetic_score": 6.2,
                    "temporal_consistency": 0.93,
                },
                gpu={"vram_used_mb": 52000.0, "gpu_utilization_pct": 88.5, "temperature_c": 71.0},
                attributes={"custom.frame.psnr": 31.5},
            )
            instrumented.append(time.thread_time() - t0)
        else:
            plain.append(time.thread_time() - t0)
    trace.end()
    client.flush(30)
    diffs = [i - p for p, i in zip(plain, instrumented)]
    return {
        "frames": float(frames),
        "overhead_pct_mean": statistics.mean(diffs) / statistics.mean(plain) * 100.0,
        "overhead_pct_stderr": statistics.stdev(diffs)
        / len(diffs) ** 0.5
        / statistics.mean(plain)
        * 100.0,
    }


def emit_cost_us(client: OvpoClient, count: int = 20_000) -> float:
    """Median caller-thread CPU cost of one emit_frame (validation, encoding, buffer append)."""
    trace = client.trace(pipeline_config_ref="bench-micro").start()
    samples = []
    for _ in range(5):
        t0 = time.thread_time()
        for i in range(count // 5):
            trace.emit_frame(
                i,
                media_time_ms=i,
                quality_metrics={"clip_similarity": 0.31, "aesthetic_score": 6.2},
                gpu={"vram_used_mb": 52000.0, "gpu_utilization_pct": 88.5},
                attributes={"custom.frame.psnr": 31.5},
            )
        samples.append((time.thread_time() - t0) / (count // 5) * 1e6)
    trace.end()
    return statistics.median(samples)


def stress(events: int) -> Dict[str, float]:
    """Collector unreachable: emit ``events`` frame events; the ring buffer must cap memory."""
    before = rss_mb()
    client = OvpoClient(
        "http://127.0.0.1:9",
        api_key=API_KEY,
        gpu_sampling=False,
        install_exit_handlers=False,
        max_retries=0,
        flush_interval_sec=3600,
        flush_trigger_bytes=10**12,
    )
    trace = client.trace(pipeline_config_ref="bench-stress").start()
    for i in range(events):
        trace.emit_frame(
            i % 10_000_000,
            media_time_ms=i,
            quality_metrics={"aesthetic_score": 6.2},
            gpu={"vram_used_mb": 52000.0, "gpu_utilization_pct": 88.5},
        )
    stats = client.stats()
    result = {
        "events": float(events),
        "extra_rss_mb": rss_mb() - before,
        "buffer_mb": stats["buffer_bytes"] / 1048576.0,
        "dropped_events_total": float(stats["dropped_events_total"]),
    }
    client.close(0.1)
    return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sink", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=10, help="pairs of runs")
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument(
        "--interleaved-frames",
        type=int,
        default=600,
        help="pairs of frames for the frame-level A/B",
    )
    parser.add_argument(
        "--stress", action="store_true", help="also measure memory with the collector down"
    )
    parser.add_argument("--stress-events", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true", help="print the result as JSON only")
    args = parser.parse_args(argv)
    if args.sink:
        serve_sink()
        return 0

    sink = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--sink"], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(sink.stdout.readline())  # type: ignore[union-attr]
        url = "http://127.0.0.1:%d" % port
        iterations = calibrate(FRAME_PERIOD_MS)
        client = OvpoClient(url, api_key=API_KEY, gpu_sampling=False, install_exit_handlers=False)
        timed(iterations // 10, 3, 3, client)  # warm-up: imports, first connection, caches
        base: List[Dict[str, float]] = []
        instrumented: List[Dict[str, float]] = []
        rss_before = rss_mb()
        for pair in range(args.repeat):
            order = (None, client) if pair % 2 == 0 else (client, None)  # ABBA against drift
            for variant in order:
                (base if variant is None else instrumented).append(
                    timed(iterations, args.steps, args.frames, variant)
                )
        client.flush(30)
        rss_after = rss_mb()
        frame_ab = interleaved(client, iterations, args.interleaved_frames)
        cost = emit_cost_us(client)
        client.flush(30)
        stats = client.stats()
        client.close(10)
        with urllib.request.urlopen(url + "/stats") as response:
            sink_stats = json.loads(response.read())
    finally:
        sink.terminate()
        sink.wait(10)

    wall = [(i["wall"] - b["wall"]) / b["wall"] * 100.0 for b, i in zip(base, instrumented)]
    cpu = [
        (i["cpu"] + i["dispatcher"] - b["cpu"]) / b["cpu"] * 100.0
        for b, i in zip(base, instrumented)
    ]
    # Attributed: time the instrumented run spent outside the workload (SDK calls on the
    # pipeline thread, beyond the baseline's loop overhead) plus the dispatcher thread's CPU.
    # Attributed: CPU the pipeline thread spent outside the workload (SDK calls, beyond the
    # baseline's loop overhead) plus the dispatcher thread's CPU, over the workload's CPU.
    # Thread CPU clocks ignore time the thread waits for a core, so neighbours on a shared
    # machine do not inflate it.
    base_gap = statistics.median(b["main_cpu"] - b["work"] for b in base)
    caller = [(i["main_cpu"] - i["work"]) - base_gap for i in instrumented]
    attributed = [(c + i["dispatcher"]) / i["work"] * 100.0 for c, i in zip(caller, instrumented)]
    events_per_run = args.steps + args.frames
    # The same cost per event, against a frame of exactly 1/24 s (the calibrated unit drifts
    # with the machine's speed): everything the SDK did in a run, spread over its events.
    per_event_s = (
        statistics.median(caller) + statistics.median(i["dispatcher"] for i in instrumented)
    ) / events_per_run
    result: Dict[str, Any] = {
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "frame_period_ms": round(FRAME_PERIOD_MS, 2),
        "measured_unit_cpu_ms": round(
            statistics.median(b["work"] for b in base) / (events_per_run + 1) * 1000.0, 2
        ),
        "units_per_run": events_per_run + 1,
        "events_per_run": events_per_run,
        "items_per_run": events_per_run + 2 + 3,  # + 2 trace updates + 3 spans
        "pairs": args.repeat,
        "baseline_wall_s": [round(b["wall"], 3) for b in base],
        "instrumented_wall_s": [round(i["wall"], 3) for i in instrumented],
        "overhead_attributed_pct_median": round(statistics.median(attributed), 4),
        "overhead_attributed_pct_max": round(max(attributed), 4),
        "sdk_caller_cpu_ms_per_run": round(statistics.median(caller) * 1000, 2),
        "dispatcher_cpu_ms_per_run": round(
            statistics.median(i["dispatcher"] for i in instrumented) * 1000, 2
        ),
        "sdk_cpu_us_per_event": round(per_event_s * 1e6, 1),
        "overhead_pct_of_41ms_frame": round(per_event_s / (FRAME_PERIOD_MS / 1000.0) * 100.0, 3),
        "interleaved_frame_pairs": int(frame_ab["frames"]),
        "overhead_interleaved_pct_mean": round(frame_ab["overhead_pct_mean"], 3),
        "overhead_interleaved_pct_stderr": round(frame_ab["overhead_pct_stderr"], 3),
        "overhead_wall_pct_median": round(statistics.median(wall), 3),
        "overhead_wall_pct_pairs": [round(x, 2) for x in wall],
        "overhead_cpu_pct_median": round(statistics.median(cpu), 3),
        "emit_frame_cpu_us": round(cost, 1),
        "emit_cost_pct_of_frame": round(cost / (FRAME_PERIOD_MS * 1000.0) * 100.0, 4),
        "extra_rss_mb": round(rss_after - rss_before, 2),
        "items_accepted_total": stats["items_accepted_total"],
        "sink_items": sink_stats["items"],
        "dropped_events_total": stats["dropped_events_total"],
        "items_lost_total": stats["items_lost_total"],
    }
    if args.stress:
        result["stress_collector_down"] = {
            k: round(v, 2) for k, v in stress(args.stress_events).items()
        }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print("%-24s %s" % (key, value))
    return 0


if __name__ == "__main__":
    sys.exit(main())
