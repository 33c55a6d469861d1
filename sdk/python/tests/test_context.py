"""TraceContext / SpanContext: lifecycle, nesting, decorators, failures, frame events."""

import asyncio
import threading
import unittest

import ovpo
from ovpo import FrameEventType, GpuSample, SpanKind, TraceStatus

from .support.harness import CFG, StubTestCase


class OutOfMemoryError(RuntimeError):
    pass


class TraceLifecycle(StubTestCase):
    def test_traceSendsRunningThenCompleted_withStableIdAndTimestamps(self):
        client = self.client()
        with client.trace(
            pipeline_config=CFG,
            prompt="p",
            user_id="u",
            expected_frames=8,
            tags={"env": "test"},
            attributes={"custom.run": 1},
        ) as trace:
            self.assertIs(ovpo.current_trace(), trace)
        self.assertIsNone(ovpo.current_trace())
        client.flush(5)
        running, completed = self.items_of("trace")
        self.assertEqual(("RUNNING", "COMPLETED"), (running["status"], completed["status"]))
        self.assertEqual(running["trace_id"], completed["trace_id"])
        self.assertEqual(running["created_at"], completed["created_at"])
        self.assertNotIn("ended_at", running)
        self.assertLessEqual(completed["started_at"], completed["ended_at"])
        self.assertEqual(ovpo.hash_prompt("p"), completed["prompt_hash"])
        self.assertEqual(ovpo.hash_user_id("u"), completed["user_id_hash"])
        self.assertEqual(8, completed["expected_frames"])
        self.assertEqual("python", completed["attributes"]["ovpo.sdk.language"])
        self.assertNotIn("failure", completed)

    def test_pendingThenRunning_andContinuingATraceById(self):
        client = self.client()
        queued = client.trace(pipeline_config_ref="cfg-v1").pending()
        worker = client.trace(pipeline_config_ref="cfg-v1", trace_id=queued.trace_id)
        with worker:
            pass
        client.flush(5)
        self.assertEqual(
            ["PENDING", "RUNNING", "COMPLETED"], [t["status"] for t in self.items_of("trace")]
        )
        self.assertEqual({queued.trace_id}, {t["trace_id"] for t in self.items_of("trace")})

    def test_setStatus_andAttributesSetDuringTheRunGoOutWithTheEnd(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            trace.set_attribute("custom.late", "yes").set_tag("phase", "2").set_status(
                TraceStatus.PARTIAL
            )
        client.flush(5)
        end = self.items_of("trace")[-1]
        self.assertEqual("PARTIAL", end["status"])
        self.assertEqual("yes", end["attributes"]["custom.late"])
        self.assertEqual({"phase": "2"}, end["tags"])

    def test_exception_failsTheTrace_withFailurePointingAtTheInnermostSpan(self):
        client = self.client()
        with self.assertRaises(OutOfMemoryError):
            with client.trace(pipeline_config=CFG) as trace:
                with trace.span(SpanKind.SAMPLING) as outer:
                    with trace.span(SpanKind.CUSTOM, "unet") as inner:
                        raise OutOfMemoryError("CUDA out of memory. Tried to allocate 2 GiB")
        client.flush(5)
        end = self.items_of("trace")[-1]
        self.assertEqual("FAILED", end["status"])
        self.assertEqual(
            {
                "code": "OOM",
                "retryable": False,
                "span_id": inner.span_id,
                "message": "OutOfMemoryError: CUDA out of memory. Tried to allocate 2 GiB",
            },
            end["failure"],
        )
        spans = {s["span_id"]: s for s in self.items_of("span")}
        self.assertEqual("ERROR", spans[inner.span_id]["status"])
        self.assertEqual("ERROR", spans[outer.span_id]["status"])
        self.assertEqual(
            "OutOfMemoryError", spans[inner.span_id]["attributes"]["custom.error.type"]
        )

    def test_failureClassification(self):
        cases = [
            (TimeoutError("slow"), "FAILED", "TIMEOUT", True),
            (ConnectionResetError("x"), "FAILED", "INFRA", True),
            (ValueError("x"), "FAILED", "UNKNOWN", False),
            (MemoryError(), "FAILED", "OOM", False),
            (KeyboardInterrupt(), "CANCELLED", None, None),
        ]
        client = self.client()
        for error, status, code, retryable in cases:
            with self.subTest(error=type(error).__name__):
                with self.assertRaises(type(error)):
                    with client.trace(pipeline_config=CFG) as trace:
                        raise error
                client.flush(5)
                end = [t for t in self.items_of("trace") if t["trace_id"] == trace.trace_id][-1]
                self.assertEqual(status, end["status"])
                self.assertEqual(code, end.get("failure", {}).get("code"))
                self.assertEqual(retryable, end.get("failure", {}).get("retryable"))

    def test_explicitFail_winsOverClassification_andRedactionHidesMessages(self):
        client = self.client(redact_error_messages=True)
        with self.assertRaises(RuntimeError):
            with client.trace(pipeline_config=CFG) as trace:
                trace.fail("MODEL_ERROR", "NaNs in latents", retryable=True)
                raise RuntimeError("secret prompt text")
        with self.assertRaises(RuntimeError):
            with client.trace(pipeline_config=CFG):
                with ovpo.span(SpanKind.DECODE):
                    raise RuntimeError("secret prompt text")
        client.flush(5)
        ends = [t for t in self.items_of("trace") if t["status"] == "FAILED"]
        self.assertEqual(
            {"code": "MODEL_ERROR", "message": "NaNs in latents", "retryable": True},
            ends[0]["failure"],
        )
        self.assertEqual("RuntimeError", ends[1]["failure"]["message"])
        self.assertNotIn("secret", str(self.stub.accepted_items()))

    def test_endingATrace_endsItsOpenSpans(self):
        client = self.client()
        trace = client.trace(pipeline_config=CFG).start()
        span = trace.span(SpanKind.UPSCALE).start()
        trace.end("FAILED")
        client.flush(5)
        self.assertEqual("ERROR", self.items_of("span")[0]["status"])
        self.assertTrue(span.ended)
        self.assertEqual("UNKNOWN", self.items_of("trace")[-1]["failure"]["code"])


class Spans(StubTestCase):
    def test_nestingSetsParents_andSpansAreSentOnceWhenTheyEnd(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            with trace.span(SpanKind.SAMPLING, attributes={"custom.steps": 2}) as sampling:
                with ovpo.span(SpanKind.CUSTOM, "step") as step:
                    self.assertIs(ovpo.current_span(), step)
                self.assertIs(ovpo.current_span(), sampling)
            with trace.span(SpanKind.DECODE, parent=sampling.span_id):
                pass
        client.flush(5)
        spans = {s["name"]: s for s in self.items_of("span")}
        self.assertEqual(3, len(self.items_of("span")))
        self.assertNotIn("parent_span_id", spans["sampling"])
        self.assertEqual(sampling.span_id, spans["step"]["parent_span_id"])
        self.assertEqual(sampling.span_id, spans["decode"]["parent_span_id"])
        self.assertEqual({"custom.steps": 2}, spans["sampling"]["attributes"])
        for span in spans.values():
            self.assertEqual("OK", span["status"])
            self.assertLessEqual(span["start_time"], span["end_time"])

    def test_decorators_createAFreshTraceOrSpanPerCall(self):
        client = self.client()

        @ovpo.span(SpanKind.DECODE)
        def decode(x):
            return x * 2

        @client.trace(pipeline_config=CFG)
        def generate(x):
            ovpo.current_trace().set_attribute("custom.x", x)
            return decode(x)

        self.assertEqual((2, 4), (generate(1), generate(2)))
        client.flush(5)
        traces = self.items_of("trace")
        self.assertEqual(2, len({t["trace_id"] for t in traces}))
        spans = self.items_of("span")
        self.assertEqual(2, len({s["span_id"] for s in spans}))
        self.assertTrue(all(s["name"].endswith("decode") for s in spans))
        self.assertEqual({t["trace_id"] for t in traces}, {s["trace_id"] for s in spans})

    def test_asyncFunctionsCanBeDecorated(self):
        client = self.client()

        @ovpo.span(SpanKind.SAFETY_CHECK, "nsfw")
        async def check():
            await asyncio.sleep(0)
            return ovpo.current_span().name

        async def main():
            with client.trace(pipeline_config=CFG):
                return await check()

        self.assertEqual("nsfw", asyncio.run(main()))
        client.flush(5)
        self.assertEqual("SAFETY_CHECK", self.items_of("span")[0]["span_kind"])

    def test_spanWithoutATrace_recordsNothingAndNeverRaises(self):
        with ovpo.span(SpanKind.LOAD) as span:
            span.set_attribute("custom.a", 1)
            self.assertIsNone(span.emit_frame(0))
        self.assertIsNone(ovpo.emit_frame(0))

    def test_invalidSpanKind_fallsBackToCustom(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            with trace.span("WARP", "warp"):
                pass
        client.flush(5)
        self.assertEqual(
            ("CUSTOM", "warp"),
            (self.items_of("span")[0]["span_kind"], self.items_of("span")[0]["name"]),
        )


class FrameEvents(StubTestCase):
    def test_emitFrame_fields(self):
        client = self.client()
        thumb = ovpo.artifact_ref("THUMBNAIL", "ovpo://t/0.jpg", "image/jpeg", 100)
        with client.trace(pipeline_config=dict(CFG, fps=25)) as trace:
            with trace.span(SpanKind.DECODE) as span:
                event_id = ovpo.emit_frame(
                    3,
                    quality_metrics={"aesthetic_score": 5.5},
                    gpu=GpuSample(1024.5, 88.0, 61.0),
                    thumbnail=thumb,
                    attributes={"custom.seed": 1},
                )
            trace.emit_frame(
                4,
                event_type=FrameEventType.FRAME_DECODED,
                media_time_ms=999.6,
                gpu={"vram_used_mb": 1, "gpu_utilization_pct": 2},
            )
        client.flush(5)
        first, second = self.items_of("frame_event")
        self.assertEqual(event_id, first["event_id"])
        self.assertEqual(span.span_id, first["span_id"])
        self.assertEqual(120, first["media_time_ms"])  # 3 * 1000 / 25
        self.assertEqual(
            {"vram_used_mb": 1024.5, "gpu_utilization_pct": 88.0, "temperature_c": 61.0},
            first["gpu"],
        )
        self.assertEqual(thumb, first["thumbnail"])
        self.assertEqual("FRAME_DECODED", second["event_type"])
        self.assertEqual(1000, second["media_time_ms"])
        self.assertNotIn("span_id", second)

    def test_mediaTimeIsRequiredWithoutFps(self):
        client = self.client()
        with client.trace(pipeline_config_ref="ref") as trace:
            self.assertIsNone(trace.emit_frame(0))
            self.assertIsNotNone(trace.emit_frame(0, media_time_ms=0))

    def test_gpuSamples_numberSequentiallyWithGrowingMediaTime(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            threads = [
                threading.Thread(
                    target=lambda: [
                        trace.emit_gpu_sample({"vram_used_mb": 1, "gpu_utilization_pct": 1})
                        for _ in range(50)
                    ]
                )
                for _ in range(4)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        client.flush(5)
        samples = sorted(self.items_of("frame_event"), key=lambda e: e["frame_index"])
        self.assertEqual(list(range(200)), [e["frame_index"] for e in samples])
        media = [e["media_time_ms"] for e in samples]
        self.assertEqual(sorted(media), media)

    def test_framesFromOtherThreads_attachToTheInnermostOpenSpan(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            with trace.span(SpanKind.DECODE) as span:
                worker = threading.Thread(target=lambda: trace.emit_frame(0))
                worker.start()
                worker.join()
        client.flush(5)
        self.assertEqual(span.span_id, self.items_of("frame_event")[0]["span_id"])

    def test_manifest_fromBuilderOrList(self):
        client = self.client()
        manifest = ovpo.OutputManifest()
        manifest.add("VIDEO", "s3://b/v.mp4", "video/mp4", 10)
        with client.trace(pipeline_config=CFG) as trace:
            self.assertEqual(manifest.manifest_id, trace.add_manifest(manifest))
            trace.add_manifest(manifest)  # resend: same ids
            trace.add_manifest([ovpo.artifact_ref("LOG", "ovpo://l", "text/plain", 1)])
        client.flush(5)
        manifests = self.items_of("artifact_manifest")
        self.assertEqual(manifests[0], manifests[1])
        self.assertEqual(trace.trace_id, manifests[2]["trace_id"])


if __name__ == "__main__":
    unittest.main()
