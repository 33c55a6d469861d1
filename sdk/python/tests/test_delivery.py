"""Batching, splitting, idempotency keys, retries, 429/503, headers (stub collector)."""

import time
import unittest

from ovpo.transport import HttpTransport, parse_retry_after
from ovpo.wire import MAX_BODY_BYTES

from .support.harness import CFG, StubTestCase
from .support.stub_server import API_KEY


class Batching(StubTestCase):
    def test_itemsEmittedTogether_travelInOneBatch_inEmitOrder(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            ids = [trace.emit_frame(i) for i in range(50)]
        self.assertTrue(client.flush(5))
        requests = self.stub.ingest_requests()
        self.assertEqual(1, len(requests))
        events = [
            i["data"]["event_id"] for i in requests[0].items if i["item_type"] == "frame_event"
        ]
        self.assertEqual(ids, events)
        kinds = [i["item_type"] for i in requests[0].items]
        self.assertEqual("trace", kinds[0])
        self.assertEqual("trace", kinds[-1])

    def test_requestHeaders(self):
        client = self.client()
        with client.trace(pipeline_config=CFG):
            pass
        client.flush(5)
        headers = self.stub.ingest_requests()[0].headers
        self.assertEqual("Bearer " + API_KEY, headers["Authorization"])
        self.assertEqual("0.08", headers["X-OVPO-Schema-Version"])
        self.assertEqual("application/json", headers["Content-Type"])
        self.assertRegex(headers["Idempotency-Key"], r"^[0-9a-f-]{36}$")
        self.assertTrue(headers["User-Agent"].startswith("ovpo-sdk-python/"))
        self.assertEqual("/v1/ingest/batch", self.stub.ingest_requests()[0].path)

    def test_gzipOption_compressesTheBody(self):
        client = self.client(gzip=True)
        with client.trace(pipeline_config=CFG) as trace:
            for i in range(200):
                trace.emit_frame(i, attributes={"custom.note": "same text " * 10})
        client.flush(5)
        request = self.stub.ingest_requests()[0]
        self.assertEqual("gzip", request.headers["Content-Encoding"])
        self.assertLess(request.raw_size, len(request.body) / 5)

    def test_batchesAreSplitToStayWithin5MiB_andNothingIsLostOrReordered(self):
        client = self.client(flush_interval_sec=60, flush_trigger_bytes=64 * 1024 * 1024)
        big = {"custom.blob%d" % k: "x" * 4000 for k in range(8)}  # ~32 KB per event
        with client.trace(pipeline_config=CFG) as trace:
            ids = [trace.emit_frame(i, media_time_ms=i, attributes=big) for i in range(400)]
        self.assertTrue(client.flush(30))
        requests = self.stub.ingest_requests()
        self.assertGreaterEqual(len(requests), 3)  # ~13 MB in total
        for request in requests:
            self.assertLessEqual(len(request.body), MAX_BODY_BYTES)
        self.assertGreater(len(requests[0].body), MAX_BODY_BYTES - 40_000)  # batches are filled
        events = [
            i["data"]["event_id"]
            for r in requests
            for i in r.items
            if i["item_type"] == "frame_event"
        ]
        self.assertEqual(ids, events)
        self.assertEqual(len(set(r.idempotency_key for r in requests)), len(requests))

    def test_maxBatchItems_splitsByCount(self):
        client = self.client(max_batch_items=100, flush_interval_sec=60)
        with client.trace(pipeline_config=CFG) as trace:
            for i in range(250):
                trace.emit_frame(i)
        client.flush(5)
        self.assertEqual([100, 100, 52], [len(r.items) for r in self.stub.ingest_requests()])

    def test_flushInterval_sendsWithoutExplicitFlush(self):
        client = self.client(flush_interval_sec=0.2)
        trace = client.trace(pipeline_config=CFG).start()
        trace.emit_frame(0)
        self.assertTrue(self.stub.wait_for(lambda: len(self.stub.accepted_items()) == 2, timeout=5))

    def test_traceEnd_triggersDeliveryWithoutWaitingForTheInterval(self):
        client = self.client(flush_interval_sec=60)
        with client.trace(pipeline_config=CFG):
            pass
        self.assertTrue(self.stub.wait_for(lambda: len(self.stub.accepted_items()) == 2, timeout=5))


class Retries(StubTestCase):
    def _one_trace(self, client):
        with client.trace(pipeline_config=CFG) as trace:
            trace.emit_frame(0)
        return trace

    def test_retry_reusesTheSameIdempotencyKeyAndBody(self):
        self.stub.answer(
            503,
            {"error": {"code": "QUEUE_UNAVAILABLE", "message": "full", "request_id": "r"}},
            times=2,
        )
        client = self.client()
        self._one_trace(client)
        self.assertTrue(client.flush(10))
        requests = self.stub.ingest_requests()
        self.assertEqual([503, 503, 202], [r.status for r in requests])
        self.assertEqual(1, len({r.idempotency_key for r in requests}))
        self.assertEqual(1, len({r.body for r in requests}))
        stats = client.stats()
        self.assertEqual(2, stats["retries_total"])
        self.assertEqual(2, stats["send_failures_total"])
        self.assertEqual(3, stats["items_accepted_total"])

    def test_ids_areNeverRegeneratedOnResend(self):
        self.stub.answer(500, times=1)
        client = self.client()
        self._one_trace(client)
        client.flush(10)
        first, second = self.stub.ingest_requests()
        self.assertEqual(first.items, second.items)

    def test_429_honoursRetryAfter(self):
        self.stub.answer(
            429,
            {
                "error": {
                    "code": "RATE_LIMITED",
                    "message": "slow down",
                    "request_id": "r",
                    "retry_after": 1,
                }
            },
            headers={
                "Retry-After": "1",
                "X-RateLimit-Limit": "200",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": "1",
            },
        )
        client = self.client()
        self._one_trace(client)
        client.flush(10)
        first, second = self.stub.ingest_requests()
        self.assertEqual((429, 202), (first.status, second.status))
        self.assertEqual(first.idempotency_key, second.idempotency_key)
        gaps = self._arrival_gap()
        self.assertGreaterEqual(gaps, 0.95)  # backoff alone would be ~10 ms

    def _arrival_gap(self):
        times = self.stub_times
        return times[1] - times[0]

    def setUp(self):
        super().setUp()
        self.stub_times = []
        original = self.stub._post

        def timed(handler):
            self.stub_times.append(time.monotonic())
            original(handler)

        self.stub._post = timed

    def test_503_isRetriedWithBackoff(self):
        self.stub.answer(503, times=3)
        client = self.client(backoff_base_sec=0.05, backoff_max_sec=1.0)
        self._one_trace(client)
        client.flush(10)
        self.assertEqual([503, 503, 503, 202], [r.status for r in self.stub.ingest_requests()])
        gaps = [b - a for a, b in zip(self.stub_times, self.stub_times[1:])]
        # equal jitter: retry n waits between half and all of base * 2^(n-1)
        for n, gap in enumerate(gaps, start=1):
            self.assertGreaterEqual(gap, 0.05 * 2 ** (n - 1) / 2 - 0.005)

    def test_permanentErrors_areNotRetried(self):
        for status in (400, 401, 403, 415, 422):
            with self.subTest(status=status):
                self.stub.requests.clear()
                self.stub.answer(
                    status, {"error": {"code": "X", "message": "no", "request_id": "r"}}
                )
                client = self.client()
                with self.assertLogs("ovpo", "WARNING") as logs:
                    self._one_trace(client)
                    client.flush(5)
                self.assertEqual(1, len(self.stub.ingest_requests()))
                self.assertEqual(3, client.stats()["items_rejected_total"])
                self.assertIn("HTTP %d" % status, "\n".join(logs.output))

    def test_partialAcceptance_countsRejectedItems(self):
        self.stub.answer(
            202,
            {
                "request_id": "r",
                "processed_items": 2,
                "failed_items": 1,
                "duplicate": False,
                "errors": [
                    {
                        "item_index": 1,
                        "item_type": "frame_event",
                        "code": "SEMANTIC_VIOLATION",
                        "field": "/data/media_time_ms",
                        "message": "decreasing",
                    }
                ],
            },
        )
        client = self.client()
        with self.assertLogs("ovpo", "WARNING") as logs:
            self._one_trace(client)
            client.flush(5)
        stats = client.stats()
        self.assertEqual((2, 1), (stats["items_accepted_total"], stats["items_rejected_total"]))
        self.assertIn("SEMANTIC_VIOLATION", "\n".join(logs.output))

    def test_duplicateAnswer_isCounted(self):
        self.stub.answer(
            202,
            {
                "request_id": "r",
                "processed_items": 3,
                "failed_items": 0,
                "duplicate": True,
                "errors": [],
            },
        )
        client = self.client()
        self._one_trace(client)
        client.flush(5)
        self.assertEqual(1, client.stats()["duplicate_batches_total"])

    def test_413_splitsTheBatchWithDerivedKeys(self):
        self.stub.answer(
            413, {"error": {"code": "PAYLOAD_TOO_LARGE", "message": "big", "request_id": "r"}}
        )
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            for i in range(10):
                trace.emit_frame(i)
        client.flush(5)
        first, a, b = self.stub.ingest_requests()
        self.assertEqual((12, 6, 6), (len(first.items), len(a.items), len(b.items)))
        self.assertEqual(first.items, a.items + b.items)
        self.assertEqual(first.idempotency_key + "-a", a.idempotency_key)
        self.assertEqual(first.idempotency_key + "-b", b.idempotency_key)

    def test_retriesExhausted_countsLostItems(self):
        self.stub.answer(503, times=10)
        client = self.client(max_retries=2)
        with self.assertLogs("ovpo", "WARNING"):
            self._one_trace(client)
            client.flush(5)
        self.assertEqual(3, len(self.stub.ingest_requests()))
        stats = client.stats()
        self.assertEqual((1, 3), (stats["batches_failed_total"], stats["items_lost_total"]))


class RetryAfterParsing(unittest.TestCase):
    def test_secondsAndHttpDate(self):
        self.assertEqual(3.0, parse_retry_after("3"))
        self.assertAlmostEqual(
            30.0, parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0), places=3
        )
        self.assertIsNone(parse_retry_after("soon"))
        self.assertIsNone(parse_retry_after(None))

    def test_transport_reportsNetworkErrorsAsStatus0(self):
        transport = HttpTransport("http://127.0.0.1:9", API_KEY)  # discard port: refused
        result = transport.send(b'{"items":[]}', "k", 2.0)
        self.assertEqual(0, result.status)
        self.assertTrue(result.retryable)
        self.assertIsNotNone(result.error)


if __name__ == "__main__":
    unittest.main()
