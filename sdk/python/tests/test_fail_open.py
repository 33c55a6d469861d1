"""Fail-open by default, strict mode for tests, and the bounded ring buffer."""

import socket
import time
import unittest

from ovpo import OvpoClient, OvpoDeliveryError, OvpoValidationError, SpanKind
from ovpo.buffer import ITEM_OVERHEAD_BYTES, RingBuffer
from ovpo.diagnostics import RateLimitedLog

from .support.harness import CFG, StubTestCase, fast_options


def unused_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class UnreachableCollector(unittest.TestCase):
    def setUp(self):
        self.url = "http://127.0.0.1:%d" % unused_port()

    def test_pipelineRunsNormally_andFailuresAreCounted(self):
        client = OvpoClient(self.url, **fast_options(max_retries=1))
        with self.assertLogs("ovpo", "WARNING") as logs:
            with client.trace(pipeline_config=CFG) as trace:
                with trace.span(SpanKind.SAMPLING):
                    for i in range(10):
                        trace.emit_frame(i)
            self.assertTrue(client.flush(10))
        stats = client.stats()
        self.assertEqual(1, stats["batches_failed_total"])
        self.assertEqual(13, stats["items_lost_total"])
        self.assertEqual(2, stats["send_failures_total"])
        self.assertTrue(any("lost" in line for line in logs.output))
        client.close(1)

    def test_failuresAreLoggedAtMostOncePerInterval(self):
        client = OvpoClient(self.url, **fast_options(max_retries=0, log_interval_sec=60))
        with self.assertLogs("ovpo", "WARNING") as logs:
            for _ in range(5):
                with client.trace(pipeline_config=CFG):
                    pass
                client.flush(10)
        self.assertEqual(5, client.stats()["batches_failed_total"])
        self.assertEqual(1, sum("lost" in line for line in logs.output))
        client.close(1)

    def test_strict_raisesDeliveryErrorAtTraceEnd(self):
        client = OvpoClient(self.url, **fast_options(max_retries=0, strict=True))
        with self.assertRaises(OvpoDeliveryError):
            with client.trace(pipeline_config=CFG):
                pass
        client.close(1)

    def test_strict_neverMasksThePipelineException(self):
        client = OvpoClient(self.url, **fast_options(max_retries=0, strict=True))
        with self.assertRaises(ZeroDivisionError):
            with client.trace(pipeline_config=CFG):
                1 / 0

    def test_closeWithUnreachableCollector_returnsWithinItsTimeout(self):
        client = OvpoClient(
            self.url, **fast_options(max_retries=100, backoff_base_sec=0.2, backoff_max_sec=0.2)
        )
        with client.trace(pipeline_config=CFG):
            pass
        started = time.monotonic()
        client.close(timeout=0.5)
        self.assertLess(time.monotonic() - started, 4.0)  # 0.5 s + join slack; loaded CI
        self.assertEqual(2, client.stats()["items_lost_total"])


class InvalidData(StubTestCase):
    def test_default_dropsBadFieldsAndKeepsTheItem(self):
        client = self.client()
        with self.assertLogs("ovpo", "WARNING"):
            with client.trace(pipeline_config=CFG, tags={"Bad Tag": "x", "ok": "y"}) as trace:
                with trace.span(SpanKind.DECODE, attributes={"nonamespace": 1, "custom.ok": 2}):
                    trace.emit_frame(
                        0, quality_metrics={"aesthetic_score": 11, "clip_similarity": 0.3}
                    )
        client.flush(5)
        self.assertEqual({"ok": "y"}, self.items_of("trace")[0]["tags"])
        self.assertEqual({"custom.ok": 2}, self.items_of("span")[0]["attributes"])
        self.assertEqual(
            {"clip_similarity": 0.3}, self.items_of("frame_event")[0]["quality_metrics"]
        )
        self.assertEqual(3, client.stats()["invalid_fields_dropped_total"])

    def test_default_dropsAnItemWhoseRequiredFieldIsInvalid(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            self.assertIsNone(trace.emit_frame(-1))
            self.assertIsNone(trace.emit_frame(1, event_type="NOPE"))
        client.flush(5)
        self.assertEqual([], self.items_of("frame_event"))
        self.assertEqual(2, client.stats()["invalid_items_total"])

    def test_missingPipelineConfig_fallsBackToARef(self):
        client = self.client()
        with client.trace() as trace:
            trace.emit_frame(0, media_time_ms=0)
        client.flush(5)
        self.assertEqual("unspecified", self.items_of("trace")[0]["pipeline_config_ref"])

    def test_strict_raisesAtTheOffendingCall(self):
        client = self.client(strict=True)
        with self.assertRaises(OvpoValidationError) as caught:
            client.trace(pipeline_config=CFG, attributes={"steps": 3})
        self.assertEqual("attributes/steps", caught.exception.problems[0][0])
        with client.trace(pipeline_config=CFG) as trace:
            with self.assertRaises(OvpoValidationError):
                trace.emit_frame(0, gpu={"vram_used_mb": -5, "gpu_utilization_pct": 1})
            with self.assertRaises(OvpoValidationError):
                trace.span(SpanKind.LOAD).set_attribute("x", 1)
        with self.assertRaises(OvpoValidationError):
            client.trace(pipeline_config={"model_name": "m"})

    def test_itemLargerThanABatch_isRejected(self):
        client = self.client(max_batch_bytes=10_000)
        with client.trace(pipeline_config=CFG) as trace:
            self.assertIsNone(
                trace.emit_frame(
                    0,
                    attributes={
                        "custom.big": "x" * 4000,
                        "custom.big2": "y" * 4000,
                        "custom.big3": "z" * 4000,
                    },
                )
            )
        self.assertEqual(1, client.stats()["invalid_items_total"])

    def test_emitAfterClose_isDroppedAndCounted(self):
        client = self.client()
        trace = client.trace(pipeline_config=CFG).start()
        client.close(5)
        self.assertIsNone(trace.emit_frame(0))
        self.assertEqual(1, client.stats()["dropped_after_close_total"])

    def test_disabledClient_sendsNothing(self):
        client = self.client(enabled=False)
        with client.trace(pipeline_config=CFG) as trace:
            self.assertIsNone(trace.emit_frame(0))
        self.assertTrue(client.flush(1))
        self.assertEqual([], self.stub.ingest_requests())


class RingBufferBehaviour(unittest.TestCase):
    def test_overwritesOldest_andCountsDrops(self):
        item = b"x" * 100
        cost = len(item) + ITEM_OVERHEAD_BYTES
        buffer = RingBuffer(max_bytes=cost * 3)
        for i in range(5):
            buffer.push(b"%03d" % i + item[3:])
        self.assertEqual(2, buffer.dropped_total)
        items, last = buffer.pop_batch(10_000, 100)
        self.assertEqual([b"002", b"003", b"004"], [i[:3] for i in items])
        self.assertEqual(5, last)

    def test_popBatch_respectsBodyLimitAndOrder(self):
        buffer = RingBuffer(max_bytes=10_000)
        for i in range(10):
            buffer.push(b"%d" % i * 10)  # 10-byte items
        items, _ = buffer.pop_batch(max_body_bytes=12 + 10 * 3 + 2, max_items=100)
        self.assertEqual(3, len(items))
        rest, _ = buffer.pop_batch(max_body_bytes=1_000, max_items=4)
        self.assertEqual([b"3" * 10, b"4" * 10, b"5" * 10, b"6" * 10], rest)

    def test_client_boundsMemoryWhileCollectorIsDown_andCountsDroppedEvents(self):
        client = OvpoClient(
            "http://127.0.0.1:%d" % unused_port(),
            **fast_options(
                buffer_max_bytes=64 * 1024,
                flush_interval_sec=60,
                flush_trigger_bytes=10**9,
                max_retries=0,
            ),
        )
        trace = client.trace(pipeline_config=CFG).start()
        with self.assertLogs("ovpo", "WARNING") as logs:
            for i in range(2000):
                trace.emit_frame(i)
        stats = client.stats()
        self.assertLessEqual(stats["buffer_bytes"], 64 * 1024)
        self.assertGreater(stats["dropped_events_total"], 1000)
        self.assertEqual(2001, stats["events_enqueued_total"])
        self.assertEqual(
            stats["events_enqueued_total"], stats["dropped_events_total"] + stats["buffer_items"]
        )
        self.assertTrue(any("buffer full" in line for line in logs.output))
        client.close(0.5)


class RateLimitedLogging(unittest.TestCase):
    def test_suppressedCountIsReportedWithTheNextLine(self):
        now = [100.0]
        log = RateLimitedLog(interval=60.0, clock=lambda: now[0])
        with self.assertLogs("ovpo", "WARNING") as logs:
            for _ in range(4):
                log.warning("k", "failure")
                now[0] += 1.0
            log.warning("other", "another kind is not suppressed")
            now[0] = 161.0
            log.warning("k", "failure")
        self.assertEqual(3, len(logs.output))
        self.assertIn("3 similar messages suppressed", logs.output[2])


if __name__ == "__main__":
    unittest.main()
