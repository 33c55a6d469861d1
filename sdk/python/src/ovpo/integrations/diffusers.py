"""🤗 diffusers integration: a ``callback_on_step_end`` that records the denoising loop.

diffusers is never imported here; the callback only uses the arguments diffusers passes
(``pipe, step_index, timestep, callback_kwargs``), so this module loads without it.

Minimal example::

    from ovpo import OvpoClient, SpanKind
    from ovpo.integrations.diffusers import OvpoStepCallback

    client = OvpoClient()
    with client.trace(pipeline_config=cfg) as trace:
        with OvpoStepCallback(trace) as on_step:
            frames = pipe(prompt, num_inference_steps=30, callback_on_step_end=on_step).frames[0]

What is recorded:

* one SAMPLING span: it starts when the ``with`` block is entered (diffusers offers no hook
  before the first step, so the pipeline's prompt encoding falls inside it) and ends at the
  end of the last step (``pipe.num_timesteps`` or ``total_steps``), so VAE decoding is
  outside; without a known step count it ends with the ``with`` block;
* per step, a GPU_SAMPLE frame event with ``custom.sampling.step``, ``custom.sampling.timestep``
  and ``custom.sampling.step_ms`` (and the latest GPU reading, when the client samples one);
* on the span: ``custom.sampling.steps_completed``, ``custom.sampling.total_steps``,
  ``custom.sampling.step_ms_mean`` / ``_min`` / ``_max``, ``custom.sampling.step_ms`` (the
  list, when there are at most 128 steps), ``custom.sampling.pipeline`` and
  ``custom.sampling.scheduler`` (class names).

GPU work is asynchronous, so a step's wall time is only meaningful after a device sync:
with ``synchronize=True`` (default) the callback calls ``torch.cuda.synchronize()`` when
torch is already imported and CUDA initialised. Pass ``synchronize=False`` to avoid it.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Dict, List, Optional

from ..context import SpanContext, TraceContext, current_trace
from ..diagnostics import logger
from ..enums import SpanKind, SpanStatus

MAX_STEP_LIST = 128


def _scalar(value: Any) -> Optional[float]:
    """float() of a Python/numpy number or a one-element tensor; None if impossible."""
    try:
        return float(value)
    except (TypeError, ValueError, RuntimeError):
        return None


def _cuda_synchronize() -> None:
    torch = sys.modules.get("torch")  # never import torch ourselves
    if torch is None:
        return
    try:
        if torch.cuda.is_initialized():
            torch.cuda.synchronize()
    except Exception:
        pass


class OvpoStepCallback:
    """A diffusers ``callback_on_step_end`` recording SAMPLING steps and timing.

    Args:
        trace: the trace to record into (default: the current trace when it starts).
        total_steps: steps the loop will run; default ``pipe.num_timesteps``.
        name: span name.
        step_events: emit one GPU_SAMPLE frame event per step.
        synchronize: sync CUDA before timing a step (see module docs).
    """

    def __init__(
        self,
        trace: Optional[TraceContext] = None,
        *,
        total_steps: Optional[int] = None,
        name: str = "denoise",
        step_events: bool = True,
        synchronize: bool = True,
    ) -> None:
        self._trace = trace
        self.total_steps = total_steps
        self._name = name
        self._step_events = step_events
        self._synchronize = synchronize
        self.span: Optional[SpanContext] = None
        self.step_ms: List[float] = []
        self._last: Optional[float] = None

    # -- span lifetime -------------------------------------------------------------------

    def start(self) -> "OvpoStepCallback":
        """Open the SAMPLING span now (``with`` calls this)."""
        if self.span is None:
            trace = self._trace or current_trace()
            if trace is not None:
                self.span = trace.span(SpanKind.SAMPLING, self._name).start()
            self._last = time.monotonic()
        return self

    def finish(self, status: Optional[SpanStatus] = None) -> None:
        """Write the summary attributes and end the span (idempotent)."""
        span = self.span
        if span is None or span.ended:
            return
        attributes: Dict[str, Any] = {"custom.sampling.steps_completed": len(self.step_ms)}
        if self.total_steps is not None:
            attributes["custom.sampling.total_steps"] = self.total_steps
        if self.step_ms:
            attributes["custom.sampling.step_ms_mean"] = round(
                sum(self.step_ms) / len(self.step_ms), 3
            )
            attributes["custom.sampling.step_ms_min"] = round(min(self.step_ms), 3)
            attributes["custom.sampling.step_ms_max"] = round(max(self.step_ms), 3)
            if len(self.step_ms) <= MAX_STEP_LIST:
                attributes["custom.sampling.step_ms"] = [round(ms, 3) for ms in self.step_ms]
        span.set_attributes(attributes)
        span.end(status)

    def __enter__(self) -> "OvpoStepCallback":
        return self.start()

    def __exit__(self, exc_type: Any, exc: Optional[BaseException], tb: Any) -> bool:
        if self.span is not None and exc is not None and not self.span.ended:
            self.span.__exit__(exc_type, exc, tb)  # ERROR status + error attributes
            return False
        self.finish()
        return False

    # -- the callback ------------------------------------------------------------------------

    def __call__(
        self, pipe: Any, step_index: int, timestep: Any, callback_kwargs: Dict[str, Any]
    ) -> Dict[str, Any]:
        """Called by diffusers at the end of every denoising step; returns its kwargs."""
        try:
            self._record(pipe, step_index, timestep)
        except Exception as error:  # fail-open: observability never breaks generation
            trace = self.span.trace if self.span is not None else self._trace
            if trace is not None and trace.client.config.strict:
                raise
            logger.warning("ovpo: diffusers callback failed: %s", error)
        return callback_kwargs

    def _record(self, pipe: Any, step_index: int, timestep: Any) -> None:
        if self.span is not None and self.span.ended:
            return  # the loop ran past total_steps, or the callback is reused: use a new one
        if self._synchronize:
            _cuda_synchronize()
        now = time.monotonic()
        if self.span is None:
            self.start()  # used without ``with``: step 0's duration is unknown
            if self.span is None:
                return
            self._describe(pipe)
            self._last = now
            step_ms = None
        else:
            if not self.step_ms:
                self._describe(pipe)
            step_ms = (now - (self._last or now)) * 1000.0
            self.step_ms.append(step_ms)
            self._last = now
        if self.total_steps is None:
            try:
                total = getattr(pipe, "num_timesteps", None)
            except Exception:  # property reading an attribute set only inside __call__
                total = None
            if isinstance(total, int) and total > 0:
                self.total_steps = total
        if self._step_events:
            attributes: Dict[str, Any] = {"custom.sampling.step": int(step_index)}
            t = _scalar(timestep)
            if t is not None:
                attributes["custom.sampling.timestep"] = t
            if step_ms is not None:
                attributes["custom.sampling.step_ms"] = round(step_ms, 3)
            self.span.emit_gpu_sample(attributes=attributes)
        if self.total_steps is not None and step_index + 1 >= self.total_steps:
            self.finish()

    def _describe(self, pipe: Any) -> None:
        assert self.span is not None
        attributes: Dict[str, Any] = {"custom.sampling.pipeline": type(pipe).__name__}
        scheduler = getattr(pipe, "scheduler", None)
        if scheduler is not None:
            attributes["custom.sampling.scheduler"] = type(scheduler).__name__
        self.span.set_attributes(attributes)
