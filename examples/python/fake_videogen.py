#!/usr/bin/env python3
"""A fake text-to-video pipeline instrumented with the OVPO Python SDK.

No GPU and no model: every stage sleeps a little and every number (quality metrics, GPU
readings, sizes) comes from ``random.Random(seed)``, so two runs with the same seed report
the same values (ids and timestamps differ: they are drawn and read at run time).

What it sends: a trace (RUNNING, then terminal) with spans LOAD, TEXT_ENCODE, SAMPLING (one
GPU_SAMPLE event per step with step attributes, step summary on the span), DECODE (one
FRAME_GENERATED event per frame with quality metrics, GPU reading and, every 8th frame, a
thumbnail ref) and OUTPUT_ENCODE, then an output manifest (video, thumbnails, log).

Scenarios (``--scenario``):
  ok              COMPLETED
  oom             a CUDA-style out-of-memory error mid-sampling -> FAILED, failure.code OOM,
                  failure.span_id = the SAMPLING span
  timeout         sampling overruns ``--deadline-sec`` -> FAILED, failure.code TIMEOUT
  missing-frames  some frames are never emitted; the trace reports COMPLETED with
                  expected_frames = num_frames, so the server marks it PARTIAL

Examples:
  python3 examples/python/fake_videogen.py --out /tmp/ovpo.jsonl          # no server needed
  OVPO_API_KEY=ovpo_... python3 examples/python/fake_videogen.py --endpoint http://127.0.0.1:8080
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from typing import Any, Dict, List, Optional

try:
    import ovpo
except ImportError:  # running from a checkout: use the SDK source tree
    sys.path.insert(
        0,
        os.path.join(
            os.path.dirname(os.path.abspath(__file__)), "..", "..", "sdk", "python", "src"
        ),
    )
    import ovpo

from ovpo import ArtifactKind, FrameEventType, GpuSample, OutputManifest, OvpoClient, SpanKind

SCENARIOS = ("ok", "oom", "timeout", "missing-frames")


class OutOfMemoryError(RuntimeError):
    """Stands in for ``torch.cuda.OutOfMemoryError`` (same class name and message style)."""


class FakeGpu:
    """Deterministic GPU readings: VRAM grows with the stage, utilisation jitters."""

    def __init__(self, rng: random.Random, total_mb: float = 81920.0) -> None:
        self._rng = rng
        self.total_mb = total_mb
        self.used_mb = 1200.0

    def load(self, mb: float) -> None:
        self.used_mb = min(self.total_mb, self.used_mb + mb)

    def sample(self, busy: float) -> GpuSample:
        util = max(0.0, min(100.0, busy * 100.0 - self._rng.uniform(0.0, 8.0)))
        return GpuSample(
            vram_used_mb=round(self.used_mb + self._rng.uniform(0.0, 256.0), 1),
            gpu_utilization_pct=round(util, 1),
            temperature_c=round(55.0 + busy * 20.0 + self._rng.uniform(0.0, 3.0), 1),
        )


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--frames", type=int, default=48, help="num_frames (24-120 is typical)")
    parser.add_argument("--fps", type=float, default=24.0)
    parser.add_argument("--steps", type=int, default=20, help="sampling steps")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--prompt", default="a corgi surfing a wave at sunset, cinematic")
    parser.add_argument("--user-id", default="demo-user")
    parser.add_argument("--scenario", choices=SCENARIOS, default="ok")
    parser.add_argument(
        "--step-sec", type=float, default=0.02, help="simulated seconds per sampling step"
    )
    parser.add_argument(
        "--deadline-sec",
        type=float,
        default=None,
        help="sampling deadline (timeout scenario default: half the sampling time)",
    )
    parser.add_argument("--endpoint", default=None, help="collector URL (env OVPO_ENDPOINT)")
    parser.add_argument("--api-key", default=None, help="API key (env OVPO_API_KEY)")
    parser.add_argument(
        "--out", default=None, help="write batches to this JSON-lines file instead of HTTP"
    )
    parser.add_argument(
        "--strict", action="store_true", help="raise on invalid data or delivery failure"
    )
    return parser.parse_args(argv)


def make_client(args: argparse.Namespace) -> OvpoClient:
    transport = ovpo.FileTransport(args.out) if args.out else None
    return OvpoClient(
        args.endpoint, args.api_key, transport=transport, strict=args.strict, gpu_sampling=False
    )  # the fake GPU below supplies the readings


def create_trace(client: OvpoClient, args: argparse.Namespace) -> ovpo.TraceContext:
    """The trace of one run (nothing is sent until it starts)."""
    config = ovpo.pipeline_config(
        "fake-videogen",
        model_version="0.8.0",
        width=args.width,
        height=args.height,
        fps=args.fps,
        num_frames=args.frames,
        steps=args.steps,
        guidance_scale=7.5,
        seed=args.seed,
        scheduler="FakeDPMSolverMultistep",
        gpu_type="A100-80GB",
        gpu_count=1,
    )
    return client.trace(
        pipeline_config=config,
        prompt=args.prompt,
        user_id=args.user_id,
        expected_frames=args.frames,
        tags={"example": "fake_videogen", "scenario": args.scenario},
        attributes={"custom.example.seed": args.seed},
    )


def run(trace: ovpo.TraceContext, args: argparse.Namespace) -> None:
    """Run the fake pipeline once inside ``trace``. Pipeline errors propagate."""
    rng = random.Random(args.seed)
    gpu = FakeGpu(rng)
    with trace:
        with trace.span(SpanKind.LOAD, "load weights") as span:
            time.sleep(args.step_sec * 2)
            gpu.load(24000.0)
            span.set_attributes(
                {"custom.model.weights_mb": 24000, "custom.load.cached": rng.random() < 0.5}
            )
        with trace.span(SpanKind.TEXT_ENCODE, "encode prompt") as span:
            time.sleep(args.step_sec)
            span.set_attribute("custom.text_encoder.tokens", len(args.prompt.split()))
        sample_steps(trace, gpu, rng, args)
        frames = decode_frames(trace, gpu, rng, args)
        with trace.span(SpanKind.OUTPUT_ENCODE, "encode mp4") as span:
            time.sleep(args.step_sec)
            video_size = 200_000 * args.frames + rng.randrange(100_000)
            span.set_attributes({"custom.codec": "h264", "custom.bitrate_kbps": 8000})
        manifest = OutputManifest()
        manifest.add(
            ArtifactKind.VIDEO,
            "s3://ovpo-demo/%s/video.mp4" % trace.trace_id,
            "video/mp4",
            video_size,
            sha256=hashlib.sha256(b"video-%d" % args.seed).hexdigest(),
            ttl_hours=720,
        )
        for ref in frames:
            manifest.add_ref(ref)
        manifest.add(
            ArtifactKind.LOG, "ovpo://logs/%s/run.log" % trace.trace_id, "text/plain", 4096
        )
        trace.add_manifest(manifest)


def sample_steps(
    trace: ovpo.TraceContext, gpu: FakeGpu, rng: random.Random, args: argparse.Namespace
) -> None:
    """The denoising loop: one GPU_SAMPLE event per step, a step summary on the span."""
    deadline = args.deadline_sec
    if deadline is None and args.scenario == "timeout":
        deadline = args.steps * args.step_sec / 2
    with trace.span(SpanKind.SAMPLING, "denoise") as span:
        gpu.load(30000.0)
        started = time.monotonic()
        step_ms: List[float] = []
        for step in range(args.steps):
            t0 = time.monotonic()
            time.sleep(args.step_sec * rng.uniform(0.9, 1.1))
            if args.scenario == "oom" and step == args.steps // 2:
                raise OutOfMemoryError(
                    "CUDA out of memory. Tried to allocate 2.00 GiB "
                    "(GPU 0; 79.35 GiB total capacity; 77.12 GiB already allocated)"
                )
            if deadline is not None and time.monotonic() - started > deadline:
                raise TimeoutError(
                    "sampling exceeded its deadline of %.2f s at step %d" % (deadline, step)
                )
            step_ms.append((time.monotonic() - t0) * 1000.0)
            span.emit_gpu_sample(
                gpu.sample(busy=0.97),
                attributes={
                    "custom.sampling.step": step,
                    "custom.sampling.timestep": round(999.0 * (1 - step / args.steps), 3),
                    "custom.sampling.step_ms": round(step_ms[-1], 3),
                    "custom.sampling.latent_std": round(
                        1.0 - step / args.steps * 0.8 + rng.uniform(-0.01, 0.01), 4
                    ),
                },
            )
        span.set_attributes(
            {
                "custom.sampling.steps_completed": len(step_ms),
                "custom.sampling.total_steps": args.steps,
                "custom.sampling.step_ms_mean": round(sum(step_ms) / len(step_ms), 3),
            }
        )


def decode_frames(
    trace: ovpo.TraceContext, gpu: FakeGpu, rng: random.Random, args: argparse.Namespace
) -> List[Dict[str, Any]]:
    """VAE decode: one FRAME_GENERATED event per frame; returns the thumbnail refs."""
    missing = set()
    if args.scenario == "missing-frames":
        missing = set(rng.sample(range(args.frames), max(1, args.frames // 10)))
    thumbnails: List[Dict[str, Any]] = []
    with trace.span(SpanKind.DECODE, "vae decode") as span:
        for index in range(args.frames):
            time.sleep(args.step_sec / 10)
            quality = {
                "clip_similarity": round(rng.uniform(0.25, 0.35), 4),
                "aesthetic_score": round(rng.uniform(5.0, 7.0), 3),
                "temporal_consistency": round(rng.uniform(0.85, 0.99), 4),
            }
            reading = gpu.sample(busy=0.8)
            if index in missing:
                continue  # the frame is lost: never reported
            thumbnail = None
            if index % 8 == 0:
                thumbnail = ovpo.artifact_ref(
                    ArtifactKind.THUMBNAIL,
                    "ovpo://thumbnails/%s/%05d.jpg" % (trace.trace_id, index),
                    "image/jpeg",
                    18_000 + rng.randrange(4000),
                    ttl_hours=168,
                )
                thumbnails.append(thumbnail)
            span.emit_frame(
                index,
                event_type=FrameEventType.FRAME_GENERATED,
                quality_metrics=quality,
                gpu=reading,
                thumbnail=thumbnail,
            )
        span.set_attribute("custom.decode.frames_emitted", args.frames - len(missing))
    return thumbnails


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    client = make_client(args)
    trace = create_trace(client, args)
    code = 0
    try:
        run(trace, args)
    except (OutOfMemoryError, TimeoutError) as error:
        print(
            "pipeline failed (as the %s scenario intends): %s" % (args.scenario, error),
            file=sys.stderr,
        )
        code = 1
    finally:
        client.close(timeout=10.0)
    stats = client.stats()
    print(
        "trace_id=%s status=%s items_accepted=%d items_lost=%d"
        % (
            trace.trace_id,
            trace.status,
            stats["items_accepted_total"],
            stats["items_lost_total"] + stats["dropped_events_total"],
        )
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
