"""GPU sampling: pynvml first, nvidia-smi second, nothing without a GPU (all faked here)."""

import os
import stat
import sys
import tempfile
import types
import unittest
from unittest import mock

from ovpo import GpuSample, OvpoClient
from ovpo.gpu import GpuSampler, NvidiaSmiBackend, aggregate, detect_backend, visible_gpu_indices

from .support.harness import CFG, StubTestCase, fast_options


def fake_pynvml(devices):
    """A stand-in for the pynvml module over ``devices`` = [(used_bytes, util, temp), ...]."""
    module = types.ModuleType("pynvml")
    module.NVML_TEMPERATURE_GPU = 0
    module.nvmlInit = lambda: None
    module.nvmlShutdown = lambda: None
    module.nvmlDeviceGetCount = lambda: len(devices)
    module.nvmlDeviceGetHandleByIndex = lambda i: i
    module.nvmlDeviceGetMemoryInfo = lambda h: types.SimpleNamespace(used=devices[h][0])
    module.nvmlDeviceGetUtilizationRates = lambda h: types.SimpleNamespace(gpu=devices[h][1])
    module.nvmlDeviceGetTemperature = lambda h, kind: devices[h][2]
    return module


class Backends(unittest.TestCase):
    def test_aggregate_sumsVramAveragesUtilisationMaxTemperature(self):
        self.assertEqual(GpuSample(300.0, 50.0, 70.0), aggregate([(100, 40, 60), (200, 60, 70)]))
        self.assertIsNone(aggregate([]))

    def test_cudaVisibleDevices(self):
        self.assertIsNone(visible_gpu_indices({}))
        self.assertEqual((0, 2), visible_gpu_indices({"CUDA_VISIBLE_DEVICES": "0,2"}))
        self.assertEqual((), visible_gpu_indices({"CUDA_VISIBLE_DEVICES": ""}))
        self.assertEqual((), visible_gpu_indices({"CUDA_VISIBLE_DEVICES": "-1"}))
        self.assertIsNone(visible_gpu_indices({"CUDA_VISIBLE_DEVICES": "GPU-1234"}))

    def test_pynvmlIsPreferred_andHonoursIndices(self):
        nvml = fake_pynvml([(1024**3, 90, 70), (2 * 1024**3, 10, 50)])
        with mock.patch.dict(sys.modules, {"pynvml": nvml}):
            backend = detect_backend(indices=(1,))
        self.assertEqual("pynvml", backend.name)
        self.assertEqual(GpuSample(2048.0, 10.0, 50.0), backend.sample())

    def test_nvidiaSmiFallback_parsesCsvAndSkipsNotAvailable(self):
        with tempfile.TemporaryDirectory() as bin_dir:
            script = os.path.join(bin_dir, "nvidia-smi")
            with open(script, "w") as handle:
                handle.write("#!/bin/sh\necho '1000, 80, 65'\necho '500, 20, [N/A]'\n")
            os.chmod(script, os.stat(script).st_mode | stat.S_IEXEC)
            with mock.patch.dict(sys.modules, {"pynvml": None}), mock.patch.dict(
                os.environ, {"PATH": bin_dir}
            ):
                backend = detect_backend(indices=None)
                self.assertEqual("nvidia-smi", backend.name)
                self.assertEqual(GpuSample(1500.0, 50.0, 65.0), backend.sample())

    def test_noGpu_meansNoBackend(self):
        with tempfile.TemporaryDirectory() as empty, mock.patch.dict(
            sys.modules, {"pynvml": None}
        ), mock.patch.dict(os.environ, {"PATH": empty}):
            self.assertIsNone(detect_backend(indices=None))
        self.assertIsNone(detect_backend(indices=()))

    def test_brokenNvidiaSmi_yieldsNoSample(self):
        self.assertIsNone(NvidiaSmiBackend("/nonexistent/nvidia-smi", None).sample())


class FakeBackend:
    name = "fake"

    def __init__(self):
        self.n = 0

    def sample(self):
        self.n += 1
        return GpuSample(1000.0 + self.n, 75.0, 60.0)

    def close(self):
        pass


class Sampling(StubTestCase):
    def test_samplerEmitsGpuSampleEventsForRunningTraces_andAttachesTheLatestToFrames(self):
        client = self.client()  # gpu_sampling off in fast_options; install a fake sampler
        sampler = client._make_gpu_sampler(detect=FakeBackend)
        client._gpu = sampler
        with client.trace(pipeline_config=CFG) as trace:
            sampler.interval = 0.01
            sampler.start()
            self.assertTrue(
                self.stub.wait_for(
                    lambda: sampler.latest is not None and sampler.latest.vram_used_mb > 1003, 5
                )
            )
            trace.emit_frame(0)
            sampler.stop()
        client.flush(5)
        events = self.items_of("frame_event")
        samples = [e for e in events if e["event_type"] == "GPU_SAMPLE"]
        frames = [e for e in events if e["event_type"] == "FRAME_GENERATED"]
        self.assertGreaterEqual(len(samples), 3)
        self.assertEqual(list(range(len(samples))), [e["frame_index"] for e in samples])
        self.assertEqual(75.0, frames[0]["gpu"]["gpu_utilization_pct"])
        self.assertEqual("fake", client.gpu_backend)

    def test_defaultClientWithoutGpu_startsNoSamplingBackend(self):
        client = OvpoClient(self.stub.url, **fast_options(gpu_sampling=True, gpu_indices=()))
        self.clients.append(client)
        client._gpu._thread.join(5)
        self.assertIsNone(client.gpu_backend)


class SamplerThread(unittest.TestCase):
    def test_failingBackendDoesNotStopSampling(self):
        calls = []

        class Flaky(FakeBackend):
            def sample(self):
                calls.append(1)
                if len(calls) == 1:
                    raise RuntimeError("driver hiccup")
                return super().sample()

        sampler = GpuSampler(0.01, detect=Flaky)
        sampler.start()
        for _ in range(200):
            if sampler.latest is not None:
                break
            import time

            time.sleep(0.01)
        sampler.stop()
        self.assertIsNotNone(sampler.latest)


if __name__ == "__main__":
    unittest.main()
