"""ovpo.integrations.diffusers against a fake pipeline that calls the callback like diffusers."""

import subprocess
import sys
import time
import unittest

from ovpo.integrations.diffusers import OvpoStepCallback

from .support.harness import CFG, StubTestCase
from . import SRC


class FakeScheduler:
    pass


class FakeVideoPipeline:
    """Mimics a diffusers pipeline's denoising loop and its callback_on_step_end contract."""

    def __init__(self, fail_at=None):
        self.scheduler = FakeScheduler()
        self.fail_at = fail_at

    @property
    def num_timesteps(self):
        return self._num_timesteps  # set inside __call__, like diffusers

    def __call__(self, prompt, num_inference_steps=5, callback_on_step_end=None):
        time.sleep(0.01)  # "text encoding" before the loop
        timesteps = [999 - i * (1000 // num_inference_steps) for i in range(num_inference_steps)]
        self._num_timesteps = len(timesteps)
        latents = object()
        for i, t in enumerate(timesteps):
            time.sleep(0.005)
            if i == self.fail_at:
                raise RuntimeError("CUDA out of memory.")
            if callback_on_step_end is not None:
                result = callback_on_step_end(self, i, t, {"latents": latents})
                latents = result.pop("latents", latents)
        time.sleep(0.01)  # "VAE decode" after the loop
        return "frames"


class DiffusersCallback(StubTestCase):
    def test_recordsASamplingSpanEndingAtTheLastStep_andOneEventPerStep(self):
        client = self.client()
        with client.trace(pipeline_config=CFG) as trace:
            with OvpoStepCallback(trace) as on_step:
                self.assertEqual(
                    "frames", FakeVideoPipeline()("a cat", 5, callback_on_step_end=on_step)
                )
            self.assertTrue(on_step.span.ended)
        client.flush(5)
        (span,) = self.items_of("span")
        self.assertEqual(
            ("SAMPLING", "denoise", "OK"), (span["span_kind"], span["name"], span["status"])
        )
        attrs = span["attributes"]
        self.assertEqual(
            (5, 5), (attrs["custom.sampling.steps_completed"], attrs["custom.sampling.total_steps"])
        )
        self.assertEqual(5, len(attrs["custom.sampling.step_ms"]))
        self.assertGreaterEqual(attrs["custom.sampling.step_ms_min"], 4.0)
        self.assertEqual(
            ("FakeVideoPipeline", "FakeScheduler"),
            (attrs["custom.sampling.pipeline"], attrs["custom.sampling.scheduler"]),
        )
        events = self.items_of("frame_event")
        self.assertEqual([0, 1, 2, 3, 4], [e["attributes"]["custom.sampling.step"] for e in events])
        self.assertEqual({"GPU_SAMPLE"}, {e["event_type"] for e in events})
        self.assertEqual({span["span_id"]}, {e["span_id"] for e in events})
        self.assertEqual(999.0, events[0]["attributes"]["custom.sampling.timestep"])

    def test_withoutContextManager_startsAtTheFirstStepAndUsesTheCurrentTrace(self):
        client = self.client()
        with client.trace(pipeline_config=CFG):
            FakeVideoPipeline()("a cat", 4, callback_on_step_end=OvpoStepCallback())
        client.flush(5)
        (span,) = self.items_of("span")
        self.assertEqual(3, span["attributes"]["custom.sampling.steps_completed"])  # step 0 untimed
        self.assertEqual(4, len(self.items_of("frame_event")))

    def test_pipelineError_endsTheSpanWithError(self):
        client = self.client()
        with self.assertRaises(RuntimeError):
            with client.trace(pipeline_config=CFG) as trace:
                with OvpoStepCallback(trace) as on_step:
                    FakeVideoPipeline(fail_at=2)("a cat", 5, callback_on_step_end=on_step)
        client.flush(5)
        (span,) = self.items_of("span")
        self.assertEqual("ERROR", span["status"])
        self.assertEqual("OOM", self.items_of("trace")[-1]["failure"]["code"])
        self.assertEqual(span["span_id"], self.items_of("trace")[-1]["failure"]["span_id"])

    def test_callbackNeverBreaksGeneration(self):
        client = self.client()

        class Weird:
            @property
            def num_timesteps(self):
                raise RuntimeError("boom")

        with client.trace(pipeline_config=CFG) as trace:
            on_step = OvpoStepCallback(trace, step_events=False).start()
            kwargs = {"latents": 1}
            self.assertIs(kwargs, on_step(Weird(), 0, object(), kwargs))
            on_step.finish()

    def test_moduleImportsNeitherDiffusersNorTorch(self):
        code = (
            "import sys; import ovpo.integrations.diffusers; "
            "print(any(m in sys.modules for m in ('diffusers', 'torch')))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONPATH": SRC},
            capture_output=True,
            text=True,
            timeout=30,
        )
        self.assertEqual("False", out.stdout.strip(), out.stderr)


if __name__ == "__main__":
    unittest.main()
