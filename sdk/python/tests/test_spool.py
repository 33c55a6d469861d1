"""The optional disk spool: bounded, and replayed byte-identically on the next start."""

import os
import tempfile
import unittest

from ovpo import OvpoClient
from ovpo.spool import DiskSpool

from .support.harness import CFG, StubTestCase, fast_options
from .test_fail_open import unused_port


class SpoolUnit(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def test_boundedByBytes_evictsOldestFirst(self):
        spool = DiskSpool(self.dir.name, max_bytes=250)
        for i in range(4):
            stored, _ = spool.put(b"%d" % i * 100, "key-%d" % i)
            self.assertTrue(stored)
        entries = spool.pending()
        self.assertEqual(["key-2", "key-3"], [e.idempotency_key for e in entries])
        self.assertLessEqual(spool.total_bytes(), 250)
        self.assertEqual(b"3" * 100, spool.read(entries[-1]))

    def test_batchLargerThanTheSpool_isNotStored(self):
        spool = DiskSpool(self.dir.name, max_bytes=10)
        self.assertEqual((False, 0), spool.put(b"x" * 11, "k"))
        self.assertEqual([], spool.pending())

    def test_leftoverTempFilesAreIgnored(self):
        spool = DiskSpool(self.dir.name, max_bytes=1000)
        with open(os.path.join(self.dir.name, "00000000000000000001-1-k.tmp"), "wb") as handle:
            handle.write(b"partial")
        self.assertEqual([], spool.pending())


class SpoolReplay(StubTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def test_undeliveredBatchesAreSpooled_thenReplayedWithTheSameKeyAndBody(self):
        down = OvpoClient(
            "http://127.0.0.1:%d" % unused_port(),
            **fast_options(max_retries=1, spool_dir=self.dir.name),
        )
        with down.trace(pipeline_config=CFG) as trace:
            for i in range(5):
                trace.emit_frame(i)
        down.flush(10)
        down.close(1)
        stats = down.stats()
        self.assertEqual((1, 0), (stats["spooled_batches_total"], stats["items_lost_total"]))
        spooled = DiskSpool(self.dir.name, 10**9).pending()
        self.assertEqual(1, len(spooled))
        body = DiskSpool.read(spooled[0])

        # "next start": a new client with the same spool dir and a reachable collector
        up = self.client(spool_dir=self.dir.name)
        self.assertTrue(
            self.stub.wait_for(lambda: len(self.stub.accepted_items()) == 7, timeout=10)
        )
        request = self.stub.ingest_requests()[0]
        self.assertEqual(spooled[0].idempotency_key, request.idempotency_key)
        self.assertEqual(body, request.body)
        self.assertTrue(
            self.stub.wait_for(lambda: up.stats()["spool_pending_batches"] == 0, timeout=5)
        )
        self.assertEqual(1, up.stats()["spool_replayed_batches_total"])

    def test_itemsStillBufferedAtClose_areSpooledWhenTheDeadlinePasses(self):
        down = OvpoClient(
            "http://127.0.0.1:%d" % unused_port(),
            **fast_options(
                max_retries=50, backoff_base_sec=0.2, backoff_max_sec=0.2, spool_dir=self.dir.name
            ),
        )
        with down.trace(pipeline_config=CFG):
            pass
        down.close(timeout=0.3)
        self.assertEqual(0, down.stats()["items_lost_total"])
        self.assertGreaterEqual(len(DiskSpool(self.dir.name, 10**9).pending()), 1)

    def test_spoolStaysWithinItsBoundUnderALongOutage(self):
        down = OvpoClient(
            "http://127.0.0.1:%d" % unused_port(),
            **fast_options(max_retries=0, spool_dir=self.dir.name, spool_max_bytes=4000),
        )
        for _ in range(20):
            with down.trace(pipeline_config=CFG):
                pass
            down.flush(5)
        down.close(1)
        stats = down.stats()
        self.assertLessEqual(DiskSpool(self.dir.name, 4000).total_bytes(), 4000)
        self.assertGreater(stats["spool_dropped_batches_total"], 0)
        self.assertEqual(20, stats["spooled_batches_total"])


if __name__ == "__main__":
    unittest.main()
